// Automatic decisions (issue 13): a demo product's decision rules run when a case is created; a
// grant closes the case with its reasons, a case the rules cannot decide goes to a person; the
// resident sees why and asks for a human review, which opens a linked case for a case worker,
// who records whether it was overturned; the public algorithm register counts it all. On SQLite
// and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG3 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e03";
const json = { "content-type": "application/json" };
let server, worker, products;

before(async () => {
  server = await startServer({ args: ["--demo"] });
  worker = await staffBrowser(server, { email: `auto-worker-${process.pid}@utrecht.example`, organisation: ORG1, role: "case-worker" });
  products = (await (await fetch(`${server.url}/api/v1/products`)).json()).results;
});
after(async () => {
  await server?.stop();
});

const addDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
const zaaktype = (id) => {
  const p = products.find((x) => x.id === id);
  assert.ok(p, id);
  return p.caseType;
};
let seq = 0;
async function submit(b, product, answers) {
  const r = await b.fetch(`${server.url}/api/v1/cases`, {
    method: "POST",
    headers: { ...json, "x-csrf-token": b.csrf, "idempotency-key": `auto-${process.pid}-${++seq}` },
    body: JSON.stringify({ caseType: zaaktype(product), description: product, answers }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text).id;
}
// The rules run on the outbox event, a moment after the submit: wait for their record.
async function decision(b, id) {
  for (let i = 0; i < 100; i++) {
    const r = await b.fetch(`${server.url}/api/v1/cases/${id}/automated-decision`);
    if (r.status === 200) return r.json();
    assert.equal(r.status, 404, await r.text());
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no automated decision on ${id}`);
}
const sloop = (over = {}) => ({ address: "Oudegracht 1, Utrecht", start: addDays(60), asbestos: "nee", waste: 20, email: "a@example.nl", ...over });

test("a demolition notification in time and without asbestos is granted and closed, with its reasons", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const id = await submit(a, "sloopmelding", sloop());
  const d = await decision(a, id);
  assert.equal(d.outcome, "grant");
  assert.equal(d.ruleVersion, 1);
  assert.equal(d.routedBecause, null);
  assert.deepEqual(d.explanation.map((e) => e.rule), ["op-tijd-zonder-asbest"]);
  assert.equal(d.explanation[0].values["answers.asbestos"], "nee");
  assert.ok(d.explanation[0].values["known.submitted"]);
  assert.match(d.explanation[0].reason.en, /at least 4 weeks/);
  // The case is closed with the result, and the resident's page says why, with the review button.
  const k = await (await a.fetch(`${server.url}/api/v1/cases/${id}`)).json();
  assert.equal(k.closed, true, JSON.stringify(k));
  const page = await (await a.fetch(`${server.url}/mijn-zaken/${id}`, { headers: { accept: "text/html" } })).text();
  assert.match(page, /Automatisch besloten/);
  assert.match(page, /minstens 4 weken na uw melding/);
  // The facts in the resident's words: the question and the chosen option, not the data path.
  assert.match(page, /Verwijdert u asbest\?: Nee/);
  assert.match(page, /Datum van uw aanvraag: \d+ [a-z]+ \d{4}/);
  assert.doesNotMatch(page, /answers\.|known\./);
  assert.match(page, new RegExp(`action="/mijn-zaken/${id}/menselijke-beoordeling"`));
  const en = await (await a.fetch(`${server.url}/mijn-zaken/${id}?lang=en`, { headers: { accept: "text/html" } })).text();
  assert.match(en, /Ask for a review by a person/);
});

test("asbestos, too early a start, and a tree too thick go to a person; nothing is closed", async () => {
  const a = await demoPerson(server.url, "resident:999990019");
  const asb = await submit(a, "sloopmelding", sloop({ asbestos: "ja" }));
  const early = await submit(a, "sloopmelding", sloop({ start: addDays(3) }));
  const tree = await submit(a, "kapvergunning", { address: "Stationsplein 1, Utrecht", trees: 1, species: "eik", diameter: 45, reason: "ziek", replant: "ja", email: "a@example.nl" });
  for (const [id, rule] of [[asb, "asbest"], [early, "te-kort-dag"], [tree, "dikke-stam"]]) {
    const d = await decision(a, id);
    assert.equal(d.outcome, "route");
    assert.equal(d.routedBecause, "rule");
    assert.deepEqual(d.explanation.map((e) => e.rule), [rule]);
    const page = await (await a.fetch(`${server.url}/mijn-zaken/${id}`, { headers: { accept: "text/html" } })).text();
    assert.doesNotMatch(page, /menselijke-beoordeling/);
    const r = await a.fetch(`${server.url}/api/v1/cases/${id}/automated-decision/review`, { method: "POST", headers: { ...json, "x-csrf-token": a.csrf }, body: "{}" });
    assert.equal(r.status, 404);
  }
});

test("missing data never decides: the case goes to a person and the fault is recorded", async () => {
  const a = await demoPerson(server.url, "resident:999991905");
  // Through the JSON door: no answer to "start". Where the door checks the answers against the
  // form first, it refuses them (nothing is decided either); else the rules meet the gap.
  const r = await a.fetch(`${server.url}/api/v1/cases`, {
    method: "POST",
    headers: { ...json, "x-csrf-token": a.csrf, "idempotency-key": `auto-${process.pid}-fault` },
    body: JSON.stringify({ caseType: zaaktype("sloopmelding"), answers: { address: "Oudegracht 1, Utrecht", asbestos: "nee", waste: 1, email: "a@example.nl" } }),
  });
  const text = await r.text();
  if (r.status === 400) {
    assert.match(text, /start/);
    return;
  }
  assert.equal(r.status, 201, text);
  const id = JSON.parse(text).id;
  const d = await decision(a, id);
  assert.equal(d.outcome, "route");
  assert.equal(d.routedBecause, "fault");
  assert.deepEqual(d.explanation, []);
});

test("a second subsidy in a year is for a person: the rules read the applicant's earlier cases", async () => {
  const a = await demoPerson(server.url, "business:12345678");
  const answers = { association: "Buurtvereniging De Linde", kvk: "12345678", activity: "Buurtfeest", amount: 800, date: addDays(90), email: "a@example.nl" };
  const first = await submit(a, "subsidie-vereniging", answers);
  assert.equal((await decision(a, first)).outcome, "grant");
  const second = await submit(a, "subsidie-vereniging", answers);
  const d = await decision(a, second);
  assert.equal(d.outcome, "route");
  assert.deepEqual(d.explanation.map((e) => e.rule), ["eerder-aangevraagd"]);
  assert.equal(d.explanation[0].values["known.earlierCases"], 1);
});

test("the resident asks for a human review: one linked case for a case worker, who overturns", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const id = await submit(a, "kapvergunning", { address: "Stationsplein 2, Utrecht", trees: 1, species: "berk", diameter: 20, reason: "overlast", replant: "ja", email: "a@example.nl" });
  assert.equal((await decision(a, id)).outcome, "grant");
  // Another resident cannot ask, nor see.
  const other = await demoPerson(server.url, "resident:999990019");
  assert.equal((await other.fetch(`${server.url}/api/v1/cases/${id}/automated-decision`)).status, 404);
  assert.equal((await other.fetch(`${server.url}/api/v1/cases/${id}/automated-decision/review`, { method: "POST", headers: { ...json, "x-csrf-token": other.csrf }, body: "{}" })).status, 404);
  // The page's form, twice (a double click): one review case.
  const form = { "content-type": "application/x-www-form-urlencoded" };
  for (let i = 0; i < 2; i++) {
    const r = await a.fetch(`${server.url}/mijn-zaken/${id}/menselijke-beoordeling`, { method: "POST", headers: form, body: `csrf=${a.csrf}`, redirect: "manual" });
    assert.equal(r.status, 303);
  }
  const d = await decision(a, id);
  assert.ok(d.reviewCase);
  const api = await a.fetch(`${server.url}/api/v1/cases/${id}/automated-decision/review`, { method: "POST", headers: { ...json, "x-csrf-token": a.csrf }, body: "{}" });
  assert.equal(api.status, 201);
  assert.equal((await api.json()).reviewCase, d.reviewCase);
  const page = await (await a.fetch(`${server.url}/mijn-zaken/${id}`, { headers: { accept: "text/html" } })).text();
  assert.match(page, new RegExp(`href="/mijn-zaken/${d.reviewCase}"`));
  // The review case is open, in the worker's organisation, with the explanation attached, and
  // the rules do not decide it.
  const review = await (await worker.fetch(`${server.url}/api/v1/cases/${d.reviewCase}`)).json();
  assert.match(review.description, /menselijke beoordeling/);
  const mine = await (await a.fetch(`${server.url}/api/v1/cases?limit=100`)).json();
  assert.ok(mine.results.some((c) => c.id === d.reviewCase));
  await new Promise((res) => setTimeout(res, 500));
  assert.equal((await worker.fetch(`${server.url}/api/v1/cases/${d.reviewCase}/automated-decision`)).status, 404);
  // The worker judges: a bad value names the field, then overturned.
  const judge = (outcome, who = worker) => who.fetch(`${server.url}/api/v1/cases/${d.reviewCase}/review-outcome`, { method: "POST", headers: { ...json, "x-csrf-token": who.csrf }, body: JSON.stringify({ outcome }) });
  let r = await judge("maybe");
  assert.equal(r.status, 400);
  assert.equal((await r.json()).invalidParams[0].name, "outcome");
  assert.equal((await judge("overturned", a)).status, 404);
  r = await judge("overturned");
  const judged = await r.text();
  assert.equal(r.status, 200, judged);
  assert.equal(JSON.parse(judged).reviewOutcome, "overturned");
  // Judging the original case (no review) is a 404.
  assert.equal((await worker.fetch(`${server.url}/api/v1/cases/${id}/review-outcome`, { method: "POST", headers: { ...json, "x-csrf-token": worker.csrf }, body: JSON.stringify({ outcome: "upheld" }) })).status, 404);

  // The register: public, per organisation, with the counts.
  const reg = await (await fetch(`${server.url}/api/v1/algorithm-register/${ORG1}`)).json();
  const kap = reg.results.find((e) => e.product === "kapvergunning");
  assert.ok(kap.decisions >= 1);
  assert.equal(kap.reviewed, 1);
  assert.equal(kap.overturned, 1);
  assert.ok(kap.data.includes("answers.diameter"));
  assert.equal(kap.since, "2026-01-01");
  assert.equal(kap.automaticRefusal, false);
  const ids = reg.results.map((e) => e.product).sort();
  assert.deepEqual(ids, ["kapvergunning", "sloopmelding", "subsidie-vereniging"]);
  const water = await (await fetch(`${server.url}/api/v1/algorithm-register/${ORG3}`)).json();
  assert.deepEqual(water.results.map((e) => e.product), ["kwijtschelding-waterschapsbelasting"]);
  assert.equal(water.results[0].automaticRefusal, true);
  const html = await (await fetch(`${server.url}/algoritmeregister/${ORG1}`, { headers: { accept: "text/html" } })).text();
  assert.match(html, /Algoritmeregister/);
  assert.match(html, /Kapvergunning/);
  // Reachable: every page's footer links to the index, which links to each organisation's register.
  assert.match(html, /<a [^>]*href="\/algoritmeregister"/);
  const index = await (await fetch(`${server.url}/algoritmeregister`, { headers: { accept: "text/html" } })).text();
  for (const org of [ORG1, ORG3]) assert.match(index, new RegExp(`href="/algoritmeregister/${org}"`));
  assert.equal((await fetch(`${server.url}/api/v1/algorithm-register/not-an-org`)).status, 404);
  assert.equal((await fetch(`${server.url}/api/v1/algorithm-register/5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e99`)).status, 404);
});

test("a water board remission with large savings is refused automatically, where the product allows it", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const id = await submit(a, "kwijtschelding-waterschapsbelasting", { assessment: "123456789", income: 1200, savings: 25000, email: "a@example.nl" });
  const d = await decision(a, id);
  assert.equal(d.outcome, "refuse");
  assert.deepEqual(d.explanation.map((e) => e.rule), ["veel-vermogen"]);
});
