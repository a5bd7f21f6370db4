// The explorer: map, timeline, list and details kept in step with each other and with the URL.
import { isActive, matcher, parsePeriod, readFilters } from "./filter.js";
import { DateWriter, gettext, interpolate, ngettext } from "./i18n.js";
import { MapView } from "./map.js";
import { emptyState, filterSearch, readState, writeState } from "./state.js";
import { Timeline } from "./timeline.js";

const root = document.getElementById("explorer");
const data = JSON.parse(document.getElementById("explorer-data").textContent);
const contract = data.filters;
const dates = new DateWriter(data.dates);
const events = data.events.map((event, index) => ({ ...event, index }));
const bySlug = new Map(events.map((event) => [event.slug, event]));
const colors = Object.fromEntries(data.categories.map((category) => [category.slug, category.color]));

const form = document.getElementById("filters");
const fields = {
  q: document.getElementById("filter-q"),
  place: document.getElementById("filter-place"),
  actor: document.getElementById("filter-actor"),
  importance: document.getElementById("filter-importance"),
  disputed: document.getElementById("filter-disputed"),
  from: document.getElementById("filter-from"),
  to: document.getElementById("filter-to"),
  category: [...form.querySelectorAll('input[name="category"]')],
};
const notes = Object.fromEntries([...form.querySelectorAll("[data-note-for]")].map((note) => [note.dataset.noteFor, note]));
// The form keeps a period its month field cannot show in a hidden field, for browsers without
// scripts; here the state keeps it.
for (const raw of form.querySelectorAll("[data-raw-for]")) raw.remove();
const list = document.getElementById("event-list-pane");
const items = new Map([...list.querySelectorAll(".event-item")].map((item) => [item.dataset.slug, item]));
const years = [...list.querySelectorAll("section.year")];
const details = document.getElementById("details");
const detailsContent = document.getElementById("details-content");
const tooltip = document.getElementById("tooltip");
const resultCount = document.getElementById("result-count");
const disputedCount = document.getElementById("disputed-count");
const emptyResult = document.getElementById("empty-result");

let state = readState(contract);
let shown = [];

// --- The views -----------------------------------------------------------------------------

document.getElementById("map-pane").hidden = false;
document.getElementById("timeline").hidden = false;
root.classList.add("enhanced");

const map = new MapView(document.getElementById("map"), {
  places: data.places,
  config: JSON.parse(root.dataset.mapConfig),
  note: document.getElementById("map-note"),
  onSelectPlace: (slug) => update({ ...state, place: state.place === slug ? "" : slug }),
  onSelectNoPlace: () => update({ ...state, place: state.place === "none" ? "" : "none" }),
});

const canvas = document.getElementById("timeline-canvas");
const rangeLabel = document.getElementById("timeline-range");
const timeline = new Timeline(canvas, {
  events,
  colors,
  dates,
  span: contract.span,
  onSelect: (slug) => select(slug),
  onHover: showTooltip,
});
canvas.addEventListener("timeline:render", () => (rangeLabel.textContent = timeline.rangeLabel));

document.querySelector(".timeline-toolbar").addEventListener("click", (e) => {
  const button = e.target.closest("button");
  if (!button) return;
  if (button.dataset.zoom) timeline.zoom(button.dataset.zoom === "in" ? 0.5 : 2);
  if (button.dataset.pan) timeline.pan(Number(button.dataset.pan) * 0.5);
  if (button.dataset.range) {
    const [start, end] = button.dataset.range.split("/").map((iso) => Date.parse(`${iso}T00:00:00Z`));
    timeline.setRange(start, end);
  }
});

