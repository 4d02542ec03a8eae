// Site search for the embedded engine's pages (Quarto sites bring their own). The index is a script,
// assets/search-index.js, so search works from a web server and from files opened directly alike.
(function () {
  var input = document.getElementById("tr-search");
  var list = document.getElementById("tr-search-results");
  if (!input || !list || !window.TR_SEARCH) return;
  function snippet(text, at, length) {
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, at + length + 60) + "…";
  }
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    list.replaceChildren();
    if (query.length < 2 && !/[\u3400-\u9fff]/.test(query)) return;
    var hits = [];
    window.TR_SEARCH.forEach(function (section) {
      var at = section.text.toLowerCase().indexOf(query);
      var inTitle = section.heading.toLowerCase().indexOf(query) >= 0;
      if (at >= 0 || inTitle) hits.push({ section: section, at: at, score: inTitle ? 0 : 1 });
    });
    hits.sort(function (a, b) { return a.score - b.score; });
    hits.slice(0, 12).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      // the page opens at the section, and hit.js marks the words searched for there (?q=)
      var url = hit.section.url.split("#");
      link.href = url[0] + "?q=" + encodeURIComponent(input.value.trim()) + (url[1] ? "#" + url[1] : "");
      var title = document.createElement("strong");
      title.textContent = hit.section.heading;
      link.appendChild(title);
      if (hit.at >= 0) {
        var text = document.createElement("span");
        text.textContent = snippet(hit.section.text, hit.at, query.length);
        link.appendChild(text);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    if (!hits.length) {
      var none = document.createElement("li");
      var said = document.getElementById("tr-words");
      none.textContent = said ? said.dataset.noMatch : "";
      list.appendChild(none);
    }
  });
})();
