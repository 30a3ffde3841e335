/* Filters and full-text search of the measure list, in the browser, without any network.
   The page works without this script (the full list is shown); with it, the filter form
   appears and rows not matching every filter and every search word are hidden. Words are
   compared without case, accents and umlaut spelling ("buerger" and "burger" find "Bürger").
   The address carries the filters (?q=...&field=...): the search box in the page header sends
   ?q=, which fills both search boxes here, and every change is written back into the address,
   so reloading, going back to the list from a measure, or sharing the link shows the same list. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-measure]"));
  var index = window.DOTOOL_SEARCH || {};
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("no-results");
  var names = ["field", "status", "scope", "rag"];
  var header = document.getElementById("site-q");

  // "Bürgerbüro", "Buergerbuero", "burgerburo" and "BÜRGERBÜRO" are one word to the search:
  // without case, umlauts as their base letter whether written ü or ue, ß as ss, and other
  // accents dropped ("é" → "e"). The text and the words typed are folded alike.
  function fold(text) {
    return String(text).toLowerCase().replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
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
    if (header) { header.value = form.elements.q.value; }
  }

  // The current filters into the address, without a new history entry.
  function remember() {
    var query = new URLSearchParams();
    ["q"].concat(names).forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) { query.set(name, value); }
    });
    var search = query.toString();
    try {
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (error) { /* a browser that refuses it for file:// URLs: the list still works */ }
  }

  function changed() {
    apply();
    remember();
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
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
  apply();
}());
