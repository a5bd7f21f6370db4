// Where the places' names go on a map, like a map's labels: the more important places first (towns
// before the buildings in them, then the places with more events), each beside its point on the
// first side where it covers no other name, marker or dot and stays inside the map; a name with no
// room is left out, and so is a place too close to one already named to be told apart from it at
// this scale (a town square beside its town's name would read as one name). Pure: the explorer's and the slides' maps (map.js, over Leaflet) and the
// handout's printed maps (tours/handout.js, in SVG) place their names with it.

// Which places are named first when names would overlap: towns before the buildings in them.
const KIND_RANK = { city: 0, town: 1, village: 2, district: 3, oilfield: 3, abroad: 3, site: 4, building: 5 };

export function rank(place) {
  return KIND_RANK[place.kind] ?? 3;
}

export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// candidates: { place, point: {x, y}, radius, weight } in the map's pixels; radius is that of a
// marker drawn at the place (the name goes beside it), undefined where a dot stands for the place;
// weight: how much the place matters besides its kind. width(place): its name's width. obstacles:
// boxes already taken ({left, top, right, bottom}). Returns, in the order named, for each name
// placed: { place, point, side, left, top, dot } (left, top: the name's box).
// Places whose points are closer than this (px) are one spot on the map: only the first is named.
export const APART = 6;

export function placeNames(candidates, { width, size, obstacles = [], height = 16 }) {
  const taken = [...obstacles];
  const placed = [];
  const ordered = [...candidates].sort(
    (a, b) => rank(a.place) - rank(b.place) || (b.weight || 0) - (a.weight || 0),
  );
  for (const { place, point, radius } of ordered) {
    if (placed.some((named) => Math.hypot(named.point.x - point.x, named.point.y - point.y) < APART)) continue;
    const gap = (radius ?? 3) + 3;
    const w = width(place);
    const sides = [
      ["right", point.x + gap, point.y - height / 2],
      ["left", point.x - gap - w, point.y - height / 2],
      ["below", point.x - w / 2, point.y + gap - 2],
      ["above", point.x - w / 2, point.y - gap - height + 2],
    ];
    for (const [side, left, top] of sides) {
      const box = { left, top, right: left + w, bottom: top + height };
      if (box.left < 0 || box.top < 0 || box.right > size.x || box.bottom > size.y) continue;
      if (taken.some((other) => overlaps(box, other))) continue;
      taken.push(box);
      const dot = radius === undefined;
      if (dot) taken.push({ left: point.x - 4, top: point.y - 4, right: point.x + 4, bottom: point.y + 4 });
      placed.push({ place, point, side, left, top, dot });
      break;
    }
  }
  return placed;
}
