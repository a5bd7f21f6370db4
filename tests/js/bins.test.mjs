// The timeline's arithmetic (bins.js): binary search, calendar bins, level of detail, hit-testing.
import assert from "node:assert/strict";
import { test } from "node:test";

import { HALF, ROW, binOf, dayOf, hitTest, layout, lowerBound, monthKeyOf, sortEvents, unitFor, upperBound } from "../../timeline/static/timeline/bins.js";

const MASSACRE = dayOf("2011-12-16");

function columns(days, ends = days) {
  const start = Int32Array.from(days);
  const end = Int32Array.from(ends);
  const sorted = sortEvents(start, end);
  const monthKeys = Int32Array.from(start, monthKeyOf);
  const visible = new Uint8Array(start.length).fill(1);
  return { sorted, monthKeys, visible };
}

const geometry = (rows, base = 142) => ({ rowY: (row) => base - ROW / 2 - row * ROW, binTop: () => base - rows * ROW, base });

test("day numbers count from 1970-01-01", () => {
  assert.equal(dayOf("1970-01-01"), 0);
  assert.equal(dayOf("1970-01-02"), 1);
  assert.equal(MASSACRE, 15324);
});

test("a day's month, by arithmetic, is the calendar's", () => {
  for (let day = dayOf("1999-12-25"); day < dayOf("2031-01-10"); day += 1) {
    const date = new Date(day * 86_400_000);
    assert.equal(monthKeyOf(day), date.getUTCFullYear() * 12 + date.getUTCMonth(), date.toISOString());
  }
});

test("binary search finds the first position at or past a value", () => {
  const sorted = Int32Array.from([1, 3, 3, 3, 7]);
  assert.equal(lowerBound(sorted, 3), 1);
  assert.equal(upperBound(sorted, 3), 4);
  assert.equal(lowerBound(sorted, 0), 0);
  assert.equal(lowerBound(sorted, 8), 5);
  assert.equal(upperBound(sorted, 7), 5);
});

test("events are sorted by day once, ties in the given order, spans noted", () => {
  const { order, days, spans, longest } = sortEvents(Int32Array.from([5, 2, 5, 1]), Int32Array.from([5, 9, 5, 1]));
  assert.deepEqual([...order], [3, 1, 0, 2]);
  assert.deepEqual([...days], [1, 2, 5, 5]);
  assert.deepEqual(spans, [1]);
  assert.equal(longest, 7);
});

test("the bin unit is the shortest whose bins are 24 px targets", () => {
  assert.equal(unitFor(30).unit, "day");
  assert.equal(unitFor(4).unit, "week");
  assert.equal(unitFor(1).unit, "month");
  assert.equal(unitFor(0.3).unit, "quarter");
  assert.equal(unitFor(0.07).unit, "year");
  assert.equal(unitFor(0.001).unit, "year");
});

test("calendar bins hold their day: weeks from Monday, months and years from the first", () => {
  const key = monthKeyOf(MASSACRE);
  assert.deepEqual(binOf("day", MASSACRE, key), { key: MASSACRE, start: MASSACRE, end: MASSACRE + 1 });
  const week = binOf("week", MASSACRE, key);
  assert.equal(new Date(week.start * 86_400_000).getUTCDay(), 1); // a Monday
  assert.ok(week.start <= MASSACRE && MASSACRE < week.end && week.end - week.start === 7);
  const month = binOf("month", MASSACRE, key);
  assert.deepEqual([month.start, month.end], [dayOf("2011-12-01"), dayOf("2012-01-01")]);
  const quarter = binOf("quarter", MASSACRE, key);
  assert.deepEqual([quarter.start, quarter.end], [dayOf("2011-10-01"), dayOf("2012-01-01")]);
  const year = binOf("year", MASSACRE, key);
  assert.deepEqual([year.start, year.end], [dayOf("2011-01-01"), dayOf("2012-01-01")]);
});

test("a day with more events than rows is one bin with their count; a quiet one keeps its marks", () => {
  const crowded = Array(40).fill(MASSACRE);
  const { sorted, monthKeys, visible } = columns([...crowded, MASSACRE + 5, MASSACRE + 6]);
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 }; // 20 days on 600 px: days are bins
  const { unit, items } = layout(sorted, visible, monthKeys, view, 600, 5);
  assert.equal(unit, "day");
  const bins = items.filter((item) => item.kind === "bin");
  assert.equal(bins.length, 1);
  assert.equal(bins[0].count, 40);
  assert.equal(bins[0].start, MASSACRE);
  assert.equal(items.filter((item) => item.kind === "mark").length, 2);
});

