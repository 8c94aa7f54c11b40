// Vergelijken: two to four instruments or funds side by side, one row per field. The address holds
// the choice (?ids=a,b,c). Each record's fields come from gegevens/<id>.json, written by the
// generator; ids that are not valid record ids are never fetched, unknown ones are named in a
// message, and every text reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var page = document.querySelector("[data-kb-compare-page]");
  if (!page || !window.fetch || !window.URLSearchParams) return;
  var KEY = "kb-vergelijk", ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var most = parseInt(page.getAttribute("data-kb-most"), 10) || 4;
  var dataUrl = page.getAttribute("data-kb-data"), siteRoot = page.getAttribute("data-kb-root") || "../";
  var messages = page.querySelector("[data-kb-messages]");
  var wrap = page.querySelector("[data-kb-table-wrap]");
  var tools = page.querySelector("[data-kb-tools]");
  var diff = page.querySelector("[data-kb-diff]");
  page.querySelector("[data-kb-nojs]").hidden = true;
  page.querySelector("[data-kb-js]").hidden = false;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function say(text) { messages.appendChild(element("p", text)); }
  function shorten(text) { return text.length > 40 ? text.slice(0, 40) + "…" : text; }
  function basket() {
    try { var ids = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(ids) ? ids : []; } catch (e) { return []; }
  }
  function keep(ids) { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* the address still holds them */ } }
  function address(ids) { return "./" + (ids.length ? "?ids=" + ids.join(",") : ""); }

  var params = new URLSearchParams(location.search);
  var asked = params.has("ids") ? (params.get("ids") || "").split(",") : basket().map(String);
  var ids = [], unknown = [];
  asked.map(function (s) { return s.trim(); }).filter(Boolean).forEach(function (id) {
    if (ids.indexOf(id) !== -1 || unknown.indexOf(id) !== -1) return;
    if (id.length <= 80 && ID.test(id)) ids.push(id); else unknown.push(id);
  });
  if (ids.length > most) {
    say("U kunt hoogstens " + most + " records naast elkaar zetten; de eerste " + most + " staan hieronder.");
    ids = ids.slice(0, most);
  }

  Promise.all(ids.map(function (id) {
    return fetch(dataUrl + id + ".json")
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  })).then(function (found) {
    var records = [], shownIds = [];
    found.forEach(function (data, i) {
      if (!data || !Array.isArray(data.records)) { unknown.push(ids[i]); return; }
      shownIds.push(ids[i]);
      data.records.forEach(function (r) { records.push(r); });
    });
    if (unknown.length) {
      say((unknown.length === 1 ? "Dit record bestaat niet en is overgeslagen: " : "Deze records bestaan niet en zijn overgeslagen: ")
          + unknown.map(shorten).join(", ") + ".");
    }
    if (!params.has("ids") && shownIds.length) history.replaceState(null, "", address(shownIds));
    keep(shownIds);
    if (records.length < 2) {
      say(records.length ? "Kies nog minstens één instrument of fonds om mee te vergelijken." : "Er is nog niets gekozen om te vergelijken.");
    }
    if (records.length) table(records, shownIds);
  });

  function table(records, shownIds) {
    var labels = [];
    records.forEach(function (r) { r.rows.forEach(function (row) { if (labels.indexOf(row.label) === -1) labels.push(row.label); }); });
    var t = element("table", "", "kb-compare__table");
    t.appendChild(element("caption", "Vergelijking van " + records.map(function (r) { return r.title; }).join(", "), "kb-visually-hidden"));
    var head = element("thead"), tr = element("tr");
    tr.appendChild(element("th", "Kenmerk")).setAttribute("scope", "col");
    records.forEach(function (r) {
      var th = element("th");
      th.setAttribute("scope", "col");
      var link = element("a", r.title);
      link.href = siteRoot + r.url;
      th.appendChild(link);
      var remove = element("a", "Haal weg", "kb-compare__remove");
      remove.appendChild(element("span", " " + r.title, "kb-visually-hidden"));
      remove.href = address(shownIds.filter(function (id) { return id !== r.id; }));
      th.appendChild(remove);
      tr.appendChild(th);
    });
    head.appendChild(tr);
    t.appendChild(head);
    var body = element("tbody"), same = 0;
    labels.forEach(function (label) {
      var row = element("tr");
      row.appendChild(element("th", label)).setAttribute("scope", "row");
      var cells = records.map(function (r) {
        var found = r.rows.filter(function (x) { return x.label === label; })[0];
        return found ? found.values : [];
      });
      cells.forEach(function (values) {
        var td = element("td");
        if (!values.length) td.appendChild(element("span", "–", "kb-compare__none")).setAttribute("title", "niet ingevuld");
        else if (values.length === 1) td.textContent = values[0];
        else {
          var ul = element("ul");
          values.forEach(function (v) { ul.appendChild(element("li", v)); });
          td.appendChild(ul);
        }
        row.appendChild(td);
      });
      var key = JSON.stringify(cells[0]);
      if (records.length > 1 && cells.every(function (c) { return JSON.stringify(c) === key; })) {
        row.setAttribute("data-kb-same", "");
        same += 1;
      }
      body.appendChild(row);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    wrap.hidden = false;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Vergelijking, horizontaal te schuiven");
    wrap.tabIndex = 0;
    tools.hidden = records.length < 2;
    var status = element("span", "", "kb-compare__status");
    status.setAttribute("role", "status");
    tools.appendChild(status);
    function apply() {
      Array.prototype.forEach.call(body.querySelectorAll("tr[data-kb-same]"), function (row) { row.hidden = diff.checked; });
      status.textContent = diff.checked ? (same === 1 ? " 1 gelijke rij verborgen." : " " + same + " gelijke rijen verborgen.") : "";
    }
    diff.addEventListener("change", apply);
    apply();
  }
})();
