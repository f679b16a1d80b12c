// The Catalogi API: every resource's CRUD and filters, publishing and the concept rules
// (ztc-009, ztc-010), validity overlap (ztc-016), the reference lists (ztc-001, ztc-002), the
// archive parameters (ztc-003..008), eigenschap dates (ztc-015), scopes and bad input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, zaaktypeBody as sharedZaaktypeBody } from "./lib/zgw.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const PROCES_VERGUNNING = "7d0f1a2e-1c1d-4b0a-9a51-000000000005";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501"; // procestermijn ingeschatte_bestaansduur
const RESULTAAT_GEWEIGERD = "a3b4c5d6-2e2f-4c1b-8b62-000000000502"; // procestermijn nihil
const RESULTAAT_ANDER_PROCES = "a3b4c5d6-2e2f-4c1b-8b62-000000000701";
const RESULTAAT_ZONDER_TERMIJN = "a3b4c5d6-2e2f-4c1b-8b62-000000000702"; // no procestermijn: any afleidingswijze
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";

let server, api, reader, forced, ref;
let seq = 0;

before(async () => {
  server = await startZgwServer();
  api = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven"] }));
  reader = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] }));
  forced = zgwFetch(server, await addClient(server, {
    component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven", "catalogi.geforceerd-schrijven", "catalogi.geforceerd-verwijderen"],
  }));
  ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
});
after(async () => server?.stop());

const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};

