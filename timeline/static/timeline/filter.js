// Which events a view shows: the server's rules (timeline/filters.py) read from the contract it
// sends, so that a link gives the same events with JavaScript or without it. A bad value makes
// the server show every event with a message (status 400); here too, no filter then applies.
import { fold } from "./fold.js";

function pad(number) {
  return String(number).padStart(2, "0");
}

// "2011-05-16" → [2011, 5, 16]; "2011" → [2011, null, null]; null unless a real calendar period.
export function parsePeriod(contract, value) {
  // The whole value, as written: " 2011" is no period (the server's fullmatch).
  const match = new RegExp(`^(?:${contract.period})$`).exec(value || "");
  if (!match) return null;
  const [year, month, day] = match.slice(1).map((part) => (part ? Number(part) : null));
  if (year < 1 || (month !== null && (month < 1 || month > 12))) return null;
  if (day !== null && (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())) return null;
  return [year, month, day];
}

// The first day of a period, or with ``end`` its last: "2011" → 2011-01-01 or 2011-12-31.
export function periodBound([year, month, day], end = false) {
  const y = String(year).padStart(4, "0");
  if (day !== null) return `${y}-${pad(month)}-${pad(day)}`;
  if (!end) return `${y}-${pad(month || 1)}-01`;
  if (month === null) return `${y}-12-31`;
  return `${y}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

// The state's filters as the server reads them, or ``{ error: name }`` for the first bad one.
export function readFilters(contract, state) {
  const byName = Object.fromEntries(contract.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(byName)) {
    if ([state[name]].flat().some((value) => value.includes("\u0000"))) return { error: name };
  }
  const filters = { from: null, to: null, category: state.category, place: state.place.trim(), actor: state.actor.trim() };
  for (const name of ["from", "to"]) {
    if (!state[name]) continue;
    const period = parsePeriod(contract, state[name]);
    if (!period) return { error: name };
    filters[name] = periodBound(period, name === "to");
  }
  if (filters.from && filters.to && filters.from > filters.to) return { error: "to" };
  if (state.importance && !byName.importance.choices.includes(state.importance)) return { error: "importance" };
  filters.importance = state.importance ? Number(state.importance) : null;
  // A flag: on with its one value (a ticked box's), off when left out or empty.
  if (state.disputed && !byName.disputed.choices.includes(state.disputed)) return { error: "disputed" };
  filters.disputed = Boolean(state.disputed);
  filters.q = state.q.trim();
  // The text as the server looks for it: folded (any case, script, common spelling).
  filters.search = fold(filters.q, contract.search);
  return filters;
}

// Whether any filter narrows the events (as ``EventFilters.active`` on the server).
export function isActive(filters) {
  if (filters.error) return false;
  const { from, to, category, place, actor, importance, q, disputed } = filters;
  return Boolean(from || to || category.length || place || actor || importance || q || disputed);
}

// The filters as a predicate on events; ``except`` leaves one out (for the counts beside that filter).
// ``found``: the slugs the server's search finds for ``filters.q`` (the explorer asks it: the page does
// not hold every event's search text); without it, the event's own ``search`` text is looked in.
// ``noPlace``: the ``place`` value that means events with no single place (the contract's ``noPlace``).
export function matcher(filters, { except = "", found = null, noPlace = "none" } = {}) {
  if (filters.error) return () => true;
  const from = except === "period" ? null : filters.from;
  const to = except === "period" ? null : filters.to;
  const categories = except === "category" ? [] : filters.category;
  const place = except === "place" ? "" : filters.place;
  const disputed = except === "disputed" ? false : filters.disputed;
  const { actor, importance, search } = filters;
  return (event) => {
    if (to && event.start > to) return false;
    if (from && event.last < from) return false;
    if (categories.length && !event.categories.some((slug) => categories.includes(slug))) return false;
    if (place && event.place !== (place === noPlace ? null : place)) return false;
    if (actor && !event.actors.includes(actor)) return false;
    if (importance && event.importance > importance) return false;
    if (disputed && !event.disputed) return false;
    // The event's search text, as the server keeps it (Event.search_text): its title, summary and
    // names, each folded on a line of its own; a folded query has no line break, so it never
    // matches across two of them. A query that folds to nothing matches every event, as there.
    if (search && !(found ? found.has(event.slug) : (event.search || "").includes(search))) return false;
    return true;
  };
}
