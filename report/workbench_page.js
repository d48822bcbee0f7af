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

  // The settings as a scenario file (docs/scenarios.md): only levers that differ from the baseline.
  function scenarioToml(title) {
    var lines = ["# Saved from the targetcast what-if workbench (targetcast serve).", "format = 1", "",
                 "[scenario]", 'id = "what-if"',
                 "title = { zh = " + JSON.stringify(title.zh) + ", en = " + JSON.stringify(title.en) + " }",
                 "description = { zh = " + JSON.stringify(describe("zh")) + ", en = " + JSON.stringify(describe("en")) + " }"];
    page.levers.forEach(function (l) {
      var v = Number($(l.name).value);
      if (v === l.neutral) return;
      lines.push("", "# " + l.label[page.lang], "[[lever]]", 'name = "' + l.name + '"',
                 "from = " + Number($(l.name + "-from").value), "value = " + v);
    });
    var parks = Number($("parks").value);
    if (parks > 0) lines.push("", "[[park]]", "year = " + Number($("parks-year").value), "count = " + parks);
    return lines.join("\n") + "\n";
  }

  function describe(lang) {
    var parts = [];
    page.levers.forEach(function (l) {
      var v = Number($(l.name).value);
      if (v !== l.neutral) parts.push(l.label[lang] + " × " + v + " (" + $(l.name + "-from").value + "–)");
    });
    var parks = Number($("parks").value);
    if (parks > 0) parts.push(page.parksLabel[lang] + " +" + parks + " (" + $("parks-year").value + ")");
    return parts.length ? parts.join("; ") : page.noChange[lang];
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

  function drawFan(r) {
    var id = $("indicator").value;
    var f = r.fans[id];
    if (!f) return;
    var series = [];
    [["baseline", "#94a3b8", t.baseline], ["what_if", "#2563eb", t.what_if]].forEach(function (s) {
      var d = f[s[0]];
      series.push({ name: s[2] + " 5%", type: "line", data: d.p05, lineStyle: { type: "dashed", color: s[1] }, symbol: "none", itemStyle: { color: s[1] } });
      series.push({ name: s[2], type: "line", data: d.p50, lineStyle: { width: 2, color: s[1] }, itemStyle: { color: s[1] } });
      series.push({ name: s[2] + " 95%", type: "line", data: d.p95, lineStyle: { type: "dashed", color: s[1] }, symbol: "none", itemStyle: { color: s[1] } });
    });
    chart.setOption({ animation: false, tooltip: { trigger: "axis" }, legend: { bottom: 0 },
                      grid: { left: 60, right: 20, top: 20, bottom: 60 },
                      xAxis: { type: "category", data: f.years }, yAxis: { type: "value" }, series: series }, true);
  }

  function show(r) {
    latest = r;
    drawTable(r);
    drawFan(r);
  }

  function setStatus(text, cls) {
    $("status").textContent = text;
    $("status").className = cls || "";
  }

  function recalculate() {
    page.levers.forEach(function (l) {
      $(l.name + "-value").textContent = l.money ? Number($(l.name).value).toFixed(2) + " × = " +
        (Number($(l.name).value) * page.fundingYi).toFixed(2) + " " + t.yi_per_year : Number($(l.name).value).toFixed(2);
    });
    $("parks-value").textContent = $("parks").value;
    if (pending) pending.abort();
    var controller = new AbortController();
    pending = controller;
    setStatus(t.calculating, "busy");
    fetch("api/run", { method: "POST", body: scenarioToml(page.title), signal: controller.signal,
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

  function save() {
    fetch("api/save", { method: "POST", body: scenarioToml(page.title),
                        headers: { "Content-Type": "text/plain; charset=utf-8" } })
      .then(function (res) {
        return res.text().then(function (b) { setStatus(res.ok ? t.saved.replace("{file}", b) : b, res.ok ? "" : "error"); });
      });
  }

  page.levers.forEach(function (l) {
    $(l.name).addEventListener("input", recalculate);
    $(l.name + "-from").addEventListener("change", recalculate);
  });
  $("parks").addEventListener("input", recalculate);
  $("parks-year").addEventListener("change", recalculate);
  $("indicator").addEventListener("change", function () { drawFan(latest); });
  $("save").addEventListener("click", save);
  window.addEventListener("resize", function () { chart.resize(); });
  show(page.initial);
  setStatus(t.ready, "");
})();
