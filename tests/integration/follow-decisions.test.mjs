// The resident's case page shows the decisions that took effect (issue 12): date, outcome, the
// objection window with the days left and a one-click "object to this decision" form (POST
// /mijn-zaken/{case}/besluiten/{decision}/bezwaar with the CSRF field) while it is open; never
// a four-eyes decision before its approval. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, zaaktypeBody } from "./lib/zgw.mjs";
import { registerCase } from "./lib/zgw-cases.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const RSIN = "002220647";
const json = { "content-type": "application/json" };
let server, admin, bt, cat, worker, approver, resident;

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
const page = async (b, path) => {
  const r = await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
  return { status: r.status, text: await r.text() };
};

let seq = 0;
async function newType() {
  const n = `${process.pid}-${++seq}`;
  const zt = ok(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(server.url, cat.url, { identificatie: `FD-${n}`, besluittypen: [bt.url], vertrouwelijkheidaanduiding: "vertrouwelijk" }),
  }), 201);
  const statustypen = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    statustypen.push(ok(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } }), 201).url);
  }
  const roltype = ok(await admin(`${CATALOGI}/roltypen`, {
    method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" },
  }), 201).url;
  ok(await admin(`${zt.url}/publish`, { method: "POST", body: {} }), 200);
  return { api: admin, zaaktype: zt.url, uuid: zt.uuid, statustypen, roltype, rsin: RSIN, catalogus: cat.url };
}

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  cat = ok(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "FDC", rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }), 201);
  bt = ok(await admin(`${CATALOGI}/besluittypen`, {
    method: "POST", body: { catalogus: cat.url, omschrijving: "Toekenning", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] },
  }), 201);
  ok(await admin(`${bt.url}/publish`, { method: "POST", body: {} }), 200);
  worker = await staffBrowser(server, { email: "worker@fd.example", organisation: ORG1, role: "case-worker" });
  approver = await staffBrowser(server, { email: "approver@fd.example", organisation: ORG1, role: "approver" });
  resident = await demoPerson(server.url, "resident:999993653");
});
after(async () => { await server?.stop(); });

test("a decision that took effect is on the case page with its objection window and the objection button", async () => {
  const zaak = await registerCase(await newType(), { bsn: "999993653" });
  const none = await page(resident, `/mijn-zaken/${zaak.uuid}`);
  assert.equal(none.status, 200);
  assert.doesNotMatch(none.text, /Bezwaar maken tegen dit besluit/);
  const d = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, {
    method: "POST", body: { decisionType: bt.uuid, explanation: "Uw aanvraag is toegekend.", governingBody: "College van B&W" },
  }), 201);
  const shown = await page(resident, `/mijn-zaken/${zaak.uuid}`);
  assert.match(shown.text, /Besluiten/);
  assert.match(shown.text, /Uw aanvraag is toegekend\./);
  assert.match(shown.text, new RegExp(d.identification));
  assert.match(shown.text, /U kunt bezwaar maken tot en met \d+ [a-z]+ \d{4} \(nog \d+ dagen\)/);
  const action = `/mijn-zaken/${zaak.uuid}/besluiten/${d.id}/bezwaar`;
  const form = shown.text.match(new RegExp(`<form method="post" action="${action}"[^>]*>\\s*<input type="hidden" name="csrf" value="([^"]+)">`));
  assert.ok(form, "the objection form posts to the objection route with the CSRF field");
  assert.equal(form[1], resident.csrf);
  assert.match(shown.text, /Bezwaar maken tegen dit besluit/);
  // In English too.
  const en = await page(resident, `/mijn-zaken/${zaak.uuid}?lang=en`);
  assert.match(en.text, /Object to this decision/);
  assert.match(en.text, /You can object until/);

});

test("a four-eyes decision is not on the case page before its approval", async () => {
  const t = await newType();
  await server.database.query(`UPDATE zgw_zaaktypen SET four_eyes = 1 WHERE uuid = '${t.uuid}'`);
  const zaak = await registerCase(t, { bsn: "999993653" });
  const draft = ok(await call(worker, `/api/v1/staff/cases/${zaak.uuid}/decisions`, {
    method: "POST", body: { decisionType: bt.uuid, explanation: "Nog niet goedgekeurd." },
  }), 201);
  assert.equal(draft.state, "draft");
  let shown = await page(resident, `/mijn-zaken/${zaak.uuid}`);
  assert.equal(shown.status, 200);
  assert.doesNotMatch(shown.text, /Nog niet goedgekeurd/);
  assert.doesNotMatch(shown.text, /Bezwaar maken/);
  assert.doesNotMatch(shown.text, new RegExp(draft.id));
  ok(await call(approver, `/api/v1/staff/decisions/${draft.id}/approve`, { method: "POST" }), 200);
  shown = await page(resident, `/mijn-zaken/${zaak.uuid}`);
  assert.match(shown.text, /Nog niet goedgekeurd/);
  assert.match(shown.text, new RegExp(`/besluiten/${draft.id}/bezwaar`));
});
