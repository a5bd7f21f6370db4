// The time axis: every event as a mark on a zoomable, pannable axis from 2009 to 2024.
// Marks are coloured by category and sized by importance; spans are bars; marks that would
// overlap are stacked in rows. Zoom with the wheel, a pinch, the buttons or + and −; pan by
// dragging, with the buttons or Shift and the arrow keys.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86_400_000;
const MIN_SPAN = 10 * DAY;
const RADIUS = { 1: 7, 2: 5, 3: 3.5 };
const ROW = 15;
const SPAN_ROW = 9;
const AXIS_HEIGHT = 26;

const time = (iso) => Date.parse(`${iso}T00:00:00Z`);

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

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

export class Timeline {
  // span: the first and last day of the period the site covers ("2009-01-01", "2024-12-31").
  // dates: a DateWriter (i18n.js) for the axis' labels in the page's language.
  constructor(container, { events, colors, dates, span, onSelect, onHover }) {
    this.container = container;
    this.full = [Date.parse(`${span[0]}T00:00:00Z`), Date.parse(`${span[1]}T00:00:00Z`) + DAY];
    this.events = events;
    this.colors = colors;
    this.onSelect = onSelect;
    this.onHover = onHover;
    this.domain = [...this.full];
    this.visible = new Set(events.map((event) => event.slug));
    this.selected = "";
    this.dates = dates;
    this.build();
    this.bind();
    // Reading the size forces a layout: do it once per resize, never inside the drawing loop.
    this.size = { width: 0, height: 0 };
    new ResizeObserver(([entry]) => {
      this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
      this.render();
    }).observe(container);
  }

  build() {
    this.svg = element("svg", { class: "timeline-svg", "aria-hidden": "true", focusable: "false" });
    this.grid = element("g", { class: "grid" }, this.svg);
    this.spanLayer = element("g", { class: "spans" }, this.svg);
    this.markLayer = element("g", { class: "marks" }, this.svg);
    this.axis = element("g", { class: "axis" }, this.svg);
    this.marks = new Map();
    for (const event of this.events) {
      const color = this.colors[event.categories[0]] || "#4b5563";
      const span = Boolean(event.end && event.end !== event.start);
      const mark = span
        ? element("rect", { class: "mark span", rx: 3, height: 6, fill: color }, this.spanLayer)
        : element("circle", { class: "mark", r: RADIUS[event.importance] || 4, fill: color }, this.markLayer);
      mark.dataset.slug = event.slug;
      this.marks.set(event.slug, { mark, span, start: time(event.start), end: event.end ? time(event.end) : null });
    }
    this.container.append(this.svg);
  }

