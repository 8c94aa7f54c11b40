// Faceted filtering of an overview page. Without JavaScript the page shows the complete list;
// with it, checking boxes narrows the list at once, counts update, and the choice lives in the
// URL (?thema=wonen&levels=nationaal) so a filtered view can be shared and survives a reload.
// A page may hold several lists ([data-kb-list]) in which one record appears more than once
// (Projecten en mandjes groups projects by theme and by province): items with the same
// data-kb-id count once. A form that is useless without JavaScript starts hidden and is shown
// here. After each change the form fires "kb:filtered" (projects.js re-adds the totals).
// Each facet is a <details> fold: its button shows how many of its values are chosen, and an open
// fold closes with Escape (focus back on its button) or a click elsewhere on the page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-kb-facets]");
  var lists = Array.prototype.slice.call(document.querySelectorAll("[data-kb-list]"));
  if (!form || !lists.length) return;
  var items = [];
  lists.forEach(function (list) { items = items.concat(Array.prototype.slice.call(list.children)); });
  var seen = {};
  var distinct = items.filter(function (item) {
    var id = item.getAttribute("data-kb-id");
    if (!id) return true;
    if (seen[id]) return false;
    seen[id] = true;
    return true;
  });
  var status = form.querySelector(".kb-facets__status");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var folds = Array.prototype.slice.call(form.querySelectorAll("details"));

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
    items.forEach(function (item) { item.hidden = !matches(item, chosen); });
    var shown = distinct.filter(function (item) { return !item.hidden; }).length;
    boxes.forEach(function (box) {
      var count = distinct.filter(function (item) {
        var values = (item.getAttribute("data-" + box.name) || "").split(" ");
        return values.indexOf(box.value) !== -1 && matches(item, chosen, box.name);
      }).length;
      var label = box.parentNode.querySelector(".kb-count");
      if (label) label.textContent = "(" + count + ")";
    });
    folds.forEach(function (fold) {
      var marker = fold.querySelector("[data-kb-chosen]");
      var n = fold.querySelectorAll("input:checked").length;
      if (!marker) return;
      marker.textContent = "";
      if (!n) return;
      var hint = document.createElement("span");
      hint.className = "kb-visually-hidden";
      hint.textContent = " gekozen";
      marker.append(String(n), hint);
    });
    status.textContent = shown + " van " + distinct.length + " getoond";
    if (push) {
      var params = new URLSearchParams();
      Object.keys(chosen).sort().forEach(function (field) { params.set(field, chosen[field].join(",")); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    form.dispatchEvent(new CustomEvent("kb:filtered"));
  }

  var params = new URLSearchParams(location.search);
  boxes.forEach(function (box) {
    var wanted = (params.get(box.name) || "").split(",");
    box.checked = wanted.indexOf(box.value) !== -1;
  });
  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = event.target.closest ? event.target.closest("details[open]") : null;
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    folds.forEach(function (fold) { if (fold.open && !fold.contains(event.target)) fold.open = false; });
  });
  apply(false);
})();
