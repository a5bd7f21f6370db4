// Grades recorded responses with Mozilla HTTP Observatory's own tests and scoring (scripts/observatory).
// Usage: node observatory-grade.mjs <folder where @mdn/mdn-http-observatory is installed> <responses.json>
// Its scanner fetches a public host over HTTP and HTTPS itself; here each page's requests were made by
// scripts/observatory against the app in production settings, and are handed to the same tests that
// scan() runs, scored as scan() scores them (src/scanner/index.js).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, recorded] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(`${folder}/node_modules/${path}`).href);
const { ALL_TESTS } = await load("@mdn/mdn-http-observatory/src/constants.js");
const { Requests } = await load("@mdn/mdn-http-observatory/src/types.js");
const { Session } = await load("@mdn/mdn-http-observatory/src/retriever/session.js");
const { parseHttpEquivHeaders } = await load("@mdn/mdn-http-observatory/src/retriever/utils.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("@mdn/mdn-http-observatory/src/grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("@mdn/mdn-http-observatory/src/grader/grader.js");

const response = (recorded, requestHeaders = {}) => ({
  status: recorded.status,
  headers: recorded.headers,
  request: { headers: requestHeaders },
  config: { headers: requestHeaders },
  data: recorded.body,
  verified: true, // a certificate the browsers trust, as in production
});

let failed = false;
for (const page of JSON.parse(readFileSync(recorded, "utf8"))) {
  const requests = new Requests(page.hostname);
  const auto = response(page.https);
  requests.session = new Session(new URL(page.https.url));
  for (const [url, cookie] of page.cookies) requests.session.jar.setCookieSync(cookie, url);
  requests.resources.path = page.https.body;
  auto.httpEquiv = page.https.headers["content-type"]?.startsWith("text/html")
    ? parseHttpEquivHeaders(page.https.body, page.https.url)
    : new Map();
  requests.responses.auto = auto;
  requests.responses.https = auto;
  requests.responses.http = response(page.http);
  requests.responses.httpRedirects = page.http.route.map(([url, status]) => ({ url: new URL(url), status }));
  requests.responses.httpsRedirects = [];
  requests.responses.cors = response(page.cors, { origin: page.cors.origin });

  // As scan() scores: extra credit only where the score without it is already an A.
  let withExtraCredit = 100;
  let uncurved = 100;
  const notes = [];
  for (const test of ALL_TESTS) {
    const result = test(requests);
    const modifier = getScoreModifier(result.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    if (modifier !== 0) notes.push(`${result.result} ${modifier > 0 ? "+" : ""}${modifier}`);
  }
  const { grade, score } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
  failed ||= grade !== "A+";
  console.log(`${grade.padEnd(2)} ${String(score).padStart(3)}  ${page.name.padEnd(28)} ${page.path}`);
  console.log(`           ${notes.join(", ")}`);
}
process.exit(failed ? 1 : 0);
