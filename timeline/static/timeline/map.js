// The explorer's map: a marker per place with the number of events shown there, merged into one
// marker where several would overlap at the zoom in view; areas where a place has one; the places'
// names; a button for the events with no single place. OpenStreetMap tiles when they load;
// otherwise a bundled Natural Earth outline, so the map is never blank (a classroom without
// internet). Leaflet comes from django-leaflet's static files.

import { addOutline } from "../geo/outline.js";
import { gettext, interpolate, listOfNames, ngettext } from "./i18n.js";
import { placeNames, rank } from "./labels.js";

const L = window.L;

// Leaflet's zoom buttons, on every map of the site's: their titles and labels in the page's language.
L.Control.Zoom.mergeOptions({ zoomInTitle: gettext("Zoom in"), zoomOutTitle: gettext("Zoom out") });

// Markers whose centres are closer than this (in pixels) merge into one.
const CLUSTER_RADIUS = 44;

// A Leaflet map: the bundled Natural Earth outline underneath, OpenStreetMap tiles over it when
// they load. If they never do (no internet, a classroom), the outline is what shows.
export function createMap(element, { tiles, basemapUrl, basemapBounds, note = null, options = {} }) {
  const map = L.map(element, { zoomSnap: 0.5, ...options });
  // Layouts change size (a panel opens, a phone turns): keep Leaflet's idea of the size right.
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(element);
  const outline = addOutline(map, basemapUrl, basemapBounds);
  let layer = null;
  let loaded = false;
  // The credit names what the map shows: the tiles' source while their tiles are there, Natural
  // Earth while the outline is what shows.
  const credited = new Set();
  const credit = (text, on) => {
    if (!text || !map.attributionControl || credited.has(text) === on) return;
    map.attributionControl[on ? "addAttribution" : "removeAttribution"](text);
    if (on) credited.add(text);
    else credited.delete(text);
  };
  // The outline shows (no tiles), or the tiles again: the names are drawn larger on the outline than
  // over tiles, and are measured again ("basemap").
  const showOutline = (on) => {
    element.classList.toggle("offline-basemap", on);
    if (note) note.hidden = !on;
    credit(layer?.getAttribution(), !on);
    if (on) outline.then(() => element.classList.contains("offline-basemap") && credit("Natural Earth", true)).catch(() => {});
    else credit("Natural Earth", false);
    map.fire("basemap");
  };
  const offline = () => {
    if (!element.classList.contains("offline-basemap")) showOutline(true);
  };
  if (!tiles.length) {
    offline();
    return map;
  }
  layer = L.tileLayer(tiles[0].url, tiles[0].options);
  // One tile first, the one in the middle of the view; the layer, and so the view's other tiles, once
  // it has come. Offline (a classroom without internet) every tile fails, each an image, a request
  // and an error to handle: some 20 of them at once took 25–35 ms of a laptop's main thread after
  // the first view, and made the style of the whole map be computed again. Asked for once the page's
  // first view (the outline, the markers, the names) has been drawn and shown: two frames, then a
  // task (a tab in the background draws no frame: there the timeout asks). Refused, the outline
  // shows, and the tile is asked for again when the map moves or the browser is online again.
  let added = false;
  let asking = false;
  const addTiles = () => {
    if (added) return;
    added = true;
    layer.addTo(map);
    credited.add(layer.getAttribution());
  };
  const askForOne = () => {
    if (added || asking || map.getZoom() === undefined) return;
    asking = true;
    const tile = new Image();
    // Asked for as the layer asks for its tiles, so that the browser keeps one copy of it for both.
    const { crossOrigin, referrerPolicy } = layer.options;
    if (crossOrigin || crossOrigin === "") tile.crossOrigin = crossOrigin === true ? "" : crossOrigin;
    if (referrerPolicy) tile.referrerPolicy = referrerPolicy;
    tile.onload = () => {
      asking = false;
      addTiles();
    };
    tile.onerror = () => {
      asking = false;
      offline();
    };
    tile.src = centreTileUrl(map, layer, tiles[0].url);
  };
  let asked = false;
  const askFirst = () => {
    if (asked) return;
    asked = true;
    askForOne();
  };
  if (navigator.onLine) {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(askFirst)));
    setTimeout(askFirst, 500);
  } else {
    // Opened without a network (the browser knows): the outline at once; the tile once it has one.
    asked = true;
    offline();
  }
  // Not while the browser knows it has no network (the map is moved as it is made, too).
  const askAgain = () => asked && navigator.onLine && askForOne();
  map.on("moveend", askAgain);
  window.addEventListener("online", askAgain);
  layer.on("tileload", () => {
    loaded = true;
    // The connection back after the switch to the outline: the tiles show over it.
    if (element.classList.contains("offline-basemap")) showOutline(false);
  });
  layer.on("tileerror", () => loaded || offline());
  // A network that neither answers nor refuses: give the tiles a few seconds.
  setTimeout(() => loaded || offline(), 4000);
  return map;
}

