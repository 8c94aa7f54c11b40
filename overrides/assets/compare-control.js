// "Vergelijk" on an instrument's or fund's page and on their overviews: a toggle that keeps the
// choice (at most four ids) in the browser's localStorage, and a link to the comparison with the
// choice in its address (?ids=a,b). Does nothing on other pages; without JavaScript it is absent.
(function () {
  "use strict";
  var KEY = "kb-vergelijk", MOST = 4, ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-kb-compare-control]"));
  var lists = Array.prototype.slice.call(document.querySelectorAll("ul[data-kb-compare-url]"));
  if (!controls.length && !lists.length) return;

  function valid(id) { return typeof id === "string" && id.length <= 80 && ID.test(id); }
  function load() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(valid).slice(0, MOST) : [];
    } catch (e) { return []; }
  }
  function save(ids) { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* private mode: the link still carries the choice */ } }
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  var toggles = [], links = [];
  function refresh(message) {
    var ids = load();
    toggles.forEach(function (t) { t.button.setAttribute("aria-pressed", ids.indexOf(t.id) !== -1 ? "true" : "false"); });
    links.forEach(function (l) {
      l.link.hidden = !ids.length;
      l.link.href = l.base + (ids.length ? "?ids=" + ids.join(",") : "");
      l.count.textContent = "(" + ids.length + " gekozen)";
      l.status.textContent = message || "";
    });
  }
  function toggle(id) {
    var ids = load(), at = ids.indexOf(id), message = "";
    if (at !== -1) ids.splice(at, 1);
    else if (ids.length >= MOST) message = "U vergelijkt al " + MOST + " records: haal er eerst een weg.";
    else ids.push(id);
    save(ids);
    refresh(message);
  }
  // One click handler for the whole page, not one per row of a long overview.
  document.addEventListener("click", function (event) {
    var b = event.target.closest ? event.target.closest("button.kb-compare-toggle[data-kb-id]") : null;
    if (b) toggle(b.getAttribute("data-kb-id"));
  });
  function button(id, title) {
    var b = element("button", "Vergelijk", "kb-compare-toggle");
    b.type = "button";
    b.setAttribute("data-kb-id", id);
    if (title) b.appendChild(element("span", " " + title, "kb-visually-hidden"));
    toggles.push({ id: id, button: b });
    return b;
  }
  function bar(base) {
    var p = element("p", "", "kb-compare-bar");
    var link = element("a", "Naar de vergelijking ");
    var count = element("span", "", "kb-compare-bar__count");
    link.appendChild(count);
    var status = element("span", "", "kb-compare-bar__status");
    status.setAttribute("role", "status");
    p.appendChild(link);
    p.appendChild(status);
    links.push({ link: link, count: count, status: status, base: base });
    return p;
  }

  controls.forEach(function (control) {
    var id = control.getAttribute("data-kb-id");
    if (!valid(id)) return;
    control.appendChild(button(id, ""));
    control.appendChild(bar(control.getAttribute("data-kb-compare-url")));
    control.hidden = false;
  });
  // Rows get their button once; a paged overview's filters bring in rows of other pages later.
  function addButtons(list) {
    Array.prototype.forEach.call(list.children, function (item) {
      if (item.firstElementChild && item.firstElementChild.classList.contains("kb-compare-toggle")) return;
      var link = item.querySelector("a[href]");
      if (!link) return;
      var parts = link.pathname.split("/").filter(Boolean);
      var id = parts[parts.length - 1];
      if (valid(id)) item.prepend(button(id, link.textContent.trim()));
    });
  }
  lists.forEach(function (list) {
    list.before(bar(list.getAttribute("data-kb-compare-url")));
    addButtons(list);
  });
  var facets = document.querySelector("form[data-kb-facets]");
  if (facets) facets.addEventListener("kb:filtered", function () { lists.forEach(addButtons); refresh(""); });
  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(""); });
  refresh("");
})();
