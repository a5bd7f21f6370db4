// The tour builder (tours/builder.html), in the page: the form works without it, a round trip to the
// server per change; with it, the stops move by dragging or by their buttons (Move up, Move down,
// Remove: the keyboard's way), events are found as the explorer finds them (/explorer/search.json)
// and added, and the address, its QR code and the links follow each change as it is typed.
import { canEncodeNotes, tourQuery } from "./address.js";

// How long the QR code waits for typing to pause before it asks the server for a new one.
const QR_WAIT = 500;

export class TourBuilder {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector("#builder-stops");
    this.template = document.getElementById("stop-template");
    this.status = root.querySelector("#builder-status");
    this.results = root.querySelector("#builder-results");
    this.search = root.querySelector("#builder-q");
    this.maxStops = Number(root.dataset.maxStops);
    this.events = null; // slug → {title, date}, read once from the explorer's data
    this.qrTimer = null;
    this.dragged = null;
    this.runs = 0; // the latest update: an earlier one that finishes later is dropped
  }

  init() {
    // Without a way to write the notes, the form stays as it is: the server writes the address.
    if (!canEncodeNotes()) return;
    this.root.classList.add("enhanced");
    for (const button of this.root.querySelectorAll(".builder-stop-actions button")) button.type = "button";
    this.root.querySelector("#update-address").hidden = true;
    this.root.addEventListener("submit", (event) => {
      event.preventDefault();
      this.find();
    });
    this.root.addEventListener("click", (event) => this.clicked(event));
    this.root.addEventListener("input", (event) => {
      if (event.target.matches("#tour-title, textarea")) this.update();
    });
    this.list.addEventListener("dragstart", (event) => this.dragStart(event));
    this.list.addEventListener("dragover", (event) => this.dragOver(event));
    this.list.addEventListener("drop", (event) => event.preventDefault());
    this.list.addEventListener("dragend", () => this.dragEnd());
    const copy = this.root.querySelector("#copy-address");
    copy.hidden = false;
    copy.addEventListener("click", () => this.copy());
    this.update();
    this.root.dataset.ready = "true";
  }

  get stops() {
    return [...this.list.querySelectorAll(".builder-stop")];
  }

  say(message) {
    this.status.textContent = message;
  }

  clicked(event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.id === "builder-search") {
      event.preventDefault();
      this.find();
    } else if (button.name === "add") {
      event.preventDefault();
      this.add(button);
    } else if (button.dataset.action) {
      this.act(button.closest(".builder-stop"), button.dataset.action);
    }
  }

  act(stop, action) {
    const title = stop.querySelector(".builder-stop-title").textContent;
    if (action === "up" && stop.previousElementSibling) {
      stop.previousElementSibling.before(stop);
    } else if (action === "down" && stop.nextElementSibling) {
      stop.nextElementSibling.after(stop);
    } else if (action === "remove") {
      const next = stop.nextElementSibling ?? stop.previousElementSibling;
      stop.remove();
      this.update();
      this.say(this.root.dataset.removed.replace("%s", title));
      (next?.querySelector("[data-action=remove]") ?? this.search).focus();
      return;
    }
    this.update();
    // Keep the focus on the stop that moved, on a button that can still be pressed.
    const same = stop.querySelector(`[data-action=${action}]`);
    (same.disabled ? stop.querySelector(`[data-action=${action === "up" ? "down" : "up"}]`) : same).focus();
    this.say(`${this.stops.indexOf(stop) + 1}: ${title}`);
  }

  // --- Dragging ---------------------------------------------------------------------------------
  dragStart(event) {
    const stop = event.target.closest?.(".builder-stop");
    if (!stop || event.target.closest("textarea")) return;
    this.dragged = stop;
    stop.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", stop.dataset.slug);
  }

  dragOver(event) {
    if (!this.dragged) return;
    event.preventDefault();
    const over = event.target.closest?.(".builder-stop");
    if (!over || over === this.dragged) return;
    const box = over.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) over.before(this.dragged);
    else over.after(this.dragged);
  }

  dragEnd() {
    this.dragged?.classList.remove("dragging");
    this.dragged = null;
    this.update();
  }

  // --- Finding and adding events ----------------------------------------------------------------
  async loadEvents() {
    if (this.events) return this.events;
    const response = await fetch(this.root.dataset.eventsUrl, { headers: { Accept: "application/json" } });
    const columns = await response.json();
    this.events = new Map(columns.slug.map((slug, i) => [slug, { title: columns.title[i], date: columns.date[i] }]));
    return this.events;
  }

  async find() {
    const text = this.search.value.trim();
    if (!text) return;
    const url = `${this.root.dataset.searchUrl}?q=${encodeURIComponent(text)}`;
    const [found, events] = await Promise.all([
      fetch(url, { headers: { Accept: "application/json" } }).then((response) => response.json()),
      this.loadEvents(),
    ]);
    const chosen = new Set(this.stops.map((stop) => stop.dataset.slug));
    this.results.replaceChildren();
    const slugs = found.slugs.filter((slug) => !chosen.has(slug) && events.has(slug)).slice(0, 20);
    for (const slug of slugs) {
      const { title, date } = events.get(slug);
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "text-button";
      button.name = "add";
      button.value = slug;
      button.dataset.title = title;
      button.dataset.date = date;
      button.textContent = this.root.dataset.addLabel;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = `: ${title}`;
      button.append(hidden);
      item.append(`${date} · ${title} `, button);
      this.results.append(item);
    }
    if (!slugs.length) {
      const item = document.createElement("li");
      item.textContent = this.root.dataset.noneFound;
      this.results.append(item);
    }
    this.say(String(slugs.length));
  }

  add(button) {
    if (this.stops.length >= this.maxStops) {
      this.say(this.root.dataset.full);
      return;
    }
    const stop = this.template.content.firstElementChild.cloneNode(true);
    stop.dataset.slug = button.value;
    stop.querySelector("input[name=stop]").value = button.value;
    stop.querySelector(".builder-stop-title").textContent = button.dataset.title;
    stop.querySelector(".builder-stop-date").textContent = button.dataset.date;
    for (const action of stop.querySelectorAll(".builder-stop-actions button")) action.type = "button";
    this.list.append(stop);
    const item = button.closest("li");
    const next = item.nextElementSibling?.querySelector("button") ?? this.search;
    item.remove();
    next.focus();
    this.update();
    this.say(`${this.stops.length}: ${button.dataset.title}`);
  }

  // --- The address ------------------------------------------------------------------------------
  tour() {
    const stops = this.stops;
    return {
      slugs: stops.map((stop) => stop.dataset.slug),
      title: this.root.querySelector("#tour-title").value,
      notes: stops.map((stop) => stop.querySelector("textarea").value),
    };
  }

  async update() {
    const stops = this.stops;
    stops.forEach((stop, i) => {
      stop.querySelector(".builder-stop-number").textContent = String(i + 1);
      stop.querySelector("[data-action=up]").disabled = i === 0;
      stop.querySelector("[data-action=down]").disabled = i === stops.length - 1;
    });
    this.root.querySelector("#no-stops").hidden = stops.length > 0;
    const result = this.root.querySelector("#builder-result");
    result.hidden = stops.length === 0;
    if (!stops.length) return;
    const tour = this.tour();
    const run = ++this.runs;
    const [full, audience] = await Promise.all([tourQuery(tour), tourQuery(tour, { withNotes: false })]);
    if (run !== this.runs) return;
    const { presentUrl, handoutUrl, qrUrl, origin } = this.root.dataset;
    this.root.querySelector("#tour-address").value = `${origin}${presentUrl}?${full}`;
    this.root.querySelector("#open-slideshow").href = `${presentUrl}?${full}`;
    this.root.querySelector("#open-presenter").href = `${presentUrl}?${full}&notes=1`;
    this.root.querySelector("#open-handout").href = `${handoutUrl}?${audience}`;
    clearTimeout(this.qrTimer);
    this.qrTimer = setTimeout(() => {
      this.root.querySelector("#tour-qr").src = `${qrUrl}?${audience}`;
    }, QR_WAIT);
  }

  async copy() {
    const field = this.root.querySelector("#tour-address");
    const status = this.root.querySelector("#copy-status");
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select(); // where the clipboard is refused, the address is selected for Ctrl+C
      status.textContent = this.root.dataset.selected;
      return;
    }
    status.textContent = this.root.dataset.copied;
  }
}

const root = document.getElementById("tour-builder");
if (root) new TourBuilder(root).init();