// The address of the tile that `layer` (made from the template `url`) would draw in the middle of
// `map`'s view, at the zoom its tiles would have there: as Leaflet's TileLayer.getTileUrl makes it,
// without the layer on the map.
export function centreTileUrl(map, layer, url) {
  const { options } = layer;
  const zoom = Math.min(Math.max(Math.round(map.getZoom()), options.minZoom), options.maxNativeZoom ?? options.maxZoom);
  const { x, y } = map.project(map.getCenter(), zoom).unscaleBy(layer.getTileSize()).floor();
  const subdomains = options.subdomains;
  const z = (options.zoomReverse ? options.maxZoom - zoom : zoom) + options.zoomOffset;
  const data = { r: L.Browser.retina ? "@2x" : "", s: subdomains[Math.abs(x + y) % subdomains.length], x, y, z };
  if (!map.options.crs.infinite) {
    const inverted = 2 ** zoom - 1 - y;
    if (options.tms) data.y = inverted;
    data["-y"] = inverted;
  }
  return L.Util.template(url, { ...options, ...data });
}

// Text for Leaflet (a tooltip, a marker's label): an element holding it as text, never markup,
// so that a place named "<img onerror=…>" is shown as written.
export function textElement(text) {
  const node = document.createElement("span");
  node.textContent = text;
  return node;
}

// The places' names, drawn beside their points (or beside the markers over them) like a map's
// labels (placed by labels.js): a name that would cover another name or a marker is left out until
// the map is zoomed in far enough for it. Only the names in view are in the page.
export class PlaceLabels {
  constructor(map, places) {
    this.map = map;
    this.places = places;
    map.createPane("placeLabels").classList.add("place-labels-pane");
    this.layer = L.layerGroup([], { pane: "placeLabels" }).addTo(map);
    this.measure = document.createElement("canvas").getContext("2d");
    // The names' widths, by font: measured once, not at each move, zoom or switch of the map.
    this.widths = new Map();
    // The names' font, read from the style sheet once (reading it makes the browser compute styles):
    // again when the basemap changes (the names are larger on the outline than over tiles) or the
    // map changes size.
    this.font = null;
    this.drawn = "";
    map.on("basemap resize", () => {
      this.font = null;
      this.drawn = "";
    });
  }

