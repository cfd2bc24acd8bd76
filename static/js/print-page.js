/* Buttons marked data-print-page open the browser's print dialog (the page's print layout is in acip.css). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
