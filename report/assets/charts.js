// Turns each chart's static SVG into a live Vega view (tooltips, interaction) where JavaScript runs.
// The SVG stays if anything fails, so a chart is never lost. Nothing is fetched from another host:
// the spec is in the page and vega-embed.js is served with the site.
(function () {
  if (typeof window.vegaEmbed !== "function") return;
  function render() {
    document.querySelectorAll("figure.tr-chart").forEach(function (figure) {
      var specNode = figure.querySelector("script.tr-chart-spec");
      var view = figure.querySelector(".tr-chart-view");
      if (!specNode || !view) return;
      var live = document.createElement("div");
      live.className = "tr-chart-live";
      window.vegaEmbed(live, JSON.parse(specNode.textContent), { renderer: "svg", actions: false })
        .then(function () {
          view.replaceChildren(live);
          figure.classList.add("tr-live");
        })
        .catch(function (err) { console.warn("chart kept static:", figure.id, err); });
    });
  }
  // Wait for the web font, so labels are measured with the glyphs they are drawn in.
  var ready = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  ready.then(render);
})();
