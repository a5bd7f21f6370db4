// The explorer's view as query parameters, so that any view can be shared, reloaded or put on a
// slide, and Back/Forward restore it: ?event=<slug>&from=YYYY-MM&to=YYYY-MM&category=a,b&place=<slug>&q=

export const EMPTY = Object.freeze({ event: "", from: "", to: "", categories: [], place: "", q: "" });

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  return {
    event: params.get("event") || "",
    from: params.get("from") || "",
    to: params.get("to") || "",
    categories: params.getAll("category").join(",").split(",").map((s) => s.trim()).filter(Boolean),
    place: params.get("place") || "",
    q: params.get("q") || "",
  };
}

export function toSearch(state) {
  const params = new URLSearchParams();
  if (state.event) params.set("event", state.event);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.categories.length) params.set("category", state.categories.join(","));
  if (state.place) params.set("place", state.place);
  if (state.q) params.set("q", state.q);
  const search = params.toString().replaceAll("%2C", ",");
  return search ? `?${search}` : "";
}

// Push a new history entry (a selection, a filter) or replace the current one (typing a search).
export function writeState(state, { replace = false } = {}) {
  const url = `${window.location.pathname}${toSearch(state)}${window.location.hash}`;
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (url === current) return;
  window.history[replace ? "replaceState" : "pushState"](null, "", url);
}
