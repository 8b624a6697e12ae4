// PlanPulse pages. No inline script is allowed (CSP script-src 'self'): everything the pages need is here, and
// charts read their data from <script type="application/json"> blocks rendered by the server.
(function () {
    'use strict';

    var COLOURS = { blue: '#1e6fd9', green: '#2e9d48', yellow: '#e0a800', red: '#d93025', grey: '#8a8f98' };
    var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

    function readJson(id) {
        var el = id && document.getElementById(id);
        if (!el) { return null; }
        try { return JSON.parse(el.textContent); } catch (e) { return null; }
    }

    // Selects marked data-autosubmit submit their form on change (year/month picker, unit chooser, filters).
    function autosubmit() {
        var selects = document.querySelectorAll('select[data-autosubmit]');
        Array.prototype.forEach.call(selects, function (s) {
            s.addEventListener('change', function () {
                if (s.form) { s.form.submit(); }
            });
        });
    }

    // Fields marked data-show-when="NAME=VALUE[,VALUE…]" show only while the form's field NAME has one of those
    // values (the report month on /import matters only for monthly reports and their history).
    function showWhen() {
        var nodes = document.querySelectorAll('[data-show-when]');
        Array.prototype.forEach.call(nodes, function (node) {
            var rule = node.getAttribute('data-show-when').split('=');
            var form = node.closest('form');
            var field = form && form.elements[rule[0]];
            if (!field) { return; }
            var values = rule[1].split(',');
            var sync = function () { node.hidden = values.indexOf(field.value) < 0; };
            field.addEventListener('change', sync);
            sync();
        });
    }

    function pct(v) { return v === null || v === undefined ? '—' : v.toFixed(1) + '%'; }

    var builders = {
        // Completion rate by month against time progress.
        'trend': function (d, narrow) {
            return {
                color: [COLOURS.blue, COLOURS.red],
                tooltip: { trigger: 'axis', valueFormatter: pct },
                legend: { data: [d.rateName, d.timeProgressName], top: 0, type: narrow ? 'scroll' : 'plain' },
                grid: { left: 10, right: narrow ? 8 : 20, top: 36, bottom: 10, containLabel: true },
                xAxis: { type: 'category', data: d.months, axisLabel: { interval: narrow ? 'auto' : 0, hideOverlap: true } },
                yAxis: { type: 'value', min: 0, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); }, axisLabel: { formatter: '{value}%' } },
                series: [
                    {
                        // Labels inside tall bars and below the bar top otherwise, so they never sit on the dashed line.
                        name: d.rateName, type: 'bar', barMaxWidth: 32,
                        data: d.rate.map(function (v) {
                            // On a phone twelve labelled bars overlap: the tooltip carries the figures there.
                            return { value: v, label: { show: !narrow && v !== null && v >= 8, position: 'insideTop', color: '#fff' } };
                        }),
                        label: { show: !narrow, formatter: function (p) { return pct(p.value); }, fontSize: 11 }
                    },
                    { name: d.timeProgressName, type: 'line', data: d.timeProgress, symbol: 'circle', symbolSize: 6, lineStyle: { width: 2, type: 'dashed' } }
                ]
            };
        },
        // Per track, how many projects have each colour (horizontal stacked bars: track names are long).
        'colour-tracks': function (d, narrow) {
            return {
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
                legend: { top: 0, type: narrow ? 'scroll' : 'plain' },
                grid: { left: 10, right: narrow ? 8 : 24, top: 36, bottom: 10, containLabel: true },
                xAxis: { type: 'value', minInterval: 1 },
                // Track names are long: on a phone they break over lines in a narrower column instead of being cut.
                yAxis: { type: 'category', data: d.categories, inverse: true, axisLabel: { width: narrow ? 84 : 170, overflow: 'break', fontSize: narrow ? 11 : 12 } },
                series: d.series.map(function (s) {
                    return {
                        name: s.name, type: 'bar', stack: 'colours', data: s.data, barMaxWidth: 36,
                        itemStyle: { color: COLOURS[s.key] || COLOURS.grey },
                        label: { show: true, formatter: function (p) { return p.value > 0 ? p.value : ''; }, color: s.key === 'yellow' ? '#1f1f1f' : '#fff' }
                    };
                })
            };
        },
        // One project's cumulative completed investment against its planned curve.
        'cumulative': function (d, narrow) {
            return {
                color: [COLOURS.blue, COLOURS.grey],
                tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '—' : v.toFixed(2) + ' ' + d.unit; } },
                legend: { data: [d.completedName, d.plannedName], top: 0, type: narrow ? 'scroll' : 'plain' },
                grid: { left: 10, right: narrow ? 8 : 20, top: 36, bottom: 10, containLabel: true },
                xAxis: { type: 'category', data: d.months, axisLabel: { hideOverlap: true } },
                yAxis: { type: 'value', name: d.unit },
                series: [
                    {
                        name: d.completedName, type: 'line', data: d.completed, symbolSize: 9, lineStyle: { width: 3 },
                        itemStyle: { color: function (p) { return COLOURS[d.colours[p.dataIndex]] || COLOURS.blue; } },
                        areaStyle: { opacity: 0.08 }
                    },
                    { name: d.plannedName, type: 'line', data: d.planned, symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, connectNulls: true }
                ]
            };
        }
    };

    function charts() {
        var nodes = document.querySelectorAll('[data-chart]');
        if (!nodes.length) { return; }
        if (typeof window.echarts === 'undefined') {
            Array.prototype.forEach.call(nodes, function (n) { n.textContent = '图表组件未加载'; });
            return;
        }

        mountCharts(nodes, 'data-chart', builders);
    }

    // Draws each node's chart from its data-source JSON block with the builder its attribute names; charts follow
    // window resizes. Shared with indicators.js (window.PlanPulseCharts), which loads before this file and calls it
    // once the document has loaded.
    var instances = [];
    var pending = null;
    function mountCharts(nodes, attribute, chartBuilders) {
        if (!instances.length) {
            window.addEventListener('resize', function () {
                if (pending) { window.clearTimeout(pending); }
                pending = window.setTimeout(function () {
                    instances.forEach(function (c) { c.resize(); });
                }, 120);
            });
        }

        Array.prototype.forEach.call(nodes, function (node) {
            var build = chartBuilders[node.getAttribute(attribute)];
            var data = readJson(node.getAttribute('data-source'));
            if (!build || !data) { return; }
            // Builders get whether the chart is phone-narrow, to drop crowded labels and narrow the category axis.
            mountChart(node, build(data, node.clientWidth < 520));
        });
    }

    function mountChart(node, option) {
        var chart = window.echarts.init(node, null, { renderer: 'canvas' });
        option.textStyle = { fontFamily: FONT };
        option.animation = false;
        chart.setOption(option);
        node.setAttribute('data-chart-ready', 'true');
        instances.push(chart);
        return chart;
    }

    window.PlanPulseCharts = { FONT: FONT, readJson: readJson, mountCharts: mountCharts, mountChart: mountChart };

    // Entry grid: mark rows the user changed and count them next to the save button.
    function entryGrid() {
        var form = document.querySelector('form.entry-form');
        if (!form) { return; }
        var counter = form.querySelector('[data-changed-count]');
        var label = document.documentElement.lang === 'en' ? ' changed rows' : ' 行已修改';

        function snapshot(row) {
            var parts = [];
            Array.prototype.forEach.call(row.querySelectorAll('input, textarea'), function (el) {
                parts.push(el.type === 'checkbox' ? String(el.checked) : el.value);
            });
            return parts.join('\u0001');
        }

        var rows = form.querySelectorAll('tr[data-project]');
        Array.prototype.forEach.call(rows, function (row) { row.setAttribute('data-initial', snapshot(row)); });

        function update(row) {
            row.classList.toggle('row-changed', snapshot(row) !== row.getAttribute('data-initial'));
            if (counter) {
                var n = form.querySelectorAll('tr.row-changed').length;
                counter.textContent = n > 0 ? n + label : '';
            }
        }

        // Leaving with unsaved rows (another page, another unit) asks first; saving itself does not.
        var submitting = false;
        form.addEventListener('submit', function () { submitting = true; });
        window.addEventListener('beforeunload', function (e) {
            if (!submitting && form.querySelector('tr.row-changed')) {
                e.preventDefault();
                e.returnValue = '';
            }
        });

        form.addEventListener('input', function (e) {
            var row = e.target.closest('tr[data-project]');
            if (row) { update(row); }
        });
        form.addEventListener('change', function (e) {
            var row = e.target.closest('tr[data-project]');
            if (row) { update(row); }
        });
    }

    function start() {
        autosubmit();
        showWhen();
        charts();
        entryGrid();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
