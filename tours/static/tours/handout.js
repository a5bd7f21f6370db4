// The handout's maps name their places as the explorer's map does (timeline/labels.js, one piece of
// code): the server draws each map and gives it the places inside it, with their points on it
// (geo's static_map, data-places); this writes the names beside them, as SVG text. Printed too.
import { placeNames } from "../timeline/labels.js";

const SVG = "http://www.w3.org/2000/svg";
// The height of a name's line, in the map's units (handout.css sets the font, --place-name-font).
const LINE = 11;

export function nameThePlaces(svg, measure) {
  const places = JSON.parse(svg.dataset.places || "[]");
  if (!places.length) return;
  measure.font = getComputedStyle(svg).getPropertyValue("--place-name-font").trim() || "600 9px sans-serif";
  const spot = svg.querySelector(".spot");
  const radius = Number(spot.getAttribute("r"));
  const at = { x: Number(spot.getAttribute("cx")), y: Number(spot.getAttribute("cy")) };
  const [, , width, height] = svg.getAttribute("viewBox").split(/\s+/).map(Number);
  const candidates = places.map((place) => ({
    place,
    point: { x: place.x, y: place.y },
    radius: place.slug === svg.dataset.spot ? radius : undefined,
  }));
  const obstacles = [{ left: at.x - radius - 1, top: at.y - radius - 1, right: at.x + radius + 1, bottom: at.y + radius + 1 }];
  const group = document.createElementNS(SVG, "g");
  group.setAttribute("class", "place-names");
  group.setAttribute("aria-hidden", "true"); // the map's own label names its place
  const named = placeNames(candidates, {
    width: (place) => Math.ceil(measure.measureText(place.name).width) + 2,
    size: { x: width, y: height },
    obstacles,
    height: LINE,
  });
  for (const { place, point, left, top, dot } of named) {
    if (dot) {
      const mark = document.createElementNS(SVG, "circle");
      mark.setAttribute("class", "place-dot");
      mark.setAttribute("cx", point.x);
      mark.setAttribute("cy", point.y);
      mark.setAttribute("r", "2");
      group.append(mark);
    }
    const text = document.createElementNS(SVG, "text");
    text.setAttribute("class", "place-name");
    text.setAttribute("x", (left + 1).toFixed(1));
    text.setAttribute("y", (top + LINE - 2.5).toFixed(1));
    text.dataset.place = place.slug;
    text.textContent = place.name;
    group.append(text);
  }
  svg.append(group);
}

const measure = document.createElement("canvas").getContext("2d");
for (const svg of document.querySelectorAll("svg.static-map[data-places]")) nameThePlaces(svg, measure);
