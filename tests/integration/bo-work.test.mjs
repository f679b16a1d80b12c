// Case work in the back office (issue 13): four-eyes on the case page (a case worker drafts, an
// approver other than the drafter approves or sends back, both people shown, the resident sees
// nothing before approval), messages to the resident from the case page, and the objection to a
// decision (JSON and the resident's form): a linked case of the objection product for the same
// party, only inside the objection window, only for a party, once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, zaaktypeBody } from "./lib/zgw.mjs";
import { registerCase } from "./lib/zgw-cases.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { addStaff, totp, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN = "002220647";
const BEZWAAR_TYPE = "85f45996-9421-5b0d-b317-8cf1ad608d8d"; // catalog/products/bezwaar.json
const json = { "content-type": "application/json" };
const formType = { "content-type": "application/x-www-form-urlencoded" };

let server, admin, bt, cat;
let worker, approver, approver2, otherOrg, anna, bob;
let seq = 0;
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

const ok = (r, status) => { assert.equal(r.status, status, r.text); return r.json; };
const call = async (b, path, { method = "GET", body } = {}) => {
  const headers = body === undefined ? {} : { ...json };
  if (method !== "GET" && b.csrf) headers["x-csrf-token"] = b.csrf;
  const res = await b.fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  return { status: res.status, text, json: parsed, headers: res.headers };
};
const formPost = async (b, path, fields) => {
  const r = await b.fetch(`${server.url}${path}`, {
    method: "POST", headers: { ...formType, accept: "text/html", "sec-fetch-mode": "navigate" },
    body: new URLSearchParams({ csrf: b.csrf, ...fields }).toString(),
  });
  return { status: r.status, location: r.headers.get("location"), text: await r.text() };
};
const page = async (b, path) => {
  const r = await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
  return { status: r.status, text: await r.text() };
};

async function staff(email, organisation, role) {
  const { id, totpSecret } = await addStaff(server, { email, organisation, role, name: email.split("@")[0] });
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: json, body: JSON.stringify({ email, password: STAFF_PASSWORD, code: totp(totpSecret) }),
  });
  assert.equal(r.status, 200);
  b.csrf = (await r.json()).csrfToken;
  b.id = id;
  return b;
}

// A published zaaktype of ORG1 whose besluittypen are [bt]; four-eyes when asked.
async function newType({ fourEyes = false } = {}) {
  const n = `${process.pid}-${++seq}`;
  const zt = ok(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(server.url, cat.url, { identificatie: `BOW-${n}`, besluittypen: [bt.url] }),
  }), 201);
  const statustypen = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    statustypen.push(ok(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } }), 201).url);
  }
  const roltype = ok(await admin(`${CATALOGI}/roltypen`, {
    method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" },
  }), 201).url;
  ok(await admin(`${zt.url}/publish`, { method: "POST", body: {} }), 200);
  if (fourEyes) await server.database.query(`UPDATE zgw_zaaktypen SET four_eyes = 1 WHERE uuid = '${zt.uuid}'`);
  return { api: admin, zaaktype: zt.url, uuid: zt.uuid, statustypen, roltype, rsin: RSIN, catalogus: cat.url };
}

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  cat = ok(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "BOW", rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }), 201);
  bt = ok(await admin(`${CATALOGI}/besluittypen`, {
    method: "POST", body: { catalogus: cat.url, omschrijving: "Toekenning", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] },
  }), 201);
  ok(await admin(`${bt.url}/publish`, { method: "POST", body: {} }), 200);
  worker = await staff("worker@bow.example", ORG1, "case-worker");
  approver = await staff("approver@bow.example", ORG1, "approver");
  approver2 = await staff("approver2@bow.example", ORG1, "approver");
  otherOrg = await staff("approver@bow2.example", ORG2, "approver");
  anna = await demoPerson(server.url, "resident:999993653");
  bob = await demoPerson(server.url, "resident:999990019");
});
after(async () => { await server?.stop(); });

