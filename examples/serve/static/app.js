// Progressive enhancement of the search page: everything works without it.
// - autocompletion of the search box through the native <datalist>, which
//   screen readers announce as a list of suggestions;
// - filters apply as soon as they change.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  var form = document.getElementById("recherche");
  var timer = null;
  var last = "";
  if (input && list) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2 || text === last) return;
        last = text;
        fetch("/api/suggest?limit=8&q=" + encodeURIComponent(text))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.textContent = "";
            items.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.text;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }
  if (form) {
    form.querySelectorAll(".filters input[type=checkbox], .filters select").forEach(function (el) {
      el.addEventListener("change", function () { form.submit(); });
    });
  }
})();
