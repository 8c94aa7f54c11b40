// Projecten en mandjes: after filtering (filters.js), each group's count and totals describe the
// projects still shown, and a group with none is hidden. The words are those of
// generator/projects.py (Total.text), number formats those of generator/quantities.py; the
// browser tests compare this script's text with the generator's for the same projects.
(function () {
  "use strict";
  var NBSP = "\u00a0";
  var form = document.querySelector("form[data-kb-facets]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-kb-group]"));
  if (!groups.length) return;

  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  function amount(n, unit) {
    if (unit === "euro") return "€" + NBSP + grouped(n);
    if (unit === "woningen") return grouped(n) + NBSP + (n === 1 ? "woning" : "woningen");
    return grouped(n) + NBSP + "m²";
  }

  function compact(n, unit) {
    if (unit !== "euro" || n < 1000000) return amount(n, unit);
    var scale = n >= 1000000000 ? 1000000000 : 1000000;
    var word = scale === 1000000 ? "mln" : "mld";
    var hundredths = Math.floor((n * 100 + scale / 2) / scale);
    var whole = Math.floor(hundredths / 100), fraction = hundredths % 100;
    var text = grouped(whole) + (fraction ? "," + String(fraction + 100).slice(1).replace(/0$/, "") : "");
    return "€" + NBSP + text + NBSP + word;
  }

  function totalText(count, known, sum, unit) {
    if (!count) return "geen projecten";
    if (count === 1) return known ? compact(sum, unit) : "onbekend";
    if (!known) return count === 2 ? "onbekend voor beide projecten" : "onbekend voor alle " + count + " projecten";
    var text = compact(sum, unit) + " bekend voor " + known + " van " + count + " projecten";
    return known < count ? text + "; " + (count - known) + " onbekend" : text;
  }

  function shown(scope) {
    var seen = {};
    return Array.prototype.slice.call(scope.querySelectorAll("[data-kb-list] > li")).filter(function (item) {
      var id = item.getAttribute("data-kb-id");
      if (item.hidden || seen[id]) return false;
      seen[id] = true;
      return true;
    });
  }

  function update() {
    groups.forEach(function (group) {
      // The totals of all projects have no list of their own: they count every list on the page.
      var items = shown(group.getAttribute("data-kb-group") === "alle" ? document : group);
      if (group.getAttribute("data-kb-group") !== "alle") group.hidden = !items.length;
      var count = group.querySelector("[data-kb-count]");
      if (count) count.textContent = items.length + (items.length === 1 ? " project" : " projecten");
      Array.prototype.slice.call(group.querySelectorAll("[data-kb-total]")).forEach(function (cell) {
        var field = cell.getAttribute("data-kb-total"), known = 0, sum = 0;
        items.forEach(function (item) {
          var value = item.getAttribute("data-" + field);
          if (value !== null) { known += 1; sum += Number(value); }
        });
        cell.textContent = totalText(items.length, known, sum, cell.getAttribute("data-unit"));
      });
    });
  }

  if (form) form.addEventListener("kb:filtered", update);
  update();
})();