const residentDecisions = async (b, id) => ok(await call(b, `/api/v1/cases/${id}/decisions`), 200).results;
const staffDecisions = async (b, id) => ok(await call(b, `/api/v1/staff/cases/${id}/decisions`), 200).results;

test("four-eyes on the case page: a draft, the approvers' list, approval by another person, both shown", async () => {
  const t = await newType({ fourEyes: true });
  const zaak = await registerCase(t, { bsn: "999993653" });
  const casePage = `/behandelen/zaken/${zaak.uuid}`;
  // The case worker's page offers the decision form with the zaaktype's decision types.
  let p = await page(worker, casePage);
  assert.equal(p.status, 200);
  assert.match(p.text, /action="\/behandelen\/zaken\/[^"]+\/besluit"/);
  assert.match(p.text, new RegExp(`<option value="${bt.uuid}">Toekenning</option>`));
  // No type chosen: back to the form with the message.
  let r = await formPost(worker, `${casePage}/besluit`, { decisionType: "", explanation: "x" });
  assert.equal(r.status, 303);
  assert.match(r.location, /werk=besluit&fout=decisionType#besluit$/);
  assert.match((await page(worker, r.location.replace(/#.*/, ""))).text, /Kies een soort besluit/);

  r = await formPost(worker, `${casePage}/besluit`, { decisionType: bt.uuid, explanation: "Toegekend, met voorwaarden." });
  assert.equal(r.status, 303, r.text);
  assert.match(r.location, /gedaan=besluit_concept/);
  const [draft] = await staffDecisions(worker, zaak.uuid);
  assert.equal(draft.state, "draft");
  assert.equal(draft.decidedBy, worker.id);
  // The resident sees nothing yet.
  assert.deepEqual(await residentDecisions(anna, zaak.uuid), []);
  p = await page(worker, casePage);
  assert.match(p.text, /Concept: wacht op een tweede beoordelaar/);
  assert.match(p.text, /U stelde dit besluit op/);
  assert.doesNotMatch(p.text, /\/goedkeuren"/); // the drafter gets no approve button

  // The drafter cannot approve by posting the form either; a case worker is no approver.
  r = await formPost(worker, `/behandelen/besluiten/${draft.id}/goedkeuren`, {});
  assert.equal(r.status, 303);
  assert.match(r.location, /fout=forbidden/);
  // Staff of another organisation do not learn the draft exists.
  assert.equal((await formPost(otherOrg, `/behandelen/besluiten/${draft.id}/goedkeuren`, {})).status, 404);
  assert.equal((await page(otherOrg, casePage)).status, 404);

  // The approvers' list, in HTML and JSON.
  p = await page(approver, "/behandelen/goedkeuren");
  assert.equal(p.status, 200);
  assert.match(p.text, new RegExp(`/behandelen/zaken/${zaak.uuid}#besluiten`));
  assert.match(p.text, /worker/);
  const list = ok(await call(approver, "/api/v1/staff/approvals"), 200);
  const mine = list.results.find((x) => x.id === draft.id);
  assert.equal(mine.mayApprove, true);
  assert.equal(ok(await call(worker, "/api/v1/staff/approvals"), 200).results.find((x) => x.id === draft.id).mayApprove, false);
  assert.equal(ok(await call(otherOrg, "/api/v1/staff/approvals"), 200).results.find((x) => x.id === draft.id), undefined);
  assert.equal((await call(anna, "/api/v1/staff/approvals")).status, 403);
  assert.doesNotMatch((await page(otherOrg, "/behandelen/goedkeuren")).text, new RegExp(zaak.uuid));

  // The approver's case page has the review forms; approving makes it take effect.
  p = await page(approver, casePage);
  assert.match(p.text, new RegExp(`/behandelen/besluiten/${draft.id}/goedkeuren`));
  r = await formPost(approver, `/behandelen/besluiten/${draft.id}/goedkeuren`, {});
  assert.equal(r.status, 303);
  assert.match(r.location, /gedaan=goedgekeurd/);
  const [approved] = await staffDecisions(worker, zaak.uuid);
  assert.equal(approved.state, "approved");
  assert.equal(approved.decidedBy, worker.id);
  assert.equal(approved.approvedBy, approver.id);
  assert.deepEqual((await residentDecisions(anna, zaak.uuid)).map((d) => d.id), [draft.id]);
  // Both people are on the page.
  p = await page(worker, casePage);
  assert.match(p.text, /Opgesteld door<\/dt>[^]*?Ik|Opgesteld door<\/dt>[^]*?mij/i);
  assert.match(p.text, /Goedgekeurd door<\/dt>[^]*?approver/);
  assert.doesNotMatch((await page(approver, "/behandelen/goedkeuren")).text, new RegExp(draft.id));
});

test("sending a draft back: a different approver with a reason; the draft goes, the review stays", async () => {
  const t = await newType({ fourEyes: true });
  const zaak = await registerCase(t, { bsn: "999993653" });
  const draft = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid } }), 201);
  const reject = (b, body = { reason: "Motivering ontbreekt." }, id = draft.id) =>
    call(b, `/api/v1/staff/decisions/${id}/reject`, { method: "POST", body });
  assert.equal((await reject(worker)).status, 403); // no approver
  assert.equal((await reject(otherOrg)).status, 404);
  assert.equal((await reject(anna)).status, 403);
  let r = await reject(approver, {});
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.invalidParams[0].name, "reason");
  r = await reject(approver, { reason: "x", extra: 1 });
  assert.equal(r.status, 400);
  assert.equal(r.json.invalidParams[0].name, "extra");
  const own = ok(await call(approver, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid } }), 201);
  assert.equal((await reject(approver, undefined, own.id)).status, 403); // their own draft

  const done = ok(await reject(approver), 200);
  assert.equal(done.state, "rejected");
  assert.equal(done.decidedBy, worker.id);
  assert.equal(done.rejectedBy, approver.id);
  assert.deepEqual((await staffDecisions(worker, zaak.uuid)).map((d) => d.id), [own.id]);
  assert.equal((await reject(approver2)).status, 404); // gone
  // The page form does the same, and the page shows who sent what back, and why.
  const form = await formPost(approver2, `/behandelen/besluiten/${own.id}/terugsturen`, { reason: "Verkeerd besluittype." });
  assert.equal(form.status, 303);
  assert.match(form.location, /gedaan=teruggestuurd/);
  const p = await page(worker, `/behandelen/zaken/${zaak.uuid}`);
  assert.match(p.text, /Teruggestuurd: Toekenning[^<]*teruggestuurd door approver[^<]*Motivering ontbreekt\./);
  assert.match(p.text, /Verkeerd besluittype\./);
  assert.deepEqual(await residentDecisions(anna, zaak.uuid), []);
  const kinds = await server.database.query(`SELECT kind FROM outbox WHERE payload LIKE '%${draft.id}%' ORDER BY kind`);
  assert.deepEqual(kinds.trim().split("\n"), ["decision.created", "decision.deleted"]);
});

