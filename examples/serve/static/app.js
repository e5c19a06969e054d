// Progressive enhancement of the search page: everything works without it.
// - autocompletion of the search box through the native <datalist>, which
//   screen readers announce as a list of suggestions;
// - the filter panel opens by itself on wide screens (on a phone the
//   results come first and the panel stays behind its button);
// - focus goes where the server marked it (autofocus) if the browser did
//   not already put it there.
// Filters never apply on their own: a checkbox or a list changes nothing
// until "Appliquer les filtres" (no change of context on input, RGAA 7.3).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
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
  var filters = document.getElementById("filtres");
  if (filters && window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) filters.open = true;
  var target = document.querySelector("[autofocus]");
  if (target && document.activeElement !== target) target.focus();
})();
