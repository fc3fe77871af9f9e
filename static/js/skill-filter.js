/* Optional: with JavaScript, a box narrows the list of skills as you type; without it, the page works the same. */
(function () {
  var box = document.querySelector(".skill-filter");
  if (!box) return;
  box.hidden = false;
  box.querySelector("input").addEventListener("input", function (event) {
    var words = event.target.value.toLowerCase().trim();
    document.querySelectorAll(".skill-category").forEach(function (category) {
      var shown = 0;
      category.querySelectorAll(".skill-row").forEach(function (row) {
        var match = !words || row.dataset.name.indexOf(words) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      category.hidden = shown === 0;
      if (words && shown) category.open = true;
    });
  });
})();
