// A tour full screen: one slide at a time, the map flying to each stop, the slide number in the
// URL (#3), keys that presentation clickers send, swipes, and a presenter view kept in step with
// the audience window through a BroadcastChannel: a slide chosen in one window (a key, a swipe) is
// sent to the others, and a window that opens asks them where they are and follows.
import { PlaceLabels, createMap } from "../timeline/map.js";

const L = window.L;
const root = document.getElementById("presentation");
const slides = [...document.querySelectorAll(".slide")];
const presenter = document.body.classList.contains("presenter-mode");
const number = document.getElementById("slide-number");
const fill = document.getElementById("progress-fill");
const marks = [...document.querySelectorAll(".mini-mark")];
const presenterLink = document.getElementById("presenter-link");
const channel = "BroadcastChannel" in window ? new BroadcastChannel(root.dataset.channel) : null;

root.classList.add("enhanced");
let current = 0;
// How long a window that has just opened waits for the others to say where they are.
const ANSWER_WAIT = 400;
// Whether this window knows where the slideshow is (and may answer a window that asks).
let settled = false;

// --- The map ------------------------------------------------------------------------------------
// How close the map comes to a slide's place when its stop does not say (a town and its surroundings).
const PLACE_ZOOM = 7;
const mapWrap = document.getElementById("present-map-wrap");
let map = null;
let marker = null;
if (!presenter && slides.some((slide) => slide.dataset.lat || slide.dataset.places?.length > 2)) {
  mapWrap.hidden = false;
  const config = JSON.parse(root.dataset.mapConfig);
  map = createMap(document.getElementById("present-map"), { ...config, options: { zoomControl: false, keyboard: false } });
  map.fitBounds(config.view.bounds);
}
// The places' names, as the tiles would write them (on the outline, the only names there are).
const placesData = document.getElementById("map-places");
const labels = map && placesData ? new PlaceLabels(map, JSON.parse(placesData.textContent)) : null;
const MARKER_RADIUS = 11;

function nameThePlaces() {
  if (!labels) return;
  const marked = new Map();
  const skip = new Set();
  const obstacles = [];
  if (marker) {
    // The place under the marker is named beside it; others it covers (a square in the town, at
    // this zoom) wait for a closer view, as in the explorer's groups; the rest keep clear of it.
    const at = map.latLngToContainerPoint(marker.getLatLng());
    const under = labels.places
      .map((place) => ({ place, distance: map.latLngToContainerPoint([place.lat, place.lon]).distanceTo(at) }))
      .filter(({ distance }) => distance < MARKER_RADIUS)
      .sort((a, b) => a.distance - b.distance);
    under.forEach(({ place }, i) => (i ? skip.add(place.slug) : marked.set(place.slug, MARKER_RADIUS)));
    const r = MARKER_RADIUS + 2;
    obstacles.push({ left: at.x - r, top: at.y - r, right: at.x + r, bottom: at.y + r });
  }
  labels.draw({ marked, skip, obstacles });
}
map?.on("moveend zoomend resize basemap", nameThePlaces);
nameThePlaces();

// The opening slide shows every place of the tour at once.
let places = null;
function showPlaces(slide) {
  places?.remove();
  places = null;
  const points = slide.dataset.places ? JSON.parse(slide.dataset.places) : [];
  if (!points.length) return false;
  const style = { radius: 8, color: "#fff", weight: 2, fillColor: "#8a1c1c", fillOpacity: 1 };
  places = L.featureGroup(points.map((point) => L.circleMarker(point, style))).addTo(map);
  map.fitBounds(places.getBounds().pad(0.5), { maxZoom: PLACE_ZOOM });
  return true;
}

function showOnMap(slide) {
  if (!map) return;
  if (showPlaces(slide)) {
    marker?.remove();
    marker = null;
    return;
  }
  if (!slide.dataset.lat) {
    marker?.remove();
    marker = null;
    nameThePlaces();
    return;
  }
  const point = [Number(slide.dataset.lat), Number(slide.dataset.lon)];
  const zoom = Number(slide.dataset.zoom) || PLACE_ZOOM;
  marker?.remove();
  marker = L.circleMarker(point, { radius: MARKER_RADIUS, color: "#fff", weight: 3, fillColor: "#8a1c1c", fillOpacity: 1 }).addTo(map);
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (reduce) map.setView(point, zoom);
  else map.flyTo(point, zoom, { duration: 1.2 });
}

// --- Slides -------------------------------------------------------------------------------------
// The slide's type shrinks, step by step down to 60 % of its size, until the slide fits the screen
// (--fit, present.css): a slide is read from the back of a room, not scrolled, in whichever language,
// whatever the screen. A slide that would still not fit scrolls.
const slideList = document.getElementById("slides");
const SMALLEST = 0.6;
// On a screen wider than a phone's: a phone shows the slide above the map, in a page that scrolls.
const projected = window.matchMedia("(min-width: 801px)");
function fit() {
  let scale = 1;
  slideList.style.setProperty("--fit", "1");
  if (!projected.matches) return;
  while (slideList.scrollHeight > slideList.clientHeight + 1 && scale > SMALLEST) {
    scale = Math.max(SMALLEST, Math.round((scale - 0.05) * 100) / 100);
    slideList.style.setProperty("--fit", String(scale));
  }
}
// A new size of the screen (full screen, a phone turned, a window resized): the slide fitted again.
let fitted = null;
new ResizeObserver(([entry]) => {
  const size = `${entry.contentRect.width}x${entry.contentRect.height}`;
  if (fitted !== null && size !== fitted) fit();
  fitted = size;
}).observe(slideList);

