// The browser writes dates as the server does (core/dates_i18n.py): tests/test_scripts.py passes in,
// per language, the server's rules and how it wrote a few periods with them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parsePeriod } from "../../timeline/static/timeline/filter.js";
import { DateWriter } from "../../timeline/static/timeline/i18n.js";

const cases = JSON.parse(process.env.DATE_CASES);
const contract = JSON.parse(process.env.FILTER_CONTRACT);

for (const [language, { style, periods }] of Object.entries(cases)) {
  test(`periods read in ${language} as the server writes them`, () => {
    const writer = new DateWriter(style);
    for (const [value, expected] of periods) assert.equal(writer.period(parsePeriod(contract, value)), expected, value);
  });
}

test("the axis is short: months abbreviated, years bare", () => {
  const writer = new DateWriter(cases.en.style);
  const time = Date.UTC(2011, 11, 16);
  assert.equal(writer.tick(time, "year"), "2011");
  assert.equal(writer.tick(time, "month"), "Dec 2011");
  assert.equal(writer.tick(time, "day"), "16 Dec");
  assert.equal(writer.day(time), "16 December 2011");
  assert.equal(new DateWriter(cases.kk.style).tick(time, "month"), "2011 ж. жел.");
});
