// Applying through the JSON door (POST /api/v1/cases): a logged-in resident, business or
// representative submits an application for a published case type with an Idempotency-Key;
// the case, its initiator and first status exist at once, the ZGW API sees the same case, and
// a retry with the same key returns it instead of making a second one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { actFor, demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const RSIN1 = "002220647";
const RSIN2 = "002214350";
const ANNA = "999993653";
const CHRIS = "999991905";
const SHOP = "12345678";

let server;
let type1;
let type2;
let concept;

const person = (subject) => demoPerson(server.url, subject);

let keys = 0;
const newKey = () => `key-${process.pid}-${++keys}`;

async function submit(b, body, { key = newKey(), csrf = b.csrf, raw } = {}) {
  const headers = { "content-type": "application/json" };
  if (csrf) headers["x-csrf-token"] = csrf;
  if (key !== null) headers["idempotency-key"] = key;
  const r = await b.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers, body: raw ?? JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined, key };
}

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  type1 = await publishedZaaktype(server, { rsin: RSIN1 });
  type2 = await publishedZaaktype(server, { rsin: RSIN2, omschrijving: "Parkeervergunning aanvragen" });
  concept = await publishedZaaktype(server, { rsin: RSIN1, omschrijving: "Nog niet klaar", publish: false });
});
after(async () => { await server?.stop(); });