test("a message from the case page reaches the resident's thread", async () => {
  const t = await newType();
  const zaak = await registerCase(t, { bsn: "999993653" });
  let r = await formPost(worker, `/behandelen/zaken/${zaak.uuid}/bericht`, { body: "Wij hebben uw foto's nodig." });
  assert.equal(r.status, 303);
  assert.match(r.location, /gedaan=bericht/);
  r = await formPost(worker, `/behandelen/zaken/${zaak.uuid}/bericht`, { body: "" });
  assert.match(r.location, /werk=bericht&fout=body/);
  assert.equal((await formPost(otherOrg, `/behandelen/zaken/${zaak.uuid}/bericht`, { body: "x" })).status, 404);
  const thread = ok(await call(anna, `/api/v1/cases/${zaak.uuid}/messages`), 200);
  const bodies = (thread.results ?? thread.messages ?? thread).map((m) => m.body);
  assert.deepEqual(bodies, ["Wij hebben uw foto's nodig."]);
  const p = await page(worker, `/behandelen/zaken/${zaak.uuid}`);
  assert.match(p.text, /Wij hebben uw foto&#39;s nodig\.|Wij hebben uw foto's nodig\./);
});

test("objecting to a decision starts one linked objection case for the same resident, inside the window", async () => {
  const t = await newType();
  const zaak = await registerCase(t, { bsn: "999993653" });
  const d = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid, explanation: "Afgewezen." } }), 201);
  const path = `/api/v1/cases/${zaak.uuid}/decisions/${d.id}/objections`;
  const body = { grounds: "De boom is ziek.", email: "anna@example.nl", hearing: true };
  // Refusals: fields, not a party, staff, no CSRF.
  let r = await call(anna, path, { method: "POST", body: { email: "anna@example.nl" } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["grounds"]);
  r = await call(anna, path, { method: "POST", body: { ...body, email: "geen adres" } });
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["email"]);
  r = await call(anna, path, { method: "POST", body: { ...body, extra: 1 } });
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["extra"]);
  assert.equal((await call(bob, path, { method: "POST", body })).status, 404);
  assert.equal((await call(worker, path, { method: "POST", body })).status, 403);
  const noCsrf = await anna.fetch(`${server.url}${path}`, { method: "POST", headers: json, body: JSON.stringify(body) });
  assert.equal(noCsrf.status, 403);

  const first = ok(await call(anna, path, { method: "POST", body }), 201);
  assert.equal(first.about.decision, d.id);
  const again = ok(await call(anna, path, { method: "POST", body }), 200);
  assert.equal(again.case, first.case);
  // The objection case is Anna's, of the objection product, with its own term (6 weeks).
  const objection = ok(await call(anna, `/api/v1/cases/${first.case}`), 200);
  assert.equal(objection.id, first.case);
  assert.match(objection.title, /Bezwaar/);
  assert.equal(objection.deadline, addDays(objection.startDate, 42));
  assert.equal((await server.database.query(`SELECT zaaktype FROM zgw_zaken WHERE uuid = '${first.case}'`)).includes(BEZWAAR_TYPE), true);
  // Staff see the link both ways.
  let p = await page(worker, `/behandelen/zaken/${zaak.uuid}`);
  assert.match(p.text, /Bezwaar tegen een besluit van deze zaak/);
  assert.match(p.text, new RegExp(`/behandelen/zaken/${first.case}`));
  p = await page(worker, `/behandelen/zaken/${first.case}`);
  assert.match(p.text, /Bezwaar tegen een besluit in/);
  assert.match(p.text, new RegExp(`/behandelen/zaken/${zaak.uuid}"`));
  assert.equal((await page(otherOrg, `/behandelen/zaken/${first.case}`)).status, 404);
  // The event carries ids only.
  const events = await server.database.query(`SELECT payload FROM outbox WHERE payload LIKE '%${first.case}%'`);
  assert.doesNotMatch(events, /999993653/);
});

