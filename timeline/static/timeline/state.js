// The explorer's view as query parameters, so that any view can be shared, reloaded or put on a
// slide, and Back/Forward restore it: the selected event and the filters the server describes
// (timeline/filters.py sends them as a contract: names and forms). Every parameter is kept in the
// form it was given ("2011", "2011-12-16"), even where a form field cannot show it; parameters the
// explorer does not know are kept too.

const MULTIPLE = "slugs";

function lastValue(params, name) {
  // A parameter given several times counts with its last value that is not blank, as on the server.
  const values = params.getAll(name).filter((value) => value.trim());
  return values.length ? values[values.length - 1] : "";
}

export function emptyState(contract) {
  const state = { event: "", extra: [] };
  for (const parameter of contract.parameters) state[parameter.name] = parameter.form === MULTIPLE ? [] : "";
  return state;
}

export function readState(contract, search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = emptyState(contract);
  state.event = lastValue(params, "event");
  for (const { name, form } of contract.parameters) {
    state[name] =
      form === MULTIPLE
        ? params.getAll(name).join(",").split(",").map((slug) => slug.trim()).filter(Boolean)
        : lastValue(params, name);
  }
  const known = new Set(["event", ...contract.parameters.map((parameter) => parameter.name)]);
  state.extra = [...params].filter(([name]) => !known.has(name));
  return state;
}

// The filters alone, as a query string ("" when none is set): what a selection of events is.
export function filterSearch(contract, state) {
  return toSearch(contract, { ...state, event: "", extra: [] });
}

export function toSearch(contract, state) {
  const params = new URLSearchParams();
  if (state.event) params.set("event", state.event);
  for (const { name, form } of contract.parameters) {
    const value = state[name];
    if (form === MULTIPLE ? value.length : value) params.set(name, form === MULTIPLE ? value.join(",") : value);
  }
  for (const [name, value] of state.extra || []) params.append(name, value);
  const search = params.toString().replaceAll("%2C", ",");
  return search ? `?${search}` : "";
}

// Push a new history entry (a selection, a filter) or replace the current one (typing a search).
export function writeState(contract, state, { replace = false } = {}) {
  const url = `${window.location.pathname}${toSearch(contract, state)}${window.location.hash}`;
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (url === current) return;
  window.history[replace ? "replaceState" : "pushState"](null, "", url);
}