test("at the closest zoom a crowded day's events stand side by side within the day, each a target", () => {
  const { sorted, monthKeys, visible } = columns([...Array(8).fill(MASSACRE), MASSACRE + 3]);
  const view = { start: MASSACRE - 5, end: MASSACRE + 5 }; // 10 days on 660 px: 66 px a day, two columns
  const { unit, items } = layout(sorted, visible, monthKeys, view, 660, 5);
  assert.equal(unit, "day");
  assert.deepEqual(items.filter((item) => item.kind === "bin"), []);
  const day = items.filter((item) => item.kind === "mark" && item.index < 8);
  assert.equal(day.length, 8);
  const left = (MASSACRE - view.start) * 66;
  for (const mark of day) assert.ok(left <= mark.x && mark.x < left + 66, mark.x);
  const spots = new Set(day.map((mark) => `${mark.x}:${mark.row}`));
  assert.equal(spots.size, 8); // no two in one place
  // More than the day can hold: a bin, as before.
  const many = columns(Array(11).fill(MASSACRE));
  const crowded = layout(many.sorted, many.visible, many.monthKeys, view, 660, 5);
  assert.deepEqual(crowded.items.map((item) => [item.kind, item.count]), [["bin", 11]]);
});

test("a hidden event is neither drawn nor counted", () => {
  const { sorted, monthKeys, visible } = columns(Array(10).fill(MASSACRE));
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 };
  visible.fill(0);
  assert.deepEqual(layout(sorted, visible, monthKeys, view, 600, 5).items, []);
  visible[3] = 1;
  visible[7] = 1;
  const { items } = layout(sorted, visible, monthKeys, view, 600, 5);
  assert.deepEqual(items.map((item) => [item.kind, item.index]), [["mark", 3], ["mark", 7]]);
});

test("marks in one row are a full target apart; those too close go up a row", () => {
  const { sorted, monthKeys, visible } = columns([MASSACRE, MASSACRE, MASSACRE, MASSACRE + 1, MASSACRE + 1]);
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 }; // 30 px a day
  const { items } = layout(sorted, visible, monthKeys, view, 600, 5);
  // Three on one day stack up; the next day, 30 px on, starts again from the axis.
  assert.deepEqual(items.map((item) => item.row), [0, 1, 2, 0, 1]);
  for (const a of items) for (const b of items) if (a !== b && a.row === b.row) assert.ok(Math.abs(a.x - b.x) >= 2 * HALF);
});

test("the overview of thousands of events is a handful of bins, laid out in a few milliseconds", () => {
  const days = Array.from({ length: 10_000 }, (_, i) => dayOf("2009-01-01") + ((i * 7919) % 5844));
  const { sorted, monthKeys, visible } = columns(days);
  const view = { start: dayOf("2009-01-01"), end: dayOf("2025-01-01") };
  const started = performance.now();
  const { unit, items } = layout(sorted, visible, monthKeys, view, 900, 5);
  const took = performance.now() - started;
  assert.equal(unit, "year");
  assert.equal(items.length, 16);
  assert.equal(items.reduce((sum, item) => sum + item.count, 0), 10_000);
  assert.ok(took < 50, `${took} ms`);
});

test("hit-testing: 12 px around a mark's centre, anywhere on a bin's bar, nothing between", () => {
  const { sorted, monthKeys, visible } = columns([...Array(40).fill(MASSACRE), MASSACRE + 5]);
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 };
  const drawn = layout(sorted, visible, monthKeys, view, 600, 5);
  const mark = drawn.items.find((item) => item.kind === "mark");
  const bin = drawn.items.find((item) => item.kind === "bin");
  const at = geometry(5);
  const y = at.rowY(mark.row);
  assert.equal(hitTest(drawn, mark.x, y, at), mark);
  assert.equal(hitTest(drawn, mark.x + 11, y, at), mark);
  assert.equal(hitTest(drawn, mark.x, y - 11, at), mark);
  assert.equal(hitTest(drawn, mark.x + 8, y + 8, at), mark);
  assert.equal(hitTest(drawn, mark.x + 13, y, at), null);
  assert.equal(hitTest(drawn, mark.x, y - 13, at), null);
  assert.equal(hitTest(drawn, (bin.x + bin.x2) / 2, at.base - 5, at), bin);
  assert.equal(hitTest(drawn, (bin.x + bin.x2) / 2, 5, at), null); // above the bar
  assert.equal(hitTest(drawn, (bin.x2 + mark.x) / 2 + 2, y, at), null);
});

test("a span answers along its whole length", () => {
  const { sorted, monthKeys, visible } = columns([MASSACRE - 3], [MASSACRE + 3]);
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 };
  const drawn = layout(sorted, visible, monthKeys, view, 600, 5);
  const [span] = drawn.items;
  assert.ok(span.x2 - span.x > 150);
  const at = geometry(5);
  assert.equal(hitTest(drawn, (span.x + span.x2) / 2, at.rowY(span.row), at), span);
});

test("a span that began before the view is drawn in it", () => {
  const { sorted, monthKeys, visible } = columns([MASSACRE - 30, MASSACRE], [MASSACRE + 3, MASSACRE]);
  const view = { start: MASSACRE - 10, end: MASSACRE + 10 };
  const { items } = layout(sorted, visible, monthKeys, view, 600, 5);
  assert.deepEqual(items.map((item) => item.index).sort(), [0, 1]);
});
