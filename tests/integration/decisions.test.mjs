// Decisions through the staff JSON door and the resident's view (issue 11 decisions, issue 13
// four-eyes): a case worker decides on a case; on a four-eyes product the decision is a draft
// until a different staff member with the approver role of the case's organisation approves
// it; the resident (and every ZGW client) sees it only then, with its objection window (six
// weeks from the day after it was made known, Awb 6:7/6:8). The refusals: unknown, unpublished
// and foreign decision types, bad fields, the same person or a non-approver approving, staff of
// another organisation, residents on the staff door.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { registerCase } from "./lib/zgw-cases.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN = "002220647"; // ORG1's
const BESLUITEN = "/zgw/besluiten/api/v1";
const json = { "content-type": "application/json" };

let server, admin, type, bt, btConcept, btOther;
let worker, approver, approver2, otherApprover, residentA, residentB;
let seq = 0;

const ok = (r, status) => { assert.equal(r.status, status, r.text); return r.json; };
const call = async (b, path, { method = "GET", body } = {}) => {
  const headers = body === undefined ? {} : { ...json };
  if (method !== "GET" && b.csrf) headers["x-csrf-token"] = b.csrf;
  const res = await b.fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  return { status: res.status, text, json: parsed };
};
const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// A published zaaktype of ORG1 whose besluittypen are [bt], with a case of resident A.
async function newType() {
  const n = `${process.pid}-${++seq}`;
  const zt = ok(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(server.url, type.catalogus, { identificatie: `DEC-${n}`, besluittypen: [bt.url], vertrouwelijkheidaanduiding: "vertrouwelijk" }),
  }), 201);
  const statustypen = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    statustypen.push(ok(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } }), 201).url);
  }
  const roltype = ok(await admin(`${CATALOGI}/roltypen`, {
    method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" },
  }), 201).url;
  ok(await admin(`${zt.url}/publish`, { method: "POST", body: {} }), 200);
  return { api: admin, zaaktype: zt.url, uuid: zt.uuid, statustypen, roltype, rsin: RSIN, catalogus: type.catalogus };
}
const fourEyes = (t) => server.database.query(`UPDATE zgw_zaaktypen SET four_eyes = 1 WHERE uuid = '${t.uuid}'`);
const decide = (b, zaak, body) => call(b, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body });
const residentView = async (b, zaak) => ok(await call(b, `/api/v1/cases/${zaak.uuid}/decisions`), 200).results;
const zgwBesluiten = async (zaak) => ok(await admin(`${BESLUITEN}/besluiten?zaak=${zaak.url}`), 200).results;

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  const cat = ok(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "DEC", rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }), 201);
  const besluittype = async (omschrijving, publish = true) => {
    const t = ok(await admin(`${CATALOGI}/besluittypen`, {
      method: "POST", body: { catalogus: cat.url, omschrijving, publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] },
    }), 201);
    if (publish) ok(await admin(`${t.url}/publish`, { method: "POST", body: {} }), 200);
    return t;
  };
  bt = await besluittype("Toekenning");
  btConcept = await besluittype("Concept", false);
  btOther = await besluittype("Ander besluit");
  type = { catalogus: cat.url };
  type = await newType();
  worker = await staffBrowser(server, { email: "worker@org1.example", organisation: ORG1, role: "case-worker" });
  approver = await staffBrowser(server, { email: "approver@org1.example", organisation: ORG1, role: "approver" });
  approver2 = await staffBrowser(server, { email: "approver2@org1.example", organisation: ORG1, role: "approver" });
  otherApprover = await staffBrowser(server, { email: "approver@org2.example", organisation: ORG2, role: "approver" });
  residentA = await demoPerson(server.url, "resident:999993653");
  residentB = await demoPerson(server.url, "resident:999990019");
});
after(async () => { await server?.stop(); });