async function catalogus(extra = {}) {
  const r = await api(`${CATALOGI}/catalogussen`, {
    method: "POST",
    body: { domein: `D${++seq}`.slice(0, 5), rsin: "002220647", contactpersoonBeheerNaam: "Beheer", ...extra },
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

function zaaktypeBody(cat, extra = {}) {
  return sharedZaaktypeBody(server.url, cat.url, {
    identificatie: `ZT-${++seq}`, servicenorm: "P6W", opschortingEnAanhoudingMogelijk: true, verlengingMogelijk: true,
    verlengingstermijn: "P6W", trefwoorden: ["bouw", "milieu"], ...extra,
  });
}

async function zaaktype(cat, extra = {}) {
  const r = await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, extra) });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

const publish = (kind, obj, client = api) => client(`${obj.url}/publish`, { method: "POST", body: {} });

test("catalogussen: create, read, list with filters, update; no delete", async () => {
  const c = await catalogus({ naam: "Zaaktypen", contactpersoonBeheerEmailadres: "beheer@example.nl" });
  assert.match(c.url, /\/zgw\/catalogi\/api\/v1\/catalogussen\//);
  assert.deepEqual(c.zaaktypen, []);
  const read = await reader(c.url);
  assert.equal(read.status, 200);
  assert.equal(read.json.domein, c.domein);
  assert.ok(read.headers.get("etag"));
  const list = await reader(`${CATALOGI}/catalogussen?domein=${c.domein}`);
  assert.equal(list.json.count, 1);
  const listIn = await reader(`${CATALOGI}/catalogussen?rsin__in=002220647,123456782&domein__in=${c.domein}`);
  assert.equal(listIn.json.count, 1);
  const patched = await api(c.url, { method: "PATCH", body: { naam: "Nieuwe naam" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.naam, "Nieuwe naam");
  const del = await api(c.url, { method: "DELETE" });
  assert.ok(del.status === 405 || del.status === 404, `DELETE catalogus: ${del.status}`);
  // The same domain twice for one RSIN is refused.
  const dup = await api(`${CATALOGI}/catalogussen`, { method: "POST", body: { domein: c.domein, rsin: "002220647", contactpersoonBeheerNaam: "x" } });
  invalid(dup, "domein", "unique");
  invalid(await api(`${CATALOGI}/catalogussen`, { method: "POST", body: { domein: "TOOLONG", rsin: "123", contactpersoonBeheerNaam: "x" } }), "rsin", "invalid");
});

test("zaaktypen: create as concept, derived lists, filters, publish, lists default to definitief", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  assert.equal(zt.concept, true);
  for (const f of ["statustypen", "roltypen", "resultaattypen", "eigenschappen", "informatieobjecttypen", "zaakobjecttypen"]) {
    assert.deepEqual(zt[f], [], f);
  }
  assert.equal(zt.doorlooptijd, "P8W");
  assert.equal(zt.catalogus, cat.url);
  assert.equal(zt.versiedatum, "2024-01-01");
  // Lists show published ones unless asked (status default definitief).
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}`)).json.count, 0);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&status=concept`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&status=alles`)).json.count, 1);
  invalid(await reader(`${CATALOGI}/zaaktypen?status=bijna`), "status", "invalid_choice");
  const st = await api(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Ontvangen", volgnummer: 1 } });
  assert.equal(st.status, 201, st.text);
  const pub = await publish("zaaktypen", zt);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.concept, false);
  assert.deepEqual(pub.json.statustypen, [st.json.url]);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&identificatie=${zt.identificatie}`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&identificatie=nope`)).json.count, 0);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&trefwoorden=bouw`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&trefwoorden=bouw,milieu`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&trefwoorden=bouw,water`)).json.count, 0);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&datumGeldigheid=2024-06-01`)).json.count, 1);
  assert.equal((await reader(`${CATALOGI}/zaaktypen?catalogus=${cat.url}&datumGeldigheid=2023-06-01`)).json.count, 0);
  invalid(await reader(`${CATALOGI}/zaaktypen?datumGeldigheid=2023-02-30`), "datumGeldigheid", "invalid");
  invalid(await reader(`${CATALOGI}/zaaktypen?kleur=rood`), "nonFieldErrors", "unknown-parameters");
  invalid(await reader(`${CATALOGI}/zaaktypen?catalogus=geen-url`), "catalogus", "invalid");
  // Catalogus lists its zaaktypen.
  assert.deepEqual((await reader(cat.url)).json.zaaktypen, [zt.url]);
  // Publishing twice is refused.
  invalid(await publish("zaaktypen", zt), "nonFieldErrors", "non-concept-object");
});

test("zaaktypen: bad input names the field", async () => {
  const cat = await catalogus();
  const post = (extra) => api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, extra) });
  invalid(await post({ omschrijving: undefined }), "omschrijving", "required");
  invalid(await post({ doorlooptijd: "8 weken" }), "doorlooptijd", "invalid");
  invalid(await post({ servicenorm: "P0D" }), "servicenorm", "invalid");
  invalid(await post({ beginGeldigheid: "2024-13-01" }), "beginGeldigheid", "invalid");
  invalid(await post({ eindeGeldigheid: "2023-01-01" }), "nonFieldErrors", "date-mismatch");
  invalid(await post({ vertrouwelijkheidaanduiding: "heel_geheim" }), "vertrouwelijkheidaanduiding", "invalid_choice");
  invalid(await post({ catalogus: "niet een url" }), "catalogus", "bad-url");
  invalid(await post({ catalogus: `${server.url}${CATALOGI}/catalogussen/00000000-0000-4000-8000-000000000000` }), "catalogus", "bad-url");
  invalid(await post({ catalogus: "https://elders.example/catalogussen/1" }), "catalogus", "bad-url");
  invalid(await post({ verlengingstermijn: null }), "nonFieldErrors", "verlenging-mismatch");
  invalid(await post({ referentieproces: {} }), "referentieproces.naam", "required");
  // ztc-001: the procestype must be in the selectielijst.
  invalid(await post({ selectielijstProcestype: `${server.url}${REF}/procestypen/00000000-0000-4000-8000-000000000000` }), "selectielijstProcestype", "bad-url");
  invalid(await post({ selectielijstProcestype: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND) }), "selectielijstProcestype", "invalid-resource");
  // A besluittype from another catalogus.
  const other = await catalogus();
  const bt = await api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: other.url, omschrijving: "Besluit", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] } });
  assert.equal(bt.status, 201, bt.text);
  invalid(await post({ besluittypen: [bt.json.url] }), "nonFieldErrors", "relations-incorrect-catalogus");
  const body = await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: "[1,2]" });
  assert.equal(body.status, 400);
});

test("ztc-016: versions of one identificatie do not overlap; closing the old one makes room", async () => {
  const cat = await catalogus();
  const v1 = await zaaktype(cat, { identificatie: "VERSIE-1", beginGeldigheid: "2024-01-01" });
  assert.equal((await publish("zaaktypen", v1)).status, 200);
  invalid(await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { identificatie: "VERSIE-1", beginGeldigheid: "2025-01-01" }) }), "beginGeldigheid", "overlap");
  // ztc-009: only eindeGeldigheid may change on a published zaaktype.
  const closed = await api(v1.url, { method: "PATCH", body: { eindeGeldigheid: "2024-12-31" } });
  assert.equal(closed.status, 200, closed.text);
  const v2 = await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { identificatie: "VERSIE-1", beginGeldigheid: "2025-01-01" }) });
  assert.equal(v2.status, 201, v2.text);
  assert.equal((await publish("zaaktypen", v2.json)).status, 200);
  const on = async (day) => (await reader(`${CATALOGI}/zaaktypen?identificatie=VERSIE-1&catalogus=${cat.url}&datumGeldigheid=${day}`)).json.results.map((z) => z.url);
  assert.deepEqual(await on("2024-12-31"), [v1.url]);
  assert.deepEqual(await on("2025-01-01"), [v2.json.url]);
  // The same identificatie in another catalogus is another zaaktype.
  const cat2 = await catalogus();
  await zaaktype(cat2, { identificatie: "VERSIE-1", beginGeldigheid: "2024-01-01" });
  // Reopening the old version would overlap again.
  invalid(await api(v1.url, { method: "PATCH", body: { eindeGeldigheid: null } }), "beginGeldigheid", "overlap");
  // identificatie and catalogus are fixed.
  invalid(await api(v2.json.url, { method: "PATCH", body: { eindeGeldigheid: "2026-01-01", identificatie: "ANDERS" } }), "identificatie", "wijzigen-niet-toegestaan");
});

test("ztc-009: a published zaaktype cannot change or be deleted, except by a forced correction", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  // A concept changes freely (PUT and PATCH) and can be deleted.
  const put = await api(zt.url, { method: "PUT", body: zaaktypeBody(cat, { identificatie: zt.identificatie, omschrijving: "Anders" }) });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.omschrijving, "Anders");
  assert.equal((await publish("zaaktypen", zt)).status, 200);
  invalid(await api(zt.url, { method: "PATCH", body: { omschrijving: "Nog eens" } }), "nonFieldErrors", "non-concept-object");
  invalid(await api(zt.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-object");
  const corrected = await forced(zt.url, { method: "PATCH", body: { omschrijving: "Gecorrigeerd" } });
  assert.equal(corrected.status, 200, corrected.text);
  assert.equal(corrected.json.concept, false);
  const concept = await zaaktype(cat);
  assert.equal((await api(concept.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(concept.url)).status, 404);
  assert.equal((await forced(zt.url, { method: "DELETE" })).status, 204);
});

test("statustypen: volgnummer unique, isEindstatus derived, parts only on concept zaaktypen (ztc-010)", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  const mk = (body, client = api) => client(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, ...body } });
  const s1 = await mk({ omschrijving: "Ontvangen", volgnummer: 1, statustekst: "We hebben uw aanvraag" });
  const s2 = await mk({ omschrijving: "Afgehandeld", volgnummer: 2, doorlooptijd: "P2W" });
  assert.equal(s1.status, 201, s1.text);
  assert.equal(s2.json.isEindstatus, true);
  assert.equal((await reader(s1.json.url)).json.isEindstatus, false);
  assert.equal(s1.json.catalogus, cat.url);
  assert.equal(s1.json.zaaktypeIdentificatie, zt.identificatie);
  invalid(await mk({ omschrijving: "Dubbel", volgnummer: 2 }), "volgnummer", "unique");
  invalid(await mk({ omschrijving: "Nul", volgnummer: 0 }), "volgnummer", "min_value");
  invalid(await mk({ omschrijving: "Duur", volgnummer: 5, doorlooptijd: "twee weken" }), "doorlooptijd", "invalid");
  invalid(await mk({ volgnummer: 5 }), "omschrijving", "required");
  invalid(await api(`${CATALOGI}/statustypen`, { method: "POST", body: { omschrijving: "x", volgnummer: 9, zaaktype: `${server.url}${CATALOGI}/catalogussen/${cat.url.split("/").pop()}` } }), "zaaktype", "invalid-resource");
  const patched = await api(s1.json.url, { method: "PATCH", body: { statustekst: "Ontvangen!" } });
  assert.equal(patched.status, 200, patched.text);
  const list = await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}&status=alles`);
  assert.deepEqual(list.json.results.map((s) => s.volgnummer), [1, 2]);
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}`)).json.count, 0); // zaaktype still concept
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}&status=concept`)).json.count, 2);
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktypeIdentificatie=${zt.identificatie}&status=alles`)).json.count, 2);
  const s3 = await mk({ omschrijving: "Weg", volgnummer: 3 });
  assert.equal((await api(s3.json.url, { method: "DELETE" })).status, 204);
  assert.equal((await publish("zaaktypen", zt)).status, 200);
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}`)).json.count, 2);
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}&datumGeldigheid=2024-02-01`)).json.count, 2);
  assert.equal((await reader(`${CATALOGI}/statustypen?zaaktype=${zt.url}&datumGeldigheid=2020-02-01`)).json.count, 0);
  // Published zaaktype: no new parts, no changes, no deletes; a correction may add one.
  invalid(await mk({ omschrijving: "Later", volgnummer: 3 }), "nonFieldErrors", "non-concept-zaaktype");
  invalid(await api(s1.json.url, { method: "PATCH", body: { statustekst: "x" } }), "nonFieldErrors", "non-concept-zaaktype");
  invalid(await api(s1.json.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-zaaktype");
  const added = await mk({ omschrijving: "Gearchiveerd", volgnummer: 3 }, forced);
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.isEindstatus, true);
  assert.equal((await reader(s2.json.url)).json.isEindstatus, false);
});

test("roltypen: CRUD and the omschrijvingGeneriek filter", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  const r = await api(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" } });
  assert.equal(r.status, 201, r.text);
  invalid(await api(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "X", omschrijvingGeneriek: "koning" } }), "omschrijvingGeneriek", "invalid_choice");
  const q = (s) => reader(`${CATALOGI}/roltypen?zaaktype=${zt.url}&status=alles&${s}`);
  assert.equal((await q("omschrijvingGeneriek=initiator")).json.count, 1);
  assert.equal((await q("omschrijvingGeneriek=behandelaar")).json.count, 0);
  const put = await api(r.json.url, { method: "PUT", body: { zaaktype: zt.url, omschrijving: "Behandelaar", omschrijvingGeneriek: "behandelaar" } });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual((await reader(zt.url)).json.roltypen, [r.json.url]);
  assert.equal((await api(r.json.url, { method: "DELETE" })).status, 204);
});

test("resultaattypen: ztc-002 reference lists, derived archive fields, brondatum rules (ztc-003..008)", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  const body = (extra = {}) => ({
    zaaktype: zt.url, omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
    selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND),
    brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" }, ...extra,
  });
  const post = (extra) => api(`${CATALOGI}/resultaattypen`, { method: "POST", body: body(extra) });
  const r = await post();
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.omschrijvingGeneriek, "Toegekend");
  assert.equal(r.json.archiefnominatie, "vernietigen"); // from the selectielijst's waardering
  assert.equal(r.json.archiefactietermijn, "P10Y"); // from its bewaartermijn
  assert.equal(r.json.brondatumArchiefprocedure.afleidingswijze, "termijn");
  const explicit = await post({ omschrijving: "Bewaren", archiefnominatie: "blijvend_bewaren", archiefactietermijn: "P20Y" });
  assert.equal(explicit.json.archiefnominatie, "blijvend_bewaren");
  assert.equal(explicit.json.archiefactietermijn, "P20Y");
  invalid(await post({ archiefnominatie: "weggooien" }), "archiefnominatie", "invalid_choice");
  invalid(await post({ resultaattypeomschrijving: undefined }), "resultaattypeomschrijving", "required");
  invalid(await post({ resultaattypeomschrijving: `${server.url}${REF}/resultaattypeomschrijvingen/00000000-0000-4000-8000-000000000000` }), "resultaattypeomschrijving", "bad-url");
  invalid(await post({ selectielijstklasse: "https://selectielijst.example/resultaten/1" }), "selectielijstklasse", "bad-url");
  // ztc-002: the resultaat belongs to the zaaktype's procestype.
  invalid(await post({ selectielijstklasse: ref("resultaten", RESULTAAT_ANDER_PROCES), brondatumArchiefprocedure: { afleidingswijze: "afgehandeld" } }), "nonFieldErrors", "procestype-mismatch");
  // ztc-003: procestermijn nihil needs afgehandeld; ingeschatte bestaansduur needs termijn.
  invalid(await post({ selectielijstklasse: ref("resultaten", RESULTAAT_GEWEIGERD) }), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn");
  invalid(await post({ brondatumArchiefprocedure: { afleidingswijze: "afgehandeld" } }), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn");
  const nihil = await post({ selectielijstklasse: ref("resultaten", RESULTAAT_GEWEIGERD), brondatumArchiefprocedure: { afleidingswijze: "afgehandeld" } });
  assert.equal(nihil.status, 201, nihil.text);
  // ztc-004..008 on a zaaktype without selectielijstProcestype (no ztc-003 constraint).
  const free = await zaaktype(cat, { selectielijstProcestype: "" });
  const freePost = (b) => api(`${CATALOGI}/resultaattypen`, { method: "POST", body: body({ zaaktype: free.url, selectielijstklasse: ref("resultaten", RESULTAAT_ZONDER_TERMIJN), brondatumArchiefprocedure: b }) });
  invalid(await freePost({ afleidingswijze: "eigenschap" }), "brondatumArchiefprocedure.datumkenmerk", "required"); // ztc-004
  invalid(await freePost({ afleidingswijze: "hoofdzaak", datumkenmerk: "x" }), "brondatumArchiefprocedure.datumkenmerk", "must-be-empty");
  invalid(await freePost({ afleidingswijze: "afgehandeld", einddatumBekend: true }), "brondatumArchiefprocedure.einddatumBekend", "must-be-empty"); // ztc-005
  invalid(await freePost({ afleidingswijze: "zaakobject", datumkenmerk: "d" }), "brondatumArchiefprocedure.objecttype", "required"); // ztc-006
  invalid(await freePost({ afleidingswijze: "ander_datumkenmerk", datumkenmerk: "d", objecttype: "pand" }), "brondatumArchiefprocedure.registratie", "required"); // ztc-007
  invalid(await freePost({ afleidingswijze: "hoofdzaak", procestermijn: "P1Y" }), "brondatumArchiefprocedure.procestermijn", "must-be-empty"); // ztc-008
  const ok = await freePost({ afleidingswijze: "ander_datumkenmerk", datumkenmerk: "d", objecttype: "pand", registratie: "BAG" });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.archiefnominatie, "blijvend_bewaren");
  assert.equal(ok.json.archiefactietermijn, null);
  const list = await reader(`${CATALOGI}/resultaattypen?zaaktype=${zt.url}&status=alles`);
  assert.equal(list.json.count, 3);
  assert.equal((await reader(`${CATALOGI}/resultaattypen?zaaktype_identificatie=${zt.identificatie}&status=alles`)).json.count, 3);
  const patched = await api(r.json.url, { method: "PATCH", body: { toelichting: "Zie beleid" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal((await api(r.json.url, { method: "DELETE" })).status, 204);
});

test("eigenschappen: ztc-015 date lengths, statustype of the same zaaktype", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  const other = await zaaktype(cat);
  const st = await api(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: other.url, omschrijving: "x", volgnummer: 1 } });
  const post = (extra) => api(`${CATALOGI}/eigenschappen`, { method: "POST", body: { zaaktype: zt.url, naam: "datum", definitie: "Een datum", specificatie: { formaat: "datum", lengte: "8", kardinaliteit: "1" }, ...extra } });
  const e = await post();
  assert.equal(e.status, 201, e.text);
  invalid(await post({ naam: "d2", specificatie: { formaat: "datum", lengte: "10", kardinaliteit: "1" } }), "specificatie.lengte", "invalid-length");
  invalid(await post({ naam: "d3", specificatie: { formaat: "datum_tijd", lengte: "8", kardinaliteit: "1" } }), "specificatie.lengte", "invalid-length");
  assert.equal((await post({ naam: "d4", specificatie: { formaat: "datum_tijd", lengte: "14", kardinaliteit: "1" } })).status, 201);
  invalid(await post({ naam: "d5", specificatie: { formaat: "kleur", lengte: "1", kardinaliteit: "1" } }), "specificatie.formaat", "invalid_choice");
  invalid(await post({ naam: "d6", specificatie: undefined }), "specificatie", "required");
  invalid(await post({ naam: "d7", statustype: st.json.url }), "nonFieldErrors", "relations-incorrect-zaaktype");
  invalid(await post(), "naam", "unique");
  assert.equal((await reader(`${CATALOGI}/eigenschappen?zaaktype=${zt.url}&status=alles`)).json.count, 2);
  assert.equal((await api(e.json.url, { method: "PATCH", body: { definitie: "Anders" } })).status, 200);
  assert.equal((await api(e.json.url, { method: "DELETE" })).status, 204);
});

test("informatieobjecttypen, zaaktype-informatieobjecttypen and publishing order", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  const iotPost = (extra = {}) => api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Aanvraagformulier", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "formulier", trefwoord: ["aanvraag"], ...extra } });
  const iot = await iotPost();
  assert.equal(iot.status, 201, iot.text);
  assert.equal(iot.json.concept, true);
  invalid(await iotPost({ omschrijving: "Ander", informatieobjectcategorie: undefined }), "informatieobjectcategorie", "required");
  const ziotPost = (extra = {}) => api(`${CATALOGI}/zaaktype-informatieobjecttypen`, { method: "POST", body: { zaaktype: zt.url, informatieobjecttype: "Aanvraagformulier", volgnummer: 1, richting: "inkomend", ...extra } });
  const ziot = await ziotPost();
  assert.equal(ziot.status, 201, ziot.text);
  invalid(await ziotPost({ volgnummer: 2, informatieobjecttype: "Bestaat niet" }), "informatieobjecttype", "does-not-exist");
  invalid(await ziotPost({ volgnummer: 1 }), "volgnummer", "unique");
  invalid(await ziotPost({ volgnummer: 3, richting: "zijwaarts" }), "richting", "invalid_choice");
  // The zaaktype cannot be published before its informatieobjecttype.
  invalid(await publish("zaaktypen", zt), "informatieobjecttypen", "concept-relation");
  assert.equal((await publish("informatieobjecttypen", iot.json)).status, 200);
  const pub = await publish("zaaktypen", zt);
  assert.equal(pub.status, 200, pub.text);
  assert.deepEqual(pub.json.informatieobjecttypen, [iot.json.url]);
  assert.deepEqual(pub.json.informatieobjecttypeOmschrijving, ["Aanvraagformulier"]);
  const q = (s) => reader(`${CATALOGI}/zaaktype-informatieobjecttypen?${s}`);
  assert.equal((await q(`zaaktype=${zt.url}`)).json.count, 1);
  assert.equal((await q(`zaaktype=${zt.url}&richting=uitgaand`)).json.count, 0);
  assert.equal((await q(`informatieobjecttype=Aanvraagformulier&zaaktype=${zt.url}`)).json.count, 1);
  const iq = (s) => reader(`${CATALOGI}/informatieobjecttypen?catalogus=${cat.url}&${s}`);
  assert.equal((await iq("omschrijving=Aanvraagformulier")).json.count, 1);
  assert.equal((await iq("status=concept")).json.count, 0);
  // Published informatieobjecttype: changes refused, eindeGeldigheid allowed.
  invalid(await api(iot.json.url, { method: "PATCH", body: { informatieobjectcategorie: "brief" } }), "nonFieldErrors", "non-concept-object");
  assert.equal((await api(iot.json.url, { method: "PATCH", body: { eindeGeldigheid: "2030-12-31" } })).status, 200);
  invalid(await ziotPost({ volgnummer: 2 }), "nonFieldErrors", "non-concept-zaaktype");
  invalid(await api(ziot.json.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-zaaktype");
});

test("besluittypen: CRUD, filters, publish", async () => {
  const cat = await catalogus();
  const iot = await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Besluitbrief", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" } });
  const post = (extra = {}) => api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Vergunningsbesluit", publicatieIndicatie: true, reactietermijn: "P6W", beginGeldigheid: "2024-01-01", informatieobjecttypen: [iot.json.url], ...extra } });
  const bt = await post();
  assert.equal(bt.status, 201, bt.text);
  invalid(await post({ omschrijving: "B2", reactietermijn: "zes weken" }), "reactietermijn", "invalid");
  invalid(await post({ omschrijving: "B3", publicatieIndicatie: undefined }), "publicatieIndicatie", "required");
  invalid(await post({ omschrijving: "Vergunningsbesluit", beginGeldigheid: "2024-06-01" }), "beginGeldigheid", "overlap");
  assert.equal((await publish("informatieobjecttypen", iot.json)).status, 200);
  assert.equal((await publish("besluittypen", bt.json)).status, 200);
  const zt = await zaaktype(cat, { besluittypen: [bt.json.url] });
  assert.deepEqual(zt.besluittypen, [bt.json.url]);
  assert.deepEqual(zt.besluittypeOmschrijving, ["Vergunningsbesluit"]);
  const q = (s) => reader(`${CATALOGI}/besluittypen?catalogus=${cat.url}&${s}`);
  assert.equal((await q(`zaaktypen=${zt.url}`)).json.count, 1);
  assert.equal((await q(`informatieobjecttypen=${iot.json.url}`)).json.count, 1);
  assert.equal((await q("omschrijving=Anders")).json.count, 0);
  assert.equal((await publish("zaaktypen", zt)).status, 200);
  invalid(await api(bt.json.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-object");
  const draft = await post({ omschrijving: "Concept besluit", informatieobjecttypen: [] });
  assert.equal((await api(draft.json.url, { method: "PATCH", body: { toelichting: "x" } })).status, 200);
  assert.equal((await api(draft.json.url, { method: "DELETE" })).status, 204);
  // A zaaktype naming a concept besluittype cannot be published.
  const draft2 = await post({ omschrijving: "Nog concept" });
  const zt2 = await zaaktype(cat, { besluittypen: [draft2.json.url] });
  invalid(await publish("zaaktypen", zt2), "besluittypen", "concept-relation");
});

test("ztc-012: a besluittype is published before its informatieobjecttypen; only a zaaktype waits for its types", async () => {
  const cat = await catalogus();
  const iot = await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Besluit eerst", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" } });
  assert.equal(iot.status, 201, iot.text);
  const bt = await api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Eerst gepubliceerd", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [iot.json.url] } });
  assert.equal(bt.status, 201, bt.text);
  const pub = await publish("besluittypen", bt.json);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.concept, false);
  assert.deepEqual(pub.json.informatieobjecttypen, [iot.json.url]);
  assert.equal((await publish("informatieobjecttypen", iot.json)).status, 200);
  // A zaaktype still waits for its besluittypen.
  const draft = await api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Nog niet", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] } });
  const zt = await zaaktype(cat, { besluittypen: [draft.json.url] });
  invalid(await publish("zaaktypen", zt), "besluittypen", "concept-relation");
});

test("ztc-009: a concept informatieobjecttype may be renamed; a published one may not", async () => {
  const cat = await catalogus();
  const iot = await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "Tikfout", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" } });
  assert.equal(iot.status, 201, iot.text);
  const renamed = await api(iot.json.url, { method: "PATCH", body: { omschrijving: "Zonder tikfout" } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.json.omschrijving, "Zonder tikfout");
  assert.equal((await reader(`${CATALOGI}/informatieobjecttypen?catalogus=${cat.url}&status=alles&omschrijving=Zonder tikfout`)).json.count, 1);
  // The catalogus stays fixed.
  const other = await catalogus();
  invalid(await api(iot.json.url, { method: "PATCH", body: { catalogus: other.url } }), "catalogus", "wijzigen-niet-toegestaan");
  assert.equal((await publish("informatieobjecttypen", iot.json)).status, 200);
  invalid(await api(iot.json.url, { method: "PATCH", body: { omschrijving: "Weer anders" } }), "nonFieldErrors", "non-concept-object");
});

test("ztc-010 non-concept-relation: a concept related to a published type changes or goes only by force", async () => {
  const cat = await catalogus();
  const iotBody = (omschrijving) => ({ catalogus: cat.url, omschrijving, vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" });
  const btBody = (omschrijving, informatieobjecttypen) => ({ catalogus: cat.url, omschrijving, publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen });
  const mk = async (path, body) => {
    const r = await api(`${CATALOGI}/${path}`, { method: "POST", body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const published = await mk("informatieobjecttypen", iotBody("Gepubliceerd"));
  assert.equal((await publish("informatieobjecttypen", published)).status, 200);

  // A concept besluittype linked to a published informatieobjecttype.
  const bt = await mk("besluittypen", btBody("Gekoppeld", [published.url]));
  invalid(await api(bt.url, { method: "PATCH", body: { toelichting: "x" } }), "nonFieldErrors", "non-concept-relation");
  invalid(await api(bt.url, { method: "PUT", body: { ...btBody("Gekoppeld", [published.url]), toelichting: "anders" } }), "nonFieldErrors", "non-concept-relation");
  invalid(await api(bt.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-relation");
  assert.equal((await reader(bt.url)).status, 200, "nothing was deleted");
  // Closing it (eindeGeldigheid alone) is allowed, as for a published type.
  assert.equal((await api(bt.url, { method: "PATCH", body: { eindeGeldigheid: "2030-12-31" } })).status, 200);
  // A correction may change it, a forced delete remove it.
  const corrected = await forced(bt.url, { method: "PATCH", body: { toelichting: "Gecorrigeerd" } });
  assert.equal(corrected.status, 200, corrected.text);
  assert.equal((await forced(bt.url, { method: "DELETE" })).status, 204);

  // Linking a concept to a published type by PATCH is such a change too.
  const concept = await mk("informatieobjecttypen", iotBody("Concept"));
  const bt2 = await mk("besluittypen", btBody("Los", [concept.url]));
  assert.equal((await api(bt2.url, { method: "PATCH", body: { toelichting: "vrij" } })).status, 200);
  invalid(await api(bt2.url, { method: "PATCH", body: { informatieobjecttypen: [concept.url, published.url] } }), "nonFieldErrors", "non-concept-relation");

  // The other way round: a concept informatieobjecttype listed by a published besluittype.
  assert.equal((await publish("besluittypen", bt2)).status, 200);
  invalid(await api(concept.url, { method: "PATCH", body: { informatieobjectcategorie: "formulier" } }), "nonFieldErrors", "non-concept-relation");
  invalid(await api(concept.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-relation");

  // A concept zaaktype naming a published besluittype.
  const zt = await zaaktype(cat, { besluittypen: [bt2.url] });
  invalid(await api(zt.url, { method: "PATCH", body: { toelichting: "x" } }), "nonFieldErrors", "non-concept-relation");
  invalid(await api(zt.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-relation");
  assert.equal((await forced(zt.url, { method: "DELETE" })).status, 204);
  // And a concept besluittype named by a published zaaktype.
  const bt3 = await mk("besluittypen", btBody("Bij zaaktype", []));
  const zt2 = await forced(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { besluittypen: [bt3.url] }) });
  assert.equal(zt2.status, 201, zt2.text);
  assert.equal((await publish("besluittypen", bt3)).status, 200);
  assert.equal((await publish("zaaktypen", zt2.json)).status, 200);
  const bt4 = await mk("besluittypen", btBody("Later bij zaaktype", []));
  const corrected2 = await forced(zt2.json.url, { method: "PATCH", body: { besluittypen: [bt3.url, bt4.url] } });
  assert.equal(corrected2.status, 200, corrected2.text);
  invalid(await api(bt4.url, { method: "PATCH", body: { toelichting: "x" } }), "nonFieldErrors", "non-concept-relation");
  invalid(await api(bt4.url, { method: "DELETE" }), "nonFieldErrors", "non-concept-relation");
  // Unrelated concepts are untouched.
  const free = await mk("besluittypen", btBody("Vrij", []));
  assert.equal((await api(free.url, { method: "PATCH", body: { toelichting: "x" } })).status, 200);
  assert.equal((await api(free.url, { method: "DELETE" })).status, 204);
});

test("errors as clients read them: nonFieldErrors for combinations, indexed list items, required vs blank", async () => {
  const cat = await catalogus();
  const other = await catalogus();
  const zt = await zaaktype(cat);
  const names = (r) => r.json.invalidParams.map((p) => `${p.name}:${p.code}`);
  // A combination of fields: nonFieldErrors with the standard's code, not one of the fields.
  const late = await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { beginGeldigheid: "2024-02-01", eindeGeldigheid: "2024-01-01" }) });
  invalid(late, "nonFieldErrors", "date-mismatch");
  assert.ok(!names(late).includes("eindeGeldigheid:date-mismatch"), late.text);
  invalid(await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { verlengingstermijn: undefined }) }), "nonFieldErrors", "verlenging-mismatch");
  const foreign = await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { catalogus: other.url, omschrijving: "Elders", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" } });
  const bt = await api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "B", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [foreign.json.url] } });
  invalid(bt, "nonFieldErrors", "relations-incorrect-catalogus");
  const rt = await api(`${CATALOGI}/resultaattypen`, { method: "POST", body: {
    zaaktype: zt.url, omschrijving: "Anders", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
    selectielijstklasse: ref("resultaten", RESULTAAT_ANDER_PROCES), brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P1Y" } } });
  invalid(rt, "nonFieldErrors", "procestype-mismatch");
  const wrong = await api(`${CATALOGI}/resultaattypen`, { method: "POST", body: {
    zaaktype: zt.url, omschrijving: "Nihil", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
    selectielijstklasse: ref("resultaten", RESULTAAT_GEWEIGERD), brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P1Y" } } });
  invalid(wrong, "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn");
  assert.equal((await publish("zaaktypen", zt)).status, 200);
  invalid(await api(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Laat", omschrijvingGeneriek: "adviseur" } }), "nonFieldErrors", "non-concept-zaaktype");
  // A bad URL inside a list names the field with its index.
  const listed = await api(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, omschrijving: "L", publicatieIndicatie: false, beginGeldigheid: "2024-01-01",
    informatieobjecttypen: [foreign.json.url.replace(/[0-9a-f-]{36}$/, "00000000-0000-4000-8000-000000000000"), "geen url"] } });
  invalid(listed, "informatieobjecttypen.0", "bad-url");
  invalid(listed, "informatieobjecttypen.1", "bad-url");
  invalid(await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { productenOfDiensten: ["https://pdc.example/1", "x"] }) }), "productenOfDiensten.1", "bad-url");
  // Missing: required; empty: blank; null: null.
  const base = { catalogus: cat.url, omschrijving: "Leeg", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" };
  for (const field of ["omschrijving", "informatieobjectcategorie", "vertrouwelijkheidaanduiding", "catalogus"]) {
    const { [field]: _, ...missing } = base;
    invalid(await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: missing }), field, "required");
    invalid(await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { ...base, [field]: "" } }), field, "blank");
    invalid(await api(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: { ...base, [field]: null } }), field, "null");
  }
  invalid(await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { doel: "" }) }), "doel", "blank");
  invalid(await api(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat, { doel: undefined }) }), "doel", "required");
});

test("zaakobjecttypen: CRUD and filters; the catalogus must be the zaaktype's", async () => {
  const cat = await catalogus();
  const other = await catalogus();
  const zt = await zaaktype(cat);
  const post = (extra = {}) => api(`${CATALOGI}/zaakobjecttypen`, { method: "POST", body: { zaaktype: zt.url, catalogus: cat.url, anderObjecttype: false, objecttype: "https://objecttypen.example/api/v2/objecttypes/1", relatieOmschrijving: "Het pand", ...extra } });
  const z = await post();
  assert.equal(z.status, 201, z.text);
  assert.equal(z.json.beginGeldigheid, "2024-01-01");
  invalid(await post({ catalogus: other.url }), "nonFieldErrors", "relations-incorrect-catalogus");
  invalid(await post({ objecttype: "geen url" }), "objecttype", "bad-url");
  const q = (s) => reader(`${CATALOGI}/zaakobjecttypen?${s}`);
  assert.equal((await q(`zaaktype=${zt.url}`)).json.count, 1);
  assert.equal((await q(`catalogus=${cat.url}&anderObjecttype=true`)).json.count, 0);
  assert.equal((await q(`catalogus=${cat.url}&relatieOmschrijving=Het pand`)).json.count, 1);
  assert.equal((await q(`catalogus=${cat.url}&datumBeginGeldigheid=2024-01-01`)).json.count, 1);
  assert.equal((await q(`catalogus=${cat.url}&datumGeldigheid=2023-01-01`)).json.count, 0);
  assert.equal((await q(`zaaktypeIdentificatie=${zt.identificatie}`)).json.count, 1);
  assert.deepEqual((await reader(zt.url)).json.zaakobjecttypen, [z.json.url]);
  assert.equal((await api(z.json.url, { method: "PATCH", body: { relatieOmschrijving: "Het gebouw" } })).status, 200);
  assert.equal((await api(z.json.url, { method: "DELETE" })).status, 204);
});

test("scopes: catalogi.lezen alone reads but cannot write or publish; no token is 401", async () => {
  const cat = await catalogus();
  const zt = await zaaktype(cat);
  assert.equal((await reader(zt.url)).status, 200);
  assert.equal((await reader(`${CATALOGI}/catalogussen`, { method: "POST", body: { domein: "X", rsin: "002220647", contactpersoonBeheerNaam: "x" } })).status, 403);
  assert.equal((await reader(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(cat) })).status, 403);
  assert.equal((await reader(zt.url, { method: "PATCH", body: { omschrijving: "x" } })).status, 403);
  assert.equal((await reader(zt.url, { method: "DELETE" })).status, 403);
  assert.equal((await reader(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "x", volgnummer: 1 } })).status, 403);
  assert.equal((await publish("zaaktypen", zt, reader)).status, 403);
  assert.equal((await fetch(`${server.url}${CATALOGI}/zaaktypen`)).status, 401);
  const zaken = zgwFetch(server, await addClient(server, { component: "zrc", scopes: ["zaken.lezen"], zaaktypen: [zt.url], maxLevel: "openbaar" }));
  assert.equal((await zaken(`${CATALOGI}/catalogussen`)).status, 403);
});

test("referentielijsten: public, local, our own entries", async () => {
  for (const list of ["procestypen", "resultaattypeomschrijvingen"]) {
    const r = await fetch(`${server.url}${REF}/${list}`);
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.ok(Array.isArray(body) && body.length > 0, list);
    assert.ok(body[0].url.startsWith(server.url));
  }
  for (const list of ["resultaten", "communicatiekanalen"]) {
    const body = await (await fetch(`${server.url}${REF}/${list}`)).json();
    assert.ok(body.count > 0 && Array.isArray(body.results), list);
  }
  const filtered = await (await fetch(`${server.url}${REF}/resultaten?procesType=${ref("procestypen", PROCES_VERGUNNING)}`)).json();
  assert.equal(filtered.count, 2);
  assert.ok(filtered.results.every((r) => r.procesType === ref("procestypen", PROCES_VERGUNNING)));
  const one = await (await fetch(ref("resultaten", RESULTAAT_VERLEEND))).json();
  assert.equal(one.procesType, ref("procestypen", PROCES_VERGUNNING));
  assert.equal((await fetch(`${server.url}${REF}/procestypen/00000000-0000-4000-8000-000000000000`)).status, 404);
});

test("the OpenAPI document lists the catalogi routes", async () => {
  const doc = await (await fetch(`${server.url}${CATALOGI}/schema/openapi.json`)).json();
  for (const p of ["/zaaktypen", "/zaaktypen/{uuid}/publish", "/statustypen/{uuid}", "/zaakobjecttypen", "/zaaktype-informatieobjecttypen"]) {
    assert.ok(doc.paths[p], p);
  }
});
