// The browser's reading of the filters (filter.js, state.js), on its own: node --test.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isActive, matcher, parsePeriod, periodBound, readFilters } from "../../timeline/static/timeline/filter.js";
import { emptyState, filterSearch, readState, toSearch } from "../../timeline/static/timeline/state.js";

// The contract as timeline/filters.py writes it: tests/test_scripts.py passes it in.
const contract = JSON.parse(process.env.FILTER_CONTRACT);

const event = (fields) => ({
  start: "2011-12-16", last: "2011-12-16", categories: [], place: null, actors: [], importance: 2, search: "",
  disputed: false, ...fields,
});

test("periods are read at their precision, and impossible dates are refused", () => {
  assert.deepEqual(parsePeriod(contract, "2011"), [2011, null, null]);
  assert.deepEqual(parsePeriod(contract, "2011-05"), [2011, 5, null]);
  assert.deepEqual(parsePeriod(contract, "2011-12-16"), [2011, 12, 16]);
  for (const bad of ["0000", "2011-13", "2011-02-30", "2011-5", "May 2011", "2011-00-10", " 2011", "٢٠١١", "2011\n"]) {
    assert.equal(parsePeriod(contract, bad), null, bad);
  }
  assert.equal(periodBound([2012, 2, null], true), "2012-02-29");
  assert.equal(periodBound([2011, null, null], true), "2011-12-31");
  assert.equal(periodBound([2011, null, null]), "2011-01-01");
});

test("a bad value means no filter at all, as on the server", () => {
  for (const [name, value] of [["from", "2011-02-30"], ["importance", "7"], ["to", "x"], ["disputed", "yes"], ["disputed", "0"]]) {
    const filters = readFilters(contract, { ...emptyState(contract), [name]: value });
    assert.equal(filters.error, name);
    assert.equal(isActive(filters), false);
    assert.equal(matcher(filters)(event({ importance: 3 })), true);
  }
  const reversed = readFilters(contract, { ...emptyState(contract), from: "2012", to: "2011" });
  assert.equal(reversed.error, "to");
});

test("each filter narrows as the server's does", () => {
  const state = { ...emptyState(contract), actor: "police", importance: "2", from: "2011-12", to: "2011" };
  const keep = matcher(readFilters(contract, state));
  assert.equal(keep(event({ actors: ["police"] })), true);
  assert.equal(keep(event({ actors: ["police"], importance: 3 })), false);
  assert.equal(keep(event({ actors: ["akimat"] })), false);
  assert.equal(keep(event({ actors: ["police"], start: "2012-01-01", last: "2012-01-01" })), false);
  // "December 2011" lasts to the 31st: it reaches a period that begins on the 16th.
  const fromDay = matcher(readFilters(contract, { ...emptyState(contract), from: "2011-12-16" }));
  assert.equal(fromDay(event({ start: "2011-12-01", last: "2011-12-31" })), true);
  assert.equal(fromDay(event({ start: "2011-11-01", last: "2011-11-30" })), false);
  // Text is folded, then looked for in each line of the search text on its own, never across two.
  const text = matcher(readFilters(contract, { ...emptyState(contract), q: " Zhanaozen Police " }));
  assert.equal(text(event({ search: "janaozen\npolice" })), false);
  assert.equal(text(event({ search: "a title\nin janaozen police fired" })), true);
  const cyrillic = matcher(readFilters(contract, { ...emptyState(contract), q: "ЖАҢАӨЗЕН" }));
  assert.equal(cyrillic(event({ search: "strike\njanaozen" })), true);
  assert.equal(cyrillic(event({ search: "aktao" })), false);
  // A query that folds to nothing looks for nothing, as on the server; it still counts as a filter.
  const nothing = readFilters(contract, { ...emptyState(contract), q: "ъ" });
  assert.equal(matcher(nothing)(event({ search: "aktao" })), true);
  assert.equal(isActive(nothing), true);
});

test("the state keeps every parameter in the form it was given", () => {
  const state = readState(contract, "?from=2011&to=2011-12-16&importance=1&actor=police&utm_source=x&from=");
  assert.equal(state.from, "2011");
  assert.equal(state.to, "2011-12-16");
  assert.deepEqual(state.extra, [["utm_source", "x"]]);
  assert.equal(toSearch(contract, state), "?from=2011&to=2011-12-16&actor=police&importance=1&utm_source=x");
  assert.equal(filterSearch(contract, { ...state, event: "x" }), "?from=2011&to=2011-12-16&actor=police&importance=1");
  const categories = readState(contract, "?category=strike&category=protest,context");
  assert.deepEqual(categories.category, ["strike", "protest", "context"]);
  assert.equal(toSearch(contract, categories), "?category=strike,protest,context");
});

test("sources disagree: a flag, on with 1, off when left out or empty, as on the server", () => {
  const on = readFilters(contract, readState(contract, "?disputed=1"));
  assert.equal(on.disputed, true);
  assert.equal(isActive(on), true);
  assert.equal(matcher(on)(event({ disputed: true })), true);
  assert.equal(matcher(on)(event({ disputed: false })), false);
  // Left out of the count beside its own box, as the categories are of theirs.
  assert.equal(matcher(on, { except: "disputed" })(event({ disputed: false })), true);
  // The last value that is not blank counts, as for every parameter.
  for (const [search, disputed] of [["", false], ["?disputed=", false], ["?disputed=1&disputed=", true]]) {
    assert.equal(readFilters(contract, readState(contract, search)).disputed, disputed, search);
  }
  const off = readFilters(contract, readState(contract, "?disputed="));
  assert.equal(isActive(off), false);
  assert.equal(toSearch(contract, readState(contract, "?disputed=1&importance=2")), "?importance=2&disputed=1");
  assert.equal(toSearch(contract, readState(contract, "?disputed=")), "");
});

test("place=none keeps the events with no single place", () => {
  const filters = readFilters(contract, { ...emptyState(contract), place: contract.noPlace });
  assert.equal(contract.noPlace, "none");
  assert.equal(matcher(filters)(event({ place: null })), true);
  assert.equal(matcher(filters)(event({ place: "zhanaozen" })), false);
  assert.equal(matcher(filters, { except: "place" })(event({ place: "zhanaozen" })), true);
});

test("a search the server answered keeps exactly the events it found", () => {
  const filters = readFilters(contract, { ...emptyState(contract), q: "police" });
  const found = new Set(["a"]);
  assert.equal(matcher(filters, { found })(event({ slug: "a", search: "" })), true);
  assert.equal(matcher(filters, { found })(event({ slug: "b", search: "police" })), false);
});
