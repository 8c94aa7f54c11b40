// The wegwijzer: one question at a time. The address holds the answers (?thema=…&bestuurslaag=…
// &hulp=…; an empty value means "maakt niet uit"), every step is a real page load, so a result can
// be shared and the browser's back button goes one question back. The page holds every question
// (generated from data/vocabularies.yaml); this script shows the first one not yet answered, or the
// results, counted from gegevens.json with the same rule as the overviews' filters. Text from the
// data reaches the page only through textContent.
(function () {
  "use strict";
  var root = document.querySelector("[data-kb-wizard]");
  if (!root || !window.fetch || !window.URLSearchParams) return;
  var siteRoot = root.getAttribute("data-kb-root") || "../";
  var steps = Array.prototype.slice.call(root.querySelectorAll("[data-kb-step]"));
  var questions = steps.filter(function (s) { return s.getAttribute("data-kb-step") !== "uitkomst"; });
  var order = questions.map(function (s) { return s.getAttribute("data-kb-step"); });
  var byName = {};
  questions.forEach(function (s) { byName[s.getAttribute("data-kb-step")] = s; });

  function radios(step) { return Array.prototype.slice.call(step.querySelectorAll("input[type=radio]")); }
  function labelOf(radio) {
    var label = root.querySelector("label[for='" + radio.id + "']");
    return label && label.firstChild ? label.firstChild.textContent.trim() : radio.value;
  }
  function headingOf(name) { return byName[name].querySelector("h1").textContent.trim(); }

  // Only answers the page offers count; anything else in the address is ignored.
  var params = new URLSearchParams(location.search);
  var answers = {};
  order.forEach(function (name) {
    if (!params.has(name)) return;
    var value = params.get(name);
    if (radios(byName[name]).some(function (r) { return r.value === value; })) answers[name] = value;
  });
  var open = order.filter(function (name) { return !(name in answers); });
  // "Wijzigen" on the results asks that question again with its answer chosen (?wijzig=<vraag>);
  // the other answers stay, so "Volgende" leads straight back to the results (GOV.UK's pattern).
  var changing = params.get("wijzig");
  if (!changing || !(changing in answers)) changing = "";
  var current = changing || (open.length ? open[0] : "uitkomst");

  function address(chosen) {
    var query = new URLSearchParams();
    order.forEach(function (name) { if (name in chosen) query.set(name, chosen[name]); });
    var text = query.toString();
    return "./" + (text ? "?" + text : "");
  }
  function copy(extra, drop) {
    var out = {};
    Object.keys(answers).forEach(function (k) { if (k !== drop) out[k] = answers[k]; });
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }
  function matches(record, chosen) {
    return Object.keys(chosen).every(function (k) {
      return !chosen[k] || (record.a[k] || []).indexOf(chosen[k]) !== -1;
    });
  }

  root.querySelector("[data-kb-nojs]").hidden = true;
  steps.forEach(function (s) { s.hidden = s.getAttribute("data-kb-step") !== current; });
  var shown = steps.filter(function (s) { return !s.hidden; })[0];
  var heading = shown.querySelector("h1").textContent.trim();
  document.title = heading + " – " + document.title;

  // Back: the address without the last answer given before this step.
  var back = shown.querySelector("[data-kb-back]");
  var given = order.filter(function (name) { return name in answers; });
  if (changing) {
    back.href = address(answers);
    back.textContent = "Terug naar de uitkomst";
  } else if (!given.length) {
    back.href = siteRoot;
    back.textContent = "Terug naar de startpagina";
  } else {
    back.href = address(copy(null, given[given.length - 1]));
  }

  function question(step) {
    var name = step.getAttribute("data-kb-step");
    var form = step.querySelector("form");
    var error = step.querySelector("[data-kb-error]");
    if (name === changing) radios(step).forEach(function (r) { r.checked = r.value === answers[name]; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = radios(step).filter(function (r) { return r.checked; })[0];
      if (!picked) {
        error.hidden = false;
        step.querySelector("fieldset").classList.add("kb-fieldset--error");
        error.focus();
        return;
      }
      var extra = {};
      extra[name] = picked.value;
      location.assign(address(copy(extra)));
    });
    error.querySelector("a").addEventListener("click", function (event) {
      event.preventDefault();
      radios(step)[0].focus();
    });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function overviewLink(collection, chosen) {
    var fields = {};
    Object.keys(chosen).forEach(function (name) {
      if (!chosen[name]) return;
      var query = (collection.query[name] || {})[chosen[name]] || {};
      Object.keys(query).forEach(function (field) {
        fields[field] = (fields[field] || []).concat(query[field].filter(function (v) { return (fields[field] || []).indexOf(v) === -1; }));
      });
    });
    var parts = Object.keys(fields).sort().map(function (f) { return encodeURIComponent(f) + "=" + fields[f].map(encodeURIComponent).join(","); });
    return siteRoot + collection.url + (parts.length ? "?" + parts.join("&") : "");
  }

  function results(step, data) {
    var found = data.records.filter(function (r) { return matches(r, answers); });
    var count = step.querySelector("[data-kb-count]");
    count.textContent = found.length
      ? plural(found.length, "instrument of fonds past", "instrumenten en fondsen passen") + " bij uw antwoorden."
      : "Er past geen instrument of fonds bij al uw antwoorden. Laat hieronder een antwoord los.";

    var list = step.querySelector("[data-kb-answers]");
    order.forEach(function (name) {
      var radio = radios(byName[name]).filter(function (r) { return r.value === answers[name]; })[0];
      var row = element("div");
      row.appendChild(element("dt", headingOf(name)));
      var dd = element("dd", labelOf(radio) + " ");
      var change = element("a", "Wijzigen");
      change.href = address(answers) + "&wijzig=" + encodeURIComponent(name);
      change.appendChild(element("span", " (" + headingOf(name).toLowerCase() + ")", "kb-visually-hidden"));
      dd.appendChild(change);
      row.appendChild(dd);
      list.appendChild(row);
    });

    var loosen = step.querySelector("[data-kb-loosen]");
    var items = loosen.querySelector("ul");
    order.forEach(function (name) {
      if (!answers[name]) return;
      var extra = {};
      extra[name] = "";
      var looser = copy(extra);
      var n = data.records.filter(function (r) { return matches(r, looser); }).length;
      var radio = radios(byName[name]).filter(function (r) { return r.value === answers[name]; })[0];
      var item = element("li");
      var link = element("a", "Zonder ‘" + labelOf(radio) + "’");
      link.href = address(looser);
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + n + ")"));
      items.appendChild(item);
    });
    loosen.hidden = !items.children.length;
    if (!found.length) step.querySelector("[data-kb-results]").before(loosen);

    var box = step.querySelector("[data-kb-results]");
    Object.keys(data.collections).forEach(function (name) {
      var collection = data.collections[name];
      var mine = found.filter(function (r) { return r.c === name; });
      if (!mine.length) return;
      box.appendChild(element("h2", collection.label + " (" + mine.length + ")"));
      var ul = element("ul", "", "kb-wizard__results");
      mine.forEach(function (record) {
        var li = element("li");
        var link = element("a");
        link.href = siteRoot + record.u;
        link.appendChild(element("strong", record.t));
        li.appendChild(link);
        li.appendChild(element("p", record.k, "kb-wizard__kind"));
        li.appendChild(element("p", record.s));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      var more = element("p");
      var link = element("a", "Dezelfde " + collection.label.toLowerCase() + " in het overzicht");
      link.href = overviewLink(collection, answers);
      more.appendChild(link);
      more.appendChild(document.createTextNode(", waar u verder kunt filteren en vergelijken."));
      box.appendChild(more);
    });
  }

  if (current !== "uitkomst") question(shown);
  fetch(root.getAttribute("data-kb-data"))
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (data) {
      if (current === "uitkomst") results(shown, data);
      else updateCounts(data);
    })
    .catch(function () {
      var note = element("p", "De gegevens van de wegwijzer konden niet worden geladen. Probeer het later opnieuw of gebruik de overzichten.", "kb-wizard__failed");
      shown.appendChild(note);
    });

  // A question's counts: what each answer would leave, given the answers already given.
  function updateCounts(data) {
    var name = shown.getAttribute("data-kb-step");
    radios(shown).forEach(function (radio) {
      var count = shown.querySelector("label[for='" + radio.id + "'] .kb-count");
      var extra = {};
      extra[name] = radio.value;
      var chosen = copy(extra);
      if (count) count.textContent = "(" + data.records.filter(function (r) { return matches(r, chosen); }).length + ")";
    });
  }
})();
