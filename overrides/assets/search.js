// Site search: Pagefind's Component UI in the header, plus "Direct naar": when the typed text is
// exactly the name, abbreviation or synonym of a record, that record is offered first.
// Full-text ranking alone cannot promise that: an abbreviation such as TBGO occurs on two hundred
// pages, and Pagefind scores pages by how often and where a word occurs, not by what a page is
// about. The generator writes the names to small files split by their first two characters
// (generator/names.py), so a look-up fetches one file of a few kilobytes.
//
// The Component UI (175 KB) starts only when a reader reaches for the search: a pointer over or
// focus on the trigger or the home page's search button, a click, or the keyboard shortcut.
// Started with every page, it added a long task to every page's load (Lighthouse); it is fetched
// (not run) when the page is idle, unless the reader saves data. Until then the header shows the
// button Pagefind would draw, drawn here the same way, so nothing moves.

// The site may live below a path (GitHub Pages: /<repository>/): result links start there.
const baseUrl = new URL("../", import.meta.url).pathname;
const bundlePath = `${baseUrl}pagefind/`;
const UI_URL = new URL("../pagefind/pagefind-component-ui.js", import.meta.url).href;
const SHORTCUT_KEY = "k"; // Pagefind's default shortcut, mod+k: Ctrl K, or ⌘ K on a Mac
const mac = /mac/i.test(navigator.userAgentData?.platform || navigator.userAgent);

const template = document.getElementById("kb-search-template");
const trigger = template?.content.querySelector("pagefind-modal-trigger");
// The dialog joins the page when the Component UI has started, after its filter counts are put
// on demand (below); the trigger and <pagefind-config> are in the page from the start.
const modal = template?.content.querySelector("pagefind-modal");
let loading = null;

if (template && trigger) {
  // The instance takes its settings from <pagefind-config>, read as the Component UI starts.
  // no-worker: search on the page's own thread. Pagefind would otherwise start a Web Worker,
  // which costs a second copy of its script (41 KB) on the first search; searching the index is
  // quick enough not to need one (measured with 10,000 records: benchmarks/README.md).
  const config = template.content.querySelector("pagefind-config");
  config?.setAttribute("bundle-path", bundlePath);
  config?.setAttribute("base-url", baseUrl);
  config?.setAttribute("no-worker", "");
  modal?.remove();
  drawTrigger(trigger);
  template.replaceWith(template.content);
  nameTriggerAsShown(trigger);

  const openers = document.querySelectorAll("[data-kb-open-search]");
  for (const target of [trigger, ...openers]) {
    for (const type of ["pointerover", "pointerdown", "focusin"]) {
      target.addEventListener(type, () => load().catch(() => {}), { once: true }); // a click tries again
    }
  }
  // When Pagefind redraws the button between the press and the release, the browser sends no
  // click (the pressed button is gone): the release opens the dialog instead.
  let pressed = null;
  trigger.addEventListener("pointerdown", (event) => { pressed = event.target.closest("button"); });
  trigger.addEventListener("pointerup", () => {
    if (pressed && !pressed.isConnected) open();
    pressed = null;
  });
  // The home page's search field is a button that opens the header's search dialog.
  for (const opener of openers) opener.addEventListener("click", open);
  document.addEventListener("keydown", shortcut);
  // Fetched, not started, once the page is idle: the first search then waits for no network.
  addEventListener("load", () => (window.requestIdleCallback || setTimeout)(prefetch), { once: true });
}

function prefetch() {
  if (loading || navigator.connection?.saveData) return;
  const link = document.createElement("link");
  link.rel = "prefetch";
  link.href = UI_URL;
  document.head.append(link);
}

