// The embedded engine's pages on a phone: the navigation (chapters, search, downloads) folds away behind a Menu
// button, so the page's title is on the first screen. Without JavaScript the button stays hidden and the
// navigation open; on a wide screen the button is not shown and the navigation always is (report.css).
(function () {
  var button = document.querySelector(".tr-menu");
  var nav = document.getElementById("tr-nav");
  if (!button || !nav) return;
  function show(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.body.classList.toggle("tr-nav-closed", !open);
  }
  button.hidden = false;
  show(false);
  // a disclosure: focus stays on the button (the navigation follows it, so Tab goes there next; a phone's keyboard
  // does not pop up for the search box)
  button.addEventListener("click", function () { show(button.getAttribute("aria-expanded") !== "true"); });
  document.addEventListener("keydown", function (event) {  // Escape closes it and gives focus back to the button
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && getComputedStyle(button).display !== "none") {
      show(false);
      button.focus();
    }
  });
})();
