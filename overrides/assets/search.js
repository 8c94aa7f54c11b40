// Site search: Pagefind's Component UI in the header, plus "Direct naar": when the typed text is
// exactly the name, abbreviation or synonym of a record, that record is offered first.
// Full-text ranking alone cannot promise that: an abbreviation such as TBGO occurs on a hundred
// pages, and Pagefind scores pages by how often and where a word occurs, not by what a page is
// about. Every record page carries its names as values of the filter "naam" (lower case), so the
// look-up is an exact filter query on the same index: no extra files, nothing from elsewhere.
import "../pagefind/pagefind-component-ui.js"; // defines window.PagefindComponents

// The site may live below a path (GitHub Pages: /<repository>/): result links start there.
const baseUrl = new URL("../", import.meta.url).pathname;
const bundlePath = `${baseUrl}pagefind/`;
window.PagefindComponents.configureInstance("default", { bundlePath, baseUrl });

const template = document.getElementById("kb-search-template");
if (template) {
  template.replaceWith(template.content.cloneNode(true));
}

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import(`${bundlePath}pagefind.js`);
    await pagefind.options({ baseUrl });
    await pagefind.init();
  }
  return pagefind;
}

/** Records whose name is exactly `query` (case and spacing ignored), as {url, title, soort}. */
export async function exactMatches(query) {
  const name = query.trim().replace(/\s+/g, " ").toLowerCase();
  if (!name) return [];
  const pf = await engine();
  const search = await pf.search(null, { filters: { naam: name } });
  const data = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, title: d.meta.title, soort: d.meta.soort || "" }));
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
