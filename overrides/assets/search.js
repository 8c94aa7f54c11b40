// Site search with Pagefind's Component UI. The ranking is configured before the search
// elements are put into the header (they wait in a <template>), so the modal uses it.
// Ranking. Relevance comes mostly from the markup the generator writes: a term's heading and
// every record's abbreviation list weigh 10 (other headings 7, body text 1), and relation lists
// (which repeat other records' titles) are not indexed. Two defaults are changed, measured on the
// real data: Pagefind's extra boost for a matching *page title* favours short titles that merely
// contain an abbreviation ("TBGO-makelaar" over the term TBGO stands for), so it is off (the
// heading's element weight still counts); and term frequency counts half, so a long page that
// repeats a word does not beat the page about it. Tune ranking here only: the tests import it.
import "../pagefind/pagefind-component-ui.js"; // defines window.PagefindComponents

export const RANKING = { metaWeights: { title: 0.0 }, termFrequency: 0.5 };

const bundlePath = new URL("../pagefind/", import.meta.url).pathname;
window.PagefindComponents.configureInstance("default", { bundlePath, ranking: RANKING });

const template = document.getElementById("kb-search-template");
if (template) {
  template.replaceWith(template.content.cloneNode(true));
}