  bind() {
    const svg = this.svg;
    svg.addEventListener("click", (e) => {
      if (this.dragged) return;
      const slug = e.target.dataset?.slug;
      if (slug) this.onSelect(slug);
    });
    svg.addEventListener("pointerover", (e) => {
      const slug = e.target.dataset?.slug;
      if (slug) this.onHover(slug, e.target.getBoundingClientRect());
    });
    svg.addEventListener("pointerout", (e) => {
      if (e.target.dataset?.slug) this.onHover("", null);
    });
    svg.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
          this.panBy(((e.deltaX || e.deltaY) / this.width) * (this.domain[1] - this.domain[0]));
        } else {
          this.zoom(Math.exp(e.deltaY * 0.0015), this.timeAt(e.offsetX));
        }
      },
      { passive: false },
    );
    // Drag to pan, pinch to zoom: pointer events cover mouse, pen and touch alike.
    const pointers = new Map();
    let last = null;
    svg.addEventListener("pointerdown", (e) => {
      pointers.set(e.pointerId, e.offsetX);
      this.dragged = false;
      last = { x: e.offsetX, distance: null };
    });
    svg.addEventListener("pointermove", (e) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.set(e.pointerId, e.offsetX);
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const distance = Math.abs(a - b);
        if (last.distance) this.zoom(last.distance / Math.max(distance, 1), this.timeAt((a + b) / 2));
        last.distance = distance;
        this.dragged = true;
      } else if (pointers.size === 1 && last) {
        const dx = e.offsetX - last.x;
        if (Math.abs(dx) > 3 || this.dragged) {
          if (!this.dragged) svg.setPointerCapture(e.pointerId);
          this.dragged = true;
          this.panBy((-dx / this.width) * (this.domain[1] - this.domain[0]));
          last.x = e.offsetX;
        }
      }
    });
    const release = (e) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2 && last) last.distance = null;
      // Let the click that ends a drag pass without selecting.
      setTimeout(() => (this.dragged = false), 0);
    };
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    this.container.addEventListener("keydown", (e) => {
      if (e.key === "+" || e.key === "=") this.zoom(0.5);
      else if (e.key === "-" || e.key === "_") this.zoom(2);
      else if (e.key === "0") this.setRange(...this.full);
      else if (e.shiftKey && e.key === "ArrowLeft") this.pan(-0.25);
      else if (e.shiftKey && e.key === "ArrowRight") this.pan(0.25);
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
  }

  get width() {
    return Math.max(this.size.width, 200);
  }

  get height() {
    return Math.max(this.size.height, 120);
  }

  x(t) {
    const [start, end] = this.domain;
    return ((t - start) / (end - start)) * this.size.width;
  }

  timeAt(x) {
    const [start, end] = this.domain;
    return start + (x / this.width) * (end - start);
  }

  setRange(start, end) {
    let span = Math.min(Math.max(end - start, MIN_SPAN), this.full[1] - this.full[0] + 365 * DAY);
    const centre = (start + end) / 2;
    let from = centre - span / 2;
    from = Math.min(Math.max(from, this.full[0] - 180 * DAY), this.full[1] + 180 * DAY - span);
    this.domain = [from, from + span];
    this.scheduleRender();
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
    const selected = this.marks.get(this.selected);
    if (selected && selected.start <= end && (selected.end ?? selected.start) >= start) return selected.start;
    const times = [];
    for (const [slug, entry] of this.marks) {
      if (this.visible.has(slug) && entry.start >= start && entry.start <= end) times.push(entry.start);
    }
    if (!times.length) return (start + end) / 2;
    times.sort((a, b) => a - b);
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

  setVisible(slugs) {
    this.visible = slugs;
    this.scheduleRender();
  }

  select(slug) {
    if (this.selected) this.marks.get(this.selected)?.mark.classList.remove("selected");
    this.selected = slug;
    const entry = this.marks.get(slug);
    if (!entry) return;
    entry.mark.classList.add("selected");
    entry.mark.parentNode.append(entry.mark); // drawn over its neighbours
    // Bring it into view, keeping the zoom; a redraw only when the view moves.
    const [start, end] = this.domain;
    const first = entry.start;
    const last = entry.end || entry.start;
    if (first < start || last > end) {
      const span = end - start;
      this.setRange(first - span / 2, first + span / 2);
    }
  }

  scheduleRender() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = null;
      this.render();
    });
  }

  render() {
    const width = this.width;
    const height = this.height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.svg.setAttribute("width", width);
    this.svg.setAttribute("height", height);
    const base = height - AXIS_HEIGHT;
    this.renderAxis(width, base);

    // Spans first, in rows from the top; then points, stacked upwards from the axis.
    const spanRows = [];
    const pointRows = [];
    let spanCount = 0;
    for (const [slug, entry] of this.marks) {
      if (!entry.span || !this.visible.has(slug)) continue;
      spanCount += 1;
    }
    const spanTop = 8;
    const maxSpanRows = Math.max(1, Math.min(4, spanCount));
    const pointTop = spanTop + maxSpanRows * SPAN_ROW + 6;
    const maxPointRows = Math.max(1, Math.floor((base - pointTop - 6) / ROW));
    for (const event of this.events) {
      const entry = this.marks.get(event.slug);
      const { mark } = entry;
      if (!this.visible.has(event.slug)) {
        mark.setAttribute("display", "none");
        continue;
      }
      const x1 = this.x(entry.start);
      const x2 = entry.end ? this.x(entry.end + DAY) : x1;
      if (x2 < -20 || x1 > width + 20) {
        mark.setAttribute("display", "none");
        continue;
      }
      mark.removeAttribute("display");
      if (entry.span) {
        let row = spanRows.findIndex((right) => right + 4 <= x1);
        if (row === -1) row = spanRows.length < maxSpanRows ? spanRows.length : maxSpanRows - 1;
        spanRows[row] = Math.max(spanRows[row] ?? -Infinity, x2);
        mark.setAttribute("x", Math.max(x1, -10));
        mark.setAttribute("width", Math.max(Math.min(x2, width + 10) - Math.max(x1, -10), 4));
        mark.setAttribute("y", spanTop + row * SPAN_ROW);
      } else {
        let row = pointRows.findIndex((right) => right + ROW <= x1);
        if (row === -1) row = pointRows.length < maxPointRows ? pointRows.length : lowest(pointRows);
        pointRows[row] = x1;
        mark.setAttribute("cx", x1);
        mark.setAttribute("cy", base - 10 - row * ROW);
      }
    }
    this.container.dispatchEvent(new CustomEvent("timeline:render", { detail: { domain: this.domain } }));
  }

  renderAxis(width, base) {
    const [start, end] = this.domain;
    const pxPerDay = width / ((end - start) / DAY);
    const step = STEPS.find((s) => s.count * APPROXIMATE_DAYS[s.unit] * pxPerDay >= 64) || STEPS.at(-1);

    this.grid.replaceChildren();
    this.axis.replaceChildren();
    element("line", { x1: 0, x2: width, y1: base, y2: base, class: "baseline" }, this.axis);
    for (const t of ticks(start, end, step)) {
      const x = this.x(t);
      element("line", { x1: x, x2: x, y1: 0, y2: base, class: "gridline" }, this.grid);
      const label = element("text", { x: x + 3, y: base + 17, class: "tick-label" }, this.axis);
      label.textContent = this.dates.tick(t, step.unit);
    }
    this.rangeLabel = `${this.dates.day(Math.max(start, this.full[0]))} – ${this.dates.day(Math.min(end, this.full[1] - DAY))}`;
  }
}

function lowest(rows) {
  let best = 0;
  for (let i = 1; i < rows.length; i += 1) if (rows[i] < rows[best]) best = i;
  return best;
}
