// Small maps on event and place pages: the place's marker (and area) on the same base map.
import { createMap, textElement } from "./map.js";

const L = window.L;

for (const element of document.querySelectorAll(".mini-map")) {
  const config = JSON.parse(element.dataset.mapConfig);
  const point = [Number(element.dataset.lat), Number(element.dataset.lon)];
  const map = createMap(element, { ...config, options: { scrollWheelZoom: false } });
  map.setView(point, config.view.zoom);
  L.circleMarker(point, { radius: 8, color: "#fff", weight: 2, fillColor: "#8a1c1c", fillOpacity: 1 })
    .bindTooltip(textElement(element.dataset.name))
    .addTo(map);
  if (element.dataset.area) {
    const area = L.geoJSON(JSON.parse(element.dataset.area), { style: { color: "#8a1c1c", weight: 1, fillOpacity: 0.1 } });
    area.addTo(map);
    map.fitBounds(area.getBounds().pad(0.3));
  }
}
