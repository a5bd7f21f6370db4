// The browser's fold (fold.js) against the server's (core/search.py): node --test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { fold } from "../../timeline/static/timeline/fold.js";

// The rules come with the filter contract, from core/search.py; tests/test_scripts.py passes it in,
// with what the server folds each character to.
const rules = JSON.parse(process.env.FILTER_CONTRACT).search;
const vectors = JSON.parse(readFileSync(new URL("./fold-vectors.json", import.meta.url), "utf8"));

test("the browser folds the examples as they are written down (and as the server folds them)", () => {
  assert.ok(vectors.length > 50);
  for (const [text, folded] of vectors) assert.equal(fold(text, rules), folded, JSON.stringify(text));
});

test("the browser folds every character as the server does", () => {
  const characters = JSON.parse(readFileSync(process.env.FOLD_CHARACTERS, "utf8"));
  assert.ok(characters.length > 50000);
  const differ = characters.filter(([point, folded]) => fold(String.fromCodePoint(point), rules) !== folded);
  assert.deepEqual(differ.slice(0, 20), []);
});
