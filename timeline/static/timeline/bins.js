// The timeline's arithmetic, free of the page: day numbers, binary search, the level of detail
// (which events are drawn one by one and which are counted in a bin) and hit-testing. Pure
// functions over typed arrays, tested under node (tests/js/bins.test.mjs).

export const DAY = 86_400_000;
// Half a hit target: every mark and bin answers the pointer 12 px around it (24 px, WCAG 2.5.8).
export const HALF = 12;
export const ROW = 24;

// "2011-12-16" → days since 1970-01-01 (UTC).
export const dayOf = (iso) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY);

// The first position in the ascending array whose value is ≥ value (its length if none).
export function lowerBound(sorted, value, from = 0, to = sorted.length) {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The first position whose value is > value.
export function upperBound(sorted, value, from = 0, to = sorted.length) {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Bins of the calendar, from a day to a year. `days` is the shortest such bin: the unit chosen is the
// first whose shortest bin is still a 24 px target.
export const UNITS = [
  { unit: "day", days: 1 },
  { unit: "week", days: 7 },
  { unit: "month", days: 28 },
  { unit: "quarter", days: 90 },
  { unit: "year", days: 365 },
];

export function unitFor(pxPerDay) {
  return UNITS.find((u) => u.days * pxPerDay >= 2 * HALF) || UNITS.at(-1);
}

// "month key": months since year 0 (year × 12 + month − 1) of a day number.
// Arithmetic, not Date: 10 000 of these at start-up take well under a millisecond (H. Hinnant's
// civil_from_days).
export function monthKeyOf(day) {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1–12
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

const dayOfMonthKey = (key) => Math.round(Date.UTC(Math.floor(key / 12), key % 12, 1) / DAY);

// The bin (its key, first day, first day after it) holding a day, in a unit.
export function binOf(unit, day, monthKey) {
  if (unit === "day") return { key: day, start: day, end: day + 1 };
  if (unit === "week") {
    // 1970-01-01 was a Thursday: weeks start on Mondays.
    const key = Math.floor((day + 3) / 7);
    return { key, start: key * 7 - 3, end: key * 7 + 4 };
  }
  const months = { month: 1, quarter: 3, year: 12 }[unit];
  const key = Math.floor(monthKey / months);
  return { key, start: dayOfMonthKey(key * months), end: dayOfMonthKey((key + 1) * months) };
}

// The events sorted by day, once: `order[i]` is the index of the i-th event in time, `days[i]` its
// first day; `ends`, its last day. Ties keep the given order.
export function sortEvents(startDays, endDays) {
  const n = startDays.length;
  const order = new Uint32Array(n);
  let ordered = true;
  for (let i = 0; i < n; i += 1) {
    order[i] = i;
    if (i && startDays[i] < startDays[i - 1]) ordered = false;
  }
  // The explorer gives them in time already: then there is nothing to sort.
  if (!ordered) order.sort((a, b) => startDays[a] - startDays[b] || a - b);
  const days = new Int32Array(n);
  const ends = new Int32Array(n);
  const spans = [];
  let longest = 0;
  for (let i = 0; i < n; i += 1) {
    days[i] = startDays[order[i]];
    ends[i] = Math.max(endDays[order[i]], days[i]);
    if (ends[i] > days[i]) {
      spans.push(i);
      longest = Math.max(longest, ends[i] - days[i]);
    }
  }
  return { order, days, ends, spans, longest };
}

// What to draw in a view: the events one by one where they fit in `rows` rows of 24 px targets,
// and, where a bin of the calendar holds more than fits, the bin with its count.
//   sorted: sortEvents(…); visible: Uint8Array by event index (1 = shown); monthKeys: by event index;
//   view: { start, end } in days (fractional); width in px; rows ≥ 1.
// Returns { unit, items, lefts, widest } with items in order of their left edge:
//   marks { kind: "mark", index, x, x2, row, left, right }  (x2 > x for a span)
//   bins  { kind: "bin", key, start, end, count, first, last, x, x2, left, right, indexes }
export function layout(sorted, visible, monthKeys, view, width, rows) {
  const { order, days, ends, spans } = sorted;
  const pxPerDay = width / (view.end - view.start);
  const { unit } = unitFor(pxPerDay);
  const X = (day) => (day - view.start) * pxPerDay;
  const pad = HALF / pxPerDay + 1;
  const lo = lowerBound(days, Math.floor(view.start - pad));
  const hi = upperBound(days, Math.ceil(view.end + pad));
  const right = new Float64Array(rows).fill(-Infinity);
  const items = [];

  const place = (position, into, shift = 0) => {
    const index = order[position];
    const x = X(days[position]) + shift;
    const x2 = ends[position] > days[position] ? Math.max(X(ends[position] + 1), x) : x;
    const left = x - HALF;
    const end = Math.max(x2, x) + HALF;
    for (let row = 0; row < rows; row += 1) {
      if (right[row] <= left) {
        right[row] = end;
        into.push({ kind: "mark", index, x, x2, row, left, right: end });
        return true;
      }
    }
    return false;
  };

  // The events of one day (positions ``first``…``last``) in columns of 24 px across the day's width.
  const fanOut = (first, last, into) => {
    const dayLeft = X(days[first]);
    const columns = Math.max(1, Math.floor(pxPerDay / (2 * HALF)));
    let column = 0;
    for (let p = first; p <= last; p += 1) {
      if (!visible[order[p]]) continue;
      while (column < columns && !place(p, into, dayLeft + column * 2 * HALF - X(days[p]))) column += 1;
      if (column >= columns) return false;
    }
    return true;
  };

  // Spans that began before the view and reach into it.
  for (const position of spans) {
    if (position >= lo) break;
    if (visible[order[position]] && ends[position] + 1 >= view.start - pad) place(position, items);
  }

  let position = lo;
  while (position < hi) {
    const bin = binOf(unit, days[position], monthKeys[order[position]]);
    let last = position;
    while (last + 1 < hi && days[last + 1] < bin.end) last += 1;
    const saved = right.slice();
    const placed = [];
    let fits = true;
    const indexes = [];
    for (let p = position; p <= last; p += 1) {
      if (!visible[order[p]]) continue;
      indexes.push(order[p]);
      if (fits && !place(p, placed)) fits = false;
    }
    if (!fits && unit === "day" && indexes.length > 1) {
      // A day crowded past the rows, at the closest zoom: its events side by side within the day's
      // width (still on their day), rather than a count that no zoom could open.
      right.set(saved);
      placed.length = 0;
      fits = fanOut(position, last, placed);
      if (!fits) right.set(saved);
    }
    if (fits) items.push(...placed);
    else if (indexes.length === 1) {
      // One event is never a bin: it goes in the row that frees up first, over a neighbour.
      right.set(saved);
      const row = right.indexOf(Math.min(...right));
      right[row] = -Infinity;
      place(last === position ? position : positionOf(order, indexes[0], position, last), items);
    } else {
      right.set(saved);
      const x = X(bin.start);
      const x2 = X(bin.end);
      // Marks may begin where the bar ends (their 24 px target reaching back over its edge).
      for (let row = 0; row < rows; row += 1) right[row] = Math.max(right[row], x2 - HALF);
      items.push({ kind: "bin", key: bin.key, start: bin.start, end: bin.end, count: indexes.length, first: position, last, x, x2, left: x, right: x2, indexes });
    }
    position = last + 1;
  }
  items.sort((a, b) => a.left - b.left);
  const lefts = Float64Array.from(items, (item) => item.left);
  const widest = items.reduce((most, item) => Math.max(most, item.right - item.left), 0);
  return { unit, items, lefts, widest };
}

function positionOf(order, index, from, to) {
  for (let p = from; p <= to; p += 1) if (order[p] === index) return p;
  return from;
}

// The item under a point (px from the canvas' left and top), within 12 px of a mark's centre or
// inside a bin's bar: a binary search on the items' left edges, then the few that may reach it.
//   rowY(row) → the y of a row's centre; binTop(item) → the top of a bin's bar.
export function hitTest({ items, lefts, widest }, x, y, { rowY, binTop, base }) {
  let i = upperBound(lefts, x) - 1;
  let best = null;
  let bestDistance = Infinity;
  for (; i >= 0 && lefts[i] >= x - widest; i -= 1) {
    const item = items[i];
    if (x < item.left || x > item.right) continue;
    if (item.kind === "bin") {
      if (y >= binTop(item) - HALF / 2 && y <= base + HALF / 2) {
        return item;
      }
      continue;
    }
    const cy = rowY(item.row);
    if (Math.abs(y - cy) > HALF) continue;
    const dx = item.x2 > item.x && x >= item.x && x <= item.x2 ? 0 : x - item.x;
    const distance = Math.hypot(dx, y - cy);
    if (distance <= HALF && distance < bestDistance) {
      best = item;
      bestDistance = distance;
    }
  }
  return best;
}
