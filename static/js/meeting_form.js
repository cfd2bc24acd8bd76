/* Meeting form: show each administration's delegates only once it is ticked, and find administrations by name.
   Without JavaScript every delegate stays visible and the form works the same. */
(function () {
  "use strict";
  var box = document.querySelector("[data-attendance]");
  if (!box) { return; }

  function sync(row) {
    var partner = row.querySelector(".form-check > input[type=checkbox]");
    var contacts = row.querySelector("[data-attendance-contacts]");
    if (!partner || !contacts) { return; }
    var ticked = partner.checked || contacts.querySelector("input:checked") !== null;
    contacts.hidden = !ticked;
  }

  var rows = Array.prototype.slice.call(box.querySelectorAll("[data-attendance-row]"));
  rows.forEach(function (row) {
    sync(row);
    var partner = row.querySelector(".form-check > input[type=checkbox]");
    if (partner) {
      partner.addEventListener("change", function () { sync(row); });
    }
  });

  var search = document.querySelector("[data-attendance-search]");
  if (search) {
    search.addEventListener("input", function () {
      var term = search.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = term !== "" && row.getAttribute("data-search-text").indexOf(term) === -1;
      });
    });
  }
})();