test("without four-eyes a case worker's decision takes effect at once; the resident sees it with the objection window", async () => {
  const zaak = await registerCase(type, { bsn: "999993653" });
  const r = await decide(worker, zaak, { decisionType: bt.uuid, explanation: "Uw aanvraag is toegekend.", governingBody: "College van B&W" });
  const d = ok(r, 201);
  assert.equal(d.state, "approved");
  assert.equal(d.visibleToResident, true);
  assert.equal(d.case, zaak.uuid);
  assert.deepEqual(d.decisionType, { id: bt.uuid, name: "Toekenning" });
  assert.match(d.identification, /^BESLUIT-\d{4}-\d{10}$/);
  assert.equal(d.date, today());
  assert.equal(d.sentOn, today());
  assert.equal(d.objectionWindow.from, addDays(today(), 1));
  assert.ok(d.objectionWindow.until >= addDays(today(), 42) && d.objectionWindow.until <= addDays(today(), 46));
  assert.equal(d.respondBy, d.objectionWindow.until);
  assert.ok(d.decidedBy);
  const seen = await residentView(residentA, zaak);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].id, d.id);
  assert.deepEqual(seen[0].objectionWindow, d.objectionWindow);
  assert.equal(seen[0].decidedBy, undefined); // staff ids are for staff
  // The registry holds it: the Besluiten API and the zaak's zaakbesluiten.
  const zgw = await zgwBesluiten(zaak);
  assert.deepEqual(zgw.map((b) => b.identificatie), [d.identification]);
  assert.equal(zgw[0].toelichting, "Uw aanvraag is toegekend.");
  assert.equal(zgw[0].uiterlijkeReactiedatum, d.respondBy);
  // Another resident, and staff of another organisation, do not learn the case exists.
  assert.equal((await call(residentB, `/api/v1/cases/${zaak.uuid}/decisions`)).status, 404);
  assert.equal((await call(otherApprover, `/api/v1/staff/cases/${zaak.uuid}/decisions`)).status, 404);
  // Events: ids only, never the BSN.
  const events = await server.database.query(`SELECT kind, payload FROM outbox WHERE payload LIKE '%${d.id}%' ORDER BY kind`);
  assert.match(events, /decision\.approved/);
  assert.match(events, /decision\.created/);
  assert.doesNotMatch(events, /999993653/);
});

test("four-eyes: a draft is seen by no resident and no ZGW client until a different approver approves it", async () => {
  const t = await newType();
  await fourEyes(t);
  const zaak = await registerCase(t, { bsn: "999993653" });
  const draft = ok(await decide(worker, zaak, { decisionType: bt.uuid, explanation: "Toegekend", effectiveFrom: today() }), 201);
  assert.equal(draft.state, "draft");
  assert.equal(draft.visibleToResident, false);
  assert.equal(draft.objectionWindow, null);
  assert.equal(draft.sentOn, null);
  assert.equal(draft.zgwUrl, null);
  // Not shown to the resident, not in the registry.
  assert.deepEqual(await residentView(residentA, zaak), []);
  assert.deepEqual(await zgwBesluiten(zaak), []);
  assert.equal((await admin(`${BESLUITEN}/besluiten/${draft.id}`)).status, 404);
  assert.deepEqual(ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`), 200).results.map((x) => x.state), ["draft"]);
  // The draft's identification is taken: a ZGW client cannot claim it meanwhile (brc-002).
  invalid(await admin(`${BESLUITEN}/besluiten`, {
    method: "POST",
    body: { identificatie: draft.identification, verantwoordelijkeOrganisatie: RSIN, besluittype: bt.url, datum: today(), ingangsdatum: today() },
  }), "identificatie", "identificatie-niet-uniek");

  const approve = (b, id = draft.id) => call(b, `/api/v1/staff/decisions/${id}/approve`, { method: "POST" });
  // A case worker is no approver; staff of another organisation do not see it.
  assert.equal((await approve(worker)).status, 403);
  assert.equal((await approve(otherApprover)).status, 404);
  assert.equal((await approve(residentA)).status, 403);
  // An approver does not approve their own draft.
  const own = ok(await decide(approver, zaak, { decisionType: bt.uuid }), 201);
  assert.equal(own.state, "draft");
  const self = await approve(approver, own.id);
  assert.equal(self.status, 403, self.text);
  assert.match(self.json.detail, /someone other/);
  assert.deepEqual(await residentView(residentA, zaak), []);

  const approved = ok(await approve(approver2), 200);
  assert.equal(approved.state, "approved");
  assert.equal(approved.decidedBy, draft.decidedBy);
  assert.ok(approved.approvedBy && approved.approvedBy !== approved.decidedBy);
  assert.ok(approved.approvedAt);
  assert.equal(approved.sentOn, today());
  assert.equal(approved.objectionWindow.from, addDays(today(), 1));
  assert.equal(approved.identification, draft.identification);
  assert.equal((await approve(approver)).status, 409);
  // Now the resident and the registry see it — and still not the other draft.
  const seen = await residentView(residentA, zaak);
  assert.deepEqual(seen.map((x) => x.id), [draft.id]);
  assert.deepEqual(seen[0].objectionWindow, approved.objectionWindow);
  assert.deepEqual((await zgwBesluiten(zaak)).map((b) => b.url), [`${server.url}${BESLUITEN}/besluiten/${draft.id}`]);
  assert.equal(ok(await admin(`${zaak.url}/besluiten`), 200).results.length, 1);

  // A draft may be thrown away; an approved decision not.
  assert.equal((await call(worker, `/api/v1/staff/decisions/${own.id}`, { method: "DELETE" })).status, 204);
  assert.equal((await call(worker, `/api/v1/staff/decisions/${draft.id}`, { method: "DELETE" })).status, 409);
  assert.deepEqual(ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`), 200).results.map((x) => x.id), [draft.id]);
  const kinds = await server.database.query(`SELECT kind FROM outbox WHERE payload LIKE '%${own.id}%' ORDER BY kind`);
  assert.deepEqual(kinds.trim().split("\n"), ["decision.created", "decision.deleted"]);
});

