// Which events a view shows: the same rules as the server's (timeline/filters.py), so a link gives
// the same list with JavaScript or without it.

const PERIOD = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/;

function pad(number) {
  return String(number).padStart(2, "0");
}

// "2011" → 2011-01-01 (or with end, 2011-12-31); "2011-05" → 2011-05-01 (2011-05-31); a day stays.
export function periodBound(value, end = false) {
  const match = PERIOD.exec((value || "").trim());
  if (!match) return null;
  const [, year, month, day] = match;
  if (day) return `${year}-${month}-${day}`;
  if (!end) return `${year}-${month || "01"}-01`;
  if (!month) return `${year}-12-31`;
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return `${year}-${month}-${pad(last)}`;
}

export function normalise(text) {
  return (text || "").toLocaleLowerCase();
}

// The filters as predicates; ``except`` leaves one out (for the counts beside that filter).
export function matcher(state, { except = "" } = {}) {
  const from = except === "period" ? null : periodBound(state.from);
  const to = except === "period" ? null : periodBound(state.to, true);
  const categories = except === "category" ? [] : state.categories;
  const place = except === "place" ? "" : state.place;
  const needle = normalise(state.q.trim());
  return (event) => {
    if (to && event.start > to) return false;
    if (from && event.last < from) return false;
    if (categories.length && !event.categories.some((slug) => categories.includes(slug))) return false;
    if (place && event.place !== place) return false;
    if (needle && !event.haystack.includes(needle)) return false;
    return true;
  };
}
