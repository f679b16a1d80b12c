// Issue 9: a case changed through the domain's doors (the back office's JSON API) leaves the
// same ZGW traces as one changed through the Zaken API: an audit trail record per change
// (GET /zgw/zaken/api/v1/zaken/{uuid}/audittrail) and, on closing, the archive parameters
// (zrc-015: archiefnominatie, archiefactiedatum), including the refusal when the zaaktype asks
// for a date the zaak does not hold.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, CATALOGI, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { addStaff, totp, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const RSIN1 = "002220647";
const BSN = "999993653";
const json = { "content-type": "application/json" };

let server, type, worker, rt;

const ok = (r, status) => { assert.equal(r.status, status, JSON.stringify(r.json ?? r.text)); return r.json; };

async function post(b, path, body) {
  const r = await b.fetch(`${server.url}${path}`, {
    method: "POST", headers: { ...json, "x-csrf-token": b.csrf }, body: JSON.stringify(body ?? {}),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined, text };
}

before(async () => {
  server = await startZgwServer();
  type = await publishedZaaktype(server, { rsin: RSIN1, publish: false, statussen: [[1, "Ontvangen"], [2, "Afgehandeld"]] });
  const origin = new URL(type.zaaktype).origin;
  const ref = (list, uuid) => `${origin}/zgw/referentielijsten/api/v1/${list}/${uuid}`;
  const resultaattype = async (omschrijving, brondatumArchiefprocedure) => ok(await type.api(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: type.zaaktype, omschrijving,
      resultaattypeomschrijving: ref("resultaattypeomschrijvingen", "e1f2a3b4-3f30-4d2c-9c73-000000000004"),
      selectielijstklasse: ref("resultaten", "a3b4c5d6-2e2f-4c1b-8b62-000000000702"),
      archiefnominatie: "vernietigen", archiefactietermijn: "P10Y", brondatumArchiefprocedure,
    },
  }), 201);
  rt = {
    afgehandeld: await resultaattype("Afgehandeld", { afleidingswijze: "afgehandeld" }),
    eigenschap: await resultaattype("Eigenschap", { afleidingswijze: "eigenschap", datumkenmerk: "vervaldatum" }),
  };
  rt.eigenschapDef = ok(await type.api(`${CATALOGI}/eigenschappen`, {
    method: "POST",
    body: { zaaktype: type.zaaktype, naam: "vervaldatum", definitie: "Tot wanneer het besluit geldt", specificatie: { formaat: "datum", lengte: "8", kardinaliteit: "1" } },
  }), 201);
  ok(await type.api(`${CATALOGI}/zaaktypen/${type.uuid}/publish`, { method: "POST" }), 200);

  const { id, totpSecret } = await addStaff(server, { email: "domain-worker@org1.example", organisation: ORG1, role: "case-worker", name: "Dora" });
  worker = new Browser();
  const r = await worker.fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: json, body: JSON.stringify({ email: "domain-worker@org1.example", password: STAFF_PASSWORD, code: totp(totpSecret) }),
  });
  assert.equal(r.status, 200);
  worker.csrf = (await r.json()).csrfToken;
  worker.id = id;
});
after(async () => { await server?.stop(); });

const uuidOf = (url) => url.split("/").pop();
const trail = async (zaak) => ok(await type.api(`${zaak.url}/audittrail`), 200);
const read = async (zaak) => ok(await type.api(zaak.url), 200);
const addYears = (day, n) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;

