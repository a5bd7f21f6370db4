// The explorer: map, timeline, list and details kept in step with each other and with the URL.
import { isActive, matcher, parsePeriod, readFilters } from "./filter.js";
import { DateWriter, gettext, interpolate, ngettext } from "./i18n.js";
import { VirtualList, rangeNote } from "./list.js";
import { MapView } from "./map.js";
import { fold } from "./fold.js";
import { emptyState, filterSearch, readState, writeState } from "./state.js";
import { Timeline, lastDayIn, parseRange } from "./timeline.js";

const root = document.getElementById("explorer");
const data = JSON.parse(document.getElementById("explorer-data").textContent);
const contract = data.filters;
const dates = new DateWriter(data.dates);
const DAY = 86400000;

// The events, as columns (timeline/compact.py). In the page while they are few enough
// (settings.EXPLORER_INLINE_EVENTS): read at once, the first view is built before the document's end
// (DOMContentLoaded, `load`, a frame) rather than after it, as an `await` would let it. Else apart
// from the page, cached for a year under the content's version, and preloaded while the scripts load.
async function loadEvents(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(response.statusText);
  return response.json();
}

const inlineEvents = document.getElementById("explorer-events");
const columns = inlineEvents ? JSON.parse(inlineEvents.textContent) : await loadEvents(root.dataset.eventsUrl);
const { tables } = columns;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
// An event as the timeline, the map and the list read it. Its days are numbers; its dates as text
// ("2011-12-16") are made only when asked for (a date filter), not for every event as the page opens.
class ExplorerEvent {
  constructor(index) {
    const startDay = columns.start[index];
    const place = columns.place[index];
    const end = columns.end[index];
    this.index = index;
    this.slug = columns.slug[index];
    this.title = columns.title[index];
    this.date = columns.date[index];
    this.startDay = startDay;
    this.lastDay = startDay + columns.last[index];
    this.endDay = end ? startDay + end : null;
    this.precision = tables.precision[columns.precision[index]];
    this.place = place === -1 ? null : tables.places[place].slug;
    this.categories = columns.categories[index].map((i) => tables.categories[i].slug);
    this.actors = columns.actors[index].map((i) => tables.actors[i]);
    this.importance = columns.importance[index];
    this.disputed = false;
  }

  get start() {
    return iso(this.startDay);
  }

  get end() {
    return this.endDay === null ? null : iso(this.endDay);
  }

  get last() {
    return iso(this.lastDay);
  }
}
// In the explorer's order (CHRONOLOGY, timeline/models.py).
export const events = columns.slug.map((_slug, index) => new ExplorerEvent(index));
for (const index of columns.disputed) events[index].disputed = true;
const bySlug = new Map(events.map((event) => [event.slug, event]));
const colors = Object.fromEntries(tables.categories.map((category) => [category.slug, category.color]));
const placeNames = new Map(tables.places.map((place) => [place.slug, place.name]));

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
const details = document.getElementById("details");
const detailsContent = document.getElementById("details-content");
const tooltip = document.getElementById("tooltip");
const resultCount = document.getElementById("result-count");
const disputedCount = document.getElementById("disputed-count");
const emptyResult = document.getElementById("empty-result");

let state = readState(contract);
let shown = [];
// The events of ``shown`` in the period in view on the timeline: what the list holds.
let listed = [];
// The period in view on the timeline ({start, end} in ms), once it says.
let inView = null;
// What the server's search found, by query: { slugs: Set } once answered.
const searches = new Map();

// --- The views -----------------------------------------------------------------------------

document.getElementById("map-pane").hidden = false;
document.getElementById("timeline").hidden = false;
root.classList.add("enhanced");

// Made in the order that lets each read its size from a page laid out as little as possible since:
// the list (it measures a row), the timeline (its box), then the map (Leaflet reads its size, and
// adds the most to the page).
const virtualList = new VirtualList(list, {
  eventUrl: (slug) => `${root.dataset.eventUrl.replace("__slug__", encodeURIComponent(slug))}`,
  placeName: (slug) => placeNames.get(slug) || "",
  onSelect: (slug) => select(slug),
  onFocus: (slug) => prefetch(slug),
});
virtualList.measure();

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
const showRange = () => {
  if (rangeLabel.textContent !== timeline.rangeLabel) rangeLabel.textContent = timeline.rangeLabel;
};
canvas.addEventListener("timeline:render", showRange);
// Said now, not with the timeline's first drawing: the toolbar takes its height (the label may wrap
// it to a second line) before the list below it is laid out, and is not laid out again for it.
showRange();

