// The admin's boxes for a passage's translations (a citation's, an account's, a demand's): only the
// team's summary of a source is translated, never a quotation (timeline/models.py). While the English
// beside them is not a summary, an empty translation box is read-only and says why; it opens as soon
// as the English becomes one. A box that already holds text stays open, so that nothing typed is lost
// and the form's error says what to do with it.

const BOXES = "textarea[data-passage-original]";

function englishOf(box) {
  return box.form?.elements.namedItem(box.name.replace(/[^-]+$/, box.dataset.passageOriginal)) || null;
}

function update(box) {
  const english = englishOf(box);
  if (!english) return;
  const locked = !english.value.startsWith(box.dataset.summaryPrefix) && !box.value.trim();
  box.readOnly = locked;
  box.placeholder = locked ? box.dataset.quotationNote : "";
  box.classList.toggle("passage-not-translated", locked);
}

function updateAll(within = document) {
  for (const box of within.querySelectorAll(BOXES)) update(box);
}

// The English typed or pasted: its translations' boxes follow at once.
document.addEventListener("input", (e) => {
  const field = e.target;
  if (!(field instanceof HTMLTextAreaElement) || !field.form) return;
  for (const box of field.form.querySelectorAll(BOXES)) {
    if (box === field || englishOf(box) === field) update(box);
  }
});
// "Add another citation": the new form's boxes too.
document.addEventListener("formset:added", (e) => updateAll(e.target));
updateAll();
