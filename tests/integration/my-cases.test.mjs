// My cases (issue 12): one list of the person's own cases and those of whom they act for
// (mandates), each saying for whom, open first; filtered by organisation and status; paged by
// keyset (GET /api/v1/me/cases?after=, /mijn-zaken?na=), never OFFSET. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";

const json = { "content-type": "application/json" };
let server, products;

before(async () => {
  server = await startServer({ args: ["--demo"] });
  products = (await (await fetch(`${server.url}/api/v1/products`)).json()).results;
});
after(async () => { await server?.stop(); });

async function ask(b, subject) {
  const vraag = products.find((p) => p.id === "vraag");
  const r = await b.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { ...json, "x-csrf-token": b.csrf, "idempotency-key": `my-${Math.random()}` },
    body: JSON.stringify({ caseType: vraag.caseType, description: subject, answers: { subject, question: "Hoe zit dat?", email: "a@voorbeeld.nl" } }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text).id;
}
const list = async (b, query = "") => {
  const r = await b.fetch(`${server.url}/api/v1/me/cases${query}`);
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
};
const page = async (b, path) => (await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } })).text();

test("own cases and those of whom one acts for, in one keyset-paged list, each saying for whom", async () => {
  const parent = await demoPerson(server.url, "resident:999990019");
  const child = await demoPerson(server.url, "resident:999991905");
  const stranger = await demoPerson(server.url, "resident:999993653");
  const own = [];
  for (let i = 0; i < 14; i++) own.push(await ask(parent, `Eigen vraag ${i}`));
  const theirs = [];
  for (let i = 0; i < 9; i++) theirs.push(await ask(child, `Vraag van het kind ${i}`));
  const foreign = await ask(stranger, "Niet van hen");
  // Before a mandate: only their own.
  let first = await list(parent);
  assert.equal(first.status, 200);
  assert.ok(first.body.results.every((c) => c.for.self));
  // The child gives the parent a mandate; the parent's own session (not acting for the child)
  // lists both.
  const m = await child.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { ...json, "x-csrf-token": child.csrf },
    body: JSON.stringify({ representativeBsn: "999990019", validUntil: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10) }),
  });
  assert.equal(m.status, 201);
  first = await list(parent);
  assert.equal(first.body.results.length, 20);
  assert.match(first.body.next, /^\/api\/v1\/me\/cases\?after=[01]~\d{4}-\d{2}-\d{2}~[0-9a-f-]{36}$/);
  assert.equal(first.body.previous, null, "the first page has none before it");
  const second = await list(parent, `?after=${first.body.after}`);
  assert.equal(second.status, 200);
  assert.equal(second.body.next, null);
  // Back from the second page: the same first page, in the same order.
  assert.match(second.body.previous, /^\/api\/v1\/me\/cases\?before=[01]~\d{4}-\d{2}-\d{2}~[0-9a-f-]{36}$/);
  const back = await list(parent, `?before=${second.body.before}`);
  assert.equal(back.status, 200);
  assert.deepEqual(back.body.results.map((c) => c.id), first.body.results.map((c) => c.id));
  assert.equal(back.body.previous, null);
  assert.equal(back.body.after, first.body.after, "and its next page is the second again");
  // A cursor for both directions at once, or a bad one, is named.
  let both = await list(parent, `?after=${first.body.after}&before=${second.body.before}`);
  assert.equal(both.status, 400);
  assert.equal(both.body.invalidParams[0].name, "before");
  both = await list(parent, "?before=0~2026-01-01~nope");
  assert.equal(both.status, 400);
  assert.equal(both.body.invalidParams[0].name, "before");
  const all = [...first.body.results, ...second.body.results];
  const ids = all.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, "no case on two pages");
  assert.deepEqual(new Set(ids), new Set([...own, ...theirs]));
  assert.ok(!ids.includes(foreign));
  for (const c of all) {
    if (own.includes(c.id)) assert.deepEqual(c.for, { self: true, kind: "resident", number: null });
    else {
      assert.equal(c.for.self, false);
      assert.equal(c.for.kind, "resident");
      assert.doesNotMatch(c.for.number, /999991905/); // masked
    }
  }
  // The stranger sees none of them; the child only their own.
  assert.deepEqual((await list(child)).body.results.map((c) => c.id).sort(), [...theirs].sort());
  // Filters: status (all open now) and organisation.
  assert.equal((await list(parent, "?status=closed")).body.results.length, 0);
  const org = all[0].organisation.id;
  assert.equal((await list(parent, `?organisation=${org}&status=open`)).body.results.length, 20);
  // A bad cursor or filter: 400 naming the parameter.
  const bad = await list(parent, "?after=1~x~y");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.invalidParams[0].name, "after");
  assert.equal((await list(parent, "?status=soms")).status, 400);

  // The page: "for whom" on the child's cases, a next page carrying the last row, back to the first.
  const html = await page(parent, "/mijn-zaken");
  assert.match(html, /namens wie u optreedt/);
  const next = html.match(/href="(\/mijn-zaken\?na=[^"]+)" rel="next"/);
  assert.ok(next, "a next page link");
  assert.doesNotMatch(html, /rel="prev"/);
  const html2 = await page(parent, next[1].replaceAll("&amp;", "&"));
  assert.match(html2, /Naar de eerste pagina/);
  assert.doesNotMatch(html2, /rel="next"/);
  // The page before, from the second page: the first page again, with its next link.
  const prev = html2.match(/href="(\/mijn-zaken\?voor=[^"]+)" rel="prev"/);
  assert.ok(prev, "a previous page link");
  const html1 = await page(parent, prev[1].replaceAll("&amp;", "&"));
  const idsOf = (h) => [...h.matchAll(/href="\/mijn-zaken\/([0-9a-f-]{36})"/g)].map((x) => x[1]);
  assert.deepEqual(idsOf(html1), idsOf(html));
  assert.match(html1, /rel="next"/);
  assert.doesNotMatch(html1, /rel="prev"/);
  const onPage = (h) => [...h.matchAll(/href="\/mijn-zaken\/([0-9a-f-]{36})"/g)].map((x) => x[1]);
  assert.equal(onPage(html).length + onPage(html2).length, own.length + theirs.length);
  assert.equal(new Set([...onPage(html), ...onPage(html2)]).size, own.length + theirs.length);
});
