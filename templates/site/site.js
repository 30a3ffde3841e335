/* Filters and full-text search of the measure list, in the browser, without any network.
   The page works without this script (the full list is shown); with it, the filter form
   appears and rows not matching every filter and every search word are hidden. Words are
   compared without case and accents ("burger" finds "Bürger"). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-measure]"));
  var index = window.DOTOOL_SEARCH || {};
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("no-results");
  var names = ["field", "status", "scope", "rag"];

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/ß/g, "ss");
  }

  var haystack = {};
  rows.forEach(function (row) {
    var id = row.getAttribute("data-measure");
    haystack[id] = fold((index[id] || "") + " " + row.textContent);
  });

  function apply() {
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = names.every(function (name) {
        var want = form.elements[name].value;
        return !want || row.getAttribute("data-" + name) === want;
      });
      var text = haystack[row.getAttribute("data-measure")];
      ok = ok && words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = form.getAttribute("data-count")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    empty.hidden = shown !== 0;
  }

  // Values from the address (the search box in the header sends ?q=...).
  var params = new URLSearchParams(window.location.search);
  ["q"].concat(names).forEach(function (name) {
    var value = params.get(name);
    var field = form.elements[name];
    if (value === null || !field) { return; }
    if (field.tagName === "SELECT" &&
        !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      return;
    }
    field.value = value;
  });

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
