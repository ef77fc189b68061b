// Keyboard access to the navigation menu at phone width, or when zoomed (WCAG 2.1.1).
// Material opens its drawer with <label for="__drawer"> elements, which a keyboard cannot reach.
// Here each such label becomes a button: Tab reaches it, Enter or Space opens or closes the menu,
// focus moves into the menu and back, and Escape closes it.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !drawer) return;
  var opener = document.querySelector('.md-header label[for="__drawer"]');
  var buttons = document.querySelectorAll('label[for="__drawer"]:not(.md-overlay)');

  function firstLink() {
    return drawer.querySelector("a[href], label[for]:not([for='__drawer']), input:not([type=checkbox])");
  }

  function sync() {
    buttons.forEach(function (button) {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    });
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // a click sends the change event that Material listens for
    sync();
    if (open) {
      var link = firstLink();
      if (link) window.setTimeout(function () { link.focus(); }, 50); // after the drawer becomes visible
    } else if (opener) {
      opener.focus();
    }
  }

  buttons.forEach(function (button) {
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-controls", "__drawer");
    if (button === opener) button.setAttribute("aria-label", "Menu");
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // Material clicks a focused label on Enter too: toggle once, here
      setOpen(!toggle.checked);
    });
  });
  toggle.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) setOpen(false);
  });
  sync();
})();
