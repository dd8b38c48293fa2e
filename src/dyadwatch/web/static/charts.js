/* Dyad and issue charts: Vega-Lite specs filled with the API's JSON, drawn by vega-embed with
   Vega's expression interpreter (no eval: the CSP has no 'unsafe-eval'). Data comes from the
   element's data-src (same origin); a heat-map cell opens the strongest evidence in its cell. */
(function () {
  "use strict";
  var OPTIONS = {
    actions: false, renderer: "svg", defaultStyle: false, tooltip: false, ast: true,
    expr: window.vegaInterpreter.expressionInterpreter
  };
  var cache = {};

  function load(src) {
    if (!cache[src]) {
      cache[src] = fetch(src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); });
    }
    return cache[src];
  }

  function empty(el, message) {
    el.textContent = message;
    el.classList.add("empty");
    el.setAttribute("data-rendered", "empty");
  }

  function indexSpec(rows) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: 220, data: { values: rows },
      encoding: { x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: "month" } },
      layer: [
        { mark: { type: "rule", color: "#999" }, encoding: { x: null, y: { datum: 0 } } },
        { mark: { type: "line", color: "#2c5d8a" },
          encoding: { y: { field: "index", type: "quantitative", scale: { domain: [-1, 1] },
                           title: "cooperation − conflict" } } },
        { mark: { type: "circle", color: "#2c5d8a", opacity: 0.8 },
          encoding: { y: { field: "index", type: "quantitative" },
                      size: { field: "n_events", type: "quantitative", title: "events" } } }
      ]
    };
  }

  function heatSpec(rows) {
    rows.forEach(function (r) { r.href = "/articles/" + encodeURIComponent(r.article_id) + "#issue-" + r.idx; });
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: { step: 26 }, data: { values: rows },
      mark: { type: "rect", cursor: "pointer", stroke: "#fff" },
      encoding: {
        x: { field: "month", type: "ordinal", sort: "ascending", title: "month" },
        y: { field: "issue", type: "nominal", title: null },
        color: { field: "score", type: "quantitative", title: "stance",
                 scale: { scheme: "redblue", domain: [-1, 1] } }
      }
    };
  }

  function issueSpec(rows) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: 200, data: { values: rows },
      layer: [
        { mark: { type: "rule", color: "#999" }, encoding: { y: { datum: 0 } } },
        { mark: { type: "line", point: true, color: "#6a3d9a" },
          encoding: {
            x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: "month" },
            y: { field: "score", type: "quantitative", scale: { domain: [-1, 1] }, title: "mean stance score" }
          } }
      ]
    };
  }

  function draw(el) {
    var kind = el.getAttribute("data-chart");
    load(el.getAttribute("data-src")).then(function (data) {
      var rows = kind === "index" ? data.index_by_month : kind === "heatmap" ? data.stances_by_month : data.by_month;
      if (!rows || !rows.length) { empty(el, "No data for this chart yet."); return null; }
      var spec = kind === "index" ? indexSpec(rows) : kind === "heatmap" ? heatSpec(rows) : issueSpec(rows);
      return window.vegaEmbed(el, spec, OPTIONS).then(function (result) {
        if (kind === "heatmap") {
          result.view.addEventListener("click", function (event, item) {
            var href = item && item.datum && item.datum.href;
            if (href && href.charAt(0) === "/") { window.location.assign(href); }
          });
        }
        el.setAttribute("data-rendered", "chart");
      });
    }).catch(function (error) {
      empty(el, "Chart unavailable: " + error.message);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
}());
