// A search result followed (both engines): the page opens at the section the words were found in, with the words
// marked there and scrolled into view, and the address names that section (#anchor) so it can be shared.
// Quarto's search marks every match itself (<mark>) and takes ?q= off the address before this runs; the embedded
// engine's search (search.js) leaves ?q= for this script, which marks the matches the same way.
(function () {
  var query = (new URLSearchParams(location.search).get("q") || "").trim();
  var SKIP = "svg, script, style, nav, mark, .tr-search, #tr-words, .vega-bindings";

  function markAll(main, words) {  // every match in the text, in <mark>, as Quarto marks them
    var lower = words.toLowerCase(), nodes = [], marks = [];
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(SKIP) && node.data.toLowerCase().indexOf(lower) >= 0) nodes.push(node);
    }
    nodes.forEach(function (node) {
      var at;
      while ((at = node.data.toLowerCase().indexOf(lower)) >= 0) {
        var match = node.splitText(at);
        node = match.splitText(words.length);
        var mark = document.createElement("mark");
        match.replaceWith(mark);
        mark.appendChild(match);
        marks.push(mark);
      }
    });
    return marks;
  }

  function headingBefore(main, node) {  // an embedded page's section: from its h1/h2 (which has the id) to the next
    var found = null;
    main.querySelectorAll("h1[id], h2[id]").forEach(function (h) {
      if (h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
    });
    return found;
  }

  function sectionOf(main, node) {  // Quarto wraps each section in <section id>; the embedded engine does not
    return node.closest("section[id]") || headingBefore(main, node);
  }

  function run() {
    var main = document.querySelector("main");
    if (!main) return;
    // Quarto has taken ?q= off the address by now and marked the matches itself, with plain <mark>s
    var quartoMarked = !query && document.getElementById("quarto-search");
    var marks = query ? markAll(main, query) : quartoMarked ? [].slice.call(main.querySelectorAll("mark")) : [];
    if (!marks.length) return;
    var named = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var hit = marks.filter(function (m) { return named && (named.contains(m) || sectionOf(main, m) === named); })[0] || marks[0];
    hit.classList.add("tr-hit");
    var section = sectionOf(main, hit);
    if (section && section.id && (!named || !(named.contains(hit) || section === named))) {
      history.replaceState(history.state, "", "#" + encodeURIComponent(section.id));
    }
    // Charts are redrawn and fonts arrive after the first paint, which moves the text: the hit is brought back into
    // view until they have, unless the reader has started scrolling.
    var reader = false;
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
      window.addEventListener(type, function () { reader = true; }, { once: true, passive: true });
    });
    function reveal() { if (!reader) hit.scrollIntoView({ block: "center" }); }
    reveal();
    window.addEventListener("pageshow", reveal);
    window.addEventListener("load", reveal);
    (document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve()).then(function () {
      reveal();
      setTimeout(reveal, 700);
      setTimeout(reveal, 1600);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
})();
