// Faceted filtering of an overview page. Without JavaScript the page shows the complete list;
// with it, checking boxes narrows the list at once, counts update, and the choice lives in the
// URL (?thema=wonen&levels=nationaal) so a filtered view can be shared and survives a reload.
(function () {
  "use strict";
  var form = document.querySelector("form[data-kb-facets]");
  var list = document.querySelector("[data-kb-list]");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var status = form.querySelector(".kb-facets__status");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  function selected() {
    var chosen = {};
    boxes.forEach(function (box) {
      if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  }

  function matches(item, chosen, skip) {
    return Object.keys(chosen).every(function (field) {
      if (field === skip) return true;
      var values = (item.getAttribute("data-" + field) || "").split(" ");
      return chosen[field].some(function (v) { return values.indexOf(v) !== -1; });
    });
  }

  function apply(push) {
    var chosen = selected();
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, chosen);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    boxes.forEach(function (box) {
      var count = items.filter(function (item) {
        var values = (item.getAttribute("data-" + box.name) || "").split(" ");
        return values.indexOf(box.value) !== -1 && matches(item, chosen, box.name);
      }).length;
      var label = box.parentNode.querySelector(".kb-count");
      if (label) label.textContent = "(" + count + ")";
    });
    status.textContent = shown + " van " + items.length + " getoond";
    if (push) {
      var params = new URLSearchParams();
      Object.keys(chosen).sort().forEach(function (field) { params.set(field, chosen[field].join(",")); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  boxes.forEach(function (box) {
    var wanted = (params.get(box.name) || "").split(",");
    box.checked = wanted.indexOf(box.value) !== -1;
  });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