const map = new MapView(document.getElementById("map"), {
  places: tables.places,
  config: JSON.parse(root.dataset.mapConfig),
  note: document.getElementById("map-note"),
  onSelectPlace: (slug) => update({ ...state, place: state.place === slug ? "" : slug }),
  // The group of events with no single place (map.js gives it when it has one).
  onSelectNoPlace: () => update({ ...state, place: state.place === contract.noPlace ? "" : contract.noPlace }),
});

// Zooming or moving the timeline narrows the list to the period in view (and says so): from the
// period it opens on, then each time a zoom or a move has settled (``timeline:range``).
inView = timeline.range ? { ...timeline.range } : null;
canvas.addEventListener("timeline:range", (e) => showPeriod(e.detail));

function showPeriod(range) {
  if (!range || !Number.isFinite(range.start) || !Number.isFinite(range.end)) return;
  if (inView && inView.start === range.start && inView.end === range.end) return;
  inView = { start: range.start, end: range.end };
  fillList();
}

// A date filter moves the timeline to its period.
function showFilterPeriod(filters) {
  if (filters.error || !(filters.from || filters.to)) return;
  timeline.setRange(...parseRange(`${filters.from || contract.span[0]}/${filters.to || contract.span[1]}`));
}

document.querySelector(".timeline-toolbar").addEventListener("click", (e) => {
  const button = e.target.closest("button");
  if (!button) return;
  if (button.dataset.zoom) timeline.zoom(button.dataset.zoom === "in" ? 0.5 : 2);
  if (button.dataset.pan) timeline.pan(Number(button.dataset.pan) * 0.5);
  if (button.dataset.range) timeline.setRange(...parseRange(button.dataset.range));
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

// --- The list --------------------------------------------------------------------------------

// The list: what the filters show, in the period in view on the timeline when that leaves some out.
function fillList() {
  const from = inView ? Math.floor(inView.start / DAY) : -Infinity;
  // The last day in view, as the timeline names it (its range label).
  const to = inView ? lastDayIn(inView.end) : Infinity;
  listed = inView ? shown.filter((event) => event.startDay <= to && event.lastDay >= from) : shown;
  if (listed.length === shown.length) listed = shown;
  virtualList.setItems(listed);
  virtualList.select(state.event, { reveal: true });
  if (listed !== shown && shown.length) {
    virtualList.setNote(rangeNote(listed.length, shown.length, dates.day(from * DAY), dates.day(to * DAY)), {
      label: gettext("Show all"),
      run: showAll,
    });
  } else {
    virtualList.setNote("");
  }
  emptyResult.hidden = shown.length > 0;
  list.dataset.listed = listed.length;
}

// "Show all": the timeline shows the whole period of what the filters show, and the list all of it.
function showAll() {
  if (!shown.length) return;
  const start = shown[0].startDay * DAY;
  const end = Math.max(...shown.map((event) => event.lastDay)) * DAY + DAY;
  const [first, last] = timeline.full;
  timeline.setRange(Math.min(start, first), Math.max(end, last));
  inView = null;
  fillList();
}

// The server answers a free-text search (the page has no event's search text): the same rules,
// the same events, with scripts or without. Offline, the titles are looked in.
function found(filters) {
  if (!filters.q || filters.error) return null;
  const known = searches.get(filters.q);
  if (known) return known;
  const pending = { slugs: null };
  searches.set(filters.q, pending);
  list.setAttribute("aria-busy", "true");
  const url = `${data.search}?q=${encodeURIComponent(filters.q)}`;
  fetch(url, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
    .then((answer) => (pending.slugs = new Set(answer.slugs)))
    .catch(() => {
      const titles = events.filter((event) => fold(event.title, contract.search).includes(filters.search));
      pending.slugs = new Set(titles.map((event) => event.slug));
    })
    .finally(() => {
      if (readFilters(contract, state).q === filters.q) {
        apply();
        render();
      }
    });
  return pending;
}

function counts(filters, except, slugs) {
  return events.filter(matcher(filters, { except, found: slugs, noPlace: contract.noPlace }));
}

function apply({ fit = false } = {}) {
  const filters = readFilters(contract, state);
  const search = found(filters);
  if (search && !search.slugs) return; // until the server answers: the list stays as it was
  list.removeAttribute("aria-busy");
  const slugs = search?.slugs || null;
  shown = counts(filters, "", slugs);
  const visible = new Set(shown.map((event) => event.slug));
  timeline.setVisible(visible);
  fillList();

  const perCategory = new Map();
  for (const event of counts(filters, "category", slugs)) {
    for (const slug of event.categories) perCategory.set(slug, (perCategory.get(slug) || 0) + 1);
  }
  for (const box of fields.category) {
    box.closest(".chip").querySelector(".chip-count").textContent = perCategory.get(box.value) || 0;
  }
  disputedCount.textContent = counts(filters, "disputed", slugs).filter((event) => event.disputed).length;
  // Per place; under "" the events with no single place (the map's group of them).
  const perPlace = new Map();
  for (const event of counts(filters, "place", slugs)) {
    const key = event.place || "";
    perPlace.set(key, (perPlace.get(key) || 0) + 1);
  }
  const activeKey = state.place === contract.noPlace ? "" : state.place;
  map.setCounts(state.place ? new Map([...perPlace].filter(([slug]) => slug === activeKey)) : perPlace, {
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

const panels = new Map(); // slug → the panel's HTML, promised
const fetched = new Map(); // slug → the panel's HTML, once it has come
// slug → the panel's elements, made from its HTML while the page was idle, so that → and ← only put
// them in place: for the selected event's neighbours alone (taken when shown, dropped when no longer
// a neighbour; a row merely pointed at is fetched, not made).
const made = new Map();
let neighbours = new Set();
const whenIdle = window.requestIdleCallback
  ? (work) => requestIdleCallback(work, { timeout: 250 })
  : (work) => setTimeout(work, 50);

function makeAhead(slug) {
  if (made.has(slug) || !fetched.has(slug) || !neighbours.has(slug)) return;
  whenIdle(() => {
    if (made.has(slug) || !neighbours.has(slug)) return;
    made.set(slug, document.createRange().createContextualFragment(fetched.get(slug)));
  });
}
const narrowScreen = window.matchMedia("(max-width: 800px)");

function prefetch(slug) {
  if (!panels.has(slug)) {
    const url = root.dataset.panelUrl.replace("__slug__", encodeURIComponent(slug));
    panels.set(
      slug,
      fetch(url, { headers: { Accept: "text/html" } }).then(async (response) => {
        if (!response.ok) throw new Error(response.statusText);
        const html = await response.text();
        fetched.set(slug, html);
        makeAhead(slug);
        return html;
      }),
    );
    panels.get(slug).catch(() => panels.delete(slug));
  }
  return panels.get(slug);
}

function showDetails(event, { focus }) {
  // The details lie over the list (which keeps its layout and scroll position: cheap with 10 000).
  details.hidden = false;
  const show = (html) => {
    const panel = made.get(event.slug) ?? document.createRange().createContextualFragment(html);
    made.delete(event.slug);
    detailsContent.replaceChildren(panel);
    detailsContent.removeAttribute("aria-busy");
  };
  if (fetched.has(event.slug)) {
    // Come already (the neighbours' panels are fetched ahead of → and ←, and made while the page
    // was idle): the whole panel at once.
    show(fetched.get(event.slug));
  } else {
    // What the page already knows shows at once; the body and sources follow.
    const date = document.createElement("p");
    date.className = "event-date";
    date.textContent = event.date;
    const title = document.createElement("h2");
    title.className = "event-title";
    title.textContent = event.title;
    detailsContent.replaceChildren(date, title);
    detailsContent.setAttribute("aria-busy", "true");
    prefetch(event.slug)
      .then((html) => state.event === event.slug && show(html))
      .catch(() => detailsContent.removeAttribute("aria-busy"));
  }
  if (focus) {
    detailsContent.focus({ preventScroll: true });
    // Stacked on a phone, the details sit below the map and the timeline: bring them into view.
    if (narrowScreen.matches) details.scrollIntoView({ block: "start" });
  }
  const position = shown.findIndex((item) => item.slug === event.slug);
  const previous = shown[position - 1];
  const next = shown[position + 1];
  document.getElementById("details-prev").disabled = !previous && position !== -1;
  document.getElementById("details-next").disabled = !next && position !== -1;
  neighbours = new Set([previous, next].filter(Boolean).map((neighbour) => neighbour.slug));
  for (const slug of made.keys()) if (!neighbours.has(slug)) made.delete(slug);
  // Asked for once the page is idle (the request costs the key press its frame otherwise).
  whenIdle(() => {
    for (const slug of neighbours) {
      prefetch(slug);
      makeAhead(slug);
    }
  });
}

function hideDetails() {
  details.hidden = true;
}

const present = document.getElementById("present-selection");

// "Present these events": a slideshow of what the filters show, starting at the selected event.
function updatePresentLink() {
  const selection = filterSearch(contract, state) || `?from=${contract.span[0].slice(0, 4)}`;
  present.href = `${present.dataset.base}${selection}${state.event ? `&event=${encodeURIComponent(state.event)}` : ""}`;
}

// "Share": the <iframe> to copy shows the view as it is now (its address escaped as HTML writes it).
const embedCode = document.getElementById("embed-code");
function updateEmbedCode() {
  if (!embedCode) return;
  const search = filterSearch(contract, state);
  const event = state.event ? `${search ? "&" : "?"}event=${encodeURIComponent(state.event)}` : "";
  const src = `${embedCode.dataset.embedBase}${search}${event}`.replaceAll("&", "&amp;");
  embedCode.value = embedCode.value.replace(/src="[^"]*"/, `src="${src}"`);
}

function render({ focusDetails = false } = {}) {
  const event = bySlug.get(state.event);
  // The list first: it reads the layout, which nothing has changed yet (so reading it costs nothing).
  virtualList.select(event ? event.slug : "", { reveal: Boolean(event) });
  updatePresentLink();
  updateEmbedCode();
  if (!event) {
    timeline.select("");
    map.selectPlace("");
    hideDetails();
    return;
  }
  timeline.select(event.slug);
  // An event outside the period in view: the timeline moves to it, and the list follows.
  if (inView && listed !== shown && !listed.includes(event)) {
    const span = inView.end - inView.start;
    const middle = event.startDay * DAY;
    timeline.setRange(middle - span / 2, middle + span / 2);
  }
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
  if (position === -1) {
    // Nothing chosen yet: the first (or the last) event of the period in view, where the timeline
    // stays; from there on, through all that the filters show, the timeline following. (The list
    // also holds events begun before the period that last into it: their marks are out of view.)
    const begun = inView ? listed.filter((event) => event.startDay * DAY >= inView.start) : listed;
    const first = begun.length ? begun : listed.length ? listed : shown;
    select((delta > 0 ? first[0] : first.at(-1)).slug, { focusDetails: false });
    return;
  }
  const target = position + delta;
  if (target < 0 || target >= shown.length) return;
  select(shown[target].slug, { focusDetails: false });
}

function close() {
  const slug = state.event;
  state = { ...state, event: "" };
  writeState(contract, state);
  render();
  // The list follows the timeline once it has settled: if it has not yet followed a move to this event
  // (Escape pressed at once), it does now, so that the event's row is there to take the focus.
  showPeriod(timeline.range);
  virtualList.linkOf(slug)?.focus({ preventScroll: true });
}
document.getElementById("details-prev").addEventListener("click", () => step(-1));
document.getElementById("details-next").addEventListener("click", () => step(1));
document.getElementById("details-close").addEventListener("click", close);

document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.target.closest("input, select, textarea, [contenteditable]")) {
    if (e.key === "Escape" && e.target === fields.q && fields.q.value) {
      fields.q.value = "";
      update(fromField(fields.q));
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

function periodOf(someState) {
  const filters = readFilters(contract, someState);
  return filters.error ? "" : `${filters.from || ""}/${filters.to || ""}`;
}

function update(next, { replace = false } = {}) {
  const filtersChanged = filterSearch(contract, next) !== filterSearch(contract, state);
  const periodChanged = periodOf(next) !== periodOf(state);
  state = next;
  writeState(contract, state, { replace });
  fillForm();
  apply({ fit: filtersChanged });
  if (periodChanged) showFilterPeriod(readFilters(contract, state));
  render();
}

window.addEventListener("popstate", () => {
  state = readState(contract);
  fillForm();
  apply({ fit: true });
  showFilterPeriod(readFilters(contract, state));
  render();
});

// The page comes with the filters folded unless some are in use (on a phone or a short screen they
// stay so until asked for); a screen wide and tall enough shows them all the same: its style sheet
// does (explorer.css, the same query), or this where the browser cannot.
if (window.matchMedia("(min-width: 801px) and (min-height: 800px)").matches && !CSS.supports("selector(::details-content)")) {
  document.getElementById("more-filters").open = true;
}

fillForm();
apply({ fit: isActive(readFilters(contract, state)) });
showFilterPeriod(readFilters(contract, state));
render();
// A date filter in the address may have moved the timeline.
showRange();
// Opened on an event (a shared link): on a phone, where its details lie below the map and the
// timeline, they are brought into view.
if (bySlug.has(state.event) && narrowScreen.matches) details.scrollIntoView({ block: "start" });
// What the views show, for the tests and the benchmark: the filtered events, and those the list holds.
export { listed, shown, timeline, virtualList };
root.dataset.ready = "true";
performance.mark("explorer-ready");