/** Start the Component UI once; Pagefind upgrades the trigger in place and draws its own button. */
function load() {
  if (!loading) {
    const focused = trigger.contains(document.activeElement);
    loading = import(UI_URL).then(() => {
      document.removeEventListener("keydown", shortcut); // the Component UI has its own
      const ui = window.PagefindComponents.getInstanceManager().getInstance("default");
      const filterPanel = modal?.querySelector(".kb-search__filters");
      if (filterPanel) {
        filtersOnDemand(ui, filterPanel);
        nameFilterTriggers(filterPanel);
      }
      if (modal) trigger.after(modal);
      // Pagefind's redraw removed the focused button: the focus goes to its own.
      if (focused && document.activeElement === document.body) trigger.querySelector("button")?.focus();
    }, (error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

async function open() {
  // What is typed while the Component UI starts (Ctrl K, then typing at once) goes into its field.
  const typed = [];
  const early = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) typed.push(event.key);
    else if (event.key === "Backspace") typed.pop();
    else return;
    event.preventDefault();
  };
  if (!window.PagefindComponents) document.addEventListener("keydown", early, true);
  try {
    await load();
  } finally {
    document.removeEventListener("keydown", early, true);
  }
  trigger.querySelector("button")?.click(); // Pagefind's own button by now: it opens the dialog
  const input = modal?.querySelector("pagefind-input input");
  if (input && typed.length) {
    input.value += typed.join("");
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true })); // Pagefind and "Direct naar" search
  }
}

/** Pagefind's shortcut (mod+k) before the Component UI has started; same rules as its own. */
function shortcut(event) {
  if (event.key.toLowerCase() !== SHORTCUT_KEY || event.shiftKey || event.altKey) return;
  if (mac ? !event.metaKey || event.ctrlKey : !event.ctrlKey || event.metaKey) return;
  const active = document.activeElement;
  if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.isContentEditable)) return;
  event.preventDefault();
  open();
}

/** The button Pagefind's <pagefind-modal-trigger> draws (Pagefind 1.5), until it draws its own. */
function drawTrigger(element) {
  const button = document.createElement("button");
  button.className = "pf-trigger-btn";
  button.type = "button";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-label", element.getAttribute("placeholder") || "Zoeken");
  button.setAttribute("aria-keyshortcuts", `${mac ? "Meta" : "Control"}+${SHORTCUT_KEY}`);
  const part = (className, text) => {
    const span = document.createElement("span");
    span.className = className;
    if (text) span.textContent = text;
    return span;
  };
  const icon = part("pf-trigger-icon");
  icon.setAttribute("aria-hidden", "true");
  const keys = part("pf-trigger-shortcut");
  keys.setAttribute("aria-hidden", "true");
  keys.append(part("pf-trigger-key", mac ? "\u2318" : "Ctrl"), part("pf-trigger-key", SHORTCUT_KEY.toUpperCase()));
  button.append(icon, part("pf-trigger-text", element.getAttribute("placeholder") || "Zoeken"), keys);
  button.addEventListener("click", open);
  element.replaceChildren(button);
}

/**
 * Filter counts only when a visitor reaches the filters.
 *
 * Pagefind's Component UI asks its engine for every filter's counts as soon as it loads the index,
 * to fill the three dropdowns. At 10,000 records those files are 76 KB, a quarter of a first
 * search, for a panel most searches never open (Pagefind's own search() fetches only the filters a
 * query uses). Until the panel gets focus or a click, the engine answers that request with "no
 * filters" and the dropdowns keep waiting (no empty list, no error); then the counts are loaded
 * and the current search is repeated, so the counts belong to its results.
 *
 * This relies on two names inside the Component UI (`__pagefind__`, the engine it keeps, and
 * `__dispatch__`, its event bus), pinned with Pagefind in requirements.txt. If an update renames
 * them, filters load eagerly again (nothing breaks); tests/test_browser.py checks both the saving
 * and that the dropdowns fill and filter.
 */
function filtersOnDemand(ui, panel) {
  if (typeof ui.__dispatch__ !== "function") return; // not the Component UI we know: leave it as it is
  let engine = null;
  let wanted = false;
  let allFilters = null;
  Object.defineProperty(ui, "__pagefind__", {
    configurable: true,
    get: () => engine,
    set(value) {
      engine = value;
      if (value && !allFilters) {
        allFilters = value.filters.bind(value);
        value.filters = () => (wanted ? allFilters() : Promise.resolve({}));
      }
    },
  });
  const dispatch = ui.__dispatch__.bind(ui);
  ui.__dispatch__ = (event, ...args) => {
    // Nothing to show yet (only once the engine's filters() is ours): the dropdowns stay "loading".
    if (event === "filters" && allFilters && !wanted) return;
    dispatch(event, ...args);
  };
  const load = async () => {
    if (wanted) return;
    wanted = true;
    await ui.triggerLoad();
    if (!engine) return; // the index could not be loaded; the Component UI reports that itself
    const filters = await engine.filters();
    ui.availableFilters = filters;
    ui.totalFilters = filters;
    dispatch("filters", { available: filters, total: filters });
    if (ui.searchTerm) ui.triggerSearch(ui.searchTerm);
  };
  panel.addEventListener("focusin", load);
  panel.addEventListener("pointerdown", load);
}

