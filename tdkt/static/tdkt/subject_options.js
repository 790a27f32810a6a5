/* Options that follow the subject chosen above them: a <select data-follows-person="id_person"
   data-follows-unit="id_unit"> keeps, once a person (or, with no person, a unit) is chosen, only its
   empty option and the options of that subject (data-person / data-unit on each option). A choice
   that no longer fits is cleared, so a line is never sent with another subject's achievement (the
   server refuses it anyway: awards.services.item_add). Nothing chosen: every option shows. */
(function () {
  "use strict";

  function follow(select) {
    var person = document.getElementById(select.getAttribute("data-follows-person"));
    var unit = document.getElementById(select.getAttribute("data-follows-unit"));

    function apply() {
      var who = person && person.value ? ["data-person", person.value]
        : unit && unit.value ? ["data-unit", unit.value] : null;
      Array.prototype.forEach.call(select.options, function (option) {
        var fits = !option.value || !who || option.getAttribute(who[0]) === who[1];
        option.hidden = !fits;
        option.disabled = !fits;
        if (!fits && option.selected) { select.value = ""; }
      });
    }

    [person, unit].forEach(function (field) {
      if (field) { field.addEventListener("change", apply); }
    });
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-follows-person]"), follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
