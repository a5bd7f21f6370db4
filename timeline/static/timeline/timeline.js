// The time axis, drawn on a canvas: every event as a mark coloured by its category and sized by its
// importance, spans as bars; where a day, week, month, quarter or year holds more events than fit,
// a bar with their count instead (zooming in shows them one by one). Zoom with the wheel, a pinch,
// the buttons or + and −; pan by dragging, with the buttons or Shift and the arrow keys. The arrow
// keys go from mark to mark, Enter or space chooses one; a live region says which. The list below
// the timeline is its text alternative.
//
// Test hook: the container's `timeline` property is this object (positionOf(slug), hitAt(x, y),
// items, ticks, landmarks, selected, range).

import { DAY, HALF, ROW, dayOf, hitTest, layout, lowerBound, monthKeyOf, sortEvents } from "./bins.js";
import { gettext, interpolate, ngettext } from "./i18n.js";

const MIN_SPAN = 2 * DAY; // a crowded day then has room for its events side by side (bins.js)
const RADIUS = { 1: 8, 2: 6, 3: 4.5 };
const AXIS_HEIGHT = 26;
const TOP = 20; // room for a landmark's label
const SETTLE = 150; // ms without a change before `timeline:range`
const INK = "#1f2328";
const MUTED = "#57606a";
const GRID = "#ebe7df";
const LANDMARK = "#b42318";
const FALLBACK_COLOUR = "#4b5563";
// As a canvas gives its font back (double quotes): compared with it before setting it again.
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const BOLD = 'bold 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

// Tick steps from a day to two years; the first that leaves room for a label is used.
const STEPS = [
  { unit: "day", count: 1 },
  { unit: "day", count: 2 },
  { unit: "day", count: 7 },
  { unit: "month", count: 1 },
  { unit: "month", count: 3 },
  { unit: "month", count: 6 },
  { unit: "year", count: 1 },
  { unit: "year", count: 2 },
];
const APPROXIMATE_DAYS = { day: 1, month: 30.4, year: 365.25 };

function ticks(start, end, step) {
  const date = new Date(start);
  date.setUTCHours(0, 0, 0, 0);
  const result = [];
  if (step.unit === "year") {
    date.setUTCMonth(0, 1);
    date.setUTCFullYear(Math.floor(date.getUTCFullYear() / step.count) * step.count);
  } else if (step.unit === "month") {
    date.setUTCDate(1);
    date.setUTCMonth(Math.floor(date.getUTCMonth() / step.count) * step.count);
  }
  while (date.getTime() <= end) {
    if (date.getTime() >= start) result.push(date.getTime());
    if (step.unit === "year") date.setUTCFullYear(date.getUTCFullYear() + step.count);
    else if (step.unit === "month") date.setUTCMonth(date.getUTCMonth() + step.count);
    else date.setUTCDate(date.getUTCDate() + step.count);
  }
  return result;
}

// A period written "first/last" (ISO days, as the toolbar's buttons and the page's opening period give
// it), both days in it: [its start, the end of its last day] in ms, as setRange takes it. Or null.
export function parseRange(value) {
  const match = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(value || "");
  return match ? [dayOf(match[1]) * DAY, (dayOf(match[2]) + 1) * DAY] : null;
}

function parseLandmarks(value) {
  try {
    const list = JSON.parse(value || "[]");
    return list.filter((mark) => mark && /^\d{4}-\d{2}-\d{2}$/.test(mark.day)).map((mark) => ({ day: dayOf(mark.day), label: String(mark.label || mark.day) }));
  } catch {
    return [];
  }
}