/**
 * Label in name (WCAG 2.5.3): the trigger shows "Zoeken Ctrl K" but Pagefind names it after the
 * placeholder only ("Zoeken"), and its words stand in separate boxes with no space between them
 * in the text ("ZoekenCtrlK"). Whenever Pagefind (re)draws the button, the words get spaces (not
 * drawn in its flex boxes) and the name becomes what it shows; where CSS hides the key hint, the
 * name still holds all that is visible.
 */
function nameTriggerAsShown(trigger) {
  if (!trigger) return;
  const name = () => {
    const button = trigger.querySelector("button");
    if (!button) return;
    for (const part of button.querySelectorAll(".pf-trigger-shortcut, .pf-trigger-key + .pf-trigger-key")) {
      if (part.previousSibling?.nodeType !== Node.TEXT_NODE) part.before(" ");
    }
    const shown = button.textContent.replace(/\s+/g, " ").trim();
    if (shown && button.getAttribute("aria-label") !== shown) button.setAttribute("aria-label", shown);
  };
  new MutationObserver(name).observe(trigger, { childList: true, subtree: true });
  name();
}

/**
 * Each filter dropdown opens from a button with the combobox role, which takes no name from its
 * text ("Soort"): without one a screen reader announces an unnamed combobox (axe: button-name).
 * Pagefind sets a name only while filters are selected ("Soort, 2 filters selected") and removes
 * it again; whenever it has none, the button is named after its label. Each option shows "begrip 6"
 * (two boxes, no space in the text) and is named "begrip, 6 results": it gets the space, and a
 * Dutch name that holds what it shows (label in name, WCAG 2.5.3).
 */
function nameFilterTriggers(panel) {
  const name = () => {
    for (const trigger of panel.querySelectorAll(".pf-dropdown-trigger:not([aria-label]):not([aria-labelledby])")) {
      const label = trigger.closest("pagefind-filter-dropdown")?.getAttribute("label");
      if (label) trigger.setAttribute("aria-label", label);
    }
    for (const option of panel.querySelectorAll(".pf-dropdown-option")) {
      const label = option.querySelector(".pf-dropdown-option-label")?.textContent.trim();
      const count = option.querySelector(".pf-dropdown-option-count");
      if (!label || !count) continue;
      if (count.previousSibling?.nodeType !== Node.TEXT_NODE) count.before(" ");
      const number = count.textContent.trim();
      const wanted = `${label}, ${number} ${number === "1" ? "resultaat" : "resultaten"}`;
      if (option.getAttribute("aria-label") !== wanted) option.setAttribute("aria-label", wanted);
    }
  };
  new MutationObserver(name).observe(panel, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
  name();
}

/** The form names are compared in; generator/names.py normalises the same way. */
function normalise(text) {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

function shard(name) {
  return name.slice(0, 2).replace(/[^a-z0-9]/g, "_") || "_";
}

const shards = new Map();

/** Records whose name is exactly `query` (case and spacing ignored), as {url, title, soort}. */
export async function exactMatches(query) {
  const name = normalise(query);
  if (!name) return [];
  const key = shard(name);
  if (!shards.has(key)) {
    shards.set(key, fetch(`${baseUrl}zoeken/namen/${key}.json`).then((r) => (r.ok ? r.json() : {})).catch(() => ({})));
  }
  const names = await shards.get(key);
  return (names[name] || []).map((hit) => ({ ...hit, url: baseUrl + hit.url }));
}

function render(box, hits) {
  box.replaceChildren();
  if (!hits.length) return;
  const label = document.createElement("p");
  label.className = "kb-direct__label";
  label.textContent = "Direct naar";
  const list = document.createElement("ul");
  for (const hit of hits) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = hit.url;
    link.textContent = hit.title;
    item.append(link);
    if (hit.soort) item.append(` (${hit.soort})`);
    list.append(item);
  }
  box.append(label, list);
}

let timer = null;
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.closest("pagefind-modal")) return;
  const box = input.closest("pagefind-modal").querySelector(".kb-direct");
  if (!box) return;
  clearTimeout(timer);
  timer = setTimeout(async () => render(box, await exactMatches(input.value)), 120);
});
