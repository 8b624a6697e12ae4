// Indicator pages: sparklines on the dashboard's cards, an indicator's trend against its target path, and the
// five-year rows' compound path. No inline script (CSP script-src 'self'): data comes from data-spark attributes
// and <script type="application/json"> blocks. site.js draws the project charts; this file only [data-indicator-chart].
(function () {
    'use strict';

    var COLOURS = { blue: '#1e6fd9', green: '#2e9d48', yellow: '#e0a800', red: '#d93025', grey: '#8a8f98', none: '#0f3f7a' };
    // The chart plumbing (fonts, JSON blocks, resize) is site.js's window.PlanPulseCharts; site.js loads after this
    // file, so it is used only from start(), once the document has loaded.

    function fmt(v, unit) {
        if (v === null || v === undefined) { return '—'; }
        return (Math.round(v * 100) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 }) + (unit ? ' ' + unit : '');
    }

    var builders = {
        // This year's figures against the target path, last year dashed grey, the stretch target dotted.
        'trend': function (d) {
            var series = [{
                name: d.actualName, type: 'line', data: d.actual, connectNulls: false, symbolSize: 8, lineStyle: { width: 3 },
                itemStyle: { color: COLOURS[d.colour] || COLOURS.blue }, areaStyle: { opacity: 0.06 }
            }];
            if (d.path) {
                series.push({ name: d.pathName, type: 'line', data: d.path, symbol: 'none', lineStyle: { type: 'dashed', width: 2, color: COLOURS.none }, itemStyle: { color: COLOURS.none } });
            }
            if (d.stretch) {
                series.push({ name: d.stretchName, type: 'line', data: d.stretch, symbol: 'none', lineStyle: { type: 'dotted', width: 2, color: COLOURS.green }, itemStyle: { color: COLOURS.green } });
            }
            if (d.previous) {
                series.push({ name: d.previousName, type: 'line', data: d.previous, connectNulls: true, symbolSize: 5, lineStyle: { width: 1.5, color: COLOURS.grey }, itemStyle: { color: COLOURS.grey } });
            }
            return {
                tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmt(v, d.unit); } },
                legend: { top: 0, data: series.map(function (s) { return s.name; }) },
                grid: { left: 10, right: 20, top: 40, bottom: 10, containLabel: true },
                xAxis: { type: 'category', data: d.months, boundaryGap: false },
                yAxis: { type: 'value', name: d.unit, scale: d.unit === '%' },
                series: series
            };
        },
        // One five-year indicator: the compound path from baseline to target and the actuals so far.
        'five-year': function (d) {
            return {
                tooltip: { trigger: 'axis', valueFormatter: function (v) { return fmt(v, d.unit); } },
                grid: { left: 4, right: 8, top: 8, bottom: 4, containLabel: true },
                xAxis: { type: 'category', data: d.years, boundaryGap: false, axisLabel: { fontSize: 10 } },
                yAxis: { type: 'value', scale: true, splitNumber: 2, axisLabel: { fontSize: 10 } },
                series: [
                    { name: d.pathName, type: 'line', data: d.path, symbol: 'none', lineStyle: { type: 'dashed', width: 1.5, color: COLOURS.none }, itemStyle: { color: COLOURS.none } },
                    { name: d.actualName, type: 'line', data: d.actual, symbolSize: 6, lineStyle: { width: 2.5, color: COLOURS[d.colour] || COLOURS.blue }, itemStyle: { color: COLOURS[d.colour] || COLOURS.blue } }
                ]
            };
        }
    };

    // A sparkline: no axes, no labels, only the shape of the year so far in the card's colour.
    function sparkOption(points, colour) {
        return {
            animation: false,
            grid: { left: 2, right: 2, top: 4, bottom: 2 },
            xAxis: { type: 'category', show: false, boundaryGap: false, data: points.map(function (_, i) { return i + 1; }) },
            yAxis: { type: 'value', show: false, scale: true },
            tooltip: { show: false },
            series: [{
                type: 'line', data: points, symbol: 'circle', symbolSize: 3, connectNulls: true, silent: true,
                lineStyle: { width: 2, color: COLOURS[colour] || COLOURS.none }, itemStyle: { color: COLOURS[colour] || COLOURS.none },
                areaStyle: { opacity: 0.12, color: COLOURS[colour] || COLOURS.none }
            }]
        };
    }

    function start() {
        if (typeof window.echarts === 'undefined') {
            Array.prototype.forEach.call(document.querySelectorAll('[data-indicator-chart]'), function (n) { n.textContent = '图表组件未加载'; });
            return;
        }

        function drawSpark(node) {
            var points;
            try { points = JSON.parse(node.getAttribute('data-spark')); } catch (e) { points = null; }
            if (!points || points.filter(function (p) { return p !== null; }).length < 2) {
                node.classList.add('spark-empty');
                return;
            }
            window.PlanPulseCharts.mountChart(node, sparkOption(points, node.getAttribute('data-spark-colour')));
        }

        // A dashboard has a card per indicator (75 in the demo, hundreds in a city's plan): draw a sparkline only
        // when its card scrolls into view, so the page is quick on an office PC.
        var sparks = document.querySelectorAll('[data-spark]');
        if ('IntersectionObserver' in window) {
            var observer = new IntersectionObserver(function (entries) {
                entries.forEach(function (e) {
                    if (e.isIntersecting) {
                        observer.unobserve(e.target);
                        drawSpark(e.target);
                    }
                });
            }, { rootMargin: '200px 0px' });
            Array.prototype.forEach.call(sparks, function (n) { observer.observe(n); });
        } else {
            Array.prototype.forEach.call(sparks, drawSpark);
        }

        window.PlanPulseCharts.mountCharts(document.querySelectorAll('[data-indicator-chart]'), 'data-indicator-chart', builders);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