test("closing from the back office records the audit trail and derives the archive fields as the Zaken API does", async () => {
  const viaStaff = await registerCase(type, { bsn: BSN });
  const viaZgw = await registerCase(type, { bsn: BSN });
  const base = `/api/v1/cases/${viaStaff.uuid}`;
  const before = (await trail(viaStaff)).length;

  ok(await post(worker, `${base}/suspend`, { question: "Stuur een foto." }), 200);
  ok(await post(worker, `${base}/resume`), 200);
  ok(await post(worker, `${base}/result`, { resultType: uuidOf(rt.afgehandeld.url), note: "Verleend." }), 200);
  const closed = ok(await post(worker, `${base}/close`, { explanation: "U krijgt de vergunning." }), 200);
  assert.equal(closed.closed, true);

  // The same through the Zaken API.
  ok(await type.api(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: viaZgw.url, resultaattype: rt.afgehandeld.url } }), 201);
  ok(await type.api(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: viaZgw.url, statustype: type.statustypen[1], datumStatusGezet: new Date().toISOString() } }), 201);

  const [a, b] = [await read(viaStaff), await read(viaZgw)];
  assert.ok(a.einddatum, "closed");
  assert.equal(a.archiefnominatie, "vernietigen");
  assert.equal(a.archiefactiedatum, addYears(a.einddatum, 10)); // afgehandeld: einddatum + P10Y
  assert.equal(a.archiefnominatie, b.archiefnominatie);
  assert.equal(a.archiefactiedatum, b.archiefactiedatum);

  const records = (await trail(viaStaff)).slice(before);
  const shape = (x) => `${x.resource}:${x.actie}:${x.resultaat}`;
  assert.deepEqual(records.map(shape), [
    "zaak:partial_update:200", "zaak:partial_update:200", "resultaat:create:201", "status:create:201",
  ]);
  for (const x of records) {
    assert.equal(x.hoofdObject, viaStaff.url);
    assert.equal(x.bron, "ZRC");
    assert.equal(x.applicatieId, "loket-behandelen");
    assert.equal(x.gebruikersId, worker.id);
    assert.match(x.aanmaakdatum, /^\d{4}-\d{2}-\d{2}T/);
  }
  const [suspended, , result, status] = records;
  assert.equal(suspended.wijzigingen.oud.opschorting.indicatie, false);
  assert.equal(suspended.wijzigingen.nieuw.opschorting.indicatie, true);
  assert.equal(result.wijzigingen.oud, null);
  assert.equal(result.resourceUrl, a.resultaat);
  assert.equal(result.wijzigingen.nieuw.resultaattype, rt.afgehandeld.url);
  assert.equal(status.resourceUrl, a.status);
  assert.equal(status.wijzigingen.nieuw.statustype, type.statustypen[1]);
  assert.equal(status.wijzigingen.nieuw.zaak, viaStaff.url);
  // One record reads back by its uuid, as through the Zaken API.
  const one = ok(await type.api(`${viaStaff.url}/audittrail/${status.uuid}`), 200);
  assert.deepEqual(one, status);

  // The Zaken API's closing leaves the same kinds of record (its own applicatie).
  const zgwRecords = await trail(viaZgw);
  const last = zgwRecords.slice(-2);
  assert.deepEqual(last.map(shape), ["resultaat:create:201", "status:create:201"]);
  assert.deepEqual(Object.keys(last[1]).sort(), Object.keys(status).sort());
  // No personal number in any record.
  assert.ok(!JSON.stringify(await trail(viaStaff)).includes(BSN));
});

test("a back-office closing the zaaktype cannot date is refused (archiefactiedatum-error) and leaves the case open", async () => {
  const zaak = await registerCase(type, { bsn: BSN });
  const base = `/api/v1/cases/${zaak.uuid}`;
  ok(await post(worker, `${base}/result`, { resultType: uuidOf(rt.eigenschap.url) }), 200);
  const before = (await trail(zaak)).length;
  const r = await post(worker, `${base}/close`, {});
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json.invalidParams.map((p) => `${p.name}:${p.code}`), ["nonFieldErrors:archiefactiedatum-error"]);
  const still = await read(zaak);
  assert.equal(still.einddatum, null);
  assert.equal(still.archiefactiedatum, null);
  assert.equal((await trail(zaak)).length, before, "nothing of the refused closing is written");

  // With the zaakeigenschap the eigenschap names (the Zaken adapter's table), it closes.
  ok(await type.api(`${zaak.url}/zaakeigenschappen`, { method: "POST", body: { zaak: zaak.url, eigenschap: rt.eigenschapDef.url, waarde: "20300615" } }), 201);
  ok(await post(worker, `${base}/close`, {}), 200);
  const closed = await read(zaak);
  assert.equal(closed.archiefnominatie, "vernietigen");
  assert.equal(closed.archiefactiedatum, "2040-06-15"); // 2030-06-15 + P10Y

  // Reopening clears them again, as through the Zaken API.
  ok(await post(worker, `${base}/reopen`, {}), 200);
  const reopened = await read(zaak);
  assert.equal(reopened.einddatum, null);
  assert.equal(reopened.archiefnominatie, null);
  assert.equal(reopened.archiefactiedatum, null);
});
