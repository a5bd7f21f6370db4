// The bundled Natural Earth outline (geo/static/geo/basemap/), drawn under a Leaflet map's tiles:
// where the tiles load they cover it; where they cannot (no internet, a classroom) it is what shows,
// so a map is never blank. Used by the public maps and by the admin's map widget.

const L = window.L;

// The outline as GeoJSON: it is stored as TopoJSON (shared borders once, coordinates quantized and
// delta-encoded: see geo/static/geo/basemap/README.md), which this turns back into polygons.
export function topologyToGeoJSON(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (indexes) => {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  const features = Object.values(topology.objects).flatMap((object) =>
    object.geometries.map((geometry) => ({
      type: "Feature",
      properties: geometry.properties || {},
      geometry: {
        type: geometry.type,
        coordinates:
          geometry.type === "Polygon"
            ? geometry.arcs.map(ring)
            : geometry.arcs.map((polygon) => polygon.map(ring)),
      },
    })),
  );
  return { type: "FeatureCollection", features };
}

// Below Leaflet's tile pane (z-index 200): the outline is a base map, not an overlay.
const PANE = "basemap";
const PANE_Z_INDEX = 150;

// Fetch the outline at `url` and draw it on `map`, under the tiles. Resolves to the layer.
export function addOutline(map, url) {
  if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = String(PANE_Z_INDEX);
  return fetch(url)
    .then((response) => response.json())
    .then((data) => {
      const layer = L.geoJSON(data.type === "Topology" ? topologyToGeoJSON(data) : data, {
        pane: PANE,
        // A renderer of its own: Leaflet's shared one lives in the overlay pane, over the tiles.
        renderer: L.svg({ pane: PANE }),
        interactive: false,
        style: (feature) => ({
          color: "#7c7466",
          weight: feature.properties.iso === "KAZ" ? 1.6 : 0.8,
          fillColor: feature.properties.iso === "KAZ" ? "#f4efe3" : "#e6e1d6",
          fillOpacity: 1,
        }),
      });
      layer.addTo(map);
      return layer;
    });
}
