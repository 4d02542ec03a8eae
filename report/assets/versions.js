// The version switcher: on a published site (…/v/<version>/page.html or …/latest/page.html) it reads
// versions.json from the site's root and offers every version, plus this version's "what changed" page.
// Anywhere else (a local build, a file:// page) it stays out of the way.
(function () {
  // A language other than the site's has its pages in a folder named after it (…/v/<version>/zh/page.html).
  var match = location.pathname.match(/\/(v\/([^\/]+)|latest)\/((?:[a-z]{2}\/)?)([^\/]*)$/);
  if (!match) return;
  var root = location.pathname.slice(0, location.pathname.length - match[0].length) + "/";
  var page = match[3] + (match[4] || "index.html");
  var zh = (document.documentElement.lang || "").slice(0, 2) === "zh";
  var words = zh ? { version: "版本 ", label: "报告版本", latest: " · 最新", changes: "本版改动" }
                 : { version: "Version ", label: "Report version", latest: " · latest", changes: "What changed" };
  fetch(root + "versions.json")
    .then(function (response) { return response.json(); })
    .then(function (index) {
      var current = match[2] || index.latest;
      var box = document.createElement("div");
      box.className = "tr-versions";
      var label = document.createElement("label");
      label.textContent = words.version;
      var select = document.createElement("select");
      select.setAttribute("aria-label", words.label);
      index.versions.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v.version;
        option.textContent = v.version + " (" + v.date + ")" + (v.version === index.latest ? words.latest : "");
        if (v.version === current) option.selected = true;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        location.href = root + "v/" + select.value + "/" + page;
      });
      label.appendChild(select);
      box.appendChild(label);
      var changes = document.createElement("a");
      changes.href = "changes.html";  // each language's own, in its folder
      changes.textContent = words.changes;
      box.appendChild(changes);
      // The embedded engine's top bar, else Quarto's sidebar header (beside its title and PDF link).
      var header = document.querySelector(".tr-top") || document.querySelector("#quarto-sidebar .sidebar-header") ||
        document.querySelector("#quarto-header") || document.body;
      header.appendChild(box);
    })
    .catch(function () {});
})();
