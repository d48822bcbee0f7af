// The charts of a targetcast HTML report (report/report_html.cpp inlines this file
// after Apache ECharts). The data come from the JSON script element
// with id "report-data", written by the program with every string escaped;
// every string this script puts into HTML (tooltips) is escaped again here.
// The page makes no network request: nothing here loads anything.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  // Fan charts of every scenario; the page opens on the reference's.
  data.fans = data.scenarioFans.length > 0 ? data.scenarioFans[0] : [];
  var L = data.labels;
  var locale = data.lang === 'zh' ? 'zh-CN' : 'en-US';
  var FONT = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", ' +
             '"WenQuanYi Micro Hei", sans-serif';
  var COLORS = {
    bandOuter: 'rgba(37, 99, 235, 0.16)', bandInner: 'rgba(37, 99, 235, 0.38)', median: '#1e3a8a', target: '#dc2626', observed: '#111827',
    early: '#16a34a', late: '#f59e0b', never: '#9ca3af',
    scenarios: ['#1e3a8a', '#ea580c', '#0d9488', '#9333ea', '#ca8a04', '#db2777', '#4b5563']
  };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fill(pattern, name, value) { return pattern.split('{' + name + '}').join(value); }
  // Same rule as format_row in report/report_format.cpp: the decimals are
  // chosen once by the largest magnitude of the values read together, and a
  // trailing zero is dropped only where every value can drop it.
  function row(vs) {
    var largest = 0, whole = true;
    vs.forEach(function (v) {
      if (v === null || v === undefined || isNaN(v)) return;
      largest = Math.max(largest, Math.abs(v));
      whole = whole && v === Math.round(v);
    });
    var decimals = whole || largest >= 100 ? 0 : largest >= 10 ? 1 : largest >= 1 ? 2 :
      largest === 0 ? 0 : Math.min(8, 2 - Math.floor(Math.log10(largest)));
    var texts = vs.map(function (v) {
      return v === null || v === undefined || isNaN(v) ? '—' : v.toFixed(decimals);
    });
    function droppable(t) { return t === '—' || (t.indexOf('.') >= 0 && t.charAt(t.length - 1) === '0'); }
    for (var k = 0; k < decimals && texts.every(droppable); ++k) {
      texts = texts.map(function (t) {
        if (t === '—') return t;
        t = t.slice(0, -1);
        return t.charAt(t.length - 1) === '.' ? t.slice(0, -1) : t;
      });
    }
    return texts;
  }
  function value(v) { return row([v])[0]; }
  function percent(p) { return p === null || isNaN(p) ? '—' : (100 * p).toFixed(1) + '%'; }
  var compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  function axisNumber(v) { return Math.abs(v) >= 10000 ? compact.format(v) : v.toLocaleString(locale); }
  function difference(a, b) {
    return a.map(function (x, i) { return x === null || b[i] === null ? null : b[i] - x; });
  }

  function baseOption() {
    return {
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { confine: true, textStyle: { fontFamily: FONT, fontSize: 12 } }
    };
  }

  // Fan chart: 5-95% and 25-75% bands (stacked differences over an invisible
  // lower line), the median, targets at their deadlines, observed history and
  // the medians of the other scenarios.
  function fanOption(f) {
    // Observed years before the simulation's first year extend the axis back,
    // every year in between included: history, then the forecast.
    var earlier = [];
    var first = f.observed.reduce(function (y, o) { return Math.min(y, o[0]); }, f.years[0]);
    for (var y = first; y < f.years[0]; ++y) earlier.push(y);
    var pad = earlier.map(function () { return null; });
    f = Object.assign({}, f, {
      p05: pad.concat(f.p05), p25: pad.concat(f.p25), p50: pad.concat(f.p50), p75: pad.concat(f.p75),
      p95: pad.concat(f.p95),
      others: f.others.map(function (o) { return { scenario: o.scenario, p50: pad.concat(o.p50) }; })
    });
    var years = earlier.concat(f.years).map(String);
    var option = baseOption();
    var invisible = { opacity: 0 };
    var series = [
      { name: '_p05', type: 'line', data: f.p05, stack: 'outer', symbol: 'none', lineStyle: invisible,
        silent: true, tooltip: { show: false } },
      { name: L.bandOuter, type: 'line', data: difference(f.p05, f.p95), stack: 'outer', symbol: 'none',
        lineStyle: invisible, areaStyle: { color: COLORS.bandOuter }, color: COLORS.bandOuter, silent: true },
      { name: '_p25', type: 'line', data: f.p25, stack: 'inner', symbol: 'none', lineStyle: invisible,
        silent: true, tooltip: { show: false } },
      { name: L.bandInner, type: 'line', data: difference(f.p25, f.p75), stack: 'inner', symbol: 'none',
        lineStyle: invisible, areaStyle: { color: COLORS.bandInner }, color: COLORS.bandInner, silent: true },
      { name: L.median, type: 'line', data: f.p50, symbol: 'circle', symbolSize: 4, color: COLORS.median,
        lineStyle: { width: 2.5 }, z: 5 }
    ];
    var legend = [{ name: L.bandOuter, icon: 'rect' }, { name: L.bandInner, icon: 'rect' }, L.median];
    f.others.forEach(function (o, k) {
      var name = fill(L.medianOf, 'scenario', o.scenario);
      series.push({ name: name, type: 'line', data: o.p50, symbol: 'none', z: 4,
                    color: COLORS.scenarios[(k + 1) % COLORS.scenarios.length],
                    lineStyle: { width: 1.5, type: 'dashed' } });
      legend.push(name);
    });
    if (f.targets.length > 0) {
      series.push({
        name: L.target, type: 'scatter', symbol: 'diamond', symbolSize: 14, z: 6, color: COLORS.target,
        data: f.targets.map(function (t) { return { value: [String(t.deadline), t.threshold], rule: t.rule, name: t.name }; }),
        label: { show: true, position: 'left', distance: 8, fontSize: 11, color: COLORS.target,
                 backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3],
                 formatter: function (p) { return p.data.rule; } },
        markLine: { silent: true, symbol: 'none', label: { show: false },
                    lineStyle: { color: COLORS.target, type: 'dashed', width: 1, opacity: 0.6 },
                    data: f.targets.map(function (t) { return { yAxis: t.threshold }; }) }
      });
      legend.push(L.target);
    }
    if (f.observed.length > 0) {
      // A floor ("超1500家": at least this) is an upward triangle, a level a dot.
      series.push({ name: L.observed, type: 'scatter', symbolSize: 8, z: 7, color: COLORS.observed,
                    data: f.observed.map(function (o) {
                      return { value: [String(o[0]), o[1]], symbol: o[2] ? 'triangle' : 'circle' };
                    }) });
      legend.push(L.observed);
    }
    option.legend = { data: legend, bottom: 0, itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } };
    option.grid = { left: 8, right: 16, top: 16, bottom: 48, containLabel: true };
    option.xAxis = { type: 'category', data: years, boundaryGap: false, axisLabel: { fontSize: 11 } };
    option.yAxis = { type: 'value', min: 0, axisLabel: { fontSize: 11, formatter: axisNumber } };
    option.tooltip.trigger = 'axis';
    option.tooltip.formatter = function (params) {
      var i = params.length ? params[0].dataIndex : 0;
      var q = row([f.p50[i], f.p25[i], f.p75[i], f.p05[i], f.p95[i]]);
      var rows = ['<strong>' + esc(years[i]) + '</strong>',
                  esc(L.median) + ': <strong>' + esc(q[0]) + '</strong> ' + esc(f.unit),
                  esc(L.bandInner) + ': ' + esc(q[1]) + ' – ' + esc(q[2]),
                  esc(L.bandOuter) + ': ' + esc(q[3]) + ' – ' + esc(q[4])];
      f.others.forEach(function (o) {
        rows.push(esc(fill(L.medianOf, 'scenario', o.scenario)) + ': ' + esc(value(o.p50[i])));
      });
      f.targets.forEach(function (t) {
        if (String(t.deadline) === years[i]) rows.push(esc(L.target) + ': ' + esc(t.rule));
      });
      f.observed.forEach(function (o) {
        if (String(o[0]) === years[i]) rows.push(esc(L.observed) + ': ' + (o[2] ? '≥ ' : '') + esc(value(o[1])));
      });
      return rows.join('<br>');
    };
    option.series = series;
    return option;
  }

  // First year reached: share of runs per year, coloured by the deadline, and
  // "not by the horizon".
  function firstOption(t) {
    var option = baseOption();
    var categories = t.years.map(String).concat([L.notBy]);
    var bars = t.shares.map(function (s, i) {
      return { value: s === null ? null : 100 * s,
               itemStyle: { color: t.years[i] <= t.deadline ? COLORS.early : COLORS.late } };
    });
    bars.push({ value: t.never === null ? null : 100 * t.never, itemStyle: { color: COLORS.never } });
    option.grid = { left: 8, right: 12, top: 24, bottom: 8, containLabel: true };
    option.xAxis = { type: 'category', data: categories,
                     axisLabel: { fontSize: 10, interval: 0, rotate: categories.length > 8 ? 45 : 0 } };
    option.yAxis = { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 10, formatter: '{value}%' },
                     name: L.shareOfRuns, nameTextStyle: { fontSize: 10, align: 'left' } };
    option.tooltip.trigger = 'item';
    option.tooltip.formatter = function (p) {
      return esc(p.name) + ': <strong>' + esc(p.value === null ? '—' : p.value.toFixed(1) + '%') + '</strong>';
    };
    option.series = [{
      name: L.shareOfRuns, type: 'bar', data: bars, barCategoryGap: '20%',
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#374151', type: 'dashed' },
                  label: { formatter: L.deadline, fontSize: 10, color: '#374151' },
                  data: [{ xAxis: String(t.deadline) }] }
    }];
    return option;
  }

  // Scenarios: P(met) of every target (and of the whole plan) per scenario,
  // as grouped horizontal bars.
  function scenariosOption(s) {
    var option = baseOption();
    var names = s.names.slice().reverse();  // first target at the top
    option.legend = { data: s.series.map(function (x) { return x.name; }), top: 0, type: 'scroll' };
    option.grid = { left: 8, right: 24, top: 36, bottom: 8, containLabel: true };
    option.yAxis = { type: 'category', data: names,
                     axisLabel: { width: 260, overflow: 'truncate', fontSize: 11 } };
    option.xAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
    option.tooltip.trigger = 'item';
    option.tooltip.formatter = function (p) {
      var x = s.series[p.seriesIndex];
      var i = s.names.length - 1 - p.dataIndex;
      return esc(s.names[i]) + '<br>' + esc(x.name) + ': <strong>' + esc(percent(x.p[i])) + '</strong> (' +
             esc(L.interval) + ' ' + esc(percent(x.low[i])) + ' – ' + esc(percent(x.high[i])) + ')';
    };
    option.series = s.series.map(function (x, k) {
      return { name: x.name, type: 'bar', color: COLORS.scenarios[k % COLORS.scenarios.length],
               data: x.p.slice().reverse().map(function (p) { return p === null ? null : 100 * p; }),
               label: { show: true, position: 'right', fontSize: 10,
                        formatter: function (q) {
                          if (q.value === null) return '';
                          return q.value.toFixed(q.value < 9.95 ? 1 : 0) + '%';
                        } } };
    });
    return option;
  }

  // Tornado: the change of P(met) (percentage points, from the centre) with
  // one input at its low and at its high end; widest bar on top; inputs whose
  // prior is an assumption are marked. When no input alone moves P(met) (the
  // whole plan at 0%, say) every bar has length 0: the chart says so in words
  // instead of showing empty axes.
  function tornadoOption(t) {
    var option = baseOption();
    var bars = t.bars.slice().reverse();  // widest at the top
    var names = bars.map(function (b) { return (b.assumption ? '⚠ ' : '') + b.name; });
    function change(p) { return p === null || t.base === null ? null : 100 * (p - t.base); }
    option.legend = { data: [L.atLow, L.atHigh], top: 0 };
    option.grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true };
    // A long name wraps onto a second line rather than losing its end.
    option.yAxis = { type: 'category', data: names,
                     axisLabel: { width: 200, overflow: 'break', lineHeight: 13, fontSize: 11 } };
    option.xAxis = { type: 'value', axisLabel: { formatter: '{value} pp', fontSize: 10 } };
    option.tooltip.trigger = 'item';
    option.tooltip.formatter = function (p) {
      var b = bars[p.dataIndex];
      var low = p.seriesIndex === 0;
      return esc(b.name) + (b.assumption ? '<br>' + esc(L.assumption) : '') + '<br>' +
             esc(low ? L.atLow : L.atHigh) + ' = ' + esc(value(low ? b.low : b.high)) + ': ' + esc(L.pMet) +
             ' <strong>' + esc(percent(low ? b.pLow : b.pHigh)) + '</strong> (' + esc(percent(t.base)) + ')';
    };
    option.series = [
      // A tornado of two inputs keeps the bar width of one of ten, not slabs.
      { name: L.atLow, type: 'bar', color: '#2563eb', barGap: '-100%', barMaxWidth: 22,
        data: bars.map(function (b) { return change(b.pLow); }) },
      { name: L.atHigh, type: 'bar', color: '#ea580c', barGap: '-100%', barMaxWidth: 22,
        data: bars.map(function (b) { return change(b.pHigh); }) }
    ];
    var flat = bars.every(function (b) { return !change(b.pLow) && !change(b.pHigh); });
    if (flat) {
      option.legend.show = false;
      option.yAxis.axisLabel.show = false;
      option.xAxis.axisLabel.show = false;
      option.graphic = [{ type: 'text', left: 'center', top: 'middle', z: 100,
                          style: { text: fill(L.tornadoFlat, 'p', percent(t.base)), width: 300, overflow: 'break',
                                   fontSize: 13, lineHeight: 18, fill: '#374151', fontFamily: FONT,
                                   backgroundColor: 'rgba(255,255,255,0.92)', padding: 8 } }];
    }
    return option;
  }

  // A target's label beside its marker must not hide an observed point: once
  // the chart is laid out, each label takes the first side of its marker
  // (left, top, bottom, right) whose box clears every observed point and stays
  // inside the chart.
  var measure = document.createElement('canvas').getContext('2d');
  function placeTargetLabels(chart) {
    var option = chart.getOption();
    var targetIndex = -1, observedIndex = -1;
    option.series.forEach(function (s, i) {
      if (s.name === L.target) targetIndex = i;
      if (s.name === L.observed) observedIndex = i;
    });
    if (targetIndex < 0 || observedIndex < 0) return;
    var points = option.series[observedIndex].data.map(function (d) {
      return chart.convertToPixel({ seriesIndex: observedIndex }, d.value);
    });
    measure.font = '11px ' + FONT;
    var gap = 8, clear = 7, width = chart.getWidth(), height = chart.getHeight();
    var data = option.series[targetIndex].data.map(function (d) {
      var at = chart.convertToPixel({ seriesIndex: targetIndex }, d.value);
      var w = measure.measureText(d.rule).width + 8, h = 16;
      var boxes = {
        left: [at[0] - gap - w, at[1] - h / 2], top: [at[0] - w / 2, at[1] - gap - h],
        bottom: [at[0] - w / 2, at[1] + gap], right: [at[0] + gap, at[1] - h / 2]
      };
      var side = ['left', 'top', 'bottom', 'right'].filter(function (s) {
        var x = boxes[s][0], y = boxes[s][1];
        var inside = x >= 0 && y >= 0 && x + w <= width && y + h <= height;
        return inside && points.every(function (p) {
          return p[0] < x - clear || p[0] > x + w + clear || p[1] < y - clear || p[1] > y + h + clear;
        });
      })[0] || 'left';
      return Object.assign({}, d, { label: { position: side } });
    });
    chart.setOption({ series: option.series.map(function (s, i) { return i === targetIndex ? { data: data } : {}; }) });
  }

  var builders = {
    tornado: function (i) { return tornadoOption(data.tornados[i]); },
    fan: function (i) { return fanOption(data.fans[i]); },
    first: function (i) { return firstOption(data.firsts[i]); },
    scenarios: function () { return scenariosOption(data.scenarios); }
  };
  var charts = [], fanCharts = [];
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    var chart = echarts.init(el, null, { renderer: 'svg' });
    var kind = el.getAttribute('data-chart'), index = Number(el.getAttribute('data-index'));
    chart.setOption(builders[kind](index));
    if (kind === 'fan') {
      placeTargetLabels(chart);
      fanCharts.push({ chart: chart, index: index });
    }
    charts.push(chart);
  });
  // The scenario picker redraws the fan charts with that scenario's runs.
  var picker = document.getElementById('fan-scenario');
  if (picker) {
    picker.addEventListener('change', function () {
      data.fans = data.scenarioFans[Number(picker.value)];
      fanCharts.forEach(function (c) {
        if (data.fans[c.index]) {
          c.chart.setOption(fanOption(data.fans[c.index]), true);
          placeTargetLabels(c.chart);
        }
      });
      document.body.setAttribute('data-fan-scenario', picker.value);
    });
  }
  function resizeAll() {
    charts.forEach(function (c) { c.resize(); });
    fanCharts.forEach(function (c) { placeTargetLabels(c.chart); });
  }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.body.setAttribute('data-charts-drawn', String(charts.length));
})();
