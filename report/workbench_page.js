// The what-if workbench page (`targetcast serve`, issue 15). The page only
// draws: every number comes from the server, which reads the settings as a
// scenario file, runs them against the baseline with the same random numbers
// and answers with report/workbench_json.h's object. A newer change aborts
// the older request; the server stops the older calculation too.
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("workbench-data").textContent);
  var t = page.text;
  var chart = echarts.init(document.getElementById("fan"), null, { renderer: "svg" });
  var pending = null;
  var latest = page.initial;
  // This tab's id: the server cancels only this tab's older calculation.
  var tab = Math.random().toString(36).slice(2);

  function $(id) { return document.getElementById(id); }
  function percent(p) { return p === null ? "—" : (100 * p).toFixed(1) + "%"; }
  function interval(v) { return "[" + (100 * v[1]).toFixed(1) + ", " + (100 * v[2]).toFixed(1) + "]"; }
  function points(v) {
    var s = function (x) { return (x >= 0 ? "+" : "") + (100 * x).toFixed(1); };
    return s(v[0]) + " [" + s(v[1]) + ", " + s(v[2]) + "]";
  }

  function num(id) { return Number($(id).value); }
  function checked(id) { return $(id).checked; }
  function toml(x) { return JSON.stringify(x); }
  function shortNumber(x) { return Number(Number(x).toPrecision(3)).toString(); }
  // An amount in 亿元 in the page's unit: 亿元 in Chinese, million yuan in English.
  function money(yi) { return t.money_scale === 1 ? yi.toFixed(2) : (yi * t.money_scale).toFixed(0); }

  // The settings as a list of changes, each with its scenario-file tables
  // (docs/scenarios.md) and a line for the description in both languages.
  function changes() {
    var out = [];
    page.levers.forEach(function (l) {
      var v = num(l.name);
      if (v === l.neutral) return;
      var from = num(l.name + "-from");
      out.push({ toml: ["[[lever]]", 'name = "' + l.name + '"', "from = " + from, "value = " + v],
                 zh: l.label.zh + " × " + v + "(" + from + "年起)", en: l.label.en + " × " + v + " (from " + from + ")" });
    });
    page.values.forEach(function (l) {
      if (!checked("v-" + l.name + "-on")) return;
      var v = num("v-" + l.name), from = num("v-" + l.name + "-from");
      out.push({ toml: ["[[lever]]", 'name = "' + l.name + '"', "from = " + from, "value = " + v],
                 zh: l.label.zh + " " + v + " " + l.unit.zh + "(" + from + "年起)",
                 en: l.label.en + " " + v + " " + l.unit.en + " (from " + from + ")" });
    });
    var parks = num("parks");
    if (parks > 0) {
      var year = num("parks-year");
      out.push({ toml: ["[[park]]", "year = " + year, "count = " + parks],
                 zh: page.parksLabel.zh + " " + parks + " 个(" + year + "年)", en: page.parksLabel.en + " +" + parks + " (" + year + ")" });
    }
    var rule = $("shock-rule").value, size = num("shock-value");
    if (rule && size !== 0) {
      var parts = rule.split(":"), from = num("shock-from"), to = num("shock-to");
      var lines = ["[[shock]]", 'rule = "' + parts[0] + '"'];
      if (parts[1]) lines.push('indicator = "' + parts[1] + '"');
      var label = $("shock-rule").selectedOptions[0].textContent;
      var pct = (size > 0 ? "+" : "") + Math.round(100 * size) + "%";
      out.push({ toml: lines.concat(["from = " + from, "to = " + to, "value = " + size]),
                 zh: page.shockLabel.zh + ":" + label + " " + pct + "(" + from + "–" + to + "年)",
                 en: page.shockLabel.en + ": " + label + " " + pct + " (" + from + "–" + to + ")" });
    }
    page.priors.forEach(function (p) {
      if (!checked("p-" + p.name + "-on")) return;
      var v = num("p-" + p.name);
      var lines = ["[prior." + p.name + "]", 'dist = "' + p.dist + '"', p.centreKey + " = " + v, p.spreadKey + " = " + p.spread];
      if (p.lower !== null) lines.push("lower = " + p.lower);
      if (p.upper !== null) lines.push("upper = " + p.upper);
      var note = page.lang === "zh" ? "在工作台中设定:中心由 " + shortNumber(p.centre) + " 调为 " + v + ",宽度不变。"
                                    : "Set in the workbench: centre moved from " + shortNumber(p.centre) + " to " + v + ", spread kept.";
      lines.push('basis = "assumption"', "note = " + toml(note));
      out.push({ toml: lines, zh: "假设:" + p.label.zh + " " + v + " " + p.unit.zh,
                 en: "assumption: " + p.label.en + " " + v + " " + p.unit.en });
    });
    return out;
  }

  function describe(list, lang) {
    return list.length ? list.map(function (c) { return c[lang]; }).join(lang === "zh" ? ";" : "; ") : page.noChange[lang];
  }

  // The settings as a scenario file: only what differs from the baseline.
  function scenarioToml() {
    var list = changes();
    var lines = ["# Saved from the targetcast what-if workbench (targetcast serve).",
                 "# " + describe(list, page.lang), "format = 1", "",
                 "[scenario]", 'id = "what-if"',
                 "title = { zh = " + toml(page.title.zh) + ", en = " + toml(page.title.en) + " }",
                 "description = { zh = " + toml(describe(list, "zh")) + ", en = " + toml(describe(list, "en")) + " }"];
    list.forEach(function (c) { lines.push("", "# " + c[page.lang]); lines = lines.concat(c.toml); });
    return lines.join("\n") + "\n";
  }

  function drawTable(r) {
    var body = $("targets-body");
    body.textContent = "";
    r.targets.forEach(function (x) {
      var tr = document.createElement("tr");
      var cells = [x.name + (x.rests_on_assumption ? " ⚠" : ""), x.rule, String(x.deadline),
                   percent(x.baseline[0]) + " " + interval(x.baseline),
                   percent(x.what_if[0]) + " " + interval(x.what_if),
                   x.difference ? points(x.difference) : "—",
                   t["status_" + x.status] || "", x.rests_on_assumption ? t.basis_assumption : t.basis_data];
      cells.forEach(function (c, i) {
        var td = document.createElement("td");
        td.textContent = c;
        if (i === 6) td.className = "pill " + x.status;
        if (i === 5 && x.difference && (x.difference[1] > 0 || x.difference[2] < 0)) td.className = "significant";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $("joint").textContent = t.joint + " " + percent(r.joint.baseline[0]) + " → " + percent(r.joint.what_if[0]);
  }

  function difference(low, high) { return low.map(function (x, i) { return x === null || high[i] === null ? null : high[i] - x; }); }

  // Baseline and what-if: each a filled 5–95% band (stacked over an invisible
  // lower edge) and its median; the indicator's targets as markers at their deadlines.
  function drawFan(r) {
    var id = $("indicator").value;
    var f = r.fans[id];
    if (!f) return;
    var series = [];
    [["baseline", "#64748b", "rgba(100,116,139,0.22)", t.baseline], ["what_if", "#2563eb", "rgba(37,99,235,0.22)", t.what_if]].forEach(function (s) {
      var d = f[s[0]], hidden = { opacity: 0 };
      series.push({ name: "_" + s[0], type: "line", data: d.p05, stack: s[0], symbol: "none", lineStyle: hidden, silent: true });
      series.push({ name: s[3] + " " + t.band, type: "line", data: difference(d.p05, d.p95), stack: s[0], symbol: "none",
                    lineStyle: hidden, areaStyle: { color: s[2] }, itemStyle: { color: s[2] }, silent: true });
      series.push({ name: s[3], type: "line", data: d.p50, symbol: "circle", symbolSize: 5,
                    lineStyle: { width: 2, color: s[1] }, itemStyle: { color: s[1] } });
    });
    series.push({ name: t.target, type: "scatter", symbol: "diamond", symbolSize: 14, itemStyle: { color: "#dc2626" },
                  data: f.targets.map(function (x) { return { value: [String(x.deadline), x.threshold], rule: x.rule }; }),
                  label: { show: true, position: "left", color: "#991b1b", formatter: function (p) { return p.data.rule; } },
                  markLine: { silent: true, symbol: "none", label: { show: false }, lineStyle: { color: "#dc2626", type: "dashed" },
                              data: f.targets.map(function (x) { return { yAxis: x.threshold }; }) } });
    var legend = series.map(function (x) { return x.name; }).filter(function (n) { return n.charAt(0) !== "_"; });
    chart.setOption({ animation: false, legend: { bottom: 0, data: legend },
                      tooltip: { trigger: "axis", formatter: function (items) {
                        var lines = [items.length ? items[0].axisValue : ""];
                        ["baseline", "what_if"].forEach(function (k, j) {
                          var i = items.length ? items[0].dataIndex : 0, d = f[k];
                          lines.push([t.baseline, t.what_if][j] + ": " + shortNumber(d.p50[i]) + " [" + shortNumber(d.p05[i]) + "–" + shortNumber(d.p95[i]) + "] " + f.unit);
                        });
                        return lines.join("<br>");
                      } },
                      grid: { left: 70, right: 30, top: 20, bottom: 60 },
                      xAxis: { type: "category", data: f.years.map(String), boundaryGap: false },
                      yAxis: { type: "value", name: f.unit, scale: true }, series: series }, true);
  }

  var updates = 0;
  function show(r) {
    latest = r;
    // How many answers the page has drawn (read by the browser test, which
    // cannot tell two answers apart by their text alone).
    document.body.dataset.updates = String(updates++);
    drawTable(r);
    drawFan(r);
  }

  function setStatus(text, cls) {
    $("status").textContent = text;
    $("status").className = cls || "";
  }

  function showValues() {
    page.levers.forEach(function (l) {
      var v = num(l.name);
      $(l.name + "-value").textContent = l.money ? v.toFixed(2) + " × = " + money(v * page.fundingYi) + " " + t.yi_per_year
                                                 : v.toFixed(2);
    });
    page.values.forEach(function (l) {
      $("v-" + l.name + "-value").textContent = num("v-" + l.name) + " " + l.unit[page.lang];
    });
    page.priors.forEach(function (p) { $("p-" + p.name + "-value").textContent = shortNumber(num("p-" + p.name)); });
    $("parks-value").textContent = $("parks").value;
    var size = num("shock-value");
    $("shock-value-out").textContent = (size > 0 ? "+" : "") + Math.round(100 * size) + "%";
    if (num("shock-to") < num("shock-from")) $("shock-to").value = $("shock-from").value;
  }

  function recalculate() {
    showValues();
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    setStatus(t.calculating, "busy");
    fetch("api/run", { method: "POST", body: scenarioToml(), signal: controller.signal,
                       headers: { "Content-Type": "text/plain; charset=utf-8", "X-Workbench-Tab": tab } })
      .then(function (res) { return res.text().then(function (b) { return { ok: res.ok, status: res.status, body: b }; }); })
      .then(function (a) {
        if (controller !== pending) return;
        pending = null;
        if (a.ok) {
          var r = JSON.parse(a.body);
          show(r);
          setStatus(t.done.replace("{runs}", r.runs).replace("{seconds}", r.seconds.toFixed(2)), "");
        } else if (a.status !== 409) {
          setStatus(a.body, "error");
        }
      })
      .catch(function (e) { if (e.name !== "AbortError") setStatus(String(e), "error"); });
  }

  function post(path, then) {
    return fetch(path, { method: "POST", body: scenarioToml(), headers: { "Content-Type": "text/plain; charset=utf-8" } })
      .then(function (res) {
        if (res.ok) return then(res);
        return res.text().then(function (b) { setStatus(b, "error"); });
      })
      .catch(function (e) { setStatus(String(e), "error"); });
  }

  function save() {
    post("api/save", function (res) { return res.text().then(function (b) { setStatus(t.saved.replace("{file}", b), ""); }); });
  }

  function stored(text, s) {
    return text.split("{id}").join(s.experiment).split("{db}").join(s.db).split("{file}").join(s.file);
  }

  function store() {
    setStatus(t.storing, "busy");
    post("api/store", function (res) { return res.json().then(function (s) { setStatus(stored(t.stored, s), ""); }); });
  }

  // The report comes back as a file; the browser saves it (no new page, no network).
  function download() {
    setStatus(t.storing, "busy");
    post("api/report", function (res) {
      var s = { experiment: res.headers.get("X-Workbench-Experiment"), file: res.headers.get("X-Workbench-File"), db: "" };
      return res.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "targetcast-report-" + s.experiment + ".html";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
        setStatus(stored(t.downloaded, s), "");
      });
    });
  }

  var controls = document.querySelectorAll("#levers input, #levers select");
  Array.prototype.forEach.call(controls, function (el) {
    el.addEventListener(el.type === "range" ? "input" : "change", recalculate);
  });
  $("indicator").addEventListener("change", function () { drawFan(latest); });
  $("save").addEventListener("click", save);
  $("store").addEventListener("click", store);
  $("download").addEventListener("click", download);
  window.addEventListener("resize", function () { chart.resize(); });
  showValues();
  show(page.initial);
  setStatus(t.ready, "");
})();
