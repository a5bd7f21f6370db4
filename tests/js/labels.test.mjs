// Where the maps write the places' names (labels.js): the explorer's, the slides' and the handout's.
import assert from "node:assert/strict";
import { test } from "node:test";

import { APART, overlaps, placeNames } from "../../timeline/static/timeline/labels.js";

const width = (place) => place.name.length * 7;
const size = { x: 300, y: 200 };
const at = (slug, kind, x, y, extra = {}) => ({ place: { slug, name: slug, kind }, point: { x, y }, ...extra });

test("a name goes to the right of its point when there is room", () => {
  const [named] = placeNames([at("aktau", "city", 100, 100)], { width, size });
  assert.equal(named.side, "right");
  assert.equal(named.dot, true);
  assert.deepEqual([named.left, named.top], [106, 92]);
});

test("a name beside a marker keeps clear of it, and has no dot", () => {
  const [named] = placeNames([at("zhanaozen", "town", 100, 100, { radius: 11 })], { width, size });
  assert.equal(named.left, 100 + 11 + 3);
  assert.equal(named.dot, false);
});

test("towns are named before the buildings in them, which go elsewhere or wait", () => {
  const candidates = [at("square", "site", 101, 100), at("zhanaozen", "town", 100, 100)];
  const named = placeNames(candidates, { width, size });
  assert.equal(named[0].place.slug, "zhanaozen");
  assert.equal(named[0].side, "right");
  if (named[1]) assert.notEqual(named[1].side, "right");
});

test("no name covers another, a marker or the map's edge", () => {
  const candidates = Array.from({ length: 40 }, (_, i) => at(`p${i}`, "village", 20 + (i % 8) * 30, 20 + Math.floor(i / 8) * 35));
  const marker = { left: 90, top: 90, right: 110, bottom: 110 };
  const named = placeNames(candidates, { width, size, obstacles: [marker] });
  assert.ok(named.length > 0 && named.length < candidates.length);
  const boxes = named.map(({ place, left, top }) => ({ left, top, right: left + width(place), bottom: top + 16 }));
  boxes.forEach((box, i) => {
    assert.ok(box.left >= 0 && box.top >= 0 && box.right <= size.x && box.bottom <= size.y);
    assert.ok(!overlaps(box, marker));
    for (const other of boxes.slice(i + 1)) assert.ok(!overlaps(box, other));
  });
});

test("a place at the same spot as one already named is not named beside it", () => {
  // The handout's small map: the town square a fraction of a pixel from its town, the town's name on
  // one side of the point; the square's on the other would read "square • town" as one line.
  const candidates = [at("zhanaozen-square", "site", 119.9, 80.2), at("zhanaozen", "town", 120, 80), at("aktau", "city", 17, 54)];
  const named = placeNames(candidates, { width, size });
  assert.deepEqual(named.map(({ place }) => place.slug).sort(), ["aktau", "zhanaozen"]);
  // Far enough apart to tell apart (zoomed in), both are named.
  const apart = placeNames([at("zhanaozen-square", "site", 120, 80 + APART + 20), at("zhanaozen", "town", 120, 80)], { width, size });
  assert.equal(apart.length, 2);
});
