/* The site menu on narrow screens: a button opens and closes it (no framework; Bootstrap's CSS
   hides ".collapse" unless ".show"). Keyboard: the button is a real <button> (Enter, Space);
   Escape closes the open menu and puts the focus back on the button. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setOpen(button, menu, open) {
    menu.classList.toggle("show", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.setAttribute("aria-label", button.getAttribute(open ? "data-label-close" : "data-label-open"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-nav-toggle]").forEach(function (button) {
      var menu = document.getElementById(button.getAttribute("aria-controls"));
      if (!menu) { return; }
      button.addEventListener("click", function () {
        setOpen(button, menu, button.getAttribute("aria-expanded") !== "true");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          setOpen(button, menu, false);
          button.focus();
        }
      });
    });
  });
})();