test("a resident applies: 201, Location, a human reference, the first status and a deadline", async () => {
  const anna = await person(`resident:${ANNA}`);
  const r = await submit(anna, { caseType: type1.uuid, description: "Een eik kappen", answers: { boom: "eik", hoogte: 12 } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.headers.get("location"), `/api/v1/cases/${r.json.id}`);
  assert.match(r.json.reference, /^UTR-\d{4}-\d{6}$/);
  assert.match(r.json.identification, /^ZAAK-\d{4}-\d{10}$/);
  assert.equal(r.json.title, "Kapvergunning aanvragen");
  assert.equal(r.json.description, "Een eik kappen");
  assert.equal(r.json.organisation.id, ORG1);
  assert.equal(r.json.status.name, "Ontvangen");
  assert.equal(r.json.closed, false);
  const today = new Date().toISOString().slice(0, 10);
  const due = new Date(Date.now() + 56 * 86400e3).toISOString().slice(0, 10);
  assert.equal(r.json.startDate, today);
  assert.equal(r.json.deadline, due, "the case type's doorlooptijd P56D");
  assert.ok(!JSON.stringify(r.json).includes(ANNA));

  const list = await (await anna.fetch(`${server.url}/api/v1/cases`)).json();
  assert.ok(list.results.some((c) => c.id === r.json.id), "in the resident's list");
  // The answer is made from the case as submitted, not read back: it must be what a read shows,
  // also for a description longer than a zaak's omschrijving (80 bytes, cut at a character).
  const long = await submit(anna, { caseType: type1.uuid, description: `Drie eiken en één beuk ${"é".repeat(60)} langs de weg` });
  assert.equal(long.status, 201, JSON.stringify(long.json));
  for (const made of [r, long]) {
    const read = await anna.fetch(`${server.url}/api/v1/cases/${made.json.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(made.json, await read.json());
  }

  // The ZGW API sees the same case, its initiator with the BSN and its status.
  const zaak = await type1.api(`${ZAKEN}/zaken/${r.json.id}`);
  assert.equal(zaak.status, 200, zaak.text);
  assert.equal(zaak.json.identificatie, r.json.identification);
  assert.equal(zaak.json.bronorganisatie, RSIN1);
  assert.equal(zaak.json.uiterlijkeEinddatumAfdoening, due);
  assert.ok(zaak.json.status, "the first status is the current one");
  const rollen = await type1.api(`${ZAKEN}/rollen?zaak=${encodeURIComponent(zaak.json.url)}`);
  assert.equal(rollen.status, 200, rollen.text);
  assert.equal(rollen.json.count, 1);
  assert.equal(rollen.json.results[0].omschrijvingGeneriek, "initiator");
  assert.equal(rollen.json.results[0].betrokkeneIdentificatie.inpBsn, ANNA);
  const byBsn = await type1.api(`${ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${ANNA}`);
  assert.ok(byBsn.json.results.some((z) => z.uuid === r.json.id), "found by the BSN's blind index");
  const status = await type1.api(zaak.json.status);
  assert.equal(status.json.statustype, type1.statustypen[0]);
});

// The Zaken API shows a submitted zaak's creation in its audit trail, as it shows one a ZGW
// client created: one record, written with the case (a replay adds none).
test("a submitted case has its zaak create record in the audit trail, like a zaak created through ZGW", async () => {
  const anna = await person(`resident:${ANNA}`);
  const r = await submit(anna, { caseType: type1.uuid, description: "Een beuk kappen", answers: { boom: "beuk" } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const zaakUrl = `${server.url}${ZAKEN}/zaken/${r.json.id}`;
  const trail = await type1.api(`${ZAKEN}/zaken/${r.json.id}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  assert.equal(trail.json.length, 1, JSON.stringify(trail.json));
  const [record] = trail.json;
  assert.equal(record.bron, "ZRC");
  assert.equal(record.resource, "zaak");
  assert.equal(record.actie, "create");
  assert.equal(record.resultaat, 201);
  assert.equal(record.hoofdObject, zaakUrl);
  assert.equal(record.resourceUrl, zaakUrl);
  assert.equal(record.applicatieId, "loket-portaal", "the portal's door, as its other changes");
  assert.equal(record.gebruikersWeergave, "Inwoner");
  assert.equal(record.wijzigingen.oud, null);
  assert.equal(record.wijzigingen.nieuw.uuid, r.json.id);
  assert.equal(record.wijzigingen.nieuw.identificatie, r.json.identification);
  assert.equal(record.wijzigingen.nieuw.zaaktype, type1.zaaktype);
  assert.equal(record.wijzigingen.nieuw.rollen.length, 1, "the initiator is listed");
  assert.ok(!JSON.stringify(record).includes(ANNA), "no personal number in the record");
  const one = await type1.api(`${ZAKEN}/zaken/${r.json.id}/audittrail/${record.uuid}`);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.json, record);

  // A replay is no change: no second record.
  const again = await submit(anna, { caseType: type1.uuid, description: "Een beuk kappen", answers: { boom: "beuk" } }, { key: r.key });
  assert.equal(again.status, 200);
  assert.equal((await type1.api(`${ZAKEN}/zaken/${r.json.id}/audittrail`)).json.length, 1);

  // The same fields as the Zaken API's own zaak create record.
  const viaZgw = await registerCase(type1, { bsn: CHRIS });
  const zgwTrail = await type1.api(`${viaZgw.url}/audittrail`);
  const created = zgwTrail.json.find((x) => x.resource === "zaak" && x.actie === "create");
  assert.ok(created, JSON.stringify(zgwTrail.json));
  assert.deepEqual(Object.keys(record).sort(), Object.keys(created).sort());
  assert.equal(record.actieWeergave, created.actieWeergave);
});

test("the same key and body return the same case with Idempotent-Replayed; another body is 409", async () => {
  const anna = await person(`resident:${ANNA}`);
  const body = { caseType: type1.uuid, description: "Twee bomen", answers: { a: 1, b: { c: [1, 2] } } };
  const first = await submit(anna, body);
  assert.equal(first.status, 201);
  // The same answers in another key order are the same request.
  const again = await submit(anna, { answers: { b: { c: [1, 2] }, a: 1 }, description: "Twee bomen", caseType: type1.uuid }, { key: first.key });
  assert.equal(again.status, 200);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(again.json, first.json);
  const other = await submit(anna, { ...body, description: "Drie bomen" }, { key: first.key });
  assert.equal(other.status, 409);
  assert.match(other.headers.get("content-type"), /application\/problem\+json/);
  // Another person's key space is their own.
  const chris = await person(`resident:${CHRIS}`);
  const theirs = await submit(chris, body, { key: first.key });
  assert.equal(theirs.status, 201);
  assert.notEqual(theirs.json.id, first.json.id);
  const list = await (await anna.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
  assert.equal(list.results.filter((c) => c.id === first.json.id).length, 1);
});

test("Idempotency-Key is required: 1 to 200 visible ASCII characters", async () => {
  const anna = await person(`resident:${ANNA}`);
  const body = { caseType: type1.uuid };
  for (const key of [null, "", "x".repeat(201), "met spatie"]) {
    const r = await submit(anna, body, { key });
    assert.equal(r.status, 400, `key ${JSON.stringify(key)}`);
    assert.equal(r.json.invalidParams[0].name, "Idempotency-Key");
  }
  assert.equal((await submit(anna, body, { key: "k".repeat(200) })).status, 201);
});

test("each field is checked and named", async () => {
  const anna = await person(`resident:${ANNA}`);
  const cases = [
    [{}, "caseType"],
    [{ caseType: "not-a-uuid" }, "caseType"],
    [{ caseType: 12 }, "caseType"],
    [{ caseType: type1.uuid, description: 5 }, "description"],
    [{ caseType: type1.uuid, description: "x".repeat(1001) }, "description"],
    [{ caseType: type1.uuid, answers: [] }, "answers"],
    [{ caseType: type1.uuid, answers: { big: "x".repeat(70000) } }, "answers"],
    [{ caseType: type1.uuid, applicant: { bsn: CHRIS } }, "applicant"],
    [{ caseType: "00000000-0000-4000-8000-000000000000" }, "caseType"],
    [{ caseType: concept.uuid }, "caseType"],
  ];
  for (const [body, field] of cases) {
    const r = await submit(anna, body);
    assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.json)}`);
    assert.ok(r.json.invalidParams.some((p) => p.name === field), `${field} named`);
  }
  assert.equal((await submit(anna, { caseType: type1.uuid, description: "é".repeat(1000) })).status, 201,
    "1000 characters (2000 bytes) is fine");
  const notJson = await submit(anna, undefined, { raw: "{" });
  assert.equal(notJson.status, 400);
});

test("a case type of another organisation is fine; the case belongs to that organisation", async () => {
  const anna = await person(`resident:${ANNA}`);
  const r = await submit(anna, { caseType: type2.uuid });
  assert.equal(r.status, 201);
  assert.equal(r.json.title, "Parkeervergunning aanvragen");
  assert.match(r.json.reference, /^PUT-\d{4}-\d{6}$/, "the province's prefix");
});

test("a business applies by its KvK number; staff and anonymous callers may not", async () => {
  const shop = await person(`business:${SHOP}`);
  const r = await submit(shop, { caseType: type1.uuid, description: "Een terras" });
  assert.equal(r.status, 201);
  const zaak = await type1.api(`${ZAKEN}/rollen?zaak=${encodeURIComponent(`${server.url}${ZAKEN}/zaken/${r.json.id}`)}`);
  assert.equal(zaak.json.results[0].betrokkeneIdentificatie.kvkNummer, SHOP);
  assert.equal(zaak.json.results[0].betrokkeneType, "vestiging");

  const worker = await staffBrowser(server, { email: "submit-worker@org1.example", organisation: ORG1, role: "case-worker" });
  assert.equal((await submit(worker, { caseType: type1.uuid })).status, 403);
  const anon = await fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { "content-type": "application/json", "idempotency-key": "k" }, body: JSON.stringify({ caseType: type1.uuid }),
  });
  assert.equal(anon.status, 401);
});

test("without the CSRF token a submission is refused", async () => {
  const anna = await person(`resident:${ANNA}`);
  const r = await submit(anna, { caseType: type1.uuid }, { csrf: null });
  assert.equal(r.status, 403);
});

test("a representative applies for the person they act for, who becomes the initiator", async () => {
  const anna = await person(`resident:${ANNA}`);
  const chris = await person(`resident:${CHRIS}`);
  await actFor(server.url, anna, chris, CHRIS);
  const r = await submit(chris, { caseType: type1.uuid, description: "Voor mijn moeder" });
  assert.equal(r.status, 201);
  const rollen = await type1.api(`${ZAKEN}/rollen?zaak=${encodeURIComponent(`${server.url}${ZAKEN}/zaken/${r.json.id}`)}`);
  const initiator = rollen.json.results.find((x) => x.omschrijvingGeneriek === "initiator");
  assert.equal(initiator.betrokkeneIdentificatie.inpBsn, ANNA, "the represented person is the initiator");
  const rep = rollen.json.results.find((x) => x.indicatieMachtiging === "gemachtigde");
  assert.equal(rep.betrokkeneIdentificatie.inpBsn, CHRIS);
  const annaList = await (await anna.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
  assert.ok(annaList.results.some((c) => c.id === r.json.id), "Anna sees the case made for her");
});

test("staff see submitted cases in their work queue, sorted by deadline, one page after another", async () => {
  const worker = await staffBrowser(server, { email: "queue-worker@org1.example", organisation: ORG1, role: "case-worker" });
  const anna = await person(`resident:${ANNA}`);
  for (let i = 0; i < 3; i++) assert.equal((await submit(anna, { caseType: type1.uuid, description: `Wachtrij ${i}` })).status, 201);
  const seen = [];
  let next = "/api/v1/cases?sort=deadline&status=open&pageSize=2";
  while (next) {
    const r = await worker.fetch(`${server.url}${next}`);
    assert.equal(r.status, 200);
    const page = await r.json();
    assert.ok(page.results.length <= 2);
    assert.equal(page.countIsCapped, false);
    seen.push(...page.results);
    next = page.next;
  }
  assert.equal(new Set(seen.map((c) => c.id)).size, seen.length, "no case twice");
  const deadlines = seen.map((c) => c.deadline ?? "9999-12-31");
  assert.deepEqual(deadlines, [...deadlines].sort(), "sorted by deadline");
  assert.ok(seen.every((c) => c.organisation?.id === ORG1), "their own organisation's only");
  const bad = await worker.fetch(`${server.url}/api/v1/cases?sort=deadline&cursor=nonsense`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).invalidParams[0].name, "cursor");
  const overdue = await (await worker.fetch(`${server.url}/api/v1/cases?overdue=true`)).json();
  assert.equal(overdue.count, 0);
});

// Concurrent submits share a commit (group commit, on SQLite and PostgreSQL): the same key sent
// twice at once, as a double click or a retry racing the first request does, lands in one group
// or in two; either way it is one case that both requests get, and another body is 409.
test("the same key sent twice at once: one case that both get; with another body one 409", async () => {
  const anna = await person(`resident:${ANNA}`);
  const { results: before } = await (await anna.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
  const pairs = 8;
  const same = await Promise.all(Array.from({ length: pairs }, (_, i) => {
    const key = newKey();
    const body = { caseType: type1.uuid, description: `Tegelijk ${i}` };
    return Promise.all([submit(anna, body, { key }), submit(anna, body, { key })]);
  }));
  for (const [a, b] of same) {
    assert.deepEqual([a.status, b.status].sort(), [200, 201], JSON.stringify([a.json, b.json]));
    assert.equal(a.json.id, b.json.id, "both get the one case");
    assert.equal((a.status === 200 ? a : b).headers.get("idempotent-replayed"), "true");
  }
  const other = await Promise.all(Array.from({ length: pairs }, (_, i) => {
    const key = newKey();
    return Promise.all([
      submit(anna, { caseType: type1.uuid, description: `Een ${i}` }, { key }),
      submit(anna, { caseType: type1.uuid, description: `Ander ${i}` }, { key }),
    ]);
  }));
  for (const [a, b] of other) {
    assert.deepEqual([a.status, b.status].sort(), [201, 409], JSON.stringify([a.json, b.json]));
  }
  const { results: after } = await (await anna.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
  const made = after.filter((c) => !before.some((x) => x.id === c.id));
  assert.equal(made.length, 2 * pairs, "one case per key");
  const ids = new Set([...same.map(([a]) => a.json.id), ...other.map(([a, b]) => (a.status === 201 ? a : b).json.id)]);
  assert.deepEqual(new Set(made.map((c) => c.id)), ids);
});
