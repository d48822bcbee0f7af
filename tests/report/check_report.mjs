// Opens a targetcast HTML report in headless Chromium (Debian's package, driven
// by playwright-core; no browser is ever downloaded) and checks it as a person
// would look at it:
//  - the page loads with no network: no request other than the file itself,
//    also in a browser context that is offline;
//  - no console error, no uncaught exception, no dialog (alert) of any kind;
//  - every chart drew: an ECharts instance on each chart element, holding the
//    expected series, with SVG paths on the page;
//  - the expected numbers of fan, first-year, scenario and tornado charts;
//  - with --hostile TEXT: the text appears literally in the page (escaped), and
//    no tooltip or element runs it;
//  - a target's label never hides an observed point: a copy of the report with
//    an observed point at each target's value the year before its deadline,
//    where the label to the left of the marker would be;
// and saves a full-page PNG screenshot.
//
// node check_report.mjs --report FILE --screenshot PNG --fans N --firsts N [--scenarios N] [--tornados N]
//                       [--scenarios N] [--hostile TEXT] [--chromium PATH]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { scenarios: '0', tornados: '0', chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['report', 'screenshot', 'fans', 'firsts', 'modules']) {
    if (!(required in args)) throw new Error(`missing --${required}`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const { chromium } = require(resolve(args.modules, 'playwright-core'));
const failures = [];
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

// Static check of the markup outside <script> elements: no attribute may point
// at another resource (the scripts are checked by running them, below).
const html = readFileSync(args.report, 'utf8');
const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
check(!/\b(src|href|action|srcset|poster|data)\s*=\s*["']?\s*(https?:|\/\/|file:)/i.test(markup),
      'markup references no external resource');
check(!/<link\b/i.test(markup) && !/@import|url\(/i.test(markup), 'no <link>, @import or url() in the markup');
check(/Content-Security-Policy[^>]*default-src 'none'/.test(html), "Content-Security-Policy forbids every load");
const scriptCount = (html.match(/<script\b/gi) || []).length;
check(scriptCount === 3, `exactly 3 <script> elements (ECharts, report, data), found ${scriptCount}`);

const fileUrl = pathToFileURL(resolve(args.report)).href;
const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-default-apps', '--disable-extensions'],
});
try {
  // Offline context: a page that needed the network would fail to draw here.
  const context = await browser.newContext({ offline: true, viewport: { width: 1360, height: 900 },
                                             deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  const requests = [];
  const consoleErrors = [];
  const dialogs = [];
  page.on('request', (r) => { if (r.url() !== fileUrl && !r.url().startsWith('data:')) requests.push(r.url()); });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    if (m.type() === 'warning') console.log(`     console warning: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('dialog', async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });

  const response = await page.goto(fileUrl, { waitUntil: 'load' });
  check(response === null || response.ok(), 'the report file loads');
  await page.waitForSelector('body[data-charts-drawn]', { timeout: 15000 });

  const charts = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[data-chart]')) {
      const chart = window.echarts.getInstanceByDom(el);
      const option = chart ? chart.getOption() : null;
      const rect = el.getBoundingClientRect();
      out.push({
        kind: el.getAttribute('data-chart'),
        index: Number(el.getAttribute('data-index')),
        hasInstance: Boolean(chart),
        width: rect.width, height: rect.height,
        paths: el.querySelectorAll('svg path').length,
        text: Array.from(el.querySelectorAll('svg text')).map((t) => t.textContent).join(''),
        series: option ? option.series.map((s) => ({ name: s.name, type: s.type,
                                                     points: (s.data || []).filter((d) => d !== null && d !== undefined).length })) : [],
      });
    }
    return out;
  });
  const data = JSON.parse(await page.evaluate(() => document.getElementById('report-data').textContent));
  const byKind = (k) => charts.filter((c) => c.kind === k);
  check(byKind('fan').length === Number(args.fans), `${args.fans} fan charts (found ${byKind('fan').length})`);
  check(byKind('first').length === Number(args.firsts), `${args.firsts} first-year charts (found ${byKind('first').length})`);
  check(byKind('tornado').length === Number(args.tornados),
        `${args.tornados} tornado charts (found ${byKind('tornado').length})`);
  check(byKind('scenarios').length === (Number(args.scenarios) > 1 ? 1 : 0),
        `${Number(args.scenarios) > 1 ? 'a' : 'no'} scenario chart`);
  for (const c of charts) {
    const label = `${c.kind} chart ${c.index}`;
    check(c.hasInstance, `${label}: ECharts instance exists`);
    check(c.width > 200 && c.height > 150, `${label}: has a visible size (${c.width}x${c.height})`);
    check(c.paths > 5, `${label}: drew SVG paths (${c.paths})`);
    if (c.kind === 'fan') {
      const f = data.scenarioFans[0][c.index];
      const lines = c.series.filter((s) => s.type === 'line');
      const median = c.series.find((s) => s.name === data.labels.median);
      check(median && median.points === f.years.length, `${label}: median line over ${f.years.length} years`);
      const bands = [data.labels.bandOuter, data.labels.bandInner].every((n) => c.series.some((s) => s.name === n && s.points > 0));
      check(bands, `${label}: 5-95% and 25-75% bands`);
      check(lines.length === 5 + f.others.length, `${label}: ${5 + f.others.length} line series`);
      const target = c.series.find((s) => s.name === data.labels.target);
      check(f.targets.length === 0 ? !target : target && target.points === f.targets.length,
            `${label}: ${f.targets.length} target marker(s)`);
      const observed = c.series.find((s) => s.name === data.labels.observed);
      check(f.observed.length === 0 ? !observed : observed && observed.points === f.observed.length,
            `${label}: ${f.observed.length} observed point(s)`);
    } else if (c.kind === 'first') {
      const t = data.firsts[c.index];
      check(c.series.length === 1 && c.series[0].type === 'bar' && c.series[0].points === t.years.length + 1,
            `${label}: one bar per year plus "not by the horizon"`);
    } else if (c.kind === 'tornado') {
      // A tornado whose every bar is flat (no input alone moves P(met)) says so in words, not empty axes.
      const t = data.tornados[c.index];
      const moved = (p) => p !== null && t.base !== null && p !== t.base;
      const flat = t.bars.every((b) => !moved(b.pLow) && !moved(b.pHigh));
      const note = data.labels.tornadoFlat.split('{p}')[0].replace(/\s/g, '');
      const says = c.text.replace(/\s/g, '').includes(note);
      check(flat ? says : !says, `${label}: ${flat ? 'no input moves it, and it says so' : 'bars, no flat note'}`);
    } else if (c.kind === 'scenarios') {
      check(c.series.length === Number(args.scenarios) && c.series.every((s) => s.type === 'bar' && s.points > 0),
            `${label}: one bar series per scenario (${c.series.length})`);
    }
  }

  // Every scenario has its fan charts: the picker swaps the scenario's runs in (issue 16, item 9).
  if (Number(args.scenarios) > 1) {
    const options = await page.evaluate(() => document.querySelectorAll('#fan-scenario option').length);
    check(options === Number(args.scenarios), `the fan charts offer every scenario (${options})`);
    check(data.scenarioFans.length === Number(args.scenarios) &&
          data.scenarioFans.every((fans) => fans.length === Number(args.fans)),
          'every scenario carries a fan per indicator');
    await page.selectOption('#fan-scenario', '1');
    const shown = await page.evaluate(() => {
      const el = document.querySelector('[data-chart="fan"]');
      const option = window.echarts.getInstanceByDom(el).getOption();
      const median = option.series.find((s) => s.type === 'line' && s.symbol === 'circle');
      return { scenario: document.body.getAttribute('data-fan-scenario'), median: median.data.filter((v) => v !== null) };
    });
    const wanted = data.scenarioFans[1][0].p50;
    check(shown.scenario === '1' && JSON.stringify(shown.median) === JSON.stringify(wanted),
          'picking the second scenario draws its median in the first fan chart');
    await page.selectOption('#fan-scenario', '0');
  }

  if (args.hostile) {
    const shown = await page.evaluate(() => document.body.innerText);
    check(shown.includes(args.hostile), 'the hostile title is shown as text');
    // The JSON data block holds the title (escaped, as data); no script that runs may.
    const injected = await page.evaluate(() => Array.from(document.querySelectorAll('script'))
      .filter((s) => s.type !== 'application/json' && s.textContent.includes('alert(')).length);
    check(injected === 0, 'no executable script element carries the hostile text');
    check(await page.evaluate(() => document.querySelectorAll('img').length) === 0, 'no <img> element was injected');
    // Hovering the scenario chart shows a tooltip with the hostile title: as text.
    const tooltip = await page.evaluate(() => {
      const el = document.querySelector('[data-chart="scenarios"]');
      if (!el) return null;
      const chart = window.echarts.getInstanceByDom(el);
      const option = chart.getOption();
      const texts = [];
      for (let s = 0; s < option.series.length; ++s) {
        chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: 0 });
        const tip = Array.from(el.querySelectorAll('div')).find((d) => d.style.position === 'absolute' && d.innerHTML.includes('<br>'));
        if (tip) texts.push(tip.innerText);
      }
      return texts.join('\n');
    });
    check(tooltip !== null && tooltip.includes(args.hostile), 'the scenario tooltip shows the hostile title as text');
  }

  await page.screenshot({ path: args.screenshot, fullPage: true });
  check(true, `screenshot saved to ${args.screenshot}`);
  check(requests.length === 0, `no network request (${requests.join(', ') || 'none'})`);
  check(consoleErrors.length === 0, `no console error (${consoleErrors.join(' | ') || 'none'})`);
  check(dialogs.length === 0, `no dialog opened (${dialogs.join(' | ') || 'none'})`);
  await context.close();

  // The same report with an observed point under each target's label-to-be.
  const block = /(<script type="application\/json" id="report-data">)([\s\S]*?)(<\/script>)/;
  const planted = JSON.parse(html.match(block)[2]);
  let plantedPoints = 0;
  // The reference scenario's fans (the page draws scenarioFans[0] first).
  for (const f of planted.scenarioFans[0]) {
    for (const t of f.targets) {
      if (f.years.includes(t.deadline - 1)) {
        f.observed.push([t.deadline - 1, t.threshold, false]);
        plantedPoints += 1;
      }
    }
  }
  const plantedFile = join(mkdtempSync(join(tmpdir(), 'targetcast-report-')), 'planted.html');
  writeFileSync(plantedFile, html.replace(block, (m, open, body, close) =>
    open + JSON.stringify(planted).replace(/</g, '\\u003c') + close));
  const second = await browser.newContext({ offline: true, viewport: { width: 1360, height: 900 } });
  const page2 = await second.newPage();
  await page2.goto(pathToFileURL(plantedFile).href, { waitUntil: 'load' });
  await page2.waitForSelector('body[data-charts-drawn]', { timeout: 15000 });
  const hidden = await page2.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[data-chart="fan"]')) {
      const chart = window.echarts.getInstanceByDom(el);
      const option = chart.getOption();
      const target = option.series.find((s) => s.type === 'scatter' && s.symbol === 'diamond');
      const observedIndex = option.series.findIndex((s) => s.type === 'scatter' && s.symbol !== 'diamond');
      if (!target || observedIndex < 0) continue;
      const rules = new Set(target.data.map((d) => d.rule));
      const box = el.getBoundingClientRect();
      const labels = Array.from(el.querySelectorAll('svg text')).filter((t) => rules.has(t.textContent))
        .map((t) => t.getBoundingClientRect());
      for (const d of option.series[observedIndex].data) {
        const [x, y] = chart.convertToPixel({ seriesIndex: observedIndex }, d.value);
        for (const r of labels) {
          if (x + box.left >= r.left - 3 && x + box.left <= r.right + 3 && y + box.top >= r.top - 3 &&
              y + box.top <= r.bottom + 3) out.push(`${el.getAttribute('data-index')}: ${d.value.join(' ')}`);
        }
      }
    }
    return out;
  });
  check(plantedPoints > 0 && hidden.length === 0,
        `no target label hides an observed point (${plantedPoints} planted; hidden: ${hidden.join(', ') || 'none'})`);
  await second.close();
} finally {
  await browser.close();
}

console.log(`\n${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
