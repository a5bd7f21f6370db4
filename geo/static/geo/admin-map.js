// The admin's map widget (django-leaflet's; geo.widgets.AdminMapWidget): the bundled outline under
// its tiles, so that it is a map where the tiles cannot be loaded; and, where the form has latitude
// and longitude fields for its point (geo.forms.PointFieldsMixin), the marker and the fields kept in
// step: typing moves the marker, clicking or dragging on the map fills the fields in.
// django-leaflet builds the map on the window's load event and announces it with "map:init"; this
// module, loaded by the widget's media, runs before that and listens.

import { addOutline } from "./outline.js";

const L = window.L;

// Decimal places a click or a drag gives the fields: 6 is about 10 cm.
const PRECISION = 6;

// The number typed in `input`: null when empty, NaN when it is not a finite number within ±limit
// (the server says what is wrong; the marker just stays where it is).
function typed(input, limit) {
  const text = input.value.trim();
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : Number.NaN;
}

function rounded(value) {
  return String(Number(value.toFixed(PRECISION)));
}

// The marker of one django-leaflet geometry field (`field`, an L.GeometryField) and its latitude
// and longitude inputs.
export class PointInputs {
  constructor(map, field, { latitude, longitude }) {
    this.map = map;
    this.field = field;
    this.latitude = latitude;
    this.longitude = longitude;
    this.prepared = new WeakSet();
    map.on("draw:created draw:edited draw:deleted", () => this.fromMap());
    map.on("draw:editmove", ({ layer }) => this.show(layer.getLatLng()));
    // leaflet.draw's edit mode turns dragging off when it ends: a marker is draggable at any time.
    map.on("draw:editstop draw:deletestop", () => this.marker()?.dragging?.enable());
    for (const input of [latitude, longitude]) input.addEventListener("input", () => this.fromInputs());
    const marker = this.marker();
    if (marker) this.prepare(marker);
    // A form shown again with its errors keeps what was typed: the fields are filled from the map
    // only when both are empty.
    if (marker && !latitude.value.trim() && !longitude.value.trim()) this.show(marker.getLatLng());
  }

  marker() {
    return this.field.drawnItems.getLayers().find((layer) => layer instanceof L.Marker) || null;
  }

  save() {
    this.field.store.save(this.field.drawnItems);
  }

  prepare(marker) {
    if (this.prepared.has(marker)) return;
    this.prepared.add(marker);
    marker.dragging?.enable();
    marker.on("drag", () => this.show(marker.getLatLng()));
    marker.on("dragend", () => {
      this.save();
      this.show(marker.getLatLng());
    });
  }

  show(latlng) {
    const { lat, lng } = latlng.wrap();
    this.latitude.value = rounded(lat);
    this.longitude.value = rounded(lng);
  }

  // The map changed (a click with the marker tool, an edit, a deletion): the fields follow.
  fromMap() {
    const marker = this.marker();
    if (marker) {
      this.prepare(marker);
      this.show(marker.getLatLng());
    } else {
      this.latitude.value = "";
      this.longitude.value = "";
    }
  }

  // A field was typed in: the marker follows once both hold coordinates; both emptied, it goes.
  fromInputs() {
    const lat = typed(this.latitude, 90);
    const lng = typed(this.longitude, 180);
    if (lat === null && lng === null) {
      this.field.drawnItems.clearLayers();
      this.save();
      return;
    }
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return;
    let marker = this.marker();
    if (marker) {
      marker.setLatLng([lat, lng]);
    } else {
      marker = L.marker([lat, lng]);
      this.field.drawnItems.addLayer(marker);
      this.prepare(marker);
    }
    this.save();
    if (!this.map.getBounds().contains(marker.getLatLng())) this.map.panTo(marker.getLatLng());
  }
}

window.addEventListener("map:init", ({ detail: { map, id } }) => {
  const holder = document.getElementById(id)?.closest("[data-basemap-url]");
  if (!holder) return;
  addOutline(map, holder.dataset.basemapUrl, JSON.parse(holder.dataset.basemapBounds)).catch(() => {});
  map.on("map:loadfield", ({ field, fieldid }) => {
    const input = (axis) => document.querySelector(`input[data-point-of="${CSS.escape(fieldid)}"][data-axis="${axis}"]`);
    const [latitude, longitude] = [input("latitude"), input("longitude")];
    if (latitude && longitude) new PointInputs(map, field, { latitude, longitude });
  });
});