function showTooltip(slug, box) {
  if (!slug) {
    tooltip.hidden = true;
    return;
  }
  const event = bySlug.get(slug);
  tooltip.textContent = "";
  const date = document.createElement("span");
  date.className = "tooltip-date";
  date.textContent = event.date;
  tooltip.append(date, document.createTextNode(event.title));
  tooltip.hidden = false;
  const host = canvas.getBoundingClientRect();
  const left = Math.min(Math.max(box.left - host.left + box.width / 2 - tooltip.offsetWidth / 2, 0), host.width - tooltip.offsetWidth);
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${box.top - host.top - tooltip.offsetHeight - 8 + canvas.offsetTop}px`;
  prefetch(slug);
}

// --- Filters -------------------------------------------------------------------------------

// A field changed: that parameter alone takes the field's value; the others stay as they were.
function fromField(target) {
  const next = { ...state };
  if (target.name === "category") next.category = fields.category.filter((box) => box.checked).map((box) => box.value);
  else if (target === fields.disputed) next.disputed = target.checked ? target.value : "";
  else if (target.name in fields) next[target.name] = target.value;
  return next;
}

function showSelect(select, value) {
  // A value the list does not offer (a slug from a link) is shown as it is, not dropped.
  if (value && ![...select.options].some((option) => option.value === value)) select.add(new Option(value, value));
  select.value = value;
}

function fillForm() {
  if (fields.q.value !== state.q) fields.q.value = state.q;
  for (const name of ["place", "actor", "importance"]) showSelect(fields[name], state[name]);
  for (const name of ["from", "to"]) {
    // A month shows in the field; a year or a day is kept as given and said beside it.
    const value = state[name];
    const month = /^\d{4}-\d{2}$/.test(value);
    fields[name].value = month ? value : "";
    const period = month ? null : parsePeriod(contract, value);
    notes[name].hidden = !period;
    notes[name].textContent = period
      ? interpolate(name === "from" ? gettext("from %(date)s") : gettext("to %(date)s"), { date: dates.period(period) })
      : "";
  }
  for (const box of fields.category) box.checked = state.category.includes(box.value);
  fields.disputed.checked = Boolean(state.disputed);
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  update(fromField(fields.q));
});
form.addEventListener("change", (e) => {
  if (e.target !== fields.q) update(fromField(e.target));
});
let typing = null;
fields.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => update(fromField(fields.q), { replace: true }), 150);
});
root.addEventListener("click", (e) => {
  const clear = e.target.closest("#clear-filters, [data-clear-filters]");
  if (!clear) return;
  e.preventDefault();
  update({ ...emptyState(contract), event: state.event, extra: state.extra });
});

function counts(filters, except) {
  return events.filter(matcher(filters, { except }));
}

function apply({ fit = false } = {}) {
  const filters = readFilters(contract, state);
  shown = events.filter(matcher(filters));
  const visible = new Set(shown.map((event) => event.slug));
  for (const [slug, item] of items) item.hidden = !visible.has(slug);
  for (const year of years) year.hidden = !year.querySelector(".event-item:not([hidden])");
  emptyResult.hidden = shown.length > 0;
  timeline.setVisible(visible);

  const perCategory = new Map();
  for (const event of counts(filters, "category")) {
    for (const slug of event.categories) perCategory.set(slug, (perCategory.get(slug) || 0) + 1);
  }
  for (const box of fields.category) {
    box.closest(".chip").querySelector(".chip-count").textContent = perCategory.get(box.value) || 0;
  }
  disputedCount.textContent = counts(filters, "disputed").filter((event) => event.disputed).length;
  const perPlace = new Map();
  // "" counts the events with no single place (the map's "No single place" button; place=none).
  for (const event of counts(filters, "place")) perPlace.set(event.place || "", (perPlace.get(event.place || "") || 0) + 1);
  const placeKey = state.place === "none" ? "" : state.place;
  map.setCounts(state.place ? new Map([...perPlace].filter(([slug]) => slug === placeKey)) : perPlace, {
    fit,
    activePlace: state.place,
  });

  const total = events.length;
  resultCount.textContent = isActive(filters)
    ? interpolate(ngettext("%(shown)s of %(total)s event", "%(shown)s of %(total)s events", total), {
        shown: shown.length,
        total,
      })
    : interpolate(ngettext("%(total)s event", "%(total)s events", total), { total });
}

// --- Selection and details ------------------------------------------------------------------

const panels = new Map();
const narrowScreen = window.matchMedia("(max-width: 800px)");

function prefetch(slug) {
  if (!panels.has(slug)) {
    const url = root.dataset.panelUrl.replace("__slug__", encodeURIComponent(slug));
    panels.set(
      slug,
      fetch(url, { headers: { Accept: "text/html" } }).then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      }),
    );
    panels.get(slug).catch(() => panels.delete(slug));
  }
  return panels.get(slug);
}

function showDetails(event, { focus }) {
  // The details lie over the list (which keeps its layout and scroll position: cheap with 10 000).
  details.hidden = false;
  // What the page already knows shows at once; the body and sources follow.
  detailsContent.replaceChildren();
  const date = document.createElement("p");
  date.className = "event-date";
  date.textContent = event.date;
  const title = document.createElement("h2");
  title.className = "event-title";
  title.textContent = event.title;
  const summary = document.createElement("p");
  summary.className = "lead";
  summary.textContent = event.summary;
  detailsContent.append(date, title, summary);
  detailsContent.setAttribute("aria-busy", "true");
  if (focus) {
    detailsContent.focus({ preventScroll: true });
    // Stacked on a phone, the details sit below the map and the timeline: bring them into view.
    if (narrowScreen.matches) details.scrollIntoView({ block: "start" });
  }
  prefetch(event.slug)
    .then((html) => {
      if (state.event !== event.slug) return;
      const fragment = document.createRange().createContextualFragment(html);
      detailsContent.replaceChildren(fragment);
      detailsContent.removeAttribute("aria-busy");
    })
    .catch(() => detailsContent.removeAttribute("aria-busy"));
  const position = shown.findIndex((item) => item.slug === event.slug);
  const previous = shown[position - 1];
  const next = shown[position + 1];
  document.getElementById("details-prev").disabled = !previous && position !== -1;
  document.getElementById("details-next").disabled = !next && position !== -1;
  if (previous) prefetch(previous.slug);
  if (next) prefetch(next.slug);
}

function hideDetails() {
  details.hidden = true;
}

let selectedItem = null;
const present = document.getElementById("present-selection");

// "Present these events": a slideshow of what the filters show, starting at the selected event.
function updatePresentLink() {
  const selection = filterSearch(contract, state) || `?from=${contract.span[0].slice(0, 4)}`;
  present.href = `${present.dataset.base}${selection}${state.event ? `&event=${encodeURIComponent(state.event)}` : ""}`;
}

function render({ focusDetails = false } = {}) {
  updatePresentLink();
  const event = bySlug.get(state.event);
  if (selectedItem) {
    selectedItem.classList.remove("selected");
    selectedItem.removeAttribute("aria-current");
  }
  selectedItem = null;
  if (!event) {
    timeline.select("");
    map.selectPlace("");
    hideDetails();
    return;
  }
  selectedItem = items.get(event.slug) || null;
  if (selectedItem) {
    selectedItem.classList.add("selected");
    selectedItem.setAttribute("aria-current", "true");
  }
  timeline.select(event.slug);
  map.selectPlace(event.place || "");
  showDetails(event, { focus: focusDetails });
}

function select(slug, { focusDetails = true } = {}) {
  if (!bySlug.has(slug)) return;
  state = { ...state, event: slug };
  writeState(contract, state);
  render({ focusDetails });
}

function step(delta) {
  if (!shown.length) return;
  const position = shown.findIndex((event) => event.slug === state.event);
  const target = position === -1 ? (delta > 0 ? 0 : shown.length - 1) : position + delta;
  if (target < 0 || target >= shown.length) return;
  select(shown[target].slug, { focusDetails: false });
}

function close() {
  const slug = state.event;
  state = { ...state, event: "" };
  writeState(contract, state);
  render();
  const item = items.get(slug);
  if (item && !item.hidden) {
    item.scrollIntoView({ block: "nearest" });
    item.querySelector("a").focus({ preventScroll: true });
  }
}

list.addEventListener("click", (e) => {
  const link = e.target.closest(".event-item h3 a");
  if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  select(link.closest(".event-item").dataset.slug);
});
list.addEventListener("focusin", (e) => {
  const item = e.target.closest(".event-item");
  if (item) prefetch(item.dataset.slug);
});
list.addEventListener("pointerover", (e) => {
  const item = e.target.closest(".event-item");
  if (item) prefetch(item.dataset.slug);
});
document.getElementById("details-prev").addEventListener("click", () => step(-1));
document.getElementById("details-next").addEventListener("click", () => step(1));
document.getElementById("details-close").addEventListener("click", close);

document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.target.closest("input, select, textarea, [contenteditable]")) {
    if (e.key === "Escape" && e.target === fields.q && fields.q.value) {
      fields.q.value = "";
      update(formState());
    }
    return;
  }
  if (e.key === "ArrowRight" || e.key === "j") step(1);
  else if (e.key === "ArrowLeft" || e.key === "k") step(-1);
  else if (e.key === "Escape" && state.event) close();
  else return;
  e.preventDefault();
});

// --- State ----------------------------------------------------------------------------------

function update(next, { replace = false } = {}) {
  const filtersChanged = filterSearch(contract, next) !== filterSearch(contract, state);
  state = next;
  writeState(contract, state, { replace });
  fillForm();
  apply({ fit: filtersChanged });
  render();
}

window.addEventListener("popstate", () => {
  state = readState(contract);
  fillForm();
  apply({ fit: true });
  render();
});

// On a phone the filters fold away until asked for, unless some are in use.
const filtering = Boolean(filterSearch(contract, { ...state, q: "" }));
if (narrowScreen.matches && !filtering) document.getElementById("more-filters").open = false;

fillForm();
apply({ fit: isActive(readFilters(contract, state)) });
render();
root.dataset.ready = "true";
performance.mark("explorer-ready");