  // obstacles: boxes (container pixels) already taken, e.g. by markers; marked: slug → radius of
  // the marker drawn at that place (its name goes beside it), absent where a dot stands for it;
  // weights: slug → how much a place matters besides its kind (the events shown there).
  // skip: places a marker of another place stands for (in a group).
  draw({ obstacles = [], marked = new Map(), weights = new Map(), skip = new Set() } = {}) {
    // The same map, markers and weights as last time (another event of the same place chosen, say):
    // the same names, left as they are.
    const origin = this.map.getPixelOrigin();
    const inputs = JSON.stringify([this.map.getZoom(), origin.x, origin.y, this.map.getPixelBounds().min, obstacles, [...marked], [...weights], [...skip]]);
    if (inputs === this.drawn) return;
    this.drawn = inputs;
    this.layer.clearLayers();
    const size = this.map.getSize();
    if (this.font === null) {
      this.font = getComputedStyle(this.map.getContainer()).getPropertyValue("--place-label-font").trim();
    }
    const font = this.font || "600 13px system-ui, sans-serif";
    this.measure.font = font;
    if (!this.widths.has(font)) this.widths.set(font, new Map());
    const widths = this.widths.get(font);
    const candidates = [];
    for (const place of this.places) {
      if (skip.has(place.slug)) continue;
      const point = this.map.latLngToContainerPoint([place.lat, place.lon]);
      if (point.x >= 0 && point.y >= 0 && point.x <= size.x && point.y <= size.y) {
        candidates.push({ place, point, radius: marked.get(place.slug), weight: weights.get(place.slug) });
      }
    }
    const width = (place) => {
      if (!widths.has(place.name)) widths.set(place.name, Math.ceil(this.measure.measureText(place.name).width) + 4);
      return widths.get(place.name);
    };
    for (const { place, point, side, left, top, dot } of placeNames(candidates, { width, size, obstacles })) {
      this.layer.addLayer(this.label(place, side, left - point.x, top - point.y, dot));
    }
  }

  label(place, side, dx, dy, dot) {
    const root = document.createElement("div");
    const text = textElement(place.name);
    text.className = "place-label-text";
    text.style.left = `${dx}px`;
    text.style.top = `${dy}px`;
    if (dot) {
      const mark = document.createElement("span");
      mark.className = "place-label-dot";
      root.append(mark);
    }
    root.append(text);
    // A name the markers' own labels already say to assistive technology: shown, not read twice.
    root.setAttribute("aria-hidden", "true");
    root.dataset.place = place.slug;
    root.dataset.side = side;
    return L.marker([place.lat, place.lon], {
      pane: "placeLabels",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "place-label", html: root, iconSize: [0, 0], iconAnchor: [0, 0] }),
    });
  }
}

// The "no single place" group: events that happened in several places or in none in particular
// (a law, a trial abroad, a campaign) have no marker; this button in the map's corner counts them
// and chooses them.
const NoPlaceControl = L.Control.extend({
  options: { position: "topright" },
  onAdd() {
    const container = L.DomUtil.create("div", "leaflet-control no-place-control");
    const button = L.DomUtil.create("button", "no-place-button", container);
    button.type = "button";
    button.id = "no-place";
    button.title = gettext("Events that happened in several places, or in no place in particular");
    const name = L.DomUtil.create("span", "no-place-name", button);
    name.textContent = gettext("No single place");
    this.count = L.DomUtil.create("span", "no-place-count", button);
    this.button = button;
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    L.DomEvent.on(button, "click", () => this.options.onSelect());
    return container;
  },
  set(count, active) {
    this.count.textContent = String(count);
    this.button.setAttribute("aria-pressed", active ? "true" : "false");
    this.getContainer().hidden = !count && !active;
  },
});

