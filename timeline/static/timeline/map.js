// The explorer's map: one marker per place with the number of events shown there; areas where a place has
// one. OpenStreetMap tiles when they load; otherwise a bundled Natural Earth outline, so the map
// is never blank (a classroom without internet). Leaflet comes from django-leaflet's static files.

import { interpolate, ngettext } from "./i18n.js";

const L = window.L;

// A Leaflet map: the bundled Natural Earth outline underneath, OpenStreetMap tiles over it when
// they load. If they never do (no internet, a classroom), the outline is what shows.
export function createMap(element, { tiles, basemapUrl, note = null, options = {} }) {
  const map = L.map(element, { zoomSnap: 0.5, ...options });
  // Layouts change size (a panel opens, a phone turns): keep Leaflet's idea of the size right.
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(element);
  const outline = fetch(basemapUrl)
    .then((response) => response.json())
    .then((data) => {
      const layer = L.geoJSON(data, {
        interactive: false,
        style: (feature) => ({
          color: "#7c7466",
          weight: feature.properties.iso === "KAZ" ? 1.6 : 0.8,
          fillColor: feature.properties.iso === "KAZ" ? "#f4efe3" : "#e6e1d6",
          fillOpacity: 1,
        }),
      });
      layer.addTo(map);
      layer.bringToBack();
      return layer;
    });
  const offline = () => {
    if (element.classList.contains("offline-basemap")) return;
    element.classList.add("offline-basemap");
    outline.then(() => map.attributionControl.addAttribution("Natural Earth")).catch(() => {});
    if (note) note.hidden = false;
  };
  if (!tiles.length || !navigator.onLine) {
    offline();
    return map;
  }
  const layer = L.tileLayer(tiles[0].url, tiles[0].options).addTo(map);
  let loaded = false;
  layer.on("tileload", () => (loaded = true));
  layer.on("tileerror", () => loaded || offline());
  // A network that neither answers nor refuses: give the tiles a few seconds.
  setTimeout(() => loaded || offline(), 4000);
  return map;
}

// Text for Leaflet (a tooltip, a marker's label): an element holding it as text, never markup,
// so that a place named "<img onerror=…>" is shown as written.
export function textElement(text) {
  const node = document.createElement("span");
  node.textContent = text;
  return node;
}

export class MapView {
  constructor(element, { places, config, note, onSelectPlace }) {
    this.places = places;
    this.onSelectPlace = onSelectPlace;
    this.map = createMap(element, { ...config, note });
    this.map.fitBounds(config.view.bounds);
    this.markers = new Map();
    this.areas = L.layerGroup().addTo(this.map);
    for (const place of places) this.addPlace(place);
    this.map.on("zoomend", () => this.layout());
    this.map.on("moveend", () => this.updateFocusable());
  }

  addPlace(place) {
    const entry = { place, count: 0, offset: [0, 0] };
    const marker = L.marker([place.lat, place.lon], {
      icon: this.icon(entry),
      keyboard: true,
      title: place.name,
      alt: place.name,
      riseOnHover: true,
    });
    marker.on("click", () => this.onSelectPlace(place.slug));
    // Announced as a button (Leaflet gives it role=button): Enter and Space do what a click does.
    marker.on("keydown", ({ originalEvent: e }) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      if (!e.repeat) this.onSelectPlace(place.slug);
    });
    marker.bindTooltip(textElement(""), { direction: "top", offset: [0, -12] });
    entry.marker = marker;
    this.markers.set(place.slug, entry);
    if (place.area) {
      L.geoJSON(place.area, { style: { color: "#8a1c1c", weight: 1, fillOpacity: 0.08 }, interactive: false }).addTo(
        this.areas,
      );
    }
  }

  icon(entry) {
    const { place, count } = entry;
    const size = count ? Math.round(24 + Math.min(Math.sqrt(count) * 4, 22)) : 18;
    const [dx, dy] = entry.offset || [0, 0];
    const selected = place.slug === this.selectedPlace ? " selected" : "";
    const active = place.slug === this.activePlace ? " active" : "";
    return L.divIcon({
      className: `place-marker${selected}${active}${dx || dy ? " moved" : ""}`,
      html: textElement(String(count)),
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy],
    });
  }

  redraw(entry) {
    entry.marker.setIcon(this.icon(entry));
    entry.marker.getElement()?.setAttribute("aria-label", entry.place.name);
    this.updateFocusable(entry);
  }

  // Only the markers in sight take part in the Tab order; the others wait until the map shows them.
  // Leaflet makes every marker focusable whenever it draws its icon, so this follows each redraw.
  updateFocusable(only = null) {
    const size = this.map.getSize();
    for (const entry of only ? [only] : this.markers.values()) {
      const element = entry.marker.getElement();
      if (!element) continue;
      const [dx, dy] = entry.offset;
      const point = this.map.latLngToContainerPoint([entry.place.lat, entry.place.lon]).add([dx, dy]);
      const inside = point.x >= 0 && point.y >= 0 && point.x <= size.x && point.y <= size.y;
      element.tabIndex = inside ? 0 : -1;
    }
  }

  // Places a few hundred metres apart (a town, its square, a building in it) would hide one
  // another at the zoom of a region: move the smaller markers aside, around the larger one.
  layout() {
    const shown = [...this.markers.values()].filter((entry) => entry.count).sort((a, b) => b.count - a.count);
    const taken = [];
    for (const entry of shown) {
      const point = this.map.latLngToLayerPoint([entry.place.lat, entry.place.lon]);
      let offset = [0, 0];
      for (let step = 0; step < 12; step += 1) {
        const angle = -Math.PI / 2 + step * (Math.PI / 3);
        const radius = step === 0 ? 0 : 34 + Math.floor((step - 1) / 6) * 30;
        offset = [Math.round(Math.cos(angle) * radius), Math.round(Math.sin(angle) * radius)];
        const at = point.add(offset);
        if (taken.every((other) => other.distanceTo(at) >= 30)) break;
      }
      entry.offset = offset;
      taken.push(point.add(offset));
    }
    for (const entry of shown) this.redraw(entry);
  }

  // counts: slug → number of events shown there. Places with none leave the map.
  setCounts(counts, { fit = false, activePlace = "" } = {}) {
    this.activePlace = activePlace;
    const shown = [];
    for (const [slug, entry] of this.markers) {
      const count = counts.get(slug) || 0;
      entry.count = count;
      if (count) {
        const label = ngettext("%(name)s: %(count)s event", "%(name)s: %(count)s events", count);
        entry.marker.setTooltipContent(textElement(interpolate(label, { name: entry.place.name, count })));
        entry.marker.addTo(this.map);
        shown.push([entry.place.lat, entry.place.lon]);
      } else {
        entry.marker.remove();
      }
    }
    if (fit && shown.length) {
      this.map.fitBounds(L.latLngBounds(shown).pad(0.3), { maxZoom: 9, animate: false });
    }
    this.layout();
  }

  selectPlace(slug) {
    const previous = this.markers.get(this.selectedPlace);
    this.selectedPlace = slug;
    if (previous?.count) this.redraw(previous);
    const entry = this.markers.get(slug);
    if (!entry) return;
    if (entry.count) this.redraw(entry);
    const target = L.latLng(entry.place.lat, entry.place.lon);
    if (!this.map.getBounds().pad(-0.15).contains(target)) {
      this.map.panTo(target, { animate: true, duration: 0.4 });
    }
  }
}
