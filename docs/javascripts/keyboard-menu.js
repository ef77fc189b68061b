// Keyboard access to the navigation menu at phone width, or when zoomed (WCAG 2.1.1).
// Material opens its drawer with a <label for="__drawer">, which a keyboard cannot reach. Here a real
// <button> takes its place in the header: Tab reaches it, Enter or Space opens or closes the menu,
// focus moves into the menu and back, and Escape closes it.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  if (!toggle || !drawer || !label) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " keyboard-menu";
  button.innerHTML = label.innerHTML; // Material's menu icon
  button.setAttribute("aria-label", "Menu");
  label.parentNode.insertBefore(button, label);
  label.classList.add("keyboard-menu-label"); // hidden by extra.css: the button does its work

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // a click sends the change event that Material listens for
    sync();
    if (open) {
      var link = drawer.querySelector("a[href]");
      if (link) window.setTimeout(function () { link.focus(); }, 50); // once the drawer is visible
    } else {
      button.focus();
    }
  }

  button.addEventListener("click", function () { setOpen(!toggle.checked); });
  toggle.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) setOpen(false);
  });
  sync();
})();