export class MapView {
  constructor(element, { places, config, note, onSelectPlace, onSelectNoPlace = null }) {
    this.places = places;
    this.onSelectPlace = onSelectPlace;
    this.map = createMap(element, { ...config, note });
    this.map.fitBounds(config.view.bounds);
    this.entries = new Map(places.map((place) => [place.slug, { place, count: 0 }]));
    this.counts = new Map();
    this.clusters = new Map(); // zoom → clusters, while the counts stay the same
    this.drawn = new Map(); // key (the places in it) → { marker, cluster }
    this.areas = L.layerGroup().addTo(this.map);
    for (const place of places) {
      if (place.area) {
        L.geoJSON(place.area, { style: { color: "#8a1c1c", weight: 1, fillOpacity: 0.08 }, interactive: false }).addTo(
          this.areas,
        );
      }
    }
    this.labels = new PlaceLabels(this.map, places);
    if (onSelectNoPlace) {
      this.noPlace = new NoPlaceControl({ onSelect: onSelectNoPlace });
      this.noPlace.addTo(this.map);
      this.noPlace.set(0, false);
    }
    let pending = false;
    // A pan of the map's own (to a selected event's place) moves the markers and the names with their
    // pane: they are not placed again each frame, only once it has ended.
    this.panning = false;
    const later = () => {
      if (pending || this.panning) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (!this.panning) this.render();
      });
    };
    this.map.on("zoomend moveend resize basemap", () => {
      this.panning = false;
      this.render();
    });
    // The place the keyboard is on: when its marker merges into a group or splits from one, the
    // focus follows it to the marker that stands for it now.
    element.addEventListener("focusin", (e) => {
      const drawn = [...this.drawn.values()].find(({ marker }) => marker.getElement() === e.target);
      if (!drawn) return;
      const slugs = drawn.cluster.members.map((entry) => entry.place.slug);
      if (!slugs.includes(this.focusPlace)) this.focusPlace = slugs[0];
    });
    this.map.on("move", later);
  }

  // Places near each other at this zoom, merged: the most important place of a group stands for it
  // (its position, its name); the others join the first group whose place is within reach.
  clustersAt(zoom) {
    const key = String(zoom);
    if (this.clusters.has(key)) return this.clusters.get(key);
    const shown = [...this.entries.values()]
      .filter((entry) => entry.count)
      .sort((a, b) => rank(a.place) - rank(b.place) || b.count - a.count || (a.place.slug < b.place.slug ? -1 : 1));
    const apart = zoom >= this.map.getMaxZoom(); // as close as the map goes: side by side (layout)
    const cell = CLUSTER_RADIUS;
    const grid = new Map();
    const clusters = [];
    for (const entry of shown) {
      const point = this.map.project([entry.place.lat, entry.place.lon], zoom);
      const cx = Math.floor(point.x / cell);
      const cy = Math.floor(point.y / cell);
      let home = null;
      if (!apart) {
        let best = CLUSTER_RADIUS;
        for (let x = cx - 1; x <= cx + 1; x += 1) {
          for (let y = cy - 1; y <= cy + 1; y += 1) {
            for (const cluster of grid.get(`${x},${y}`) || []) {
              const distance = cluster.point.distanceTo(point);
              if (distance < best) [best, home] = [distance, cluster];
            }
          }
        }
      }
      if (home) {
        home.members.push(entry);
        home.count += entry.count;
      } else {
        const cluster = { point, lead: entry, members: [entry], count: entry.count, offset: [0, 0] };
        clusters.push(cluster);
        const at = `${cx},${cy}`;
        if (!grid.has(at)) grid.set(at, []);
        grid.get(at).push(cluster);
      }
    }
    if (apart) this.layout(clusters);
    this.clusters.set(key, clusters);
    return clusters;
  }

  // At the closest zoom, places a few metres apart still cover one another: move the smaller
  // markers aside, around the larger one.
  layout(clusters) {
    const taken = [];
    for (const cluster of [...clusters].sort((a, b) => b.count - a.count)) {
      let offset = [0, 0];
      for (let step = 0; step < 12; step += 1) {
        const angle = -Math.PI / 2 + step * (Math.PI / 3);
        const radius = step === 0 ? 0 : 34 + Math.floor((step - 1) / 6) * 30;
        offset = [Math.round(Math.cos(angle) * radius), Math.round(Math.sin(angle) * radius)];
        const at = cluster.point.add(offset);
        if (taken.every((other) => other.distanceTo(at) >= 30)) break;
      }
      cluster.offset = offset;
      taken.push(cluster.point.add(offset));
    }
  }

  size(count) {
    return count ? Math.round(24 + Math.min(Math.sqrt(count) * 4, 22)) : 18;
  }

  describe(cluster) {
    const events = interpolate(ngettext("%(count)s event", "%(count)s events", cluster.count), { count: cluster.count });
    const name = cluster.lead.place.name;
    if (cluster.members.length === 1) {
      return { label: name, tooltip: interpolate(gettext("%(place)s: %(events)s"), { place: name, events }) };
    }
    const others = cluster.members.length - 1;
    // A few places are all named; more, the first and how many others.
    const places = others < 4
      ? listOfNames(cluster.members.map((entry) => entry.place.name))
      : interpolate(
      ngettext("%(name)s and %(others)s place nearby", "%(name)s and %(others)s places nearby", others),
      { name, others },
    );
    const label = interpolate(gettext("%(places)s: %(events)s; zoom in"), { places, events });
    return { label, tooltip: label };
  }

  icon(cluster) {
    const size = this.size(cluster.count);
    const [dx, dy] = cluster.offset;
    const slugs = cluster.members.map((entry) => entry.place.slug);
    const classes = ["place-marker"];
    if (slugs.length > 1) classes.push("place-cluster");
    if (slugs.includes(this.selectedPlace)) classes.push("selected");
    if (slugs.includes(this.activePlace)) classes.push("active");
    if (dx || dy) classes.push("moved");
    return L.divIcon({
      className: classes.join(" "),
      html: textElement(String(cluster.count)),
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy],
    });
  }

  marker(cluster) {
    const { place } = cluster.lead;
    const { label, tooltip } = this.describe(cluster);
    const marker = L.marker([place.lat, place.lon], { icon: this.icon(cluster), keyboard: true, riseOnHover: true });
    const choose = () => {
      const current = this.drawn.get(marker.key)?.cluster || cluster;
      if (current.members.length === 1) this.onSelectPlace(current.lead.place.slug);
      else this.expand(current, marker);
    };
    marker.on("click", choose);
    // Announced as a button (Leaflet gives it role=button): Enter and Space do what a click does.
    marker.on("keydown", ({ originalEvent: e }) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      if (!e.repeat) choose();
    });
    marker.bindTooltip(textElement(tooltip), { direction: "top", offset: [0, -12] });
    marker.on("add", () => {
      marker.getElement().setAttribute("aria-label", label);
      marker.getElement().dataset.places = marker.key;
    });
    return marker;
  }

  // A group chosen: zoom in until its places stand apart (as far as the map goes), keeping the
  // keyboard on the marker of the place that led it.
  expand(cluster, marker) {
    const focused = marker.getElement() === document.activeElement;
    const bounds = L.latLngBounds(cluster.members.map(({ place }) => [place.lat, place.lon]));
    const zoom = Math.max(
      Math.min(this.map.getBoundsZoom(bounds.pad(0.6)), this.map.getMaxZoom()),
      Math.min(this.map.getZoom() + 1, this.map.getMaxZoom()),
    );
    const slugs = cluster.members.map((entry) => entry.place.slug);
    if (focused) this.refocus = slugs.includes(this.focusPlace) ? this.focusPlace : slugs[0];
    this.map.setView(bounds.getCenter(), zoom);
  }

  // Only the markers in view are in the page (with 10 000 events at a thousand places, a few dozen).
  // ahead: a pan about to start (container pixels): the markers of where it ends are drawn too.
  render({ ahead = null } = {}) {
    const zoom = this.map.getZoom();
    if (zoom === undefined || !this.map._loaded) return;
    const size = this.map.getSize();
    const [left, right] = ahead ? [Math.min(0, ahead.x), size.x + Math.max(0, ahead.x)] : [0, size.x];
    const [top, bottom] = ahead ? [Math.min(0, ahead.y), size.y + Math.max(0, ahead.y)] : [0, size.y];
    const wanted = new Map();
    for (const cluster of this.clustersAt(zoom)) {
      const point = this.map.latLngToContainerPoint([cluster.lead.place.lat, cluster.lead.place.lon]).add(cluster.offset);
      if (point.x < left || point.y < top || point.x > right || point.y > bottom) continue;
      const key = cluster.members.map((entry) => entry.place.slug).join(" ");
      wanted.set(key, { cluster, point });
    }
    for (const [key, drawn] of this.drawn) {
      if (wanted.has(key)) continue;
      if (drawn.marker.getElement() === document.activeElement) this.refocus = this.focusPlace;
      drawn.marker.remove();
      this.drawn.delete(key);
    }
    const obstacles = [];
    const marked = new Map();
    const skip = new Set();
    for (const [key, { cluster, point }] of wanted) {
      let drawn = this.drawn.get(key);
      const state = this.stateOf(cluster);
      if (!drawn) {
        const marker = this.marker(cluster);
        marker.key = key;
        drawn = { marker, cluster, state };
        this.drawn.set(key, drawn);
        marker.addTo(this.map);
      } else if (drawn.state !== state || drawn.cluster !== cluster) {
        const { label, tooltip } = this.describe(cluster);
        drawn.marker.setIcon(this.icon(cluster));
        drawn.marker.getElement().setAttribute("aria-label", label);
        drawn.marker.setTooltipContent(textElement(tooltip));
        drawn.cluster = cluster;
        drawn.state = state;
      }
      const radius = this.size(cluster.count) / 2;
      obstacles.push({ left: point.x - radius, top: point.y - radius, right: point.x + radius, bottom: point.y + radius });
      if (!cluster.offset[0] && !cluster.offset[1]) marked.set(cluster.lead.place.slug, radius);
      for (const entry of cluster.members.slice(1)) skip.add(entry.place.slug);
      if (this.refocus && cluster.members.some((entry) => entry.place.slug === this.refocus)) {
        this.refocus = null;
        drawn.marker.getElement().focus();
      }
    }
    // Places without a marker of their own (no event shown there, or inside a group) are named too,
    // beside a dot, once there is room: the map reads like a map without tiles.
    this.refocus = null;
    const weights = new Map([...this.entries].map(([slug, entry]) => [slug, entry.count]));
    this.labels.draw({ obstacles, marked, weights, skip });
  }

  // counts: slug → number of events shown there; "" → the events with no single place.
  // Places with none leave the map.
  setCounts(counts, { fit = false, activePlace = "" } = {}) {
    this.activePlace = activePlace;
    const shown = [];
    for (const [slug, entry] of this.entries) {
      entry.count = counts.get(slug) || 0;
      if (entry.count) shown.push([entry.place.lat, entry.place.lon]);
    }
    this.clusters.clear();
    this.noPlace?.set(counts.get("") || 0, activePlace === "none");
    if (fit && shown.length) {
      this.map.fitBounds(L.latLngBounds(shown).pad(0.3), { maxZoom: 9, animate: false });
    }
    this.render();
  }

  // What a cluster's marker shows: when it changes, the marker is drawn again.
  stateOf(cluster) {
    return `${cluster.count}|${this.selectedPlace}|${this.activePlace}|${cluster.offset}`;
  }

  selectPlace(slug) {
    if (slug !== this.selectedPlace) {
      this.selectedPlace = slug;
      // The same markers in the same places, and the same names: only which one is selected changes.
      for (const drawn of this.drawn.values()) {
        const selected = drawn.cluster.members.some((entry) => entry.place.slug === slug);
        drawn.marker.getElement()?.classList.toggle("selected", selected);
        drawn.state = this.stateOf(drawn.cluster);
      }
    }
    const entry = this.entries.get(slug);
    if (!entry) return;
    const target = L.latLng(entry.place.lat, entry.place.lon);
    if (!this.map.getBounds().pad(-0.15).contains(target)) {
      // Where the target is from the middle of the map: how far the pan will move it.
      this.render({ ahead: this.map.latLngToContainerPoint(target).subtract(this.map.getSize().divideBy(2)) });
      // Set as it starts ("movestart", which Leaflet sends after the "moveend" of a pan still under
      // way, which starting this one ends); never left set without a pan to end it: a pan that moves
      // nothing sends only "moveend", one made at once both.
      const started = () => (this.panning = true);
      this.map.once("movestart", started);
      this.map.panTo(target, { animate: true, duration: 0.4 });
      this.map.off("movestart", started);
    }
  }

  // The markers in the page, for tests and tools: how many, and the places each stands for.
  get markerCount() {
    return this.drawn.size;
  }
}
