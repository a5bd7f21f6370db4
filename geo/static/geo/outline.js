// The bundled Natural Earth outline (geo/static/geo/basemap/), drawn under a Leaflet map's tiles:
// where the tiles load they cover it; where they cannot (no internet, a classroom) it is what shows,
// so a map is never blank. Used by the public maps and by the admin's map widget.
//
// It is one picture (natural-earth-region.svg), projected on the server as Leaflet projects
// (geo/basemap.py, outline_svg): the map places and scales it over its bounds, and the browser draws
// its lines at whatever size that is. Drawn from the outline's 2 456 points as GeoJSON instead, it
// cost the explorer some 25–45 ms of its first paint to read and project them (docs/performance.md).

const L = window.L;

// Below Leaflet's tile pane (z-index 200): the outline is a base map, not an overlay.
const PANE = "basemap";
const PANE_Z_INDEX = 150;

// Draw the outline's picture at `url` on `map`, under the tiles, over `bounds` ([[south, west],
// [north, east]], where it lies). Resolves to the layer once the picture has loaded; rejects if it
// cannot be.
export function addOutline(map, url, bounds) {
  if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = String(PANE_Z_INDEX);
  const layer = L.imageOverlay(url, bounds, { pane: PANE, interactive: false, className: "basemap-outline", alt: "" });
  const loaded = new Promise((resolve, reject) => {
    layer.once("load", () => resolve(layer));
    layer.once("error", () => reject(new Error(`The outline could not be loaded from ${url}`)));
  });
  layer.addTo(map);
  return loaded;
}
