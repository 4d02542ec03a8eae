// Turns each chart's static SVG into a live Vega view (tooltips, interaction) where JavaScript runs, drawn to the
// width of the column it sits in: on a phone the plot narrows (its text keeps its size), long labels are cut
// shorter, axes carry fewer ticks and legends go below. The SVG stays if anything fails, so a chart is never
// lost. Nothing is fetched from another host: the spec is in the page and vega-embed.js is served with the site.
(function () {
  // Assistive technology reads a chart from its figure's alt text (the view's aria-label), not from the marks: the
  // drawing itself is hidden from it. A region that scrolls sideways (a wide table, a chart wider than a phone) can
  // be reached and scrolled from the keyboard. Both hold with or without the live charts.
  // A table wider than the screen also gets a line above it saying it scrolls sideways (its first column stays put:
  // report.css). The words are the page's own, in its language (the #tr-words the Lua filter writes).
  function said(key) {
    var words = document.getElementById("tr-words");
    return (words && words.dataset[key]) || "";
  }
  function scrollCue(el, wide) {
    if (el.tagName !== "TABLE" && !el.querySelector("table")) return;
    var cue = el.previousElementSibling;
    var has = cue && cue.classList.contains("tr-scroll-cue");
    if (wide && !has) {
      cue = document.createElement("p");
      cue.className = "tr-scroll-cue";
      cue.textContent = said("scrollCue");
      el.before(cue);
    } else if (!wide && has) {
      cue.remove();
    }
  }
  function accessible() {
    // Quarto names its trail above the heading "breadcrumb", its headings' links "Anchor", and its search box and
    // button "Search", in every language: named in the page's
    document.querySelectorAll('nav[aria-label="breadcrumb"]').forEach(function (nav) {
      if (said("breadcrumb")) nav.setAttribute("aria-label", said("breadcrumb"));
    });
    document.querySelectorAll("a.anchorjs-link").forEach(function (link) {
      if (said("anchor")) link.setAttribute("aria-label", said("anchor"));
    });
    document.querySelectorAll(".aa-Autocomplete, .aa-DetachedSearchButton").forEach(function (el) {
      if (!said("search")) return;
      if (el.hasAttribute("aria-label")) el.setAttribute("aria-label", said("search"));
      if (el.hasAttribute("title")) el.setAttribute("title", said("search"));
    });
    document.querySelectorAll(".tr-chart-view svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
    // Quarto wraps a table in a cell's output, which is what scrolls
    document.querySelectorAll(".tr-chart-view, main table, .tr-main table, .cell-output-display").forEach(function (el) {
      var wide = el.scrollWidth > el.clientWidth + 1;
      if (wide) {
        el.setAttribute("tabindex", "0");
        if (el.tagName === "TABLE" && !el.hasAttribute("aria-label")) {
          var caption = el.querySelector("caption");
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", caption ? caption.textContent : said("table"));
        }
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
      }
      scrollCue(el, wide);
    });
  }
  window.trAccessible = accessible;
  accessible();
  window.addEventListener("resize", accessible);
  // a table widens when its web font arrives: look again once the fonts and the page have loaded
  window.addEventListener("load", accessible);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(accessible);
  if (typeof window.vegaEmbed !== "function") return;
  var NARROW = 560;     // px of column below which a chart takes its narrow layout
  var MIN_PLOT = 120;   // px: a plot is never drawn narrower
  var MAX_GROW = 1.35;  // a chart may widen to fill a wide column, within reason
  var STATIC_SLACK = 4; // px the static drawing's labels may measure narrower than the browser's

  function widest(node) {  // the widest view width the spec sets (a layer, a facet's cell, a row of a concat)
    var w = 0;
    if (!node || typeof node !== "object") return 0;
    if (Array.isArray(node)) { node.forEach(function (n) { w = Math.max(w, widest(n)); }); return w; }
    if (typeof node.width === "number") w = node.width;
    for (var k in node) if (k !== "data" && k !== "datasets" && k !== "config") w = Math.max(w, widest(node[k]));
    return w;
  }

  function adapt(spec, scale, narrow) {
    var s = JSON.parse(JSON.stringify(spec));
    (function walk(node) {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) { node.forEach(walk); return; }
      if (typeof node.width === "number") {
        node.width = Math.max(MIN_PLOT, Math.round(node.width * scale));
        if (node.title) {  // a view's own title (a row of a concat) is cut to its width, never widens the chart
          node.title = typeof node.title === "object" && !Array.isArray(node.title) ? node.title : { text: node.title };
          node.title.limit = node.width;
        }
      }
      if (narrow && node.axis && typeof node.axis === "object") {
        if (node.axis.labelLimit > 100) node.axis.labelLimit = 100;
        if (typeof node.axis.tickCount === "number" && node.axis.tickCount > 3) node.axis.tickCount = 3;
      }
      for (var k in node) if (k !== "data" && k !== "datasets") walk(node[k]);
    })(s);
    if ((s.params || []).some(function (p) { return p.bind; })) growingAxis(s);
    if (narrow) {
      labelsAbove(s);
      s.config = s.config || {};
      s.config.legend = Object.assign({}, s.config.legend, { orient: "bottom", columns: 2 });
      s.config.axis = Object.assign({}, s.config.axis, { labelLimit: 100 });
      s.config.axisQuantitative = Object.assign({ tickCount: 3 }, s.config.axisQuantitative);
    }
    return s;
  }

  // The what-if's value axis starts at the span its spec gives (so a bar's length moves as a slider does) and grows
  // to take in a longer bar instead of cutting it off at the end: at +3,100% the what-if bar is 32 times the base
  // bar, not the same length as at +300%.
  function growingAxis(s) {
    (function walk(node) {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) { node.forEach(walk); return; }
      var x = node.encoding && node.encoding.x;
      if (x && x.scale && Array.isArray(x.scale.domain)) {
        x.scale = Object.assign({}, x.scale, { domain: { unionWith: x.scale.domain } });
        delete x.scale.clamp;
      }
      for (var k in node) if (k !== "data" && k !== "datasets") walk(node[k]);
    })(s);
  }

  // Rows of bars or of dots on a phone: each row's name goes above it, full width, instead of an axis label beside it
  // cut short. Applies to a layered chart whose y is the rows' names and x their values. Beside dots (figure 4.3's
  // ranges) the value labels go below their dots, leaving the room above to the name.
  var ROW_MARKS = ["bar", "point", "circle"];
  function labelsAbove(s) {
    if (!Array.isArray(s.layer) || (s.params || []).some(function (p) { return p.bind; })) return;  // not the what-if
    var type = function (l) { return l.mark && (l.mark.type || l.mark); };
    var rows = s.layer.filter(function (l) { return ROW_MARKS.indexOf(type(l)) >= 0; })[0];
    var enc = Object.assign({}, s.encoding, rows && rows.encoding);
    if (!rows || !enc.y || enc.y.type !== "nominal" || !enc.x || enc.x.type !== "quantitative") return;
    var bars = type(rows) === "bar";
    var shift = bars ? 7 : 6;  // px the rows and their value labels move down, making room for the name above
    var hide = function (y) { return Object.assign({}, y, { axis: Object.assign({}, y.axis, { labels: false, ticks: false, domain: false }) }); };
    if (s.encoding && s.encoding.y) s.encoding = Object.assign({}, s.encoding, { y: hide(s.encoding.y) });
    s.layer.forEach(function (l) {
      var perRow = l.encoding && l.encoding.y;
      if (perRow) l.encoding = Object.assign({}, l.encoding, { y: hide(l.encoding.y) });
      var mark = typeof l.mark === "string" ? { type: l.mark } : Object.assign({}, l.mark);
      if (mark.type === "bar") mark.height = { band: 0.42 };
      if (mark.type === "text" && !bars) { mark.baseline = "top"; mark.dy = 7; }
      if (perRow || mark.type === "bar" || mark.type === "text") mark.yOffset = shift;
      l.mark = mark;
    });
    var name = {
      name: "tr_row_names",  // Vega gives its marks the class "tr_row_names_marks": report.css sets them off from lines
      mark: { type: "text", align: "left", baseline: "bottom", dy: -3, fontSize: 11, color: "#3e4c59" },
      encoding: { y: hide(enc.y), x: { value: 0 }, text: { field: enc.y.field, type: "nominal" } }
    };
    // Above a bar, the name's foot (its descenders and halo included) stands 3 px clear of the bar's top, however tall
    // the rows: placed where the bar's top is in its band (a bar of 0.42 of the band starts 0.29 into it), then moved
    // down with the bar. From the band's middle, a fixed offset let "quality" sit on its bar where the rows were tall.
    if (bars) {
      name.encoding.y = Object.assign({}, name.encoding.y, { bandPosition: (1 - 0.42) / 2 });
      name.mark.dy = shift - 3;
    }
    // a row of dots is several data rows: its name is written once, not once a dot on top of itself
    if (!bars) name.transform = [{ aggregate: [{ op: "count", as: "tr_dots" }], groupby: [enc.y.field] }];
    // A guide line down the whole chart (figure 4.3's zero line) would run through the names now set above the rows:
    // it is drawn row by row instead, from each band's middle (3 px below its name's foot) to its foot.
    if (!bars) s.layer.forEach(function (l) {
      var e = l.encoding || {};
      if (type(l) !== "rule" || !e.x || e.y || e.x2 || e.y2) return;
      l.encoding = Object.assign({}, e, {
        y: Object.assign(hide(enc.y), { bandPosition: 0.5 }),
        y2: { field: enc.y.field, bandPosition: 1 }
      });
    });
    s.layer.push(name);
    if (typeof s.height === "number") s.height = Math.round(s.height * 1.6);
    else if (s.height && typeof s.height.step === "number") s.height = { step: Math.round(s.height.step * 1.6) };
  }

  // On a dark page (the reader's system asks for it) a chart is drawn in the theme's dark colours: every colour of
  // the light theme swapped for its twin (the figure's data-dark, written from the chart theme), on a dark panel.
  var darkScheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function dark() { return !!(darkScheme && darkScheme.matches); }
  function recolour(spec, twins) {
    return (function walk(node) {
      if (typeof node === "string") { var twin = twins[node.toLowerCase()]; return twin === undefined ? node : twin; }
      if (!node || typeof node !== "object") return node;
      if (Array.isArray(node)) return node.map(walk);
      var out = {};
      for (var k in node) out[k] = (k === "data" || k === "datasets") ? node[k] : walk(node[k]);
      return out;
    })(spec);
  }

  // Draws the chart to fit `width`, sized from `previous` (a drawing measured: the static one or a live one; without
  // one, a guess of 120 px beside the plot), out of sight in its figure, and measures it: `show()` puts it in place of
  // what the figure shows, `drop()` discards it. A reader sees the static drawing, then the fitted one, never a
  // drawing made only to be measured.
  function draw(figure, spec, width, previous) {
    var plot = widest(spec);
    var narrow = width < NARROW;
    var wanted = previous ? previous.plot - (previous.drawn - width) - 2 : width - 120;
    var scale = plot ? Math.min(MAX_GROW, Math.max(MIN_PLOT / plot, wanted / plot)) : 1;
    var live = document.createElement("div");
    live.className = "tr-chart-live";
    var view = figure.querySelector(".tr-chart-view");
    var darkDrawn = dark() && figure.dataset.dark;
    var shown = adapt(spec, scale, narrow);
    if (darkDrawn) shown = recolour(shown, JSON.parse(figure.dataset.dark));
    return window.vegaEmbed(live, shown, { renderer: "svg", actions: false }).then(function (result) {
      // vega-embed names the chart "Vega visualization", in English on every page: it takes the figure's alt text
      live.removeAttribute("aria-roledescription");
      if (view.getAttribute("aria-label")) live.setAttribute("aria-label", view.getAttribute("aria-label"));
      else live.removeAttribute("aria-label");
      // laid out to be measured, taking no room and shown to no one
      live.style.cssText = "height: 0; overflow: hidden; visibility: hidden";
      view.appendChild(live);
      var svg = live.querySelector("svg");
      var drawn = svg ? svg.getBoundingClientRect().width : width;
      function show() {
        live.style.cssText = "";
        view.replaceChildren(live);
        figure.classList.toggle("tr-dark", !!darkDrawn);  // report.css gives its panel and controls the dark tones
        var bound = (spec.params || []).filter(function (p) { return p.bind; });
        if (bound.length) {
          showChanges(live, result.view);
          view.appendChild(resetButton(result.view, bound));
          view.setAttribute("role", "group");  // it holds controls: an image may not (its alt text stays its name)
        }
        figure.classList.add("tr-live");
        if (figure._vega) figure._vega.finalize();
        figure._vega = result;
        accessible();
      }
      function drop() {
        live.remove();
        result.finalize();
      }
      return { drawn: drawn, scale: scale, plot: plot * scale, show: show, drop: drop };
    });
  }

  function showChanges(live, vegaView) {  // each slider's value as a signed percent (+10%), kept in step with it
    live.querySelectorAll(".vega-bind input[type=range]").forEach(function (input) {
      var raw = input.nextElementSibling;
      var out = document.createElement("output");
      out.className = "tr-bind-value";
      function show(value) { out.textContent = (value > 0 ? "+" : value < 0 ? "\u2212" : "\u00b1") + Math.abs(value) + "%"; }
      show(Number(input.value));
      if (raw && raw.tagName === "SPAN") raw.replaceWith(out); else input.after(out);
      vegaView.addSignalListener(input.name, function (name, value) { show(value); });
    });
  }

  function resetButton(vegaView, bound) {  // puts every slider back to its starting value
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tr-reset";
    button.textContent = said("reset");
    button.addEventListener("click", function () {
      bound.forEach(function (p) { vegaView.signal(p.name, p.value); });
      vegaView.runAsync();
    });
    return button;
  }

  function fit(figure) {
    var specNode = figure.querySelector("script.tr-chart-spec");
    if (!specNode || !figure.querySelector(".tr-chart-view")) return;
    var spec = JSON.parse(specNode.textContent);
    var width = figure.clientWidth;
    figure._fitted = width;
    // A chart with a layout of its own for a narrow column (the tactics timeline as a list) draws that instead.
    var own = spec.usermeta && spec.usermeta.narrow;
    if (spec.usermeta) delete spec.usermeta;
    // The static drawing was made from this spec at its own width, so it shows the room the axes, labels and legends
    // take beside the plot: the first live drawing is sized from it (its fonts measured by another renderer: a few px
    // allowed) rather than from a guess of 120 px, which drew most charts twice. Read once: a live drawing replaces it.
    if (figure._static === undefined) {
      var drawing = figure.querySelector(".tr-chart-view > svg");
      var drawnWidth = drawing ? parseFloat(drawing.getAttribute("width")) : NaN;
      figure._static = drawnWidth > 0 ? { plot: widest(spec), drawn: drawnWidth + STATIC_SLACK } : null;
    }
    var guess = figure._static;
    // The narrow layout takes room of its own (names above the rows, legends below, shorter labels), mostly less: where
    // the static drawing's room is under the 120 px guess it is the nearer guess there (a miss is drawn again).
    if (width < NARROW && guess && guess.drawn - guess.plot > 120) guess = null;
    // a list has little beside its plot: a first guess closer than the 120 px of axes
    if (own && width < NARROW) { spec = own; guess = { plot: widest(own), drawn: widest(own) + 24 }; }
    function again(last, tries) {
      // Too wide for the column, or much narrower than it: draw again with the measured overhead.
      var over = last.drawn > width + 0.5, under = last.drawn < width * 0.9 && last.scale < MAX_GROW;
      if (tries > 0 && (over || under)) {
        last.drop();
        return draw(figure, spec, width, last).then(function (next) { return again(next, tries - 1); });
      }
      last.show();
    }
    draw(figure, spec, width, guess)
      .then(function (first) { return again(first, 2); })
      .catch(function (err) { console.warn("chart kept static:", figure.id, err); });
  }

  function render() { document.querySelectorAll("figure.tr-chart").forEach(fit); }

  var pending;
  // the reader's system turns dark (or light) while the page is open: every chart is drawn again in its colours
  if (darkScheme && darkScheme.addEventListener) darkScheme.addEventListener("change", render);
  window.addEventListener("resize", function () {  // a phone turned, a window resized: refit what changed width
    clearTimeout(pending);
    pending = setTimeout(function () {
      document.querySelectorAll("figure.tr-chart").forEach(function (figure) {
        if (Math.abs(figure.clientWidth - (figure._fitted || 0)) > 24) fit(figure);
      });
    }, 200);
  });
  // Wait for the web font, so labels are measured with the glyphs they are drawn in.
  var ready = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  ready.then(render);
})();
