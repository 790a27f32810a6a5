/* Small page behaviours declared by data attributes, so that no template carries inline JavaScript
   (the Content-Security-Policy allows scripts from our own static files only; docs/security.md):
   - data-submit-on-change on a form control submits its form when the choice changes (year pickers);
   - data-print on a button opens the browser's print dialog. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var control = event.target.closest ? event.target.closest("[data-submit-on-change]") : null;
    if (control && control.form) { control.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { window.print(); }
  });
})();
