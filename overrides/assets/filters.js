// Faceted filtering of an overview page. Without JavaScript the page shows the complete list;
// with it, checking boxes narrows the list at once, counts update, and the choice lives in the
// URL (?thema=wonen&levels=nationaal) so a filtered view can be shared and survives a reload.
// A page may hold several lists ([data-kb-list]) in which one record appears more than once
// (Projecten en mandjes groups projects by theme and by province): items with the same
// data-kb-id count once. A form that is useless without JavaScript starts hidden and is shown
// here. After each change the form fires "kb:filtered" (projects.js re-adds the totals).
// Each facet is a <details> fold: its button shows how many of its values are chosen, and an open
// fold closes with Escape (focus back on its button) or a click elsewhere on the page.
// A paged overview lists one page of the collection; its list names, in data-kb-rows, a JSON file
// with every row. As soon as a filter is chosen that file is loaded once, and the list shows the
// matching records of all pages (the page links hide); with no filter, the page's own rows return.
(function () {
  "use strict";
  var form = document.querySelector("form[data-kb-facets]");
  var lists = Array.prototype.slice.call(document.querySelectorAll("[data-kb-list]"));
  if (!form || !lists.length) return;
  var items = [];
  lists.forEach(function (list) { items = items.concat(Array.prototype.slice.call(list.children)); });
  var rowsUrl = lists.length === 1 ? lists[0].getAttribute("data-kb-rows") : null;
  var pageItems = items;
  var allItems = null;
  var loading = false;
  var note = "";  // said after the count when the full list could not be loaded
  var pageLinks = document.querySelector("[data-kb-pagination]");
  var distinct = distinctItems(items);

  function distinctItems(list) {
    var seen = {};
    return list.filter(function (item) {
      var id = item.getAttribute("data-kb-id");
      if (!id) return true;
      if (seen[id]) return false;
      seen[id] = true;
      return true;
    });
  }

  // Every row of the collection, from the JSON beside its first page; links made absolute from there.
  function loadAll(done) {
    if (loading) return;
    loading = true;
    var source = new URL(rowsUrl, location.href);
    fetch(source.href).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      var holder = document.createElement("template");
      holder.innerHTML = data.rows.join("");
      Array.prototype.forEach.call(holder.content.querySelectorAll("a[href]"), function (link) {
        var target = new URL(link.getAttribute("href"), source);
        link.setAttribute("href", target.pathname + target.hash);
      });
      allItems = Array.prototype.slice.call(holder.content.children);
      done();
    }).catch(function () {
      note = " (alleen op deze pagina: de hele lijst kon niet worden geladen)";
      rowsUrl = null;
      done();
    });
  }

  // Show the page's own rows, or every row of the collection while a filter is chosen.
  function useRows(all) {
    var wanted = all ? allItems : pageItems;
    if (items === wanted) return;
    items = wanted;
    distinct = distinctItems(items);
    var fragment = document.createDocumentFragment();
    items.forEach(function (item) { fragment.appendChild(item); });
    lists[0].replaceChildren(fragment);
    if (pageLinks) pageLinks.hidden = all;
  }

  var status = form.querySelector(".kb-facets__status");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var folds = Array.prototype.slice.call(form.querySelectorAll("details"));
  var labels = boxes.map(function (box) { return box.parentNode.querySelector(".kb-count"); });
  var counts = labels.map(function (label) {  // as the page gives them: counted over the whole collection
    return label ? label.textContent : "";
  });

  function selected() {
    var chosen = {};
    boxes.forEach(function (box) {
      if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return chosen;
  }

  // An item's values of a field, read from its attribute once (the count runs over every item).
  var read = new WeakMap();
  function valuesOf(item, field) {
    var known = read.get(item);
    if (!known) read.set(item, known = {});
    if (!known[field]) {
      known[field] = (item.getAttribute("data-" + field) || "").split(" ").filter(function (v, i, all) {
        return v && all.indexOf(v) === i;
      });
    }
    return known[field];
  }
  var fields = boxes.map(function (box) { return box.name; }).filter(function (name, i, all) { return all.indexOf(name) === i; });

  function matches(item, chosen, skip) {
    return Object.keys(chosen).every(function (field) {
      if (field === skip) return true;
      var values = valuesOf(item, field);
      return chosen[field].some(function (v) { return values.indexOf(v) !== -1; });
    });
  }

  function apply(push) {
    var chosen = selected();
    var active = Object.keys(chosen).length > 0;
    if (rowsUrl && active && !allItems) {
      status.textContent = "De hele lijst wordt geladen …";
      loadAll(function () { apply(push); });
      return;
    }
    if (rowsUrl) useRows(active);
    items.forEach(function (item) {
      var hide = !matches(item, chosen);
      if (item.hidden !== hide) item.hidden = hide;
    });
    var shown = distinct.filter(function (item) { return !item.hidden; }).length;
    // A value's count: the items that have it and match the choice in the other fields. One pass
    // over the items, not one per checkbox; a text is only written when it changes.
    var tally = {};
    if (!(rowsUrl && !active)) {
      distinct.forEach(function (item) {
        fields.forEach(function (field) {
          if (!matches(item, chosen, field)) return;
          valuesOf(item, field).forEach(function (v) { tally[field + " " + v] = (tally[field + " " + v] || 0) + 1; });
        });
      });
    }
    boxes.forEach(function (box, i) {
      var label = labels[i];
      if (!label) return;
      // Without a choice a paged overview shows the page's counts, which are the collection's.
      var text = rowsUrl && !active ? counts[i] : "(" + (tally[box.name + " " + box.value] || 0) + ")";
      if (label.textContent !== text) label.textContent = text;
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
    var said = rowsUrl && !active ? "" : shown + " van " + distinct.length + " getoond" + note;
    if (status.textContent !== said) status.textContent = said;  // the page may say it already
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
