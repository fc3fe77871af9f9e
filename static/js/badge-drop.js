// The verify page: a badge image dropped anywhere on the drop area goes into its file input, and the form is sent.
// Without JavaScript the file input itself takes a dropped file, or one chosen with the keyboard.
(function () {
  "use strict";
  var area = document.querySelector(".verify-form__drop");
  var input = area && area.querySelector("input[type=file]");
  if (!input) {
    return;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    area.addEventListener(name, function (event) {
      event.preventDefault();
      area.classList.add("verify-form__drop--over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    area.addEventListener(name, function () {
      area.classList.remove("verify-form__drop--over");
    });
  });
  area.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      input.form.requestSubmit();
    }
  });
})();
