/* Unit pickers: a search box above each <select data-unit-picker> of more than a few units, which
   keeps only the options whose text holds every word typed, accents or not ("dinh tien" finds
   "Trường Tiểu học Đinh Tiên Hoàng"). The server folds each option's text (tdkt.core.vi.fold, in
   data-fold); here only the query is folded the same way. Without JavaScript the select is the
   same list, in tree order, each unit with its path.
   Keyboard: Enter in the box picks the first match (the form is not sent), Arrow Down moves into
   the list. While a query is typed, a single select opens as a list so that the matches show. */
(function () {
  "use strict";
  var MIN_OPTIONS = 8;

  function fold(text) {
    return (text || "").replace(/[đĐ\u00d0]/g, "d").toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  function enhance(select) {
    if (select.hasAttribute("data-unit-picker-ready")) { return; }
    var all = Array.prototype.slice.call(select.options);
    if (all.length < MIN_OPTIONS) { return; }
    select.setAttribute("data-unit-picker-ready", "");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.getAttribute("data-search-label") || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", select.id);
    box.setAttribute("autocomplete", "off");
    box.setAttribute("data-unit-search", "");
    var status = document.createElement("div");
    status.className = "form-text";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-unit-found", "");
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(status, select.nextSibling);
    var size = select.getAttribute("size");
    var initial = select.multiple ? null : select.value;

    function matches(option, words) {
      if (!option.value) { return false; }
      var text = option.getAttribute("data-fold") || fold(option.text);
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    }

    function filter() {
      var words = fold(box.value).split(" ").filter(Boolean);
      // The units chosen stay in the list (the empty "---------" line only when nothing is typed).
      var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; });
      var kept = function (o) { return chosen.indexOf(o) !== -1; };
      var shown = all.filter(function (o) { return !words.length || kept(o) || matches(o, words); });
      var found = words.length ? shown.filter(function (o) { return matches(o, words); }).length : all.length;
      // Options are taken out of the list, not hidden (some browsers show hidden options anyway);
      // the choice made stays, whatever the browser picks while the list changes.
      select.replaceChildren.apply(select, shown);
      if (chosen.length) { all.forEach(function (o) { o.selected = kept(o); }); }
      else if (words.length) { select.selectedIndex = -1; }
      else if (!select.multiple) { select.value = initial; }
      if (!select.multiple) {
        if (words.length) { select.setAttribute("size", String(Math.max(2, Math.min(shown.length, 8)))); }
        else if (size) { select.setAttribute("size", size); }
        else { select.removeAttribute("size"); }
      }
      status.textContent = words.length ? (select.getAttribute("data-found-label") || "%s").replace("%s", found) : "";
      box.classList.toggle("is-invalid", words.length > 0 && found === 0);
    }

    box.addEventListener("input", filter);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var words = fold(box.value).split(" ").filter(Boolean);
        var hit = words.length ? Array.prototype.find.call(select.options, function (o) { return matches(o, words); }) : null;
        if (hit && !select.multiple) {
          select.value = hit.value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
        select.focus();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      }
    });
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("select[data-unit-picker]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  // Forms that htmx puts into the page get their search box too.
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
