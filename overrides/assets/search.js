// Site search with Pagefind's Component UI. The ranking is configured before the search
// elements are put into the header (they wait in a <template>), so the modal uses it.
// Ranking: Pagefind boosts pages whose *title* matches, which lets a short title that merely
// contains an abbreviation ("TBGO-makelaar") outrank the term the abbreviation stands for.
// Headings still weigh more than body text through their element weights (h1 = 7), and the
// abbreviation lists of a record carry data-pagefind-weight="10".
import "../pagefind/pagefind-component-ui.js"; // defines window.PagefindComponents

export const RANKING = { metaWeights: { title: 0.0 } };

const bundlePath = new URL("../pagefind/", import.meta.url).pathname;
window.PagefindComponents.configureInstance("default", { bundlePath, ranking: RANKING });

const template = document.getElementById("kb-search-template");
if (template) {
  template.replaceWith(template.content.cloneNode(true));
}
