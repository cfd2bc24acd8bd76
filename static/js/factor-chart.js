/*
 * The integrity factor profile of a country status page: one radar chart per respondent group, drawing the latest
 * assessment round against the previous one and the baseline. The figures come from the JSON block
 * #factor-profile-data (json_script); the page shows the same figures in a table, so the chart is a picture of the
 * table, never the only place a number appears.
 *
 * Colours are from the Okabe-Ito palette (safe for colour-blind readers); each round also has its own line dash and
 * point shape, so that the rounds can be told apart in black and white too.
 */
(function () {
  "use strict";

  var source = document.getElementById("factor-profile-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var profile = JSON.parse(source.textContent);

  var STYLES = {
    baseline: { colour: "#009E73", fill: "rgba(0, 158, 115, 0.08)", dash: [6, 4], point: "rect" },
    previous: { colour: "#E69F00", fill: "rgba(230, 159, 0, 0.08)", dash: [2, 3], point: "triangle" },
    latest: { colour: "#0072B2", fill: "rgba(0, 114, 178, 0.15)", dash: [], point: "circle" },
  };

  function narrow() {
    return window.matchMedia("(max-width: 575.98px)").matches;
  }

  // Long factor names on several short lines, so that the radar keeps its room; on a phone only the numbers fit
  // (the table names them).
  function pointLabel(label) {
    if (narrow()) {
      return label.split(".")[0];
    }
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= 16) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  profile.groups.forEach(function (group) {
    var canvas = document.getElementById("factor-chart-" + group.key);
    if (!canvas) {
      return;
    }
    var datasets = group.datasets.map(function (dataset) {
      var style = STYLES[dataset.key] || STYLES.latest;
      return {
        label: dataset.label,
        data: dataset.data,
        borderColor: style.colour,
        backgroundColor: style.fill,
        pointBackgroundColor: style.colour,
        borderDash: style.dash,
        pointStyle: style.point,
        pointRadius: 3,
        borderWidth: dataset.key === "latest" ? 2.5 : 1.5,
        spanGaps: true,
      };
    });
    new window.Chart(canvas, {
      type: "radar",
      data: { labels: profile.factors, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          r: {
            min: 0,
            max: profile.max,
            ticks: { stepSize: 20, showLabelBackdrop: false, color: "#495057", font: { size: 10 } },
            pointLabels: { callback: pointLabel, font: { size: 11 } },
          },
        },
        plugins: {
          // The figure's caption names the respondent group: no title inside the canvas.
          legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } },
        },
      },
    });
  });
})();
