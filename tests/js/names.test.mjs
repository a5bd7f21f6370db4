// The map's groups name their places as a list, by the pattern in the page's catalogue (i18n.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { listOfNames } from "../../timeline/static/timeline/i18n.js";

// A page with ``catalogue`` as Django's JavaScript catalogue (none: the English text).
function inPage(catalogue, run) {
  globalThis.window = catalogue ? { gettext: (text) => catalogue[text] ?? text } : {};
  try {
    run();
  } finally {
    delete globalThis.window;
  }
}

test("one name is itself; two or more end with 'and'", () =>
  inPage(null, () => {
    assert.equal(listOfNames([]), "");
    assert.equal(listOfNames(["Aktau"]), "Aktau");
    assert.equal(listOfNames(["Aktau", "Shetpe"]), "Aktau and Shetpe");
    assert.equal(listOfNames(["Aktau", "Shetpe", "Zhetybai", "Zhanaozen"]), "Aktau, Shetpe, Zhetybai and Zhanaozen");
  }));

test("the pattern comes from the page's catalogue", () =>
  inPage({ "%(names)s and %(last)s": "%(names)s және %(last)s" }, () => {
    assert.equal(listOfNames(["Ақтау", "Шетпе", "Жетібай"]), "Ақтау, Шетпе және Жетібай");
  }));
