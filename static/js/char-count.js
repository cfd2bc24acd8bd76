// The character counter of every textarea with a maxlength (templates/django/forms/widgets/textarea.html renders
// its two elements, acip/templatetags/char_count.py its messages). It shows once the text nears the limit: the
// visible count follows each keystroke; the one a screen reader hears (aria-live="polite", and the textarea's
// aria-describedby) waits until typing pauses, so that it is not read out after every key.
(function () {
  "use strict";
  var SHOW_FROM = 0.8; // of the limit
  var ANNOUNCE_AFTER_MS = 800;
  var lang = document.documentElement.lang || undefined;
  var plural = new Intl.PluralRules(lang);
  var number = new Intl.NumberFormat(lang);

  function setUp(counter) {
    var field = document.getElementById(counter.getAttribute("data-char-count-for"));
    var max = field ? parseInt(field.getAttribute("maxlength"), 10) : NaN;
    if (!(max > 0)) return;
    var shown = counter.querySelector("[data-char-count-shown]");
    var live = counter.querySelector("[data-char-count-live]");
    var timer = null;

    function message() {
      var length = field.value.length;
      if (length < max * SHOW_FROM) return "";
      var left = max - length;
      var kind = left < 0 ? "over" : "left";
      var count = Math.abs(left);
      var form = plural.select(count) === "one" ? "one" : "other";
      return counter.getAttribute("data-" + kind + "-" + form).replace("%(count)s", number.format(count));
    }

    function update(announce) {
      var text = message();
      shown.textContent = text;
      counter.classList.toggle("text-danger", field.value.length > max);
      window.clearTimeout(timer);
      if (announce) {
        timer = window.setTimeout(function () { live.textContent = text; }, ANNOUNCE_AFTER_MS);
      } else {
        live.textContent = text;
      }
    }

    field.addEventListener("input", function () { update(true); });
    update(false);
  }

  document.querySelectorAll("[data-char-count-for]").forEach(setUp);
})();
