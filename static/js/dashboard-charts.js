/*
 * The charts of the programme dashboard and the donor view. Each <canvas data-chart="ID"> reads its figures from the
 * JSON block #ID (json_script): {title, axis, value_axis, labels, and either data (one series) or datasets (several,
 * stacked)}. The page shows the same figures in a table under each chart, so a chart is a picture of its table,
 * never the only place a number appears.
 *
 * Colours are from the Okabe-Ito palette, safe for colour-blind readers. Health always has the same colours
 * (bluish green on track, orange at risk, vermillion off track), and every bar carries its value in the table and in
 * the tooltip, so colour is never the only cue.
 */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }

  var OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  var BY_KEY = {
    on_track: "#009E73",
    at_risk: "#E69F00",
    off_track: "#D55E00",
    none: "#999999",
  };

  function colourFor(key, index) {
    return BY_KEY[key] || OKABE_ITO[index % OKABE_ITO.length];
  }

  function datasetsOf(spec) {
    if (spec.datasets) {
      return spec.datasets.map(function (dataset, index) {
        var colour = colourFor(dataset.key, index);
        return { label: dataset.label, data: dataset.data, backgroundColor: colour, borderColor: colour };
      });
    }
    // One series: health bars take their own colours, any other series one colour.
    var colours = spec.keys.map(function (key) {
      return BY_KEY[key] || OKABE_ITO[0];
    });
    return [{ label: spec.value_axis, data: spec.data, backgroundColor: colours, borderColor: colours }];
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = canvas.dataset.orientation === "horizontal";
    var categoryAxis = { title: { display: true, text: spec.axis }, stacked: Boolean(spec.stacked) };
    var valueAxis = {
      title: { display: true, text: spec.value_axis },
      beginAtZero: true,
      stacked: Boolean(spec.stacked),
      ticks: { precision: 0 },
    };
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasetsOf(spec) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { y: categoryAxis, x: valueAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          title: { display: true, text: spec.title },
          legend: { display: Boolean(spec.datasets), position: "bottom" },
        },
      },
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
})();