export class Timeline {
  // span: the first and last day of the period the site covers ("2008-01-01", "2024-12-31").
  // dates: a DateWriter (i18n.js) for the axis' labels in the page's language.
  constructor(container, { events, colors, dates, span, onSelect, onHover }) {
    this.container = container;
    this.full = parseRange(`${span[0]}/${span[1]}`);
    this.events = events;
    this.colors = colors;
    this.dates = dates;
    this.onSelect = onSelect;
    this.onHover = onHover || (() => {});
    this.selected = "";
    this.hovered = null;
    this.cursor = null; // the item the keyboard is on: { kind: "mark", index } or { kind: "bin", start }
    this.view = { items: [], lefts: new Float64Array(0), widest: 0, unit: "year" };
    this.ticks = [];
    this.prepare(events);
    const host = container.closest("#timeline") || container.parentElement || container;
    this.landmarks = parseLandmarks(host.dataset.landmarks);
    this.domain = [...this.full];
    const initial = parseRange(host.dataset.initialRange);
    if (initial) this.domain = this.clamp(initial[0], initial[1]);
    this.build();
    this.bind();
    container.timeline = this;
    // Reading the size forces a layout: do it once per resize, never inside the drawing loop. Read
    // as the observer reports it (the box, not rounded), so that its first report, which comes with
    // the first frame and the size unchanged, draws nothing a second time.
    const box = container.getBoundingClientRect();
    this.size = { width: box.width, height: box.height };
    new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width === this.size.width && height === this.size.height) return;
      this.size = { width, height };
      this.render();
    }).observe(container);
    this.settled();
  }

  // Columns of what the drawing needs, by event index, and the events sorted by day.
  prepare(events) {
    const n = events.length;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    this.monthKeys = new Int32Array(n);
    this.importance = new Uint8Array(n);
    this.colour = new Array(n);
    this.bySlug = new Map();
    for (let i = 0; i < n; i += 1) {
      const event = events[i];
      start[i] = event.startDay ?? dayOf(event.start);
      // A span has an end day; a "December 2011" is drawn on its first day, not as a month-long bar.
      const last =
        event.endDay !== undefined
          ? (event.endDay ?? start[i])
          : event.end !== undefined
            ? (event.end ? dayOf(event.end) : start[i])
            : (event.lastDay ?? start[i]);
      end[i] = Math.max(last, start[i]);
      this.monthKeys[i] = monthKeyOf(start[i]);
      this.importance[i] = event.importance || 2;
      this.colour[i] = this.colors[event.categories?.[0]] || FALLBACK_COLOUR;
      this.bySlug.set(event.slug, i);
    }
    this.startDays = start;
    this.endDays = end;
    this.sorted = sortEvents(start, end);
    this.visible = new Uint8Array(n).fill(1);
  }

  build() {
    this.canvas = document.createElement("canvas");
    this.canvas.className = "timeline-drawing";
    // The canvas' fallback content: what screen readers find in it.
    const fallback = document.createElement("p");
    fallback.textContent = this.landmarks.map((mark) => mark.label).join(" ");
    this.canvas.append(fallback);
    this.context = this.canvas.getContext("2d");
    // The selected event, drawn apart on a small canvas over the drawing: choosing another event
    // redraws and moves that alone, not the whole timeline (stepping through 10 000 events).
    this.selection = document.createElement("canvas");
    this.selection.className = "timeline-selection";
    this.selection.setAttribute("aria-hidden", "true");
    this.selection.hidden = true;
    this.live = document.createElement("div");
    this.live.className = "visually-hidden";
    this.live.setAttribute("aria-live", "polite");
    this.live.id = `${this.container.id || "timeline"}-live`;
    this.container.append(this.canvas, this.selection, this.live);
    this.container.setAttribute(
      "aria-label",
      gettext("Timeline of events: + and − zoom, Shift and the arrow keys move the period, the arrow keys go from event to event and Enter chooses one; the list below has every event."),
    );
  }

  bind() {
    const canvas = this.canvas;
    const local = (e) => {
      const box = canvas.getBoundingClientRect();
      return [e.clientX - box.left, e.clientY - box.top];
    };
    canvas.addEventListener("click", (e) => {
      if (this.dragged) return;
      const item = this.hitAt(...local(e));
      if (item) this.activate(item);
    });
    canvas.addEventListener("pointerleave", () => this.hover(null));
    canvas.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const [x] = local(e);
        if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
          this.panBy(((e.deltaX || e.deltaY) / this.width) * (this.domain[1] - this.domain[0]));
        } else {
          this.zoom(Math.exp(e.deltaY * 0.0015), this.timeAt(x));
        }
      },
      { passive: false },
    );
    // Drag to pan, pinch to zoom: pointer events cover mouse, pen and touch alike.
    const pointers = new Map();
    let last = null;
    canvas.addEventListener("pointerdown", (e) => {
      pointers.set(e.pointerId, local(e)[0]);
      this.dragged = false;
      last = { x: local(e)[0], distance: null };
    });
    canvas.addEventListener("pointermove", (e) => {
      const [x, y] = local(e);
      if (!pointers.has(e.pointerId)) {
        if (e.pointerType === "mouse") this.hover(this.hitAt(x, y));
        return;
      }
      pointers.set(e.pointerId, x);
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const distance = Math.abs(a - b);
        if (last.distance) this.zoom(last.distance / Math.max(distance, 1), this.timeAt((a + b) / 2));
        last.distance = distance;
        this.dragged = true;
      } else if (pointers.size === 1 && last) {
        const dx = x - last.x;
        if (Math.abs(dx) > 3 || this.dragged) {
          if (!this.dragged) canvas.setPointerCapture(e.pointerId);
          this.dragged = true;
          this.hover(null);
          this.panBy((-dx / this.width) * (this.domain[1] - this.domain[0]));
          last.x = x;
        }
      }
    });
    const release = (e) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2 && last) last.distance = null;
      // Let the click that ends a drag pass without selecting.
      setTimeout(() => (this.dragged = false), 0);
    };
    canvas.addEventListener("pointerup", release);
    canvas.addEventListener("pointercancel", release);
    this.container.addEventListener("keydown", (e) => this.key(e));
    this.container.addEventListener("focus", () => this.scheduleRender());
    this.container.addEventListener("blur", () => {
      this.onHover("", null);
      this.scheduleRender();
    });
  }

  key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "+" || e.key === "=") this.zoom(0.5);
    else if (e.key === "-" || e.key === "_") this.zoom(2);
    else if (e.key === "0") this.setRange(...this.full);
    else if (e.shiftKey && e.key === "ArrowLeft") this.pan(-0.25);
    else if (e.shiftKey && e.key === "ArrowRight") this.pan(0.25);
    else if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") this.moveCursor(e.key);
    else if ((e.key === "Enter" || e.key === " ") && this.cursorItem()) this.activate(this.cursorItem());
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  // --- The keyboard's cursor -------------------------------------------------------------------

  cursorItem() {
    const cursor = this.cursor;
    if (!cursor) return null;
    return this.view.items.find((item) => (cursor.kind === "mark" ? item.kind === "mark" && item.index === cursor.index : item.kind === "bin" && item.start === cursor.start)) || null;
  }

  moveCursor(key) {
    const items = this.view.items.filter((item) => item.right >= 0 && item.left <= this.width);
    if (!items.length) return;
    let current = this.cursorItem();
    if (!current && this.cursor === null && this.bySlug.has(this.selected)) {
      current = items.find((item) => item.kind === "mark" && this.events[item.index].slug === this.selected) || null;
    }
    let target;
    if (key === "Home") target = items[0];
    else if (key === "End") target = items.at(-1);
    else if (!current) target = key === "ArrowRight" ? items[0] : items.at(-1);
    else {
      const position = items.indexOf(current);
      target = items[Math.min(Math.max(position + (key === "ArrowRight" ? 1 : -1), 0), items.length - 1)];
      if (position === -1) target = items.reduce((a, b) => (Math.abs(b.x - current.x) < Math.abs(a.x - current.x) ? b : a));
    }
    this.cursor = target.kind === "mark" ? { kind: "mark", index: target.index } : { kind: "bin", start: target.start };
    this.announce(target);
    if (target.kind === "mark") this.onHover(this.events[target.index].slug, this.boxOf(target));
    else this.onHover("", null);
    this.scheduleRender();
  }

  describe(item) {
    if (item.kind === "mark") {
      const event = this.events[item.index];
      return `${event.date}: ${event.title}`;
    }
    const period = `${this.dates.day(item.start * DAY)} – ${this.dates.day((item.end - 1) * DAY)}`;
    return interpolate(ngettext("%(period)s: %(count)s event; Enter to zoom in", "%(period)s: %(count)s events; Enter to zoom in", item.count), { period, count: item.count });
  }

  announce(item) {
    this.live.textContent = this.describe(item);
  }

  // A click, a tap, Enter or space on an item: a mark is selected, a bin zoomed into.
  activate(item) {
    if (item.kind === "mark") {
      this.onSelect(this.events[item.index].slug);
      return;
    }
    const margin = Math.max((item.end - item.start) * 0.05, 1);
    this.setRange((item.start - margin) * DAY, (item.end + margin) * DAY);
    this.cursor = null;
    this.hover(null);
  }

  hover(item) {
    const same = item === this.hovered || (item && this.hovered && item.kind === this.hovered.kind && item.left === this.hovered.left && item.index === this.hovered.index);
    if (same) return;
    this.hovered = item;
    this.canvas.style.cursor = item ? "pointer" : "";
    if (item && item.kind === "mark") this.onHover(this.events[item.index].slug, this.boxOf(item));
    else this.onHover("", null);
    this.scheduleRender();
  }

  // --- Geometry ----------------------------------------------------------------------------------

  get width() {
    return Math.max(this.size.width, 200);
  }

  get height() {
    return Math.max(this.size.height, 120);
  }

  get base() {
    return this.height - AXIS_HEIGHT;
  }

  get rows() {
    return Math.max(1, Math.floor((this.base - TOP) / ROW));
  }

  rowY(row) {
    return this.base - ROW / 2 - row * ROW;
  }

  binTop(item) {
    const room = this.rows * ROW;
    const most = this.view.mostInBin || 1;
    return this.base - (ROW + (room - ROW) * Math.sqrt(item.count / most));
  }

  x(t) {
    const [start, end] = this.domain;
    return ((t - start) / (end - start)) * this.width;
  }

  timeAt(x) {
    const [start, end] = this.domain;
    return start + (x / this.width) * (end - start);
  }

  get range() {
    return { start: this.domain[0], end: this.domain[1] };
  }

  // A DOMRect-like box, in client coordinates, around an item's hit target.
  boxOf(item) {
    const host = this.canvas.getBoundingClientRect();
    let left;
    let top;
    let width;
    let height;
    if (item.kind === "mark") {
      left = item.x - HALF;
      width = Math.max(item.x2 - item.x, 0) + 2 * HALF;
      top = this.rowY(item.row) - HALF;
      height = 2 * HALF;
    } else {
      left = item.x;
      width = item.x2 - item.x;
      top = this.binTop(item);
      height = this.base - top;
    }
    left += host.left;
    top += host.top;
    return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
  }

  // Test hook and tooltip helper: where an event is drawn (its own mark, or the bin holding it), in
  // client coordinates; null when it is hidden or out of view.
  positionOf(slug) {
    const index = this.bySlug.get(slug);
    if (index === undefined || !this.visible[index]) return null;
    for (const item of this.view.items) {
      if (item.kind === "mark" && item.index === index) {
        const box = this.boxOf(item);
        return { ...box, kind: "mark", cx: box.left + HALF, cy: box.top + HALF, fraction: item.x / this.width };
      }
      if (item.kind === "bin" && item.indexes.includes(index)) {
        const box = this.boxOf(item);
        return { ...box, kind: "bin", count: item.count, cx: box.left + box.width / 2, cy: box.top + box.height / 2, fraction: this.x(this.startDays[index] * DAY) / this.width };
      }
    }
    return null;
  }

  // The item at a point in the canvas (px from its top left), or null.
  hitAt(x, y) {
    return hitTest(this.view, x, y, { rowY: (row) => this.rowY(row), binTop: (item) => this.binTop(item), base: this.base });
  }

  // --- The period in view --------------------------------------------------------------------------

  clamp(start, end) {
    const span = Math.min(Math.max(end - start, MIN_SPAN), this.full[1] - this.full[0] + 365 * DAY);
    const centre = (start + end) / 2;
    let from = centre - span / 2;
    from = Math.min(Math.max(from, this.full[0] - 180 * DAY), this.full[1] + 180 * DAY - span);
    return [from, from + span];
  }

  // The period in view, as the toolbar says it: "1 May 2011 – 31 December 2011".
  get rangeLabel() {
    const [start, end] = this.domain;
    return `${this.dates.day(Math.max(start, this.full[0]))} – ${this.dates.day(Math.min(lastDayIn(end) * DAY, this.full[1] - DAY))}`;
  }

  setRange(start, end) {
    this.domain = this.clamp(start, end);
    this.scheduleRender();
    this.settled();
  }

  // `timeline:range` once the period in view has stopped moving for a moment.
  settled() {
    clearTimeout(this.settling);
    this.settling = setTimeout(() => {
      const [start, end] = this.domain;
      if (this.announced && this.announced[0] === start && this.announced[1] === end) return;
      this.announced = [start, end];
      this.container.dispatchEvent(new CustomEvent("timeline:range", { detail: { start, end } }));
    }, SETTLE);
  }

  // Around a point in time (the pointer, a pinch), which stays where it is on the screen. Without one
  // (the buttons, + and −), zooming in centres on the selected event if it is in view, else on the
  // busiest stretch of what is shown: the middle of the range may well be empty.
  zoom(factor, around = null) {
    const [start, end] = this.domain;
    const span = Math.min(Math.max((end - start) * factor, MIN_SPAN), this.full[1] - this.full[0] + 365 * DAY);
    if (around === null) {
      const centre = factor < 1 ? this.focus(span) : (start + end) / 2;
      this.setRange(centre - span / 2, centre + span / 2);
      return;
    }
    const ratio = (around - start) / (end - start);
    this.setRange(around - ratio * span, around - ratio * span + span);
  }

  // Where to zoom in to a range `span` long: the selected event if it is in view; otherwise the middle
  // of the window of that length holding the most events shown in the current range.
  focus(span) {
    const [start, end] = this.domain;
    const selected = this.bySlug.get(this.selected);
    if (selected !== undefined) {
      const first = this.startDays[selected] * DAY;
      const last = this.endDays[selected] * DAY;
      if (first <= end && last >= start) return first;
    }
    const { days, order } = this.sorted;
    const lo = lowerBound(days, Math.ceil(start / DAY));
    const hi = lowerBound(days, Math.floor(end / DAY) + 1);
    const times = [];
    for (let i = lo; i < hi; i += 1) if (this.visible[order[i]]) times.push(days[i] * DAY);
    if (!times.length) return (start + end) / 2;
    let best = [0, 0];
    for (let first = 0, last = 0; first < times.length; first += 1) {
      while (last + 1 < times.length && times[last + 1] - times[first] <= span) last += 1;
      if (last - first > best[1] - best[0]) best = [first, last];
    }
    return (times[best[0]] + times[best[1]]) / 2;
  }

  pan(fraction) {
    this.panBy(fraction * (this.domain[1] - this.domain[0]));
  }

  panBy(ms) {
    this.setRange(this.domain[0] + ms, this.domain[1] + ms);
  }

  // The events shown: a Set of slugs, or (faster with thousands) a Uint8Array by index, or an array
  // of indexes.
  setVisible(shown) {
    const visible = this.visible;
    if (shown instanceof Uint8Array && shown.length === visible.length) visible.set(shown);
    else if (shown instanceof Set) {
      for (let i = 0; i < this.events.length; i += 1) visible[i] = shown.has(this.events[i].slug) ? 1 : 0;
    } else {
      visible.fill(0);
      for (const index of shown) visible[index] = 1;
    }
    this.scheduleRender();
  }

  select(slug) {
    this.selected = slug;
    const index = this.bySlug.get(slug);
    if (index === undefined) {
      this.scheduleRender();
      return;
    }
    // Bring it into view, keeping the zoom.
    const [start, end] = this.domain;
    const first = this.startDays[index] * DAY;
    const last = (this.endDays[index] + 1) * DAY;
    if (first < start || last > end) {
      const span = end - start;
      this.setRange(first - span / 2, first + span / 2);
    } else this.scheduleSelection();
  }

  // --- Drawing --------------------------------------------------------------------------------------

  scheduleRender() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = null;
      this.render();
    });
  }

  // Only the selection drawn again (a whole drawing already on its way draws it too).
  scheduleSelection() {
    if (this.pending || this.selectionPending) return;
    this.selectionPending = requestAnimationFrame(() => {
      this.selectionPending = null;
      this.drawSelection();
    });
  }

  render() {
    const started = performance.now();
    const width = this.width;
    const height = this.height;
    const ratio = window.devicePixelRatio || 1;
    const canvas = this.canvas;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const g = this.context;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const [start, end] = this.domain;
    this.view = layout(this.sorted, this.visible, this.monthKeys, { start: start / DAY, end: end / DAY }, width, this.rows);
    this.view.mostInBin = this.view.items.reduce((most, item) => (item.kind === "bin" ? Math.max(most, item.count) : most), 0);
    if (this.hovered) this.hovered = this.view.items.find((item) => item.kind === this.hovered.kind && item.left === this.hovered.left) || null;

    this.drawBackground(g, width, height, ratio);
    this.drawItems(g, width);
    this.drawSelection();
    this.lastRender = performance.now() - started;
    this.container.dispatchEvent(new CustomEvent("timeline:render", { detail: { domain: this.domain } }));
  }

  // The axis and the landmarks depend only on the period in view and the size: drawn once into a
  // canvas of their own, then copied while only the selection or the hover changes (selecting the
  // next event draws the events again, not the axis's text).
  drawBackground(g, width, height, ratio) {
    const key = `${this.domain[0]}|${this.domain[1]}|${width}|${height}|${ratio}`;
    if (this.backgroundKey !== key) {
      this.background ||= document.createElement("canvas");
      this.background.width = this.canvas.width;
      this.background.height = this.canvas.height;
      const b = this.background.getContext("2d");
      b.setTransform(ratio, 0, 0, ratio, 0, 0);
      this.drawAxis(b, width);
      this.drawLandmarks(b, width);
      this.backgroundKey = key;
    }
    g.drawImage(this.background, 0, 0, width, height);
  }

  drawAxis(g, width) {
    const [start, end] = this.domain;
    const base = this.base;
    const pxPerDay = width / ((end - start) / DAY);
    const step = STEPS.find((s) => s.count * APPROXIMATE_DAYS[s.unit] * pxPerDay >= 64) || STEPS.at(-1);
    g.lineWidth = 1;
    g.strokeStyle = GRID;
    g.beginPath();
    this.ticks = [];
    for (const t of ticks(start, end, step)) {
      const x = Math.round(this.x(t)) + 0.5;
      g.moveTo(x, 0);
      g.lineTo(x, base);
      this.ticks.push({ x, label: this.dates.tick(t, step.unit) });
    }
    g.stroke();
    g.strokeStyle = MUTED;
    g.beginPath();
    g.moveTo(0, base + 0.5);
    g.lineTo(width, base + 0.5);
    g.stroke();
    g.fillStyle = MUTED;
    g.font = FONT;
    g.textBaseline = "alphabetic";
    g.textAlign = "left";
    for (const tick of this.ticks) g.fillText(tick.label, tick.x + 3, base + 17);
  }

  drawLandmarks(g, width) {
    this.drawnLandmarks = [];
    for (const mark of this.landmarks) {
      const x = Math.round(this.x(mark.day * DAY + DAY / 2)) + 0.5;
      if (x < 0 || x > width) continue;
      g.strokeStyle = LANDMARK;
      g.lineWidth = 1.5;
      g.setLineDash([4, 3]);
      g.beginPath();
      g.moveTo(x, 4);
      g.lineTo(x, this.base);
      g.stroke();
      g.setLineDash([]);
      g.font = BOLD;
      g.textBaseline = "top";
      const text = fit(g, mark.label, Math.max(width - 8, 40));
      const size = g.measureText(text).width;
      // Beside the line, on whichever side has room.
      const left = x + 4 + size <= width - 2 ? x + 4 : Math.max(2, x - 4 - size);
      g.fillStyle = "rgba(255, 255, 255, .85)";
      g.fillRect(left - 2, 2, size + 4, 15);
      g.fillStyle = LANDMARK;
      g.textAlign = "left";
      g.fillText(text, left, 4);
      g.textBaseline = "alphabetic";
      this.drawnLandmarks.push({ day: mark.day, label: mark.label, x });
    }
  }

  drawItems(g, width) {
    const { items } = this.view;
    const focused = document.activeElement === this.container ? this.cursorItem() : null;
    // Bins under marks: a span may cross one.
    for (const item of items) {
      if (item.kind === "bin" && item.right >= -HALF && item.left <= width + HALF) this.drawBin(g, item, item === this.hovered);
    }
    for (const item of items) {
      if (item.kind === "bin" || item.right < -HALF || item.left > width + HALF) continue;
      this.drawMark(g, item, item === this.hovered);
    }
    // Counts over everything: a span may cross a bin, its count stays readable. The font set once.
    g.font = BOLD;
    for (const item of items) {
      if (item.kind === "bin" && item.right >= -HALF && item.left <= width + HALF) this.drawCount(g, item);
    }
    if (focused) {
      const box = focused.kind === "mark"
        ? { left: focused.x - HALF, top: this.rowY(focused.row) - HALF, width: Math.max(focused.x2 - focused.x, 0) + 2 * HALF, height: 2 * HALF }
        : { left: focused.x, top: this.binTop(focused), width: focused.x2 - focused.x, height: this.base - this.binTop(focused) };
      g.strokeStyle = "#0b5cad";
      g.lineWidth = 3;
      g.setLineDash([]);
      // Kept inside the canvas: an item at the edge still shows it has the focus.
      const x1 = Math.max(box.left - 1.5, 1.5);
      const x2 = Math.min(box.left + box.width + 1.5, width - 1.5);
      g.strokeRect(x1, box.top - 1.5, Math.max(x2 - x1, 4), box.height + 3);
    }
  }

  // The selected event on its own canvas, over its mark (or, in a bin, on top of the bar at its day),
  // as small as the mark and its rings.
  drawSelection() {
    cancelAnimationFrame(this.selectionPending);
    this.selectionPending = null;
    const overlay = this.selection;
    const index = this.bySlug.get(this.selected);
    const { items } = this.view;
    let draw = null;
    let box = null;
    if (index !== undefined && this.visible[index]) {
      const mark = items.find((item) => item.kind === "mark" && item.index === index);
      const bin = mark ? null : items.find((item) => item.kind === "bin" && item.indexes.includes(index));
      if (mark) {
        const y = this.rowY(mark.row);
        const r = (RADIUS[this.importance[index]] || 5) + 2;
        const right = mark.x2 > mark.x ? mark.x + Math.max(mark.x2 - mark.x, 4) : mark.x;
        box = { left: mark.x - r, right: right + r, top: y - r, bottom: y + r };
        draw = (g) => this.drawMark(g, mark, false, true);
      } else if (bin) {
        const x = this.x(this.startDays[index] * DAY);
        const r = RADIUS[1] + 2;
        let y = Math.max(this.binTop(bin) - HALF, TOP);
        // Never over the bin's count: below it, on the bar, where the bar is tall enough; otherwise
        // above the bar (the dot's outer ring is r + 3 wide).
        const badge = this.countBadge(bin);
        if (x + r + 3 > badge.left && x - r - 3 < badge.right && y + r + 3 > badge.top) {
          const below = badge.bottom + r + 4;
          y = below + r + 3 <= this.base ? below : badge.top - r - 4;
        }
        box = { left: x - r, right: x + r, top: y - r, bottom: y + r };
        draw = (g) => this.drawDot(g, x, y, r, this.colour[index], true);
      }
    }
    // The rings and their lines around the shape; within the timeline.
    const left = box && Math.max(Math.floor(box.left - 6), 0);
    const right = box && Math.min(Math.ceil(box.right + 6), this.width);
    if (!draw || right <= left) {
      overlay.hidden = true;
      return;
    }
    const top = Math.max(Math.floor(box.top - 6), 0);
    const bottom = Math.min(Math.ceil(box.bottom + 6), this.height);
    const ratio = window.devicePixelRatio || 1;
    overlay.width = Math.round((right - left) * ratio);
    overlay.height = Math.round((bottom - top) * ratio);
    overlay.style.width = `${right - left}px`;
    overlay.style.height = `${bottom - top}px`;
    overlay.style.transform = `translate(${left}px, ${top}px)`;
    const g = overlay.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, -left * ratio, -top * ratio);
    draw(g);
    overlay.hidden = false;
  }

  drawDot(g, x, y, r, colour, selected) {
    g.beginPath();
    g.arc(x, y, r, 0, 2 * Math.PI);
    g.fillStyle = colour;
    g.fill();
    g.lineWidth = selected ? 3 : 1;
    g.strokeStyle = selected ? INK : "#fff";
    g.stroke();
    if (selected) {
      g.beginPath();
      g.arc(x, y, r + 3, 0, 2 * Math.PI);
      g.lineWidth = 1.5;
      g.strokeStyle = "#fff";
      g.stroke();
    }
  }

  drawMark(g, item, hovered, selected = false) {
    const y = this.rowY(item.row);
    const colour = this.colour[item.index];
    const r = (RADIUS[this.importance[item.index]] || 5) + (selected ? 2 : 0);
    if (item.x2 > item.x) {
      const h = selected ? 12 : 8;
      g.fillStyle = colour;
      g.beginPath();
      g.roundRect(item.x, y - h / 2, Math.max(item.x2 - item.x, 4), h, 3);
      g.fill();
      if (selected || hovered) {
        g.lineWidth = selected ? 3 : 2;
        g.strokeStyle = INK;
        g.stroke();
      }
      return;
    }
    this.drawDot(g, item.x, y, r, colour, selected);
    if (hovered) {
      g.lineWidth = 2;
      g.strokeStyle = INK;
      g.beginPath();
      g.arc(item.x, y, r + 1, 0, 2 * Math.PI);
      g.stroke();
    }
  }

  // A bin: a bar as wide as its period, as tall as its count allows, in its categories' colours
  // (its count is drawn over it by drawCount).
  drawBin(g, item, hovered) {
    const top = this.binTop(item);
    const left = Math.max(item.x + 1, -2);
    const right = Math.min(item.x2 - 1, this.width + 2);
    const width = Math.max(right - left, 2);
    const height = this.base - top;
    // The colours in proportion, stacked from the axis.
    const counts = new Map();
    for (const index of item.indexes) counts.set(this.colour[index], (counts.get(this.colour[index]) || 0) + 1);
    let y = this.base;
    for (const [colour, count] of [...counts].sort((a, b) => b[1] - a[1])) {
      const h = (height * count) / item.count;
      g.fillStyle = colour;
      g.globalAlpha = 0.55;
      g.fillRect(left, y - h, width, h);
      y -= h;
    }
    g.globalAlpha = 1;
    g.lineWidth = hovered ? 2 : 1;
    g.strokeStyle = hovered ? INK : MUTED;
    g.strokeRect(left + 0.5, top + 0.5, width - 1, height - 1);
  }

  // Where a bin's count badge goes (canvas px): centred at the top of its bar.
  countBadge(item) {
    const top = this.binTop(item) + 3;
    const left = Math.max(item.x + 1, -2);
    const cx = left + Math.max(Math.min(item.x2 - 1, this.width + 2) - left, 2) / 2;
    const width = Math.max(this.textWidth(String(item.count), BOLD) + 8, 20);
    return { cx, left: cx - width / 2, right: cx + width / 2, top, bottom: top + 16 };
  }

  // The width of ``text`` in ``font``, measured once: setting a canvas' font is costly (the browser
  // reads the font anew), and choosing the next event measures the count of the bin it is in.
  textWidth(text, font) {
    this.widths ||= new Map();
    const key = `${font}|${text}`;
    if (!this.widths.has(key)) {
      if (this.context.font !== font) this.context.font = font;
      this.widths.set(key, this.context.measureText(text).width);
    }
    return this.widths.get(key);
  }

  // A bin's count, on a white badge readable over any colour (in the font drawItems has set).
  drawCount(g, item) {
    const badge = this.countBadge(item);
    g.fillStyle = "#fff";
    g.strokeStyle = INK;
    g.lineWidth = 1;
    g.beginPath();
    g.roundRect(badge.left, badge.top, badge.right - badge.left, 16, 8);
    g.fill();
    g.stroke();
    g.fillStyle = INK;
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(String(item.count), badge.cx, badge.top + 8.5);
    g.textAlign = "left";
    g.textBaseline = "alphabetic";
  }
}

// The last day a period ending at ``end`` (ms, not in it) shows: the day before, if it ends at midnight.
export function lastDayIn(end) {
  return Math.ceil(end / DAY) - 1;
}

// A label shortened with an ellipsis to fit a width.
function fit(g, text, width) {
  if (g.measureText(text).width <= width) return text;
  let cut = text.length;
  while (cut > 1 && g.measureText(`${text.slice(0, cut)}…`).width > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