function show(index, { broadcast = true } = {}) {
  if (!slides.length) return;
  current = Math.min(Math.max(index, 0), slides.length - 1);
  slides.forEach((slide, i) => {
    slide.hidden = i !== current;
  });
  const slide = slides[current];
  fit();
  // On a phone the page scrolls: the next slide is read from its top.
  if (!projected.matches && slideList.getBoundingClientRect().top < 0) slideList.scrollIntoView({ block: "start" });
  number.textContent = current + 1;
  fill.style.width = `${((current + 1) / slides.length) * 100}%`;
  for (const mark of marks) mark.classList.toggle("current", Number(mark.dataset.number) === current + 1);
  history.replaceState(null, "", `${location.pathname}${location.search}#${current + 1}`);
  showOnMap(slide);
  if (presenterLink) presenterLink.hash = String(current + 1);
  if (presenter) updatePresenter();
  if (broadcast) {
    settled = true;
    channel?.postMessage({ slide: current + 1 });
  }
}

const fromHash = () => {
  const wanted = Number.parseInt(location.hash.slice(1), 10);
  return Number.isInteger(wanted) ? wanted - 1 : null;
};

// --- Keys, clicker, swipe -----------------------------------------------------------------------
let typed = "";
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, textarea, select")) return;
  const key = e.key;
  if (["ArrowRight", "ArrowDown", "PageDown", "Enter", " "].includes(key) && !(key === "Enter" && typed)) {
    if (key === " " && e.shiftKey) show(current - 1);
    else if (key === "Enter" && e.target.closest("a, button")) return;
    else show(current + 1);
  } else if (["ArrowLeft", "ArrowUp", "PageUp", "Backspace"].includes(key)) {
    show(current - 1);
  } else if (key === "Home") {
    show(0);
  } else if (key === "End") {
    show(slides.length - 1);
  } else if (/^[0-9]$/.test(key)) {
    typed += key;
    return e.preventDefault();
  } else if (key === "Enter" && typed) {
    show(Number(typed) - 1);
  } else if (key === "f" || key === "F") {
    toggleFullscreen();
  } else {
    typed = "";
    return;
  }
  typed = "";
  e.preventDefault();
});

let touch = null;
const stage = document.querySelector(".stage");
stage.addEventListener("pointerdown", (e) => {
  if (e.pointerType === "touch") touch = { x: e.clientX, y: e.clientY };
});
stage.addEventListener("pointerup", (e) => {
  if (!touch || e.pointerType !== "touch") return;
  const dx = e.clientX - touch.x;
  const dy = e.clientY - touch.y;
  touch = null;
  if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) show(current + (dx < 0 ? 1 : -1));
});

// --- Full screen --------------------------------------------------------------------------------
const fullscreenButton = document.getElementById("fullscreen");
function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}
if (document.fullscreenEnabled) {
  fullscreenButton.hidden = false;
  fullscreenButton.addEventListener("click", toggleFullscreen);
}

// --- Presenter view -----------------------------------------------------------------------------
const panel = document.getElementById("presenter-panel");
const elapsed = document.getElementById("elapsed");
let started = Date.now();

function updatePresenter() {
  const note = slides[current].querySelector(".slide-note p");
  document.getElementById("presenter-note").textContent = note ? note.textContent : "—";
  const next = slides[current + 1];
  // The closing slide has a title and no date.
  const parts = [".slide-date", ".slide-title"].map((part) => next?.querySelector(part)?.textContent.trim());
  document.getElementById("presenter-next").textContent = next ? parts.filter(Boolean).join(" · ") : "—";
}

if (presenter) {
  panel.hidden = false;
  const tick = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    elapsed.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  setInterval(tick, 1000);
  document.getElementById("reset-timer").addEventListener("click", () => {
    started = Date.now();
    tick();
  });
  const audience = document.getElementById("open-audience");
  audience.hidden = false;
  audience.addEventListener("click", () => {
    const url = new URL(location.href);
    url.searchParams.delete("notes");
    window.open(url.toString(), "zhanaozen-audience");
  });
}

// --- Windows in step -----------------------------------------------------------------------------
// When this window was opened: of two windows still finding out where the others are, the older
// one answers the younger (which follows it), so that two opened at nearly the same moment agree.
const openedAt = performance.timeOrigin;

channel?.addEventListener("message", (e) => {
  if (e.data?.ask) {
    if (settled || openedAt < e.data.openedAt) channel.postMessage({ slide: current + 1 });
  } else if (Number.isInteger(e.data?.slide)) {
    settled = true;
    show(e.data.slide - 1, { broadcast: false });
  }
});
window.addEventListener("hashchange", () => {
  const index = fromHash();
  if (index !== null && index !== current) show(index);
});

// A window that opens shows the slide in its address, without telling the others to go there: it
// asks where they are instead, and follows their answer. Alone, it stays where it is.
show(fromHash() ?? Number(root.dataset.start) - 1, { broadcast: false });
if (channel) {
  channel.postMessage({ ask: true, openedAt });
  setTimeout(() => {
    settled = true;
  }, ANSWER_WAIT);
} else {
  settled = true;
}
root.dataset.ready = "true";
