/* Buttons marked data-copy-field="<id>" copy that field's text to the clipboard and say so in their status line
   (data-copy-status="<id>", a live region). Without the clipboard (an insecure origin), they select the text. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-field]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copyField);
      var status = document.getElementById(button.dataset.copyStatus);
      field.select();
      if (!navigator.clipboard) {
        return;
      }
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = button.dataset.copiedText;
        }
      });
    });
  });
})();