test("no objection to a draft, to another case's decision, or after the window", async () => {
  const four = await newType({ fourEyes: true });
  const zaak = await registerCase(four, { bsn: "999993653" });
  const draft = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid } }), 201);
  const body = { grounds: "Nee.", email: "anna@example.nl" };
  assert.equal((await call(anna, `/api/v1/cases/${zaak.uuid}/decisions/${draft.id}/objections`, { method: "POST", body })).status, 404);
  const t = await newType();
  const old = await registerCase(t, { bsn: "999993653" });
  const late = ok(await call(worker, `/api/v1/staff/cases/${old.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid, date: "2020-01-06", sentOn: "2020-01-06" } }), 201);
  const r = await call(anna, `/api/v1/cases/${old.uuid}/decisions/${late.id}/objections`, { method: "POST", body });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.detail, /ended/);
  // Another case's decision under this case's address.
  assert.equal((await call(anna, `/api/v1/cases/${zaak.uuid}/decisions/${late.id}/objections`, { method: "POST", body })).status, 404);
});

test("the resident's objection form: the decision and its term, errors named, then the new case", async () => {
  const t = await newType();
  const zaak = await registerCase(t, { bsn: "999993653" });
  const d = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid } }), 201);
  const path = `/mijn-zaken/${zaak.uuid}/besluiten/${d.id}/bezwaar`;
  let p = await page(anna, path);
  assert.equal(p.status, 200);
  assert.match(p.text, /Bezwaar maken/);
  assert.match(p.text, /Toekenning/);
  assert.match(p.text, /U kunt bezwaar maken tot en met/);
  assert.equal((await page(bob, path)).status, 404);
  let r = await formPost(anna, path, { grounds: "", email: "anna@example.nl", hearing: "nee" });
  assert.equal(r.status, 400);
  assert.match(r.text, /Schrijf waarom u bezwaar maakt/);
  assert.match(r.text, /aria-invalid="true"/);
  r = await formPost(anna, path, { grounds: "Te duur.", email: "anna@example.nl", hearing: "nee" });
  assert.equal(r.status, 303, r.text);
  const m = r.location.match(/^\/mijn-zaken\/([0-9a-f-]{36})\?gedaan=bezwaar$/);
  assert.ok(m, r.location);
  // The same objection again finds the same case.
  r = await formPost(anna, path, { grounds: "Te duur.", email: "anna@example.nl", hearing: "nee" });
  assert.equal(r.location, `/mijn-zaken/${m[1]}?gedaan=bezwaar`);
  assert.equal((await page(anna, `/mijn-zaken/${m[1]}`)).status, 200);
});

test("deciding an objection revises the contested decision: a new decision on its case, recorded once", async () => {
  const t = await newType();
  const zaak = await registerCase(t, { bsn: "999993653" });
  const d = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, { method: "POST", body: { decisionType: bt.uuid, explanation: "Afgewezen." } }), 201);
  const objection = ok(await call(anna, `/api/v1/cases/${zaak.uuid}/decisions/${d.id}/objections`, { method: "POST", body: { grounds: "Onjuist.", email: "anna@example.nl" } }), 201).case;
  // The objection case's page offers the revision; the contested case's page does not.
  let p = await page(worker, `/behandelen/zaken/${objection}`);
  assert.match(p.text, new RegExp(`action="/behandelen/zaken/${objection}/herzien"`));
  assert.doesNotMatch((await page(worker, `/behandelen/zaken/${zaak.uuid}`)).text, /\/herzien"/);
  // Not an objection case: nothing to revise.
  assert.equal((await call(worker, `/api/v1/staff/cases/${zaak.uuid}/revise`, { method: "POST", body: { decisionType: bt.uuid } })).status, 404);
  assert.equal((await call(otherOrg, `/api/v1/staff/cases/${objection}/revise`, { method: "POST", body: { decisionType: bt.uuid } })).status, 404);
  assert.equal((await call(anna, `/api/v1/staff/cases/${objection}/revise`, { method: "POST", body: { decisionType: bt.uuid } })).status, 403);
  let r = await formPost(worker, `/behandelen/zaken/${objection}/herzien`, { decisionType: "", explanation: "" });
  assert.match(r.location, /werk=herzien&fout=decisionType/);
  r = await formPost(worker, `/behandelen/zaken/${objection}/herzien`, { decisionType: bt.uuid, explanation: "Bezwaar gegrond: toegekend." });
  assert.equal(r.status, 303);
  assert.match(r.location, /gedaan=herzien/);
  const all = await staffDecisions(worker, zaak.uuid);
  assert.equal(all.length, 2);
  const revised = all.find((x) => x.id !== d.id);
  assert.equal(revised.explanation, "Bezwaar gegrond: toegekend.");
  assert.equal(revised.state, "approved");
  p = await page(worker, `/behandelen/zaken/${zaak.uuid}`);
  assert.match(p.text, new RegExp(`Herzien door besluit ${revised.identification}`));
  // Once: a second revision is a conflict.
  r = await formPost(worker, `/behandelen/zaken/${objection}/herzien`, { decisionType: bt.uuid, explanation: "Nog eens." });
  assert.match(r.location, /fout=revise_conflict/);
  const again = await call(worker, `/api/v1/staff/cases/${objection}/revise`, { method: "POST", body: { decisionType: bt.uuid } });
  assert.equal(again.status, 409, again.text);
  assert.equal((await staffDecisions(worker, zaak.uuid)).length, 2);
});

test("a complaint about a case: a linked case of the complaint product, once per party, 6 weeks", async () => {
  const t = await newType();
  const zaak = await registerCase(t, { bsn: "999993653" });
  const path = `/api/v1/cases/${zaak.uuid}/complaints`;
  const body = { what: "Ik werd niet teruggebeld.", wish: "Excuses.", email: "anna@example.nl" };
  let r = await call(anna, path, { method: "POST", body: { email: "anna@example.nl" } });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["what"]);
  r = await call(anna, path, { method: "POST", body: { ...body, when: "gisteren" } });
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["when"]);
  assert.equal((await call(bob, path, { method: "POST", body })).status, 404);
  assert.equal((await call(worker, path, { method: "POST", body })).status, 403);
  const first = ok(await call(anna, path, { method: "POST", body }), 201);
  assert.equal(first.about.case, zaak.uuid);
  assert.equal(ok(await call(anna, path, { method: "POST", body }), 200).case, first.case);
  const complaint = ok(await call(anna, `/api/v1/cases/${first.case}`), 200);
  assert.match(complaint.title, /[Kk]lacht/);
  assert.equal(complaint.deadline, addDays(complaint.startDate, 42));
  const p = await page(worker, `/behandelen/zaken/${zaak.uuid}`);
  assert.match(p.text, /Klacht over deze zaak/);
  assert.match((await page(worker, `/behandelen/zaken/${first.case}`)).text, /Klacht over:/);
  // The resident's form: errors named, then the same case (one complaint per case and party).
  assert.equal((await page(anna, `/mijn-zaken/${zaak.uuid}/klacht`)).status, 200);
  assert.equal((await page(bob, `/mijn-zaken/${zaak.uuid}/klacht`)).status, 404);
  r = await formPost(anna, `/mijn-zaken/${zaak.uuid}/klacht`, { what: "", email: "anna@example.nl" });
  assert.equal(r.status, 400);
  assert.match(r.text, /Schrijf wat er is gebeurd/);
  r = await formPost(anna, `/mijn-zaken/${zaak.uuid}/klacht`, { what: "Niet teruggebeld.", email: "anna@example.nl" });
  assert.equal(r.location, `/mijn-zaken/${first.case}?gedaan=klacht`);
});

test("neighbourhood consultation: opened for an area, seen and answered once by its residents, closed with a summary", async () => {
  const day = new Date().toISOString().slice(0, 10);
  const path = "/api/v1/staff/consultations";
  const proposal = { title: `Speeltuin Lucasbolwerk ${seq++}`, proposal: "Wij willen een speeltuin aanleggen.", areas: "3511AA-3511ZZ, 3600", opensOn: day, closesOn: addDays(day, 14) };
  // Field checks, and who may open one.
  let r = await call(worker, path, { method: "POST", body: { ...proposal, areas: "Utrecht" } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.invalidParams.map((p) => p.name), ["areas"]);
  r = await call(worker, path, { method: "POST", body: { ...proposal, closesOn: addDays(day, -1) } });
  assert.deepEqual(r.json.invalidParams.map((p) => `${p.name}:${p.code}`), ["closesOn:before-opens"]);
  assert.equal((await call(anna, path, { method: "POST", body: proposal })).status, 403);
  const k = ok(await call(worker, path, { method: "POST", body: proposal }), 201);
  assert.equal(k.closed, false);
  assert.ok(ok(await call(approver, path), 200).results.some((x) => x.id === k.id));
  assert.ok(!ok(await call(otherOrg, path), 200).results.some((x) => x.id === k.id));

  // Anna lives in 3511AB (in the area), Bob in 3584CS (not).
  const annaList = ok(await call(anna, "/api/v1/consultations"), 200).results;
  const mine = annaList.find((x) => x.id === k.id);
  assert.equal(mine.open, true);
  assert.equal(mine.responded, false);
  assert.ok(!ok(await call(bob, "/api/v1/consultations"), 200).results.some((x) => x.id === k.id));
  assert.equal((await page(bob, `/raadplegingen/${k.id}`)).status, 404);
  assert.equal((await call(bob, `/api/v1/consultations/${k.id}/responses`, { method: "POST", body: { body: "Nee" } })).status, 404);
  assert.equal((await call(worker, "/api/v1/consultations")).status, 403);
  let p = await page(anna, "/raadplegingen");
  assert.match(p.text, new RegExp(`/raadplegingen/${k.id}`));
  p = await page(anna, `/raadplegingen/${k.id}`);
  assert.match(p.text, /Wij willen een speeltuin aanleggen\./);
  assert.match(p.text, new RegExp(`action="/raadplegingen/${k.id}/reactie"`));

  // Once: the form, then no second response.
  r = await formPost(anna, `/raadplegingen/${k.id}/reactie`, { body: "" });
  assert.match(r.location, /fout=body/);
  r = await formPost(anna, `/raadplegingen/${k.id}/reactie`, { body: "Graag, met bankjes." });
  assert.equal(r.status, 303);
  r = await call(anna, `/api/v1/consultations/${k.id}/responses`, { method: "POST", body: { body: "Nog een." } });
  assert.equal(r.status, 409, r.text);
  p = await page(anna, `/raadplegingen/${k.id}`);
  assert.match(p.text, /Graag, met bankjes\./);
  assert.doesNotMatch(p.text, /\/reactie"/);

  // The worker sees the response (not who gave it), closes with a summary; Anna reads it.
  p = await page(worker, `/behandelen/raadplegingen/${k.id}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /Graag, met bankjes\./);
  assert.doesNotMatch(p.text, /999993653/);
  assert.equal((await page(otherOrg, `/behandelen/raadplegingen/${k.id}`)).status, 404);
  r = await formPost(worker, `/behandelen/raadplegingen/${k.id}/sluiten`, { summary: "" });
  assert.match(r.location, /fout=summary/);
  const closed = ok(await call(worker, `${path}/${k.id}/close`, { method: "POST", body: { summary: "De speeltuin komt er, met bankjes." } }), 200);
  assert.equal(closed.closed, true);
  assert.equal((await call(worker, `${path}/${k.id}/close`, { method: "POST", body: { summary: "Nog eens." } })).status, 409);
  assert.equal((await call(otherOrg, `${path}/${k.id}/close`, { method: "POST", body: { summary: "x" } })).status, 404);
  assert.match((await page(anna, `/raadplegingen/${k.id}`)).text, /De speeltuin komt er, met bankjes\./);
  const after = ok(await call(anna, "/api/v1/consultations"), 200).results.find((x) => x.id === k.id);
  assert.equal(after.open, false);
  assert.equal(after.responded, true);
  assert.equal(after.summary, "De speeltuin komt er, met bankjes.");
  // The staff page form opens one too.
  r = await formPost(worker, "/behandelen/raadplegingen", { title: "Bomen", proposal: "Bomen planten.", areas: "3584", opensOn: day, closesOn: day });
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/behandelen\/raadplegingen\/[0-9a-f-]{36}$/);
  r = await formPost(worker, "/behandelen/raadplegingen", { title: "", proposal: "x", areas: "3584", opensOn: day, closesOn: day });
  assert.match(r.location, /fout=title/);
  assert.match((await page(bob, "/raadplegingen")).text, /Bomen/);
});
