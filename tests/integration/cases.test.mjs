// The portal's view of the case registry (/api/v1/cases): a resident sees their own cases and
// those of whom they act for; staff see only their own organisation's; every staff view of a
// case lands in the data tracker of the people in it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { actFor, demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN1 = "002220647"; // from ORG1's OIN
const RSIN2 = "002214350";
const ANNA = "999993653";
const BRAM = "999990019";
const CHRIS = "999991905";

let server;
let annaCase;
let bramCase;
let shopCase;
const SHOP = "12345678"; // the demo business's KvK number

const person = (subject) => demoPerson(server.url, subject);

const get = async (b, path) => {
  const r = await b.fetch(`${server.url}${path}`);
  return { status: r.status, headers: r.headers, json: r.status === 204 ? undefined : await r.json() };
};

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  const type1 = await publishedZaaktype(server, { rsin: RSIN1 });
  const type2 = await publishedZaaktype(server, { rsin: RSIN2, omschrijving: "Parkeervergunning aanvragen" });
  annaCase = await registerCase(type1, { bsn: ANNA });
  bramCase = await registerCase(type2, { bsn: BRAM });
  shopCase = await registerCase(type1, { kvk: SHOP, omschrijving: "Een terras aanvragen" });
});
after(async () => { await server?.stop(); });

test("without a session the cases are 401 problem+json", async () => {
  for (const path of ["/api/v1/cases", `/api/v1/cases/${annaCase.uuid}`]) {
    const r = await fetch(`${server.url}${path}`);
    assert.equal(r.status, 401);
    assert.match(r.headers.get("content-type"), /application\/problem\+json/);
  }
});

test("a resident sees their own cases with type, organisation and status, and no one else's", async () => {
  const anna = await person(`resident:${ANNA}`);
  const list = await get(anna, "/api/v1/cases");
  assert.equal(list.status, 200);
  assert.equal(list.headers.get("cache-control"), "no-store");
  assert.equal(list.json.count, 1);
  assert.equal(list.json.countIsCapped, false);
  const [c] = list.json.results;
  assert.equal(c.id, annaCase.uuid);
  assert.equal(c.reference, annaCase.identificatie);
  assert.equal(c.title, "Kapvergunning aanvragen");
  assert.equal(c.description, "Een boom kappen in de tuin");
  assert.equal(c.organisation.id, ORG1);
  assert.equal(c.status.name, "Ontvangen");
  assert.equal(c.status.text, "Uw aanvraag is ontvangen.");
  assert.equal(c.closed, false);
  assert.match(c.deadline, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!JSON.stringify(list.json).includes(ANNA), "no BSN in the answer");

  assert.equal((await get(anna, `/api/v1/cases/${annaCase.uuid}`)).json.id, annaCase.uuid);
  assert.equal((await get(anna, `/api/v1/cases/${bramCase.uuid}`)).status, 404, "someone else's case is not found");
  assert.equal((await get(anna, "/api/v1/cases/not-a-uuid")).status, 404);

  const chris = await person(`resident:${CHRIS}`);
  assert.equal((await get(chris, "/api/v1/cases")).json.count, 0);
});

test("a business sees the cases where it is the vestiging in a role, by its KvK number", async () => {
  const shop = await person(`business:${SHOP}`);
  const list = await get(shop, "/api/v1/cases");
  assert.deepEqual(list.json.results.map((c) => c.id), [shopCase.uuid]);
  assert.equal((await get(shop, `/api/v1/cases/${shopCase.uuid}`)).status, 200);
  assert.equal((await get(shop, `/api/v1/cases/${annaCase.uuid}`)).status, 404);
  const anna = await person(`resident:${ANNA}`);
  assert.equal((await get(anna, `/api/v1/cases/${shopCase.uuid}`)).status, 404);
});

test("bad paging names the parameter", async () => {
  const anna = await person(`resident:${ANNA}`);
  const r = await get(anna, "/api/v1/cases?pageSize=0");
  assert.equal(r.status, 400);
  assert.equal(r.json.invalidParams[0].name, "pageSize");
});

test("someone acting for a resident sees that resident's cases, not their own", async () => {
  const anna = await person(`resident:${ANNA}`);
  const chris = await person(`resident:${CHRIS}`);
  await actFor(server.url, anna, chris, CHRIS);
  const list = await get(chris, "/api/v1/cases");
  assert.deepEqual(list.json.results.map((c) => c.id), [annaCase.uuid]);
});

test("staff see their own organisation's cases only, and each view is in the resident's tracker", async () => {
  const worker = await staffBrowser(server, { email: "worker@org1.example", organisation: ORG1, role: "case-worker" });
  const other = await staffBrowser(server, { email: "worker@org2.example", organisation: ORG2, role: "case-worker" });
  const contractor = await staffBrowser(server, { email: "contractor@org1.example", organisation: ORG1, role: "contractor" });

  const mine = await get(worker, "/api/v1/cases");
  assert.deepEqual(mine.json.results.map((c) => c.id).sort(), [annaCase.uuid, shopCase.uuid].sort());
  assert.equal((await get(worker, `/api/v1/cases/${bramCase.uuid}`)).status, 404);
  assert.equal((await get(other, `/api/v1/cases/${annaCase.uuid}`)).status, 404);
  assert.deepEqual((await get(other, "/api/v1/cases")).json.results.map((c) => c.id), [bramCase.uuid]);
  assert.equal((await get(contractor, `/api/v1/cases/${annaCase.uuid}`)).status, 404, "contractors see only assigned work");

  assert.equal((await get(worker, `/api/v1/cases/${annaCase.uuid}`)).status, 200);
  const anna = await person(`resident:${ANNA}`);
  const log = (await get(anna, "/api/v1/me/processing-log?pageSize=100")).json.results;
  const views = log.filter((e) => e.name === "zaak inzien");
  assert.equal(views.length, 1, "one view, one record");
  assert.equal(views[0].actorOrganisation, ORG1);
  assert.equal(views[0].actorRole, "case-worker");
  assert.equal(views[0].actorKind, "staff");
  const bram = await person(`resident:${BRAM}`);
  const bramLog = (await get(bram, "/api/v1/me/processing-log?pageSize=100")).json.results;
  assert.equal(bramLog.filter((e) => e.name === "zaak inzien").length, 0, "failed looks are not views");
});

test("a person's data export holds their own cases, with their roles as the registry keeps them", async () => {
  const anna = await person(`resident:${ANNA}`);
  const mine = await get(anna, "/api/v1/me/export");
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.json.cases.map((c) => c.case.id), [annaCase.uuid]);
  const [entry] = mine.json.cases;
  assert.equal(entry.zaak.uuid, annaCase.uuid);
  assert.equal(entry.zaak.identificatie, annaCase.identificatie);
  assert.deepEqual(entry.rollen.map((r) => r.betrokkeneIdentificatie.inpBsn), [ANNA]);
  const shop = await person(`business:${SHOP}`);
  const theirs = (await get(shop, "/api/v1/me/export")).json;
  assert.deepEqual(theirs.cases.map((c) => c.zaak.uuid), [shopCase.uuid]);
  assert.equal(theirs.cases[0].rollen[0].betrokkeneIdentificatie.kvkNummer, SHOP);
  const chris = await person(`resident:${CHRIS}`);
  assert.deepEqual((await get(chris, "/api/v1/me/export")).json.cases, [], "someone else's cases are not in my export");
});