test("a zaak deleted through the Zaken API takes its drafts along; its decisions stay", async () => {
  const t = await newType();
  await fourEyes(t);
  const zaak = await registerCase(t, { bsn: "999993653" });
  const draft = ok(await decide(worker, zaak, { decisionType: bt.uuid }), 201);
  const kept = ok(await decide(worker, zaak, { decisionType: bt.uuid }), 201);
  ok(await call(approver, `/api/v1/staff/decisions/${kept.id}/approve`, { method: "POST" }), 200);
  assert.equal((await admin(zaak.url, { method: "DELETE" })).status, 204);
  assert.equal((await server.database.query(`SELECT COUNT(*) FROM decision_drafts WHERE uuid = '${draft.id}'`)).trim(), "0");
  assert.equal((await admin(`${BESLUITEN}/besluiten/${kept.id}`)).status, 200);
  assert.match(await server.database.query(`SELECT kind FROM outbox WHERE payload LIKE '%${draft.id}%' ORDER BY kind`), /decision\.deleted/);
});

test("refusals: decision types, fields, who may decide", async () => {
  const zaak = await registerCase(type, { bsn: "999993653" });
  invalid(await decide(worker, zaak, { decisionType: "00000000-0000-4000-8000-000000000000" }), "decisionType", "does-not-exist");
  invalid(await decide(worker, zaak, { decisionType: btConcept.uuid }), "decisionType", "not-published");
  invalid(await decide(worker, zaak, { decisionType: btOther.uuid }), "decisionType", "wrong-case-type");
  invalid(await decide(worker, zaak, { decisionType: bt.uuid, effectiveFrom: "2026-02-01", expiresOn: "2026-01-31" }), "expiresOn", "before-effective");
  invalid(await decide(worker, zaak, { decisionType: bt.uuid, date: "2999-01-01" }), "date", "future-not-allowed");
  const bad = await decide(worker, zaak, { decisionType: "geen-uuid", date: "31-01-2026", expiryReason: "vergeten", governingBody: "x".repeat(51), extra: 1 });
  invalid(bad, "decisionType", "invalid");
  invalid(bad, "date", "invalid");
  invalid(bad, "expiryReason", "invalid_choice");
  invalid(bad, "governingBody", "max-length");
  invalid(bad, "extra", "unknown");
  invalid(await decide(worker, zaak, {}), "decisionType", "required");
  const notJson = await worker.fetch(`${server.url}/api/v1/staff/cases/${zaak.uuid}/decisions`, {
    method: "POST", headers: { ...json, "x-csrf-token": worker.csrf }, body: "{",
  });
  assert.equal(notJson.status, 400);
  // Residents do not decide; staff of another organisation do not see the case; no CSRF token.
  assert.equal((await decide(residentA, zaak, { decisionType: bt.uuid })).status, 403);
  assert.equal((await decide(otherApprover, zaak, { decisionType: bt.uuid })).status, 404);
  const noCsrf = await worker.fetch(`${server.url}/api/v1/staff/cases/${zaak.uuid}/decisions`, {
    method: "POST", headers: json, body: JSON.stringify({ decisionType: bt.uuid }),
  });
  assert.equal(noCsrf.status, 403);
  assert.equal((await decide(worker, { uuid: "00000000-0000-4000-8000-000000000000" }, { decisionType: bt.uuid })).status, 404);
  // Nothing of it was stored.
  assert.deepEqual(ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`), 200).results, []);
  assert.deepEqual(await zgwBesluiten(zaak), []);
});
