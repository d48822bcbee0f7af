// Benchmark of the what-if workbench (issue 15): from a lever change to the
// updated table, measured in the browser (input event → table redrawn) and on
// the server (the what-if's own seconds, as the page reports them), at
// --runs 2000 on the Guangdong plan. Prints a markdown table for
// docs/benchmarks.md.
//   node bench/workbench.mjs [TARGETCAST] [CHROMIUM]   (from the repository root, after the build)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(resolve('node_modules', 'playwright-core'));
const targetcast = process.argv[2] || 'build/app/targetcast';
const executablePath = process.argv[3] || '/usr/bin/chromium';
const changes = 10;

const server = spawn(targetcast, ['serve', '--port', '0', '--runs', '2000', '--lang', 'en'],
                     { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((done) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
    if (m) done(Number(m[1]));
  });
});
process.on('exit', () => server.kill('SIGINT'));
const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
});
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
const browserMs = [];
const serverS = [];
for (let i = 0; i < changes; ++i) {
  const value = String(1.2 + 0.1 * i);
  const ms = await page.evaluate((v) => new Promise((done) => {
    // The page counts the answers it drew (body data-updates): two answers
    // may read alike ("2000 runs in 0.77 s"), so the status text cannot tell.
    const before = Number(document.body.dataset.updates);
    const start = performance.now();
    const watch = new MutationObserver(() => {
      if (Number(document.body.dataset.updates) > before) {
        watch.disconnect();
        done(performance.now() - start);
      }
    });
    watch.observe(document.body, { attributes: true, attributeFilter: ['data-updates'] });
    const lever = document.getElementById('funding_multiplier');
    lever.value = v;
    lever.dispatchEvent(new Event('input', { bubbles: true }));
  }), value);
  browserMs.push(ms);
  serverS.push(Number(/in ([\d.]+) s/.exec(await page.locator('#status').textContent())[1]));
}
await browser.close();
server.kill('SIGINT');
const sorted = (a) => [...a].sort((x, y) => x - y);
const median = (a) => sorted(a)[Math.floor(a.length / 2)];
console.log(`| lever changes | runs | server: median [max] s | browser, change → table: median [max] s |`);
console.log(`|---|---|---|---|`);
console.log(`| ${changes} | 2,000 | ${median(serverS).toFixed(2)} [${Math.max(...serverS).toFixed(2)}] | ` +
            `${(median(browserMs) / 1000).toFixed(2)} [${(Math.max(...browserMs) / 1000).toFixed(2)}] |`);
