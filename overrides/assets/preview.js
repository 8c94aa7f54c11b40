// `make serve` only (generator/serve.py writes kb-voorbeeld-status.json beside the pages): while
// the data has errors, the preview still holds the last good pages, so every page says so and
// lists the messages until the data is valid again. MkDocs reloads the page when the file changes.
// Messages are data: they are shown as text (textContent), never parsed as HTML.
const statusUrl = new URL("../kb-voorbeeld-status.json", document.currentScript.src);

fetch(statusUrl, { cache: "no-store" })
  .then((response) => (response.ok ? response.json() : { problems: [] }))
  .then(showProblems)
  .catch(() => {}); // no status yet: nothing to show

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showProblems(status) {
  const problems = status.problems || [];
  const errors = problems.filter((problem) => problem.severity === "error");
  if (!errors.length) return;
  const box = element("section", "", "kb-preview-error");
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", "kb-preview-error-title");
  const title = element("h2", `De gegevens bevatten ${errors.length === 1 ? "een fout" : `${errors.length} fouten`}`);
  title.id = "kb-preview-error-title";
  box.append(title, element("p", "Dit voorbeeld toont nog de laatste versie zonder fouten. Verbeter wat hieronder staat "
    + "en sla het bestand op: deze pagina werkt zich dan vanzelf bij."));
  const list = element("ul");
  for (const problem of problems) {
    const item = element("li");
    item.append(element("code", problem.where), " ", problem.message);
    if (problem.field) item.append(` (veld ${problem.field})`);
    if (problem.hint) item.append(" ", problem.hint);
    list.append(item);
  }
  box.append(list);
  document.body.append(box);
}
