// The version and edition switchers: on a published site (…/v/<version>/page.html or …/latest/page.html, another
// edition in …/editions/<edition>/, another language in …/<lang>/) it reads versions.json from the site's root and
// the version's editions.json, and offers every version (plus this version's "what changed" page) and every
// edition of this version, each pointing at the same page where it exists, else at its front page. The words come
// from editions.json, written by the publish step from the words/ catalogues in each language.
// Anywhere else (a local build, a file:// page) it stays out of the way.
(function () {
  var match = location.pathname.match(
    /\/(v\/([^\/]+)|latest)\/((?:editions\/[^\/]+\/)?)((?:[a-z]{2}\/)?)([^\/]*)$/);
  if (!match) return;
  var root = location.pathname.slice(0, location.pathname.length - match[0].length) + "/";
  var versionRoot = root + match[1] + "/";
  var here = match[3];  // this edition's place in the version: "" for the front, "editions/<edition>/"
  var folder = match[4];  // this language's folder: "" for the site's language
  var name = match[5] || "index.html";
  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url);
      return response.json();
    });
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function picker(className, labelText, ariaLabel, options, onChange) {
    var label = document.createElement("label");
    label.className = className;
    var span = document.createElement("span");
    span.textContent = labelText;
    var select = document.createElement("select");
    select.setAttribute("aria-label", ariaLabel);
    options.forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.text;
      if (o.selected) option.selected = true;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { onChange(select.value); });
    label.appendChild(span);
    label.appendChild(select);
    return label;
  }
  Promise.all([json(root + "versions.json"), json(versionRoot + "editions.json")])
    .then(function (both) {
      var index = both[0], editions = both[1];
      var language = editions.languages.filter(function (l) { return l.folder === folder; })[0] ||
        editions.languages[0];
      var words = language.words;
      var current = match[2] || index.latest;
      var thisEdition = editions.editions.filter(function (e) { return e.path === here; })[0];
      var box = document.createElement("div");
      box.className = "tr-versions";
      box.appendChild(picker("tr-version-pick", words.version, words.version_label,
        index.versions.map(function (v) {
          return { value: v.version, selected: v.version === current,
                   text: fill(v.version === index.latest ? words.latest : words.dated,
                              { version: v.version, date: v.date }) };
        }),
        function (version) {
          // The same edition in the version chosen when it holds it, else that version's front.
          var entry = index.versions.filter(function (v) { return v.version === version; })[0] || {};
          var held = (entry.editions || [entry.edition]);
          var edition = thisEdition ? thisEdition.edition : editions.front;
          var path = edition !== held[0] && held.indexOf(edition) > 0 ?
            "editions/" + encodeURIComponent(edition) + "/" : "";
          location.href = root + "v/" + encodeURIComponent(version) + "/" + path + folder + name;
        }));
      if (editions.editions.length > 1) {
        box.appendChild(picker("tr-edition-pick", words.edition, words.edition_label,
          editions.editions.map(function (e) {
            return { value: e.edition, selected: e.path === here,
                     text: e.label[language.lang] || e.edition };
          }),
          function (edition) {
            var chosen = editions.editions.filter(function (e) { return e.edition === edition; })[0];
            var pages = chosen.pages[language.lang] || [];
            location.href = versionRoot + chosen.path + folder + (pages.indexOf(name) >= 0 ? name : "index.html");
          }));
      }
      var changes = document.createElement("a");
      changes.href = "changes.html";  // each edition's and language's own, in its folder
      changes.textContent = words.changes;
      box.appendChild(changes);
      // The embedded engine's top bar, else Quarto's sidebar header (beside its title and PDF link).
      var header = document.querySelector(".tr-top") || document.querySelector("#quarto-sidebar .sidebar-header") ||
        document.querySelector("#quarto-header") || document.body;
      header.appendChild(box);
    })
    .catch(function () {});
})();
