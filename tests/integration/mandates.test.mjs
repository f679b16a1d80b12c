// Mandates: a parent lets a child act for them; staff register mandates given at the counter.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN1 = "002220647"; // from ORG1's OIN
const RSIN2 = "002214350";
const PARENT = "999990019";
const CHILD = "999993653";
const STRANGER = "999991905";
let server;

before(async () => { server = await startZgwServer({ args: ["--demo"] }); });
after(async () => { await server?.stop(); });

function inAYear() {
  return new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
}

const person = (subject) => demoPerson(server.url, subject);

function send(b, method, url, body, { csrf = true } = {}) {
  return b.fetch(`${server.url}${url}`, {
    method,
    headers: { "content-type": "application/json", ...(csrf ? { "x-csrf-token": b.csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function problemNames(r) {
  return (await r.json()).invalidParams.map((p) => p.name);
}

test("a parent gives a child a mandate; the child acts for the parent until it is ended", async () => {
  const parent = await person(`resident:${PARENT}`);
  const child = await person(`resident:${CHILD}`);
  const stranger = await person(`resident:${STRANGER}`);

  assert.equal((await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: inAYear() },
    { csrf: false })).status, 403, "no CSRF token, no mandate");

  const r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: inAYear() });
  assert.equal(r.status, 201);
  const m = await r.json();
  assert.equal(m.representative.bsnMasked, "*****3653");
  assert.equal(m.active, true);
  assert.ok(!JSON.stringify(m).includes(CHILD) && !JSON.stringify(m).includes(PARENT));

  const given = await (await parent.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.deepEqual(given.given.map((x) => x.id), [m.id]);
  const received = await (await child.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.deepEqual(received.received.map((x) => x.id), [m.id]);
  assert.deepEqual((await (await stranger.fetch(`${server.url}/api/v1/me/mandates`)).json()).received, []);

  assert.equal((await send(stranger, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 404);
  assert.equal((await send(parent, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 403);
  assert.equal((await send(child, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 200);
  const me = await (await child.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.bsnMasked, "*****3653");
  assert.equal(me.actingFor.mandateId, m.id);
  assert.equal(me.actingFor.bsnMasked, "*****0019");

  assert.equal((await send(stranger, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 404);
  assert.equal((await send(parent, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 204);
  assert.equal((await send(parent, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 409);
  const after = await (await child.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(after.actingFor, undefined, "a revoked mandate ends acting at once");

  const log = await (await parent.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  const names = log.results.map((e) => e.name);
  assert.ok(names.includes("grant-mandate") && names.includes("revoke-mandate"), names.join());
  assert.ok(log.results.every((e) => e.activity !== undefined));
});

test("bad mandates are refused, naming the field", async () => {
  const parent = await person(`resident:${PARENT}`);
  let r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: "123456789", validUntil: inAYear() });
  assert.equal(r.status, 400);
  assert.deepEqual(await problemNames(r), ["representativeBsn"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: "2020-01-01" });
  assert.deepEqual(await problemNames(r), ["validUntil"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: "2027-02-30" });
  assert.deepEqual(await problemNames(r), ["validUntil"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: PARENT, validUntil: inAYear() });
  assert.deepEqual(await problemNames(r), ["representativeBsn"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", {});
  assert.deepEqual((await problemNames(r)).sort(), ["representativeBsn", "validUntil"]);
  const garbage = await parent.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { "content-type": "application/json", "x-csrf-token": parent.csrf }, body: "{nope",
  });
  assert.equal(garbage.status, 400);
  const untyped = await parent.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { "x-csrf-token": parent.csrf }, body: JSON.stringify({ representativeBsn: CHILD, validUntil: inAYear() }),
  });
  assert.equal(untyped.status, 415, "a body without Content-Type: application/json is refused");
  const mine = await (await parent.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.ok(mine.given.every((m) => m.revoked), "no half-written mandate from the refusals");
});

test("case workers register mandates for residents and businesses; contractors and residents cannot", async () => {
  const worker = await staffBrowser(server, { email: "counter@org1.example", organisation: ORG1, role: "case-worker" });
  const contractor = await staffBrowser(server, { email: "roads@org1.example", organisation: ORG1, role: "contractor" });
  const resident = await person(`resident:${STRANGER}`);
  const body = { subjectKvk: "12345678", representativeBsn: STRANGER, validUntil: inAYear() };
  assert.equal((await send(contractor, "POST", "/api/v1/mandates", body)).status, 403);
  assert.equal((await send(resident, "POST", "/api/v1/mandates", body)).status, 403);
  const r = await send(worker, "POST", "/api/v1/mandates", body);
  assert.equal(r.status, 201);
  const m = await r.json();
  assert.equal(m.grantedBy, "staff");
  assert.deepEqual(m.represented, { kind: "business", kvk: "12345678" });
  const bad = await send(worker, "POST", "/api/v1/mandates", { subjectBsn: "1", representativeBsn: STRANGER, validUntil: inAYear() });
  assert.deepEqual(await problemNames(bad), ["subjectBsn"]);

  // The representative now acts for the business.
  assert.equal((await send(resident, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 200);
  const me = await (await resident.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.actingFor.kvk, "12345678");
  assert.equal((await send(resident, "DELETE", "/api/v1/me/acting-for")).status, 204);
  assert.equal((await (await resident.fetch(`${server.url}/api/v1/me`)).json()).actingFor, undefined);
  // The business sees the registration in its processing log.
  const business = await person("business:12345678");
  const log = await (await business.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  const entry = log.results.find((e) => e.name === "register-mandate");
  assert.ok(entry);
  assert.equal(entry.actorKind, "staff");
  assert.equal(entry.actorRole, "case-worker");
  assert.equal(entry.actingForSelf, false);
});

// A zaak of `type` (publishedZaaktype) with the resident `bsn` as initiator, at a confidentiality.
async function caseFor(type, bsn, vertrouwelijkheidaanduiding) {
  const zaak = await type.api(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: type.rsin, verantwoordelijkeOrganisatie: type.rsin, zaaktype: type.zaaktype,
      startdatum: new Date().toISOString().slice(0, 10), vertrouwelijkheidaanduiding, omschrijving: vertrouwelijkheidaanduiding },
  });
  assert.equal(zaak.status, 201, zaak.text);
  const rol = await type.api(`${ZAKEN}/rollen`, {
    method: "POST",
    body: { zaak: zaak.json.url, betrokkeneType: "natuurlijk_persoon", roltype: type.roltype,
      roltoelichting: "Aanvrager", betrokkeneIdentificatie: { inpBsn: bsn } },
  });
  assert.equal(rol.status, 201, rol.text);
  return zaak.json;
}

// Issue 8, F4: a province case worker registered a mandate for a municipality's resident, and
// the representative then read that resident's geheim municipal case.
test("a paper mandate holds only for the registering staff member's organisation, up to their level", async () => {
  const municipal = await publishedZaaktype(server, { rsin: RSIN1 });
  const provincial = await publishedZaaktype(server, { rsin: RSIN2, omschrijving: "Ontheffing aanvragen" });
  const cases = {
    org1: await caseFor(municipal, PARENT, "zaakvertrouwelijk"),
    org1Secret: await caseFor(municipal, PARENT, "geheim"),
    org2: await caseFor(provincial, PARENT, "confidentieel"),
    org2Secret: await caseFor(provincial, PARENT, "geheim"),
  };
  const province = await staffBrowser(server, { email: "counter@org2.example", organisation: ORG2, role: "case-worker" });
  const municipality = await staffBrowser(server, { email: "desk@org1.example", organisation: ORG1, role: "administrator" });
  const parent = await person(`resident:${PARENT}`);
  const child = await person(`resident:${CHILD}`);
  const body = { subjectBsn: PARENT, representativeBsn: CHILD, validUntil: inAYear() };
  const ids = (...names) => names.map((n) => cases[n].uuid).sort();

  // What the representative sees while acting under the mandate: the list, and each case read.
  async function seen(mandateId) {
    assert.equal((await send(child, "PUT", "/api/v1/me/acting-for", { mandateId })).status, 200);
    const list = await (await child.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
    const read = {};
    for (const [name, zaak] of Object.entries(cases)) {
      read[name] = (await child.fetch(`${server.url}/api/v1/cases/${zaak.uuid}`)).status;
    }
    return { list: list.results.map((c) => c.id).sort(), count: list.count, read };
  }

  // The province's paper mandate: the province's cases up to confidentieel, none of the municipality's.
  let r = await send(province, "POST", "/api/v1/mandates", body);
  assert.equal(r.status, 201);
  const byProvince = await r.json();
  assert.equal(byProvince.organisation, ORG2);
  assert.equal(byProvince.maxConfidentiality, "confidentieel");
  assert.deepEqual(await seen(byProvince.id),
    { list: ids("org2"), count: 1, read: { org1: 404, org1Secret: 404, org2: 200, org2Secret: 404 } });
  assert.equal((await (await child.fetch(`${server.url}/api/v1/me`)).json()).actingFor.organisation, ORG2);

  // The municipality's: its own cases, the same way.
  r = await send(municipality, "POST", "/api/v1/mandates", body);
  assert.equal(r.status, 201);
  const byMunicipality = await r.json();
  assert.equal(byMunicipality.organisation, ORG1);
  assert.deepEqual(await seen(byMunicipality.id),
    { list: ids("org1"), count: 1, read: { org1: 200, org1Secret: 404, org2: 404, org2Secret: 404 } });

  // A mandate the parent gives themselves holds for each of their cases, as they see them.
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: inAYear() });
  assert.equal(r.status, 201);
  const own = await r.json();
  assert.equal(own.organisation, null);
  assert.equal(own.maxConfidentiality, null);
  const all = ids("org1", "org1Secret", "org2", "org2Secret");
  assert.deepEqual(await seen(own.id),
    { list: all, count: 4, read: { org1: 200, org1Secret: 200, org2: 200, org2Secret: 200 } });
  const parentList = await (await parent.fetch(`${server.url}/api/v1/cases?pageSize=100`)).json();
  assert.deepEqual(parentList.results.map((c) => c.id).sort(), all);
  assert.equal((await send(child, "DELETE", "/api/v1/me/acting-for")).status, 204);
});

test("staff register mandates only for their own organisation, and say which when they have several", async () => {
  const worker = await staffBrowser(server, { email: "two.hats@org2.example", organisation: ORG2, role: "case-worker" });
  const body = { subjectBsn: PARENT, representativeBsn: CHILD, validUntil: inAYear() };
  const count = async () => Number((await server.database.query("SELECT COUNT(*) FROM mandates")).trim());
  const stored = await count();
  let r = await send(worker, "POST", "/api/v1/mandates", { ...body, organisation: ORG1 });
  assert.equal(r.status, 400);
  assert.deepEqual(await problemNames(r), ["organisation"]);
  // A case worker of two organisations names the one the mandate is registered for.
  const id = (await server.database.query("SELECT id FROM staff_accounts WHERE email = 'two.hats@org2.example'")).trim();
  await server.database.query(
    `INSERT INTO staff_roles (account_id, organisation_id, role) VALUES ('${id}', '${ORG1}', 'case-worker')`);
  r = await send(worker, "POST", "/api/v1/mandates", body);
  assert.equal(r.status, 400);
  assert.deepEqual(await problemNames(r), ["organisation"]);
  assert.equal(await count(), stored, "nothing stored from a refusal");
  r = await send(worker, "POST", "/api/v1/mandates", { ...body, organisation: ORG1 });
  assert.equal(r.status, 201);
  assert.equal((await r.json()).organisation, ORG1);
  // The registration is logged with the organisation it was registered for.
  const log = await (await (await person(`resident:${PARENT}`)).fetch(`${server.url}/api/v1/me/processing-log`)).json();
  assert.equal(log.results.find((e) => e.name === "register-mandate").actorOrganisation, ORG1);
});
