// The explorer's list with JavaScript: virtual, so that 10 000 events scroll smoothly. Only the rows
// in view (and a few either side) exist in the DOM, placed at their positions in a list as tall as all
// of them; screen readers get each row's place in the whole list (aria-posinset of aria-setsize). Each
// row is as tall as its date, place and title need, on as many lines as they take up to the
// stylesheet's most (-webkit-line-clamp): the lines are worked out from the fonts' widths (a canvas,
// words wrapped as the browser wraps them at spaces), not by laying rows out. A year bar above it (one
// line, scrolling sideways) jumps to a year.
import { lowerBound, upperBound } from "./bins.js";
import { gettext, interpolate, ngettext } from "./i18n.js";

const MARGIN = 8; // rows rendered above and below those in view

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class VirtualList {
  // ``pane``: the element that scrolls; ``eventUrl(slug)``: an event's own page; ``placeName(slug)``;
  // ``onSelect(slug)``: a row chosen (click, Enter); ``onFocus(slug)``: a row reached (to prefetch).
  constructor(pane, { eventUrl, placeName, onSelect, onFocus }) {
    this.pane = pane;
    this.eventUrl = eventUrl;
    this.placeName = placeName;
    this.items = null; // none yet: the first setItems() lays the list out, even with no event
    this.index = new Map();
    this.rows = new Map(); // index → rendered row
    this.selected = "";
    this.head = element("div", "list-head");
    this.yearBar = element("nav", "years year-bar");
    this.yearBar.setAttribute("aria-label", gettext("Years"));
    this.yearList = element("ul");
    this.yearBar.append(this.yearList);
    this.note = element("p", "range-note");
    this.note.id = "range-note";
    this.note.setAttribute("aria-live", "polite");
    this.note.hidden = true;
    this.head.append(this.yearBar, this.note);
    this.list = element("ol", "event-list virtual-list");
    this.list.id = "virtual-list";
    this.list.setAttribute("aria-label", gettext("Events"));
    pane.prepend(this.head, this.list);
    this.metrics = null; // the rows' measures at this width (measure())
    this.offsets = null; // row i spans offsets[i] to offsets[i + 1] (layout())
    this.lines = null; // row i's date and place take lines.when[i] lines, its title lines.title[i]
    this.context = document.createElement("canvas").getContext("2d");
    this.widths = new Map(); // font → word → its width, kept across widths and lists
    this.frame = 0;
    pane.addEventListener(
      "scroll",
      () => {
        // A scroll this list made itself (scrollToIndex) has been rendered already: rendering it again
        // in the next frame would read the layout after whatever else changed meanwhile (the details
        // of the event chosen with →), and so lay the page out twice in that frame. Looked at once
        // that frame has been drawn (reading the position is then free), in case the reader scrolled
        // too.
        if (this.ownScroll) {
          this.ownScroll = false;
          setTimeout(() => this.pane.scrollTop !== this.renderedScrollTop && this.schedule());
          return;
        }
        this.schedule();
      },
      { passive: true },
    );
    // A new width may change the rows' height (measured again); a new height, how many are in view.
    // The first observation, made as the page is first drawn, usually finds the size the list was laid
    // out for: then nothing is done again (a measure of a row and a render, 3–5 ms of a profiled load).
    new ResizeObserver(() => {
      const width = this.pane.clientWidth;
      if (width !== this.measuredWidth) this.metrics = null;
      else if (this.pane.clientHeight === this.viewHeight) return;
      this.schedule();
    }).observe(pane);
    this.list.addEventListener("click", (e) => {
      const link = e.target.closest(".event-item h3 a");
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      onSelect(link.closest(".event-item").dataset.slug);
    });
    for (const type of ["focusin", "pointerover"]) {
      this.list.addEventListener(type, (e) => {
        const item = e.target.closest(".event-item");
        if (item) onFocus(item.dataset.slug);
      });
    }
    this.yearList.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-index]");
      if (button) this.scrollToIndex(Number(button.dataset.index), "start");
    });
  }

  // The events to list, in order (each with slug, title, date, place, startDay, importance).
  setItems(items) {
    // The same events as listed: the rows stay (and the focus in them, and the scroll).
    if (this.items && items.length === this.items.length && items.every((item, i) => item === this.items[i])) return;
    // The focus in a row goes on to the same event's new row (the rows are made anew).
    const focused = this.list.contains(document.activeElement) && document.activeElement.closest(".event-item");
    this.items = items;
    this.offsets = null;
    this.lines = null;
    this.index = new Map(items.map((item, i) => [item.slug, i]));
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
    this.list.hidden = !items.length;
    this.yearBar.hidden = !items.length;
    this.fillYears();
    this.render();
    if (focused) this.linkOf(focused.dataset.slug)?.focus({ preventScroll: true });
  }

  fillYears() {
    const firsts = new Map();
    this.items.forEach((item, i) => {
      const year = new Date(item.startDay * 86400000).getUTCFullYear();
      if (!firsts.has(year)) firsts.set(year, i);
    });
    this.years = [...firsts];
    this.yearList.replaceChildren(
      ...this.years.map(([year, i]) => {
        const li = element("li");
        const button = element("button", "year-button", String(year));
        button.type = "button";
        button.dataset.index = i;
        button.dataset.year = year;
        li.append(button);
        return li;
      }),
    );
  }

  setNote(text, action) {
    this.note.replaceChildren();
    this.note.hidden = !text;
    if (!text) return;
    this.note.append(element("span", "", text), " ");
    if (action) {
      const button = element("button", "text-button", action.label);
      button.type = "button";
      button.id = "show-all-events";
      button.addEventListener("click", action.run);
      this.note.append(button);
    }
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  // The measures of a row at this width, from a row whose texts take a line each: its height, and for
  // each text (the date and place, the title) a line's height, the width it has, the most lines it
  // may take and its font.
  measure() {
    if (this.metrics) return this.metrics;
    this.offsets = null;
    this.lines = null;
    const probe = this.row(0, { slug: "", title: "x", date: "x", place: null, importance: 3, startDay: 0 });
    probe.style.visibility = "hidden";
    this.list.append(probe);
    const text = (node) => {
      const style = getComputedStyle(node);
      const font = (weight) => `${style.fontStyle} ${weight} ${style.fontSize} ${style.fontFamily}`;
      return {
        line: Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5,
        // A hair narrower than the box: a text the canvas finds just fitting gets a line more, not an ellipsis.
        width: node.clientWidth * 0.99,
        most: Number.parseInt(style.webkitLineClamp, 10) || 1,
        font: font(style.fontWeight),
        bold: font(700),
      };
    };
    this.metrics = {
      base: probe.offsetHeight || 60,
      when: text(probe.querySelector(".event-line")),
      title: text(probe.querySelector("h3")),
    };
    this.measuredWidth = this.pane.clientWidth;
    probe.remove();
    return this.metrics;
  }

  // How many lines ``text`` takes in ``font`` in ``width`` pixels, wrapped at spaces (up to ``most``).
  linesOf(text, font, { width, most }) {
    if (!this.widths.has(font)) this.widths.set(font, new Map());
    const widths = this.widths.get(font);
    const measure = (part) => {
      if (!widths.has(part)) {
        // Set only when it changes: setting a canvas' font is costly (the browser reads it anew),
        // and the words of a list first filled are nearly all measured for the first time.
        if (this.contextFont !== font) {
          this.context.font = font;
          this.contextFont = font;
        }
        widths.set(part, this.context.measureText(part).width);
      }
      return widths.get(part);
    };
    const space = measure(" ");
    let lines = 1;
    let x = 0;
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      const w = measure(word);
      if (x && x + space + w > width) {
        lines += 1;
        x = 0;
      }
      x += (x ? space : 0) + w;
      if (lines >= most) return most;
    }
    return lines;
  }

  // Where each row goes: offsets[i] is row i's top in the list, offsets[length] the list's height.
  layout() {
    const { base, when, title } = this.measure();
    if (this.offsets) return this.offsets;
    const count = this.items.length;
    this.offsets = new Float64Array(count + 1);
    this.lines = { when: new Uint8Array(count), title: new Uint8Array(count) };
    for (let i = 0; i < count; i++) {
      const item = this.items[i];
      const place = item.place ? this.placeName(item.place) : "";
      const whenLines = this.linesOf(place ? `${item.date} · ${place}` : item.date, when.font, when);
      const titleLines = this.linesOf(item.title, item.importance === 1 ? title.bold : title.font, title);
      this.lines.when[i] = whenLines;
      this.lines.title[i] = titleLines;
      this.offsets[i + 1] = this.offsets[i] + base + (whenLines - 1) * when.line + (titleLines - 1) * title.line;
    }
    return this.offsets;
  }

  // The row at ``y`` pixels from the list's top (the first or the last beyond the ends).
  rowAt(y) {
    return Math.min(Math.max(upperBound(this.offsets, y) - 1, 0), Math.max(this.items.length - 1, 0));
  }

  // Where the list begins in the pane's scrolled content (whatever element the pane's layout makes
  // the list's offsetParent: on a phone the details lie above it).
  listTop() {
    return this.list.getBoundingClientRect().top - this.pane.getBoundingClientRect().top + this.pane.scrollTop;
  }

  // The range of rows in view (with the margin), as [first, end), given where the list begins (listTop)
  // and how far the pane is scrolled.
  range(listTop, scrollTop) {
    const offsets = this.layout();
    const top = scrollTop - listTop;
    this.viewHeight = this.pane.clientHeight;
    const first = Math.max(0, this.rowAt(top) - MARGIN);
    const end = Math.min(this.items.length, lowerBound(offsets, top + this.viewHeight) + MARGIN);
    return [first, Math.max(first, end)];
  }

  render() {
    this.frame = 0;
    if (!this.items) return;
    const offsets = this.layout();
    if (offsets !== this.renderedOffsets) {
      // Rows placed for other measures (the window was resized) or other events: placed again.
      for (const row of this.rows.values()) row.remove();
      this.rows.clear();
      this.renderedOffsets = offsets;
    }
    // Its height set (only when it changes: other events, other measures), then the layout read once,
    // before any row is added or removed (the list's place does not depend on them): reading it after
    // would make the browser lay out the new rows at once, and again for the frame.
    const total = `${offsets[this.items.length]}px`;
    if (this.list.style.height !== total) this.list.style.height = total;
    const listTop = this.listTop();
    const headHeight = this.head.offsetHeight;
    const scrollTop = this.pane.scrollTop;
    this.renderedScrollTop = scrollTop;
    const [first, end] = this.range(listTop, scrollTop);
    for (const [i, row] of this.rows) {
      // A focused row stays, so that Tab goes on from it.
      if ((i < first || i >= end) && !row.contains(document.activeElement)) {
        row.remove();
        this.rows.delete(i);
      }
    }
    for (let i = first; i < end; i++) {
      if (this.rows.has(i)) continue;
      const row = this.row(i, this.items[i]);
      this.rows.set(i, row);
      // In document order, so that Tab and a screen reader's reading go from one row to the next.
      const after = [...this.rows.keys()].filter((other) => other > i).sort((a, b) => a - b)[0];
      this.list.insertBefore(row, after === undefined ? null : this.rows.get(after));
    }
    const top = this.rowAt(scrollTop - listTop + headHeight);
    const year = this.years?.findLast(([, index]) => index <= top);
    for (const button of this.yearList.querySelectorAll("button")) {
      if (year && Number(button.dataset.year) === year[0]) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  row(i, item) {
    const li = element("li", `event-item importance-${item.importance}`);
    li.dataset.slug = item.slug;
    if (item.slug) li.id = `event-${item.slug}`;
    li.setAttribute("aria-setsize", this.items?.length ?? 0); // none yet: the row measured first
    li.setAttribute("aria-posinset", i + 1);
    if (this.offsets) {
      li.style.transform = `translateY(${this.offsets[i]}px)`;
      li.style.height = `${this.offsets[i + 1] - this.offsets[i]}px`;
    }
    if (item.slug && item.slug === this.selected) {
      li.classList.add("selected");
      li.setAttribute("aria-current", "true");
    }
    const line = element("p", "event-line");
    if (this.lines) line.style.setProperty("-webkit-line-clamp", String(this.lines.when[i]));
    const time = element("time", "", item.date);
    time.dateTime = new Date(item.startDay * 86400000).toISOString().slice(0, 10);
    line.append(time);
    if (item.place) line.append(element("span", "event-place", this.placeName(item.place)));
    const title = element("h3");
    if (this.lines) title.style.setProperty("-webkit-line-clamp", String(this.lines.title[i]));
    const link = element("a", "", item.title);
    link.href = this.eventUrl(item.slug);
    title.append(link);
    li.append(line, title);
    return li;
  }

  // Scroll the list so that row ``i`` is in view ("nearest": only if it is not).
  scrollToIndex(i, block = "nearest") {
    if (!this.items || i < 0 || i >= this.items.length) return;
    const offsets = this.layout();
    const height = offsets[i + 1] - offsets[i];
    const head = this.head.offsetHeight;
    const top = this.listTop() + offsets[i];
    const view = this.pane.scrollTop;
    let target = view;
    if (block === "start" || top - head < view) target = top - head;
    else if (top + height > view + this.pane.clientHeight) target = top + height - this.pane.clientHeight;
    if (target !== view) {
      this.pane.scrollTop = target;
      // Scrolled (and rendered below): the scroll event that follows is this list's own.
      this.ownScroll = this.pane.scrollTop !== view;
    }
    this.render();
  }

  // Mark ``slug`` as the selected event, and bring its row into view when ``reveal``.
  select(slug, { reveal = false } = {}) {
    this.selected = slug;
    // Scrolled first, while the layout is as the last frame left it (reading it is then free).
    if (reveal && this.index.has(slug)) this.scrollToIndex(this.index.get(slug));
    for (const row of this.rows.values()) {
      const on = row.dataset.slug === slug;
      row.classList.toggle("selected", on);
      if (on) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    }
  }

  // The row's link, rendered (scrolled into view first), to give it the focus.
  linkOf(slug) {
    if (!this.index.has(slug)) return null;
    const i = this.index.get(slug);
    this.scrollToIndex(i);
    return this.rows.get(i)?.querySelector("a") || null;
  }
}

// "Showing 12 of 40 events: those from 1 May 2011 to 31 December 2011, the period in view on the timeline".
export function rangeNote(listed, shown, from, to) {
  return interpolate(
    ngettext(
      "Showing %(listed)s of %(shown)s event: those from %(from)s to %(to)s, the period in view on the timeline.",
      "Showing %(listed)s of %(shown)s events: those from %(from)s to %(to)s, the period in view on the timeline.",
      shown,
    ),
    { listed, shown, from, to },
  );
}
