// The what-if workbench (`targetcast serve`, issue 15) as a planner uses it, in
// Debian's headless Chromium driven by playwright-core: start the server on a
// free port, open the page, move the funding lever, wait for the table to
// update, check the paired difference of the institutions target (positive,
// 95% interval excluding 0), save the settings as a scenario file and have
// `targetcast validate` accept it; add a shock and move a prior; store the run as
// an experiment that `targetcast report` reports; download the report. Also: no request leaves the served address,
// no console error, and in Chinese no English word is left in a label.
//
// node check_workbench.mjs --targetcast BIN --modules DIR --chromium PATH --lang zh|en --workdir DIR --screenshot PNG
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args[argv[i].slice(2)] = argv[i + 1];
for (const required of ['targetcast', 'modules', 'chromium', 'lang', 'workdir', 'screenshot']) {
  if (!(required in args)) throw new Error(`missing --${required}`);
}
const { chromium } = require(resolve(args.modules, 'playwright-core'));
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

const server = spawn(args.targetcast, ['serve', '--port', '0', '--runs', '400', '--threads', '2', '--lang', args.lang],
                     { cwd: args.workdir, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((done, fail) => {
  let out = '';
  const timer = setTimeout(() => fail(new Error('targetcast serve did not listen within 120 s')), 120000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
    if (m) {
      clearTimeout(timer);
      done(Number(m[1]));
    }
  });
  server.on('exit', (code) => fail(new Error(`targetcast serve exited (${code}) before listening:\n${out}`)));
});
const origin = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1500 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const elsewhere = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) elsewhere.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));

  // Waits for the page; on a timeout the error says what the page's status line showed.
  const waitFor = async (fn, arg, what) => {
    try {
      await page.waitForFunction(fn, arg, { timeout: 120000 });
    } catch (e) {
      const status = await page.locator('#status').textContent().catch(() => '?');
      throw new Error(`${what}: ${e.message}; the status line reads "${status}"`);
    }
  };
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  const rows = page.locator('#targets-body tr');
  check(await rows.count() === 10, 'the ten Guangdong targets are in the table');

  // Move the funding lever to 2× and wait for the recalculated table.
  const before = await page.locator('#status').textContent();
  await page.locator('#funding_multiplier').evaluate((el) => {
    el.value = '2';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await waitFor((old) => {
    const s = document.getElementById('status');
    return s.textContent !== old && /\d/.test(s.textContent) && s.className === '';
  }, before, 'the table after the funding lever moved');
  const institutions = await page.locator('#targets-body tr', { hasText: /30/ }).first().locator('td').nth(5).textContent();
  const m = /^([+-][\d.]+) \[([+-][\d.]+), ([+-][\d.]+)\]$/.exec(institutions.trim());
  check(m !== null, `the institutions row shows a paired difference (${institutions})`);
  if (m) {
    check(Number(m[1]) > 0, `more funding raises P(30+ institutions) (${m[1]} points)`);
    check(Number(m[2]) > 0, `its 95% interval excludes 0 ([${m[2]}, ${m[3]}])`);
  }
  const means = args.lang === 'zh' ? /2\.00 × = 3\.60 亿元\/年/ : /2\.00 × = 360 million yuan a year/;
  const funding = await page.locator('#funding_multiplier-value').textContent();
  check(means.test(funding), `the lever shows the money a year it means in the page's unit (2 × 1.8亿元; ${funding})`);
  // The assumptions are named as the seed files name them, not by code.
  const priorLabel = await page.locator('label[for="p-mu_g"]').textContent();
  check(!/mu_g/.test(priorLabel) && priorLabel.trim().length > 0, `the growth prior is named (${priorLabel})`);

  // Save: the file lands in the server's folder and validates.
  await page.locator('#save').click();
  await waitFor(() => /what-if-\d+\.toml/.test(document.getElementById('status').textContent), null,
                'the saved file\'s name');
  const saved = /what-if-\d+\.toml/.exec(await page.locator('#status').textContent())[0];
  const validated = spawnSync(args.targetcast, ['validate', saved], { cwd: args.workdir, encoding: 'utf8' });
  check(validated.status === 0, `targetcast validate accepts the saved ${saved}: ${validated.stdout}${validated.stderr}`);

  if (args.lang === 'zh') {
    const labels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, th, label, button, option, td, #status')]
      .map((e) => e.textContent));
    // Latin letters allowed only in file names (what-if-1.toml).
    const english = labels.filter((s) => /[A-Za-z]{3,}/.test(s.replace(/what-if-\d+\.toml/g, '')));
    check(english.length === 0, `no English left in the Chinese page's labels (${english.slice(0, 5).join(' | ')})`);
  }
  // A shock and a moved prior: recalculated, and the chart draws both bands and the target markers.
  const settle = async (change) => {
    const old = Number(await page.evaluate(() => document.body.dataset.updates));
    await page.evaluate(change);
    await waitFor((o) => Number(document.body.dataset.updates) > o && document.getElementById('status').className === '',
                  old, 'the table after a shock or a prior moved');
  };
  await settle(() => {
    const set = (id, v) => { const el = document.getElementById(id); el.value = v; };
    set('shock-from', '2023');
    set('shock-to', '2025');
    set('shock-value', '-0.2');
    const rule = document.getElementById('shock-rule');
    rule.value = 'growth';
    rule.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle(() => {
    const on = document.getElementById('p-mu_g-on');
    document.getElementById('p-mu_g').value = '0.05';
    on.checked = true;
    on.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const core = await page.locator('#targets-body tr', { hasText: /1500/ }).first().locator('td').nth(5).textContent();
  check(/^-[\d.]+ \[-[\d.]+, -[\d.]+\]$/.test(core.trim()),
        `a growth shock of −20% and slower firm growth lower P(core industry > 1500亿) despite more money (${core})`);
  const chart = await page.evaluate(() => {
    const series = echarts.getInstanceByDom(document.getElementById('fan')).getOption().series;
    return { bands: series.filter((x) => x.areaStyle).length,
             markers: series.filter((x) => x.type === 'scatter').reduce((n, x) => n + x.data.length, 0) };
  });
  check(chart.bands === 2 && chart.markers >= 1, `the fan chart fills both bands and marks the target (${JSON.stringify(chart)})`);

  // Store as an experiment: `targetcast report` then reports it.
  await page.locator('#store').click();
  await waitFor(() => /--experiment \d+/.test(document.getElementById('status').textContent), null,
                'the stored experiment\'s id');
  const experiment = /--experiment (\d+)/.exec(await page.locator('#status').textContent())[1];
  const reported = spawnSync(args.targetcast, ['report', '--db', 'results.sqlite', '--experiment', experiment,
                                               '--out', `stored-${args.lang}.html`], { cwd: args.workdir, encoding: 'utf8' });
  check(reported.status === 0, `targetcast report reports stored experiment ${experiment}: ${reported.stderr}`);

  // Download the report of the current settings: a whole HTML page in the page's language.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.locator('#download').click()]);
  const html = readFileSync(await download.path(), 'utf8');
  check(/^targetcast-report-\d+\.html$/.test(download.suggestedFilename()), `the report downloads as ${download.suggestedFilename()}`);
  check(html.startsWith('<!DOCTYPE html>') && html.includes(`lang="${args.lang === 'zh' ? 'zh-CN' : 'en'}"`),
        'the downloaded report is a whole page in the page\'s language');

  check(elsewhere.length === 0, `no request outside ${origin} (${elsewhere.join(', ')})`);
  check(errors.length === 0, `no console error (${errors.join(' | ')})`);
  await page.screenshot({ path: args.screenshot, fullPage: true });
} finally {
  await browser.close();
  server.kill('SIGINT');
}
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all workbench checks passed');
