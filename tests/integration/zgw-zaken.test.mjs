// The Zaken API: zaken, statussen, resultaten, rollen, the audit trail, _zoek and
// zaaknummer_reserveren; filters, expand, ETag, pagination; the behaviour rules zrc-001, 002,
// 006..013, 015, 016, 017; scopes and bad input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startZgwServer, addClient, zgwFetch, token, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { backend } from "./lib/server.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501"; // vernietigen, P10Y
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";
const KANAAL_EMAIL = "c0d1e2f3-4041-4e3d-8d84-000000000001";
const RSIN = "002220647";
const RSIN2 = "123456782";
const BSN = "999993653";
const BSN2 = "999990019";

let server, admin, ztc, api, apiClient, ref;
let seq = 0;

before(async () => {
  server = await startZgwServer();
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  ztc = admin;
  apiClient = await addClient(server, { allRights: true });
  api = zgwFetch(server, apiClient);
  ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
});
after(async () => server?.stop());

const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json;
};

// A published zaaktype with three statustypen, a roltype and a resultaattype.
async function setup(extra = {}) {
  const cat = created(await ztc(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: `Z${++seq}`.slice(0, 5), rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }));
  const zt = created(await ztc(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: zaaktypeBody(server.url, cat.url, {
      identificatie: `ZT-${++seq}`, vertrouwelijkheidaanduiding: "zaakvertrouwelijk",
      opschortingEnAanhoudingMogelijk: true, verlengingMogelijk: true, verlengingstermijn: "P6W",
      productenOfDiensten: ["https://pdc.example/producten/1"], beginGeldigheid: "2020-01-01", ...extra,
    }),
  }));
  const st = [];
  for (const [i, omschrijving] of ["Ontvangen", "In behandeling", "Afgehandeld"].entries()) {
    st.push(created(await ztc(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer: i + 1 } })));
  }
  const rt = created(await ztc(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" } }));
  const res = created(await ztc(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: zt.url, omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
      selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND), brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
    },
  }));
  const pub = await ztc(`${zt.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, pub.text);
  return { cat, zt: pub.json, st, rt, res };
}

const zaakBody = (t, extra = {}) => ({
  bronorganisatie: RSIN, zaaktype: t.zt.url, verantwoordelijkeOrganisatie: RSIN, startdatum: "2026-01-05", ...extra,
});
const newZaak = async (t, extra = {}, client = api) => created(await client(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, extra) }));
const addRol = async (zaak, t, extra = {}, client = api) => created(await client(`${ZAKEN}/rollen`, {
  method: "POST",
  body: {
    zaak: zaak.url, roltype: t.rt.url, betrokkeneType: "natuurlijk_persoon", roltoelichting: "Aanvrager",
    betrokkeneIdentificatie: { inpBsn: BSN, geslachtsnaam: "Jansen", voornamen: "Anna" }, ...extra,
  },
}));
const setStatus = (zaak, statustype, at = "2026-02-01T10:00:00Z", client = api) =>
  client(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: zaak.url, statustype: statustype.url, datumStatusGezet: at } });
const addResultaat = async (zaak, t, client = api) => created(await client(`${ZAKEN}/resultaten`, {
  method: "POST", body: { zaak: zaak.url, resultaattype: t.res.url, toelichting: "Verleend" },
}));

test("zaken: create with defaults (zrc-002 identificatie, zrc-008 vertrouwelijkheid, deadline), read, ETag, PUT, PATCH", async () => {
  const t = await setup();
  const z = await newZaak(t, { omschrijving: "Dakkapel", onbekendVeld: "wordt genegeerd" });
  assert.match(z.url, /\/zgw\/zaken\/api\/v1\/zaken\//);
  assert.match(z.identificatie, /^ZAAK-\d{4}-\d{10}$/); // zrc-002: generated
  assert.equal(z.vertrouwelijkheidaanduiding, "zaakvertrouwelijk"); // zrc-008: from the zaaktype
  assert.equal(z.uiterlijkeEinddatumAfdoening, "2026-03-02"); // startdatum + P8W
  assert.equal(z.einddatum, null);
  assert.equal(z.status, null);
  assert.equal(z.resultaat, null);
  assert.deepEqual(z.rollen, []);
  assert.deepEqual(z.deelzaken, []);
  assert.equal(z.onbekendVeld, undefined);
  assert.deepEqual(z.verlenging, { reden: "", duur: null }); // zrc-011: always the nested structure
  assert.equal(z.opschorting.indicatie, false);
  assert.equal(z.archiefstatus, "nog_te_archiveren");
  assert.equal(z.registratiedatum, new Date().toISOString().slice(0, 10));
  const second = await newZaak(t);
  assert.notEqual(second.identificatie, z.identificatie);

  const read = await api(z.url);
  assert.equal(read.status, 200);
  assert.equal(read.headers.get("content-crs"), "EPSG:4326");
  const etag = read.headers.get("etag");
  assert.ok(etag);
  assert.equal((await api(z.url, { headers: { "if-none-match": etag } })).status, 304);

  // zrc-008: a given value wins.
  const open = await newZaak(t, { vertrouwelijkheidaanduiding: "openbaar" });
  assert.equal(open.vertrouwelijkheidaanduiding, "openbaar");

  // PUT the representation back with a change; PATCH one field.
  const put = await api(z.url, { method: "PUT", body: { ...read.json, omschrijving: "Dakkapel voorzijde" } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.omschrijving, "Dakkapel voorzijde");
  assert.equal(put.json.identificatie, z.identificatie);
  const patch = await api(z.url, { method: "PATCH", body: { toelichting: "Met spoed" } });
  assert.equal(patch.status, 200, patch.text);
  assert.equal(patch.json.toelichting, "Met spoed");
  assert.equal(patch.json.omschrijving, "Dakkapel voorzijde");
  assert.notEqual((await api(z.url)).headers.get("etag"), etag);
  // zrc-011: a verlenging moves the deadline by its duur.
  const ext = await api(z.url, { method: "PATCH", body: { verlenging: { reden: "Advies nodig", duur: "P6W" } } });
  assert.equal(ext.status, 200, ext.text);
  assert.deepEqual(ext.json.verlenging, { reden: "Advies nodig", duur: "P6W" });
  assert.equal(ext.json.uiterlijkeEinddatumAfdoening, "2026-04-13");
  invalid(await api(z.url, { method: "PATCH", body: { verlenging: { reden: "x" } } }), "verlenging.duur", "required");
  invalid(await api(z.url, { method: "PATCH", body: { verlenging: { reden: "x", duur: "zes weken" } } }), "verlenging.duur");
  const susp = await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: true, reden: "Wacht op stukken" } } });
  assert.equal(susp.status, 200, susp.text);
  assert.deepEqual(susp.json.opschorting, { indicatie: true, eerdereOpschorting: false, reden: "Wacht op stukken" });
  const resumed = await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: false, reden: "" } } });
  assert.equal(resumed.json.opschorting.eerdereOpschorting, true);
  invalid(await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: true } } }), "opschorting.reden", "required");
  invalid(await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: true, reden: "" } } }), "opschorting.reden", "blank");
  // zrc-011: null is the same as absent.
  const nulls = await newZaak(t, { verlenging: null, opschorting: null });
  assert.deepEqual(nulls.verlenging, { reden: "", duur: null });
  // The zaaktype cannot change.
  const other = await setup();
  invalid(await api(z.url, { method: "PATCH", body: { zaaktype: other.zt.url } }), "zaaktype", "wijzigen-niet-toegelaten");
});

test("zaken: zrc-011 verlenging needs duur and reden, opschorting needs indicatie and reden; every missing field is named", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const missing = (r, names, code = "required") => {
    assert.equal(r.status, 400, r.text);
    for (const name of names) {
      const found = r.json.invalidParams.filter((p) => p.name === name);
      assert.equal(found.length, 1, `one ${name} in ${r.text}`);
      assert.equal(found[0].code, code, r.text);
    }
  };
  missing(await api(z.url, { method: "PATCH", body: { verlenging: {} } }), ["verlenging.duur", "verlenging.reden"]);
  missing(await api(z.url, { method: "PATCH", body: { verlenging: { duur: "P1W" } } }), ["verlenging.reden"]);
  missing(await api(z.url, { method: "PATCH", body: { verlenging: { reden: "x", duur: null } } }), ["verlenging.duur"], "null");
  missing(await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: null, reden: null } } }),
    ["opschorting.indicatie", "opschorting.reden"], "null");
  missing(await api(z.url, { method: "PATCH", body: { opschorting: {} } }), ["opschorting.indicatie", "opschorting.reden"]);
  missing(await api(z.url, { method: "PATCH", body: { opschorting: { reden: "x" } } }), ["opschorting.indicatie"]);
  missing(await api(z.url, { method: "PATCH", body: { opschorting: { indicatie: false } } }), ["opschorting.reden"]);
  missing(await api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { verlenging: {}, opschorting: {} }) }),
    ["verlenging.duur", "verlenging.reden", "opschorting.indicatie", "opschorting.reden"]);
  // Nothing was stored by the refused requests.
  const after = (await api(z.url)).json;
  assert.deepEqual(after.verlenging, { reden: "", duur: null });
  assert.equal(after.opschorting.indicatie, false);
  // What a read answers can be sent back unchanged (zrc-011: the empty structure means none).
  const put = await api(z.url, { method: "PUT", body: { ...after } });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.verlenging, { reden: "", duur: null });
});

test("zaken: zrc-001 the zaaktype exists and is published; required fields and bad input name the field", async () => {
  const t = await setup();
  const post = (extra) => api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, extra) });
  invalid(await post({ zaaktype: `${server.url}${CATALOGI}/zaaktypen/00000000-0000-4000-8000-000000000000` }), "zaaktype", "bad-url");
  invalid(await post({ zaaktype: "https://elders.example/zaaktypen/1" }), "zaaktype", "bad-url");
  invalid(await post({ zaaktype: "geen url" }), "zaaktype", "bad-url");
  invalid(await post({ zaaktype: `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000` }), "zaaktype", "invalid-resource");
  const concept = created(await ztc(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: { ...(await ztc(t.zt.url)).json, identificatie: `ZT-C${++seq}`, beginGeldigheid: "2020-01-01" },
  }));
  invalid(await post({ zaaktype: concept.url }), "zaaktype", "not-published");
  invalid(await post({ zaaktype: undefined }), "zaaktype", "required");
  invalid(await post({ bronorganisatie: "123" }), "bronorganisatie", "invalid");
  invalid(await post({ startdatum: "2026-02-30" }), "startdatum", "invalid");
  invalid(await post({ startdatum: undefined }), "startdatum", "required");
  invalid(await post({ registratiedatum: "2999-01-01" }), "registratiedatum", "date-in-future");
  invalid(await post({ einddatumGepland: "morgen" }), "einddatumGepland", "invalid");
  invalid(await post({ vertrouwelijkheidaanduiding: "heel_geheim" }), "vertrouwelijkheidaanduiding", "invalid_choice");
  invalid(await post({ omschrijving: "x".repeat(81) }), "omschrijving", "max_length");
  invalid(await post({ productenOfDiensten: ["https://pdc.example/producten/2"] }), "productenOfDiensten", "invalid-products-services");
  assert.equal((await post({ productenOfDiensten: ["https://pdc.example/producten/1"] })).status, 201);
  const bad = await api(`${ZAKEN}/zaken`, { method: "POST", body: "{niet json" });
  assert.equal(bad.status, 400);
  assert.equal((await api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t), headers: { "content-type": "text/plain" } })).status, 415);
});

test("zaken: zrc-002 identificatie unique within the bronorganisatie; zaaknummer_reserveren", async () => {
  const t = await setup();
  const z = await newZaak(t, { identificatie: `EIGEN-${++seq}` });
  invalid(await api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { identificatie: z.identificatie }) }), "identificatie", "identificatie-niet-uniek");
  // Another bronorganisatie may use the same identificatie.
  assert.equal((await api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { identificatie: z.identificatie, bronorganisatie: RSIN2 }) })).status, 201);
  const other = await newZaak(t);
  // Since F9 an identificatie cannot change at all, so no update can make it a duplicate.
  invalid(await api(other.url, { method: "PATCH", body: { identificatie: z.identificatie } }), "identificatie", "wijzigen-niet-toegelaten");

  const one = await api(`${ZAKEN}/zaaknummer_reserveren`, { method: "POST", body: { bronorganisatie: RSIN } });
  assert.equal(one.status, 201, one.text);
  assert.match(one.json.zaaknummer, /^ZAAK-/);
  const three = await api(`${ZAKEN}/zaaknummer_reserveren`, { method: "POST", body: { bronorganisatie: RSIN, aantal: 3 } });
  assert.equal(three.status, 201, three.text);
  assert.equal(three.json.length, 3);
  assert.equal(new Set([one.json.zaaknummer, ...three.json.map((x) => x.zaaknummer)]).size, 4);
  invalid(await api(`${ZAKEN}/zaaknummer_reserveren`, { method: "POST", body: { bronorganisatie: "1" } }), "bronorganisatie", "invalid");
  invalid(await api(`${ZAKEN}/zaaknummer_reserveren`, { method: "POST", body: { bronorganisatie: RSIN, aantal: 0 } }), "aantal");
  // A generated number never takes a reserved one; the reserved one is given when named.
  const next = await newZaak(t);
  assert.ok(![one.json.zaaknummer, ...three.json.map((x) => x.zaaknummer)].includes(next.identificatie));
  const named = await newZaak(t, { identificatie: one.json.zaaknummer });
  assert.equal(named.identificatie, one.json.zaaknummer);
});

test("zaken: zrc-009 communicatiekanaal, zrc-010 relevanteAndereZaken, zrc-012 hoofdzaak, zrc-013 betaling, zrc-016 archiefstatus", async () => {
  const t = await setup();
  const post = (extra) => api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, extra) });
  // zrc-009
  const k = created(await post({ communicatiekanaal: ref("communicatiekanalen", KANAAL_EMAIL) }));
  assert.equal(k.communicatiekanaal, ref("communicatiekanalen", KANAAL_EMAIL));
  assert.equal(k.communicatiekanaalNaam, "E-mail");
  invalid(await post({ communicatiekanaal: ref("communicatiekanalen", "00000000-0000-4000-8000-000000000000") }), "communicatiekanaal", "bad-url");
  invalid(await post({ communicatiekanaal: "https://elders.example/kanalen/1" }), "communicatiekanaal", "bad-url");
  // zrc-010
  const rel = created(await post({ relevanteAndereZaken: [{ url: k.url, aardRelatie: "vervolg" }] }));
  assert.deepEqual(rel.relevanteAndereZaken, [{ url: k.url, aardRelatie: "vervolg", overigeRelatie: "", toelichting: "" }]);
  invalid(await post({ relevanteAndereZaken: [{ url: k.url, aardRelatie: "vervolg" }, { url: `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000`, aardRelatie: "onderwerp" }] }), "relevanteAndereZaken.1.url", "bad-url");
  invalid(await post({ relevanteAndereZaken: [{ url: k.url, aardRelatie: "familie" }] }), "relevanteAndereZaken.0.aardRelatie", "invalid_choice");
  // zrc-012
  const hoofd = await newZaak(t);
  const deel = created(await post({ hoofdzaak: hoofd.url }));
  assert.equal(deel.hoofdzaak, hoofd.url);
  assert.deepEqual((await api(hoofd.url)).json.deelzaken, [deel.url]);
  invalid(await post({ hoofdzaak: deel.url }), "hoofdzaak", "deelzaak-als-hoofdzaak");
  // Moving a deelzaak moves it between the hoofdzaken' deelzaken.
  const hoofd2 = await newZaak(t);
  assert.equal((await api(deel.url, { method: "PATCH", body: { hoofdzaak: hoofd2.url } })).status, 200);
  assert.deepEqual((await api(hoofd.url)).json.deelzaken, []);
  assert.deepEqual((await api(hoofd2.url)).json.deelzaken, [deel.url]);
  assert.equal((await api(deel.url, { method: "PATCH", body: { hoofdzaak: null } })).json.hoofdzaak, null);
  assert.deepEqual((await api(hoofd2.url)).json.deelzaken, []);
  assert.equal((await api(deel.url, { method: "PATCH", body: { hoofdzaak: hoofd.url, identificatie: "" } })).json.identificatie, deel.identificatie);
  invalid(await api(hoofd.url, { method: "PATCH", body: { hoofdzaak: hoofd.url } }), "hoofdzaak", "self-forbidden");
  invalid(await post({ hoofdzaak: `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000` }), "hoofdzaak", "bad-url");
  // zrc-013
  invalid(await post({ betalingsindicatie: "nvt", laatsteBetaaldatum: "2026-01-05T10:00:00Z" }), "laatsteBetaaldatum", "betaling-nvt");
  const paid = created(await post({ betalingsindicatie: "geheel", laatsteBetaaldatum: "2026-01-05T10:00:00Z" }));
  assert.equal(paid.betalingsindicatieWeergave, "De met de zaak gemoeide kosten zijn geheel betaald.");
  const nvt = await api(paid.url, { method: "PATCH", body: { betalingsindicatie: "nvt" } });
  assert.equal(nvt.status, 200, nvt.text);
  assert.equal(nvt.json.laatsteBetaaldatum, null);
  invalid(await post({ betalingsindicatie: "misschien" }), "betalingsindicatie", "invalid_choice");
  // zrc-016
  invalid(await post({ archiefstatus: "gearchiveerd" }), "archiefnominatie", "archiefnominatie-not-set");
  invalid(await post({ archiefstatus: "overgedragen", archiefnominatie: "vernietigen" }), "archiefactiedatum", "archiefactiedatum-not-set");
  const archived = created(await post({ archiefstatus: "gearchiveerd", archiefnominatie: "vernietigen", archiefactiedatum: "2036-01-01" }));
  assert.equal(archived.archiefstatus, "gearchiveerd");
});

test("zaken: list filters, ordering, pagination; unknown and malformed parameters are refused", async () => {
  const t = await setup();
  const bron = RSIN2;
  const a = await newZaak(t, { bronorganisatie: bron, startdatum: "2025-01-10", einddatumGepland: "2025-03-01", identificatie: `F-A-${++seq}` });
  const b = await newZaak(t, { bronorganisatie: bron, startdatum: "2025-02-10", uiterlijkeEinddatumAfdoening: "2025-05-01", identificatie: `F-B-${++seq}` });
  const c = await newZaak(t, { bronorganisatie: bron, startdatum: "2025-03-10", archiefnominatie: "blijvend_bewaren", archiefactiedatum: "2040-01-01", identificatie: `F-C-${++seq}` });
  const q = async (s) => {
    const r = await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t.zt.url)}&bronorganisatie=${bron}${s ? `&${s}` : ""}`);
    assert.equal(r.status, 200, r.text);
    return r.json.results.map((z) => z.identificatie).sort();
  };
  assert.deepEqual(await q(""), [a, b, c].map((z) => z.identificatie).sort());
  assert.deepEqual(await q(`identificatie=${a.identificatie}`), [a.identificatie]);
  assert.deepEqual(await q("startdatum=2025-02-10"), [b.identificatie]);
  assert.deepEqual(await q("startdatum__gt=2025-02-10"), [c.identificatie]);
  assert.deepEqual(await q("startdatum__gte=2025-02-10"), [b.identificatie, c.identificatie].sort());
  assert.deepEqual(await q("startdatum__lt=2025-02-10"), [a.identificatie]);
  assert.deepEqual(await q("startdatum__lte=2025-02-10"), [a.identificatie, b.identificatie].sort());
  assert.deepEqual(await q("einddatumGepland=2025-03-01"), [a.identificatie]);
  assert.deepEqual(await q("einddatumGepland__lt=2025-04-01"), [a.identificatie]);
  assert.deepEqual(await q("uiterlijkeEinddatumAfdoening=2025-05-01"), [b.identificatie]);
  assert.deepEqual(await q("archiefnominatie=blijvend_bewaren"), [c.identificatie]);
  assert.deepEqual(await q("archiefnominatie__in=blijvend_bewaren,vernietigen"), [c.identificatie]);
  assert.deepEqual(await q("archiefactiedatum__isnull=false"), [c.identificatie]);
  assert.deepEqual(await q("archiefactiedatum__isnull=true"), [a.identificatie, b.identificatie].sort());
  assert.deepEqual(await q("archiefactiedatum__gt=2039-01-01"), [c.identificatie]);
  assert.deepEqual(await q("archiefactiedatum__lt=2039-01-01"), []);
  assert.deepEqual(await q("archiefstatus=nog_te_archiveren"), [a, b, c].map((z) => z.identificatie).sort());
  assert.deepEqual(await q("archiefstatus__in=gearchiveerd,overgedragen"), []);
  assert.deepEqual(await q("einddatum__isnull=true"), [a, b, c].map((z) => z.identificatie).sort());
  assert.deepEqual(await q(`registratiedatum=${new Date().toISOString().slice(0, 10)}`), [a, b, c].map((z) => z.identificatie).sort());
  assert.deepEqual(await q("maximaleVertrouwelijkheidaanduiding=openbaar"), []);
  assert.deepEqual(await q("maximaleVertrouwelijkheidaanduiding=zaakvertrouwelijk"), [a, b, c].map((z) => z.identificatie).sort());
  assert.deepEqual(await q(`bronorganisatie__in=${bron},${RSIN}&identificatie=${c.identificatie}`), [c.identificatie]);
  // Ordering.
  const ordered = await api(`${ZAKEN}/zaken?bronorganisatie=${bron}&zaaktype=${encodeURIComponent(t.zt.url)}&ordering=-startdatum`);
  assert.deepEqual(ordered.json.results.map((z) => z.identificatie), [c, b, a].map((z) => z.identificatie));
  const asc = await api(`${ZAKEN}/zaken?bronorganisatie=${bron}&zaaktype=${encodeURIComponent(t.zt.url)}&ordering=startdatum`);
  assert.deepEqual(asc.json.results.map((z) => z.identificatie), [a, b, c].map((z) => z.identificatie));
  invalid(await api(`${ZAKEN}/zaken?ordering=kleur`), "ordering", "invalid_choice");
  // Bad parameters.
  invalid(await api(`${ZAKEN}/zaken?kleur=rood`), "nonFieldErrors", "unknown-parameters");
  invalid(await api(`${ZAKEN}/zaken?startdatum__gt=2025-13-01`), "startdatum__gt", "invalid");
  invalid(await api(`${ZAKEN}/zaken?zaaktype=geen-url`), "zaaktype", "invalid");
  invalid(await api(`${ZAKEN}/zaken?archiefnominatie=weggooien`), "archiefnominatie", "invalid_choice");
  invalid(await api(`${ZAKEN}/zaken?maximaleVertrouwelijkheidaanduiding=streng`), "maximaleVertrouwelijkheidaanduiding", "invalid_choice");
  invalid(await api(`${ZAKEN}/zaken?page=0`), "page", "invalid");
  // Pagination: a page size of 100.
  const t2 = await setup();
  for (let i = 0; i < 101; i++) await newZaak(t2);
  const p1 = await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t2.zt.url)}`);
  assert.equal(p1.json.count, 101);
  assert.equal(p1.json.results.length, 100);
  assert.equal(p1.json.previous, null);
  assert.ok(p1.json.next.includes("page=2"));
  const p2 = await api(p1.json.next);
  assert.equal(p2.json.results.length, 1);
  assert.equal(p2.json.next, null);
  assert.ok(p2.json.previous);
  assert.equal((await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t2.zt.url)}&page=3`)).status, 404);
  // Every page says the whole count: page 1 is full (counted), page 2 is not (the rows before
  // it plus its own); together they hold each zaak once.
  assert.equal(p2.json.count, 101);
  assert.ok(p2.json.previous.includes("page=1"), p2.json.previous);
  assert.equal(new Set([...p1.json.results, ...p2.json.results].map((z) => z.url)).size, 101);
  // _zoek pages and counts the same way.
  const zoek = (page) => api(`${ZAKEN}/zaken/_zoek${page ? `?page=${page}` : ""}`, { method: "POST", body: { zaaktype: t2.zt.url } });
  const s1 = await zoek();
  assert.equal(s1.status, 200, s1.text);
  assert.equal(s1.json.count, 101);
  assert.equal(s1.json.results.length, 100);
  assert.ok(s1.json.next.includes("page=2"), s1.json.next);
  const s2 = await zoek(2);
  assert.equal(s2.json.count, 101);
  assert.equal(s2.json.results.length, 1);
  assert.equal(s2.json.next, null);
  assert.ok(s2.json.previous.includes("page=1"), s2.json.previous);
  // Exactly one full page: counted, and no next page.
  assert.equal((await api(p2.json.results[0].url, { method: "DELETE" })).status, 204);
  const full = await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t2.zt.url)}`);
  assert.equal(full.json.count, 100);
  assert.equal(full.json.results.length, 100);
  assert.equal(full.json.next, null);
  assert.equal(full.json.previous, null);
  assert.equal((await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t2.zt.url)}&page=2`)).status, 404);
  assert.equal((await zoek()).json.count, 100);
});

test("rollen: the BSN is sealed (never stored in plain text), filters on rollen and on zaken (rol__*), delete", async () => {
  const t = await setup();
  const z1 = await newZaak(t);
  const z2 = await newZaak(t);
  const r1 = await addRol(z1, t);
  assert.equal(r1.betrokkeneIdentificatie.inpBsn, BSN);
  assert.equal(r1.omschrijving, "Aanvrager");
  assert.equal(r1.omschrijvingGeneriek, "initiator");
  assert.equal(r1.zaak, z1.url);
  const r2 = await addRol(z2, t, { betrokkeneIdentificatie: { inpBsn: BSN2, anpIdentificatie: "ANP-1" } });
  const mw = await addRol(z2, t, {
    betrokkeneType: "medewerker", roltoelichting: "Behandelaar", betrokkeneIdentificatie: { identificatie: "mw-42", achternaam: "Pietersen" },
  });
  const org = await addRol(z1, t, { betrokkeneType: "niet_natuurlijk_persoon", betrokkene: "https://kvk.example/nnp/1", betrokkeneIdentificatie: { innNnpId: RSIN2, statutaireNaam: "BV" } });
  assert.deepEqual((await api(z1.url)).json.rollen.sort(), [r1.url, org.url].sort());
  assert.equal((await api(r1.url)).json.betrokkeneIdentificatie.inpBsn, BSN);

  const zaken = async (s) => (await api(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t.zt.url)}&${s}`)).json.results.map((z) => z.url).sort();
  assert.deepEqual(await zaken(`rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN}`), [z1.url]);
  assert.deepEqual(await zaken(`rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN2}`), [z2.url]);
  assert.deepEqual(await zaken("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=111222333"), []);
  assert.deepEqual(await zaken("rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie=ANP-1"), [z2.url]);
  assert.deepEqual(await zaken("rol__betrokkeneIdentificatie__medewerker__identificatie=mw-42"), [z2.url]);
  assert.deepEqual(await zaken(`rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId=${RSIN2}`), [z1.url]);
  assert.deepEqual(await zaken("rol__betrokkeneType=medewerker"), [z2.url]);
  assert.deepEqual(await zaken("rol__omschrijvingGeneriek=initiator"), [z1.url, z2.url].sort());
  assert.deepEqual(await zaken(`rol__betrokkene=${encodeURIComponent("https://kvk.example/nnp/1")}`), [z1.url]);
  invalid(await api(`${ZAKEN}/zaken?rol__betrokkeneType=koning`), "rol__betrokkeneType", "invalid_choice");

  const rollen = async (s) => (await api(`${ZAKEN}/rollen?${s}`)).json.results.map((r) => r.url).sort();
  assert.deepEqual(await rollen(`zaak=${encodeURIComponent(z2.url)}`), [r2.url, mw.url].sort());
  assert.deepEqual(await rollen(`zaak=${encodeURIComponent(z2.url)}&betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN2}`), [r2.url]);
  assert.deepEqual(await rollen(`zaak=${encodeURIComponent(z2.url)}&betrokkeneType=medewerker`), [mw.url]);
  assert.deepEqual(await rollen(`zaak=${encodeURIComponent(z2.url)}&omschrijvingGeneriek=initiator`), [r2.url, mw.url].sort());
  assert.deepEqual(await rollen(`roltype=${encodeURIComponent(t.rt.url)}&betrokkeneIdentificatie__medewerker__identificatie=mw-42`), [mw.url]);

  // Not in plain text in the database (SQLite: the file and its write-ahead log).
  if (backend === "sqlite") {
    const file = server.database.url.replace(/^sqlite:/, "");
    let bytes = "";
    for (const f of [file, `${file}-wal`]) {
      try { bytes += (await readFile(f)).toString("latin1"); } catch { /* no log */ }
    }
    assert.ok(bytes.includes("Jansen"), "the database file is readable");
    assert.ok(!bytes.includes(BSN), "the BSN is not stored in plain text");
  }
  // Nor in the audit trail.
  const trail = await api(`${z1.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  assert.ok(!trail.text.includes(BSN));

  // Bad input.
  const post = (body) => api(`${ZAKEN}/rollen`, { method: "POST", body: { zaak: z1.url, roltype: t.rt.url, betrokkeneType: "natuurlijk_persoon", roltoelichting: "x", ...body } });
  invalid(await post({ betrokkeneIdentificatie: undefined }), "nonFieldErrors", "invalid-betrokkene");
  invalid(await post({ betrokkeneType: "koning", betrokkeneIdentificatie: {} }), "betrokkeneType", "invalid_choice");
  const badBsn = await post({ betrokkeneIdentificatie: { inpBsn: "12345678X" } });
  invalid(badBsn, "betrokkeneIdentificatie.inpBsn", "invalid");
  assert.ok(!badBsn.text.includes("12345678X"), "the number is not echoed");
  const other = await setup();
  invalid(await post({ roltype: other.rt.url, betrokkeneIdentificatie: { inpBsn: BSN } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await post({ zaak: "https://elders.example/zaken/1", betrokkeneIdentificatie: { inpBsn: BSN } }), "zaak", "bad-url");

  // Delete: the zaak forgets the rol.
  assert.equal((await api(r1.url, { method: "DELETE" })).status, 204);
  assert.equal((await api(r1.url)).status, 404);
  assert.deepEqual((await api(z1.url)).json.rollen, [org.url]);
  assert.deepEqual(await zaken(`rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN}`), []);
});

test("statussen: the current one is the latest moment, whatever precision or offset the client wrote", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const s1 = await setStatus(z, t.st[0], "2026-01-05T09:00:00Z");
  assert.equal(s1.status, 201, s1.text);
  // Half a second later, in the same second: as text "…:00Z" would sort after "…:00.5Z".
  const s2 = await setStatus(z, t.st[1], "2026-01-05T09:00:00.5Z");
  assert.equal(s2.status, 201, s2.text);
  assert.equal((await api(z.url)).json.status, s2.json.url);
  assert.equal(s2.json.datumStatusGezet, "2026-01-05T09:00:00.5Z", "the representation keeps what was sent");
  // 09:30 in Amsterdam's winter is 08:30 UTC: earlier, so not current (as text it sorts later).
  const s3 = await setStatus(z, t.st[0], "2026-01-05T09:30:00+01:00");
  assert.equal(s3.status, 201, s3.text);
  assert.equal((await api(z.url)).json.status, s2.json.url);
  const list = await api(`${ZAKEN}/statussen?zaak=${encodeURIComponent(z.url)}`);
  assert.deepEqual(list.json.results.map((s) => s.url), [s2.json.url, s1.json.url, s3.json.url], "newest first");
  assert.deepEqual(list.json.results.map((s) => s.indicatieLaatstGezetteStatus), [true, false, false]);
});

test("statussen and resultaten: zrc-007 the end status closes the zaak, zrc-015 archive derivation, closed zaak needs geforceerd-bijwerken, reopening needs heropenen", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const s1 = await setStatus(z, t.st[0], "2026-01-05T09:00:00Z");
  assert.equal(s1.status, 201, s1.text);
  assert.equal(s1.json.indicatieLaatstGezetteStatus, true);
  let zaak = (await api(z.url)).json;
  assert.equal(zaak.status, s1.json.url);
  assert.equal(zaak.einddatum, null);
  const s2 = await setStatus(z, t.st[1], "2026-01-10T09:00:00Z");
  assert.equal(s2.status, 201, s2.text);
  assert.equal((await api(s1.json.url)).json.indicatieLaatstGezetteStatus, false);
  // An older status does not become the current one.
  const old = await setStatus(z, t.st[0], "2026-01-06T09:00:00Z");
  assert.equal(old.status, 201, old.text);
  assert.equal((await api(z.url)).json.status, s2.json.url);
  const list = await api(`${ZAKEN}/statussen?zaak=${encodeURIComponent(z.url)}`);
  assert.equal(list.json.count, 3);
  assert.equal((await api(`${ZAKEN}/statussen?zaak=${encodeURIComponent(z.url)}&indicatieLaatstGezetteStatus=true`)).json.count, 1);
  assert.equal((await api(`${ZAKEN}/statussen?zaak=${encodeURIComponent(z.url)}&statustype=${encodeURIComponent(t.st[0].url)}`)).json.count, 2);

  // zrc-007: no end status without a resultaat.
  invalid(await setStatus(z, t.st[2], "2026-02-01T10:00:00Z"), "nonFieldErrors", "resultaat-does-not-exist");
  const res = await addResultaat(z, t);
  assert.equal((await api(z.url)).json.resultaat, res.url);
  invalid(await api(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: z.url, resultaattype: t.res.url } }), "zaak", "unique");
  const other = await setup();
  invalid(await api(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: (await newZaak(t)).url, resultaattype: other.res.url } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await setStatus(z, other.st[0]), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await setStatus(z, t.st[1], "2999-01-01T00:00:00Z"), "datumStatusGezet", "date-in-future");
  invalid(await setStatus(z, t.st[1], "gisteren"), "datumStatusGezet", "invalid");
  const patchedRes = await api(res.url, { method: "PATCH", body: { toelichting: "Verleend met voorwaarden" } });
  assert.equal(patchedRes.status, 200, patchedRes.text);

  const end = await setStatus(z, t.st[2], "2026-02-01T10:00:00Z");
  assert.equal(end.status, 201, end.text);
  zaak = (await api(z.url)).json;
  assert.equal(zaak.einddatum, "2026-02-01"); // zrc-007
  assert.equal(zaak.status, end.json.url);
  // zrc-015: nominatie from the resultaattype; actiedatum = einddatum + procestermijn (P5Y) + archiefactietermijn (P10Y).
  assert.equal(zaak.archiefnominatie, "vernietigen");
  assert.equal(zaak.archiefactiedatum, "2041-02-01");
  assert.equal((await api(`${ZAKEN}/zaken?identificatie=${z.identificatie}&einddatum=2026-02-01`)).json.count, 1);
  assert.equal((await api(`${ZAKEN}/zaken?identificatie=${z.identificatie}&einddatum__isnull=false`)).json.count, 1);

  // zrc-007: a closed zaak changes only with zaken.geforceerd-bijwerken (for its zaaktype).
  const plain = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim",
  }));
  const forced = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.geforceerd-bijwerken"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim",
  }));
  const reopener = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.heropenen"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim",
  }));
  const forcedOnly = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.geforceerd-bijwerken"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim",
  }));
  assert.equal((await plain(z.url, { method: "PATCH", body: { omschrijving: "Te laat" } })).status, 403);
  assert.equal((await plain(`${ZAKEN}/rollen`, { method: "POST", body: { zaak: z.url, roltype: t.rt.url, betrokkeneType: "medewerker", roltoelichting: "x", betrokkeneIdentificatie: { identificatie: "a" } } })).status, 403);
  assert.equal((await plain(res.url, { method: "PATCH", body: { toelichting: "x" } })).status, 403);
  // Closing a closed zaak again, or adding history to it, is a correction too.
  assert.equal((await setStatus(z, t.st[2], "2026-02-01T11:00:00Z", plain)).status, 403);
  assert.equal((await setStatus(z, t.st[0], "2026-01-07T11:00:00Z", plain)).status, 403);
  const corrected = await forced(z.url, { method: "PATCH", body: { omschrijving: "Correctie" } });
  assert.equal(corrected.status, 200, corrected.text);
  assert.equal(corrected.json.einddatum, "2026-02-01"); // einddatum is read-only
  // The yaml's scope alternatives: (zaken.bijwerken | zaken.geforceerd-bijwerken).
  assert.equal((await forcedOnly(z.url, { method: "PATCH", body: { toelichting: "Correctie 2" } })).status, 200);

  // Reopening needs zaken.heropenen, and clears einddatum and the archive fields.
  assert.equal((await setStatus(z, t.st[1], "2026-02-02T10:00:00Z", plain)).status, 403);
  const reopened = await setStatus(z, t.st[1], "2026-02-02T10:00:00Z", reopener);
  assert.equal(reopened.status, 201, reopened.text);
  zaak = (await api(z.url)).json;
  assert.equal(zaak.einddatum, null);
  assert.equal(zaak.archiefnominatie, null);
  assert.equal(zaak.archiefactiedatum, null);
  assert.equal((await plain(z.url, { method: "PATCH", body: { omschrijving: "Weer open" } })).status, 200);

  // (zaken.aanmaken | zaken.statussen.toevoegen | zaken.heropenen) sets a status.
  const statusOnly = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.statussen.toevoegen"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim",
  }));
  assert.equal((await setStatus(z, t.st[1], "2026-02-03T10:00:00Z", statusOnly)).status, 201);
  assert.equal((await statusOnly(z.url, { method: "PATCH", body: { omschrijving: "Mag niet" } })).status, 403);

  // Resultaten: list, delete.
  assert.equal((await api(`${ZAKEN}/resultaten?zaak=${encodeURIComponent(z.url)}`)).json.count, 1);
  assert.equal((await api(`${ZAKEN}/resultaten?resultaattype=${encodeURIComponent(t.res.url)}&zaak=${encodeURIComponent(z.url)}`)).json.count, 1);
  assert.equal((await api(res.url, { method: "DELETE" })).status, 204);
  assert.equal((await api(z.url)).json.resultaat, null);
});

test("zaken: zrc-006 clients limited per zaaktype and confidentiality; scopes", async () => {
  const t = await setup();
  const other = await setup();
  const mine = await newZaak(t, { vertrouwelijkheidaanduiding: "intern" });
  const secret = await newZaak(t, { vertrouwelijkheidaanduiding: "geheim" });
  const foreign = await newZaak(other, { vertrouwelijkheidaanduiding: "openbaar" });
  await addRol(mine, t);
  await addRol(secret, t);
  const limited = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen", "zaken.aanmaken"], zaaktypen: [t.zt.url], maxLevel: "zaakvertrouwelijk",
  }));
  const list = await limited(`${ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN}`);
  assert.equal(list.status, 200, list.text);
  const urls = list.json.results.map((z) => z.url);
  assert.ok(urls.includes(mine.url));
  assert.ok(!urls.includes(secret.url), "a higher confidentiality is hidden");
  assert.equal((await limited(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(other.zt.url)}`)).json.count, 0, "another zaaktype is hidden");
  assert.equal((await limited(mine.url)).status, 200);
  assert.equal((await limited(secret.url)).status, 403);
  assert.equal((await limited(foreign.url)).status, 403);
  // Sub-resources follow their zaak.
  const rollen = (await limited(`${ZAKEN}/rollen?zaak=${encodeURIComponent(secret.url)}`)).json;
  assert.equal(rollen.count, 0);
  assert.equal((await limited((await api(secret.url)).json.rollen[0])).status, 403);
  // Creating: only for its zaaktype and up to its level.
  assert.equal((await limited(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { vertrouwelijkheidaanduiding: "openbaar" }) })).status, 201);
  assert.equal((await limited(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { vertrouwelijkheidaanduiding: "geheim" }) })).status, 403);
  assert.equal((await limited(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(other) })).status, 403);
  // Missing scopes.
  assert.equal((await limited(mine.url, { method: "PATCH", body: { omschrijving: "x" } })).status, 403);
  assert.equal((await limited(mine.url, { method: "DELETE" })).status, 403);
  assert.equal((await limited(`${mine.url}/audittrail`)).status, 403);
  const ztcOnly = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] }));
  assert.equal((await ztcOnly(`${ZAKEN}/zaken`)).status, 403);
  assert.equal((await ztcOnly(`${ZAKEN}/zaaknummer_reserveren`, { method: "POST", body: { bronorganisatie: RSIN } })).status, 403);
  // No token.
  assert.equal((await fetch(`${server.url}${ZAKEN}/zaken`, { headers: { "accept-crs": "EPSG:4326" } })).status, 401);
});

test("zaken: geometry is validated, Accept-Crs/Content-Crs are required, _zoek finds by zaakgeometrie within and filters", async () => {
  const t = await setup();
  const point = (x, y) => ({ type: "Point", coordinates: [x, y] });
  const inside = await newZaak(t, { zaakgeometrie: point(5.12, 52.09) });
  const outside = await newZaak(t, { zaakgeometrie: point(4.9, 52.37) });
  await newZaak(t);
  assert.deepEqual((await api(inside.url)).json.zaakgeometrie, point(5.12, 52.09));
  const post = (extra) => api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, extra) });
  invalid(await post({ zaakgeometrie: { type: "Point", coordinates: [5.1] } }), "zaakgeometrie", "invalid");
  invalid(await post({ zaakgeometrie: { type: "Cirkel", coordinates: [5.1, 52] } }), "zaakgeometrie", "invalid");
  invalid(await post({ zaakgeometrie: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } }), "zaakgeometrie", "invalid");
  invalid(await post({ zaakgeometrie: "POINT(5 52)" }), "zaakgeometrie", "invalid");
  // Crs headers.
  assert.equal((await api(inside.url, { headers: { "accept-crs": "EPSG:28992" } })).status, 406);
  const noCrs = await fetch(inside.url, { headers: { authorization: `Bearer ${token(apiClient.id, apiClient.secret)}` } });
  assert.equal(noCrs.status, 412);
  assert.equal((await api(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t), headers: { "content-crs": "EPSG:28992" } })).status, 415);
  const utrecht = { type: "Polygon", coordinates: [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]] };
  const zoek = (body, headers) => api(`${ZAKEN}/zaken/_zoek`, { method: "POST", body, headers });
  const found = await zoek({ zaakgeometrie: { within: utrecht }, zaaktype: t.zt.url });
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.results.map((z) => z.url), [inside.url]);
  assert.equal(found.json.count, 1);
  const byFilter = await zoek({ zaaktype: t.zt.url, identificatie: outside.identificatie });
  assert.deepEqual(byFilter.json.results.map((z) => z.url), [outside.url]);
  const byList = await zoek({ zaaktype: t.zt.url, bronorganisatie__in: [RSIN, RSIN2] });
  assert.equal(byList.json.count, 3);
  invalid(await zoek({ zaakgeometrie: { within: { type: "Cirkel", coordinates: [5, 52] } } }), "zaakgeometrie", "invalid");
  invalid(await zoek({ kleur: "rood" }), "nonFieldErrors", "unknown-parameters");
  invalid(await zoek({ startdatum__gt: "ooit" }), "startdatum__gt", "invalid");
  assert.equal((await zoek({}, { "accept-crs": "EPSG:28992" })).status, 406);
});

test("zaken: _zoek zaakgeometrie.within takes every GeoJSON geometry the yaml's GeoWithin allows", async () => {
  const t = await setup();
  const point = (x, y) => ({ type: "Point", coordinates: [x, y] });
  const spot = await newZaak(t, { zaakgeometrie: point(5.1, 52.1) });
  const road = await newZaak(t, { zaakgeometrie: { type: "LineString", coordinates: [[6.0, 53.0], [6.1, 53.0]] } });
  await newZaak(t, { zaakgeometrie: point(4.9, 52.37) });
  const zoek = async (within) => {
    const r = await api(`${ZAKEN}/zaken/_zoek`, { method: "POST", body: { zaaktype: t.zt.url, zaakgeometrie: { within } } });
    assert.equal(r.status, 200, r.text);
    return r.json.results.map((z) => z.url).sort();
  };
  const line = { type: "LineString", coordinates: [[5.0, 52.0], [5.2, 52.2]] };
  const square = { type: "Polygon", coordinates: [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]] };
  assert.deepEqual(await zoek(point(5.1, 52.1)), [spot.url]);
  assert.deepEqual(await zoek(point(5.1, 52.2)), []);
  assert.deepEqual(await zoek({ type: "MultiPoint", coordinates: [[1, 1], [5.1, 52.1]] }), [spot.url]);
  assert.deepEqual(await zoek(line), [spot.url]);
  assert.deepEqual(await zoek({ type: "MultiLineString", coordinates: [line.coordinates, [[5.9, 53.0], [6.2, 53.0]]] }),
    [spot.url, road.url].sort());
  assert.deepEqual(await zoek({ type: "LineString", coordinates: [[6.05, 53.0], [6.2, 53.0]] }), []);
  assert.deepEqual(await zoek({ type: "GeometryCollection", geometries: [square, { type: "LineString", coordinates: [[5.9, 53.0], [6.2, 53.0]] }] }),
    [spot.url, road.url].sort());
  assert.deepEqual(await zoek({ type: "MultiPolygon", coordinates: [square.coordinates] }), [spot.url]);
  const bad = (within) => api(`${ZAKEN}/zaken/_zoek`, { method: "POST", body: { zaakgeometrie: { within } } });
  invalid(await bad({ type: "Feature", geometry: point(5, 52) }), "zaakgeometrie", "invalid");
  invalid(await bad({ type: "LineString", coordinates: [[5, 52]] }), "zaakgeometrie", "invalid");
  invalid(await bad({ type: "GeometryCollection", geometries: [] }), "zaakgeometrie", "invalid");
});

test("zaken: _zoek honours fields (zrc-029): only the named fields of each zaak; an unknown name is a 400 naming fields", async () => {
  const t = await setup();
  const z = await newZaak(t, { omschrijving: "Velden" });
  const zoek = (body) => api(`${ZAKEN}/zaken/_zoek`, { method: "POST", body: { zaaktype: t.zt.url, ...body } });
  const some = await zoek({ fields: ["url", "uuid", "identificatie", "bronorganisatie"] });
  assert.equal(some.status, 200, some.text);
  assert.equal(some.json.count, 1);
  assert.deepEqual(some.json.results, [{ url: z.url, uuid: z.uuid, identificatie: z.identificatie, bronorganisatie: RSIN }]);
  // An object names a field to expand (zrc-029) with the fields wanted of it; the zaak keeps
  // that field. No status yet: null.
  const nested = await zoek({ fields: ["omschrijving", { zaaktype: ["identificatie"], status: ["volgnummer"] }] });
  assert.equal(nested.status, 200, nested.text);
  assert.deepEqual(Object.keys(nested.json.results[0]).sort(), ["_expand", "omschrijving", "status", "zaaktype"]);
  assert.equal(nested.json.results[0].zaaktype, t.zt.url);
  assert.deepEqual(nested.json.results[0]._expand, { zaaktype: { identificatie: t.zt.identificatie }, status: null });
  assert.deepEqual((await zoek({ fields: ["url", "url"] })).json.results, [{ url: z.url }]);
  const all = await zoek({ fields: ["*"] });
  assert.deepEqual(all.json.results[0], (await api(z.url)).json);
  const none = await zoek({});
  assert.deepEqual(none.json.results[0], (await api(z.url)).json);
  invalid(await zoek({ fields: ["url", "kleur"] }), "fields", "invalid");
  invalid(await zoek({ fields: [{ kleur: ["*"] }] }), "fields", "invalid");
  invalid(await zoek({ fields: "url" }), "fields", "invalid");
  invalid(await zoek({ fields: [3] }), "fields", "invalid");
  invalid(await zoek({ fields: ["url"], expand: ["zaaktype"] }), "fields", "invalid");
});

test("zaken: expand, the audit trail, and delete takes everything with it (zrc-017)", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const rol = await addRol(z, t);
  const s = await setStatus(z, t.st[0], "2026-01-05T09:00:00Z");
  const deel = await newZaak(t, { hoofdzaak: z.url });
  const res = await addResultaat(z, t);
  const e = await api(`${z.url}?expand=zaaktype,status,rollen,resultaat,deelzaken`);
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json._expand.zaaktype.url, t.zt.url);
  assert.equal(e.json._expand.status.url, s.json.url);
  assert.equal(e.json._expand.rollen[0].url, rol.url);
  assert.equal(e.json._expand.rollen[0].betrokkeneIdentificatie.inpBsn, BSN);
  assert.equal(e.json._expand.resultaat.url, res.url);
  assert.equal(e.json._expand.deelzaken[0].url, deel.url);
  const d = await api(`${deel.url}?expand=hoofdzaak`);
  assert.equal(d.json._expand.hoofdzaak.url, z.url);
  const listed = await api(`${ZAKEN}/zaken?identificatie=${z.identificatie}&expand=status.statustype`);
  assert.equal(listed.json.results[0]._expand.status.url, s.json.url);
  invalid(await api(`${z.url}?expand=kleur`), "expand", "invalid-expand");
  const se = await api(`${s.json.url}?expand=statustype,zaak`);
  assert.equal(se.status, 200, se.text);
  assert.equal(se.json._expand.statustype.url, t.st[0].url);
  assert.equal(se.json._expand.zaak.url, z.url);
  assert.equal((await api(`${rol.url}?expand=roltype`)).json._expand.roltype.url, t.rt.url);
  assert.equal((await api(`${ZAKEN}/resultaten?zaak=${encodeURIComponent(z.url)}&expand=resultaattype`)).json.results[0]._expand.resultaattype.url, t.res.url);
  invalid(await api(`${rol.url}?expand=zaaktype`), "expand", "invalid-expand");

  // The audit trail: create, the rol, the status, the resultaat, a change.
  await api(z.url, { method: "PATCH", body: { omschrijving: "Gewijzigd" }, headers: { "x-audit-toelichting": "Typfout" } });
  const trail = await api(`${z.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  const actions = trail.json.map((x) => `${x.resource}:${x.actie}`);
  assert.deepEqual(actions, ["zaak:create", "rol:create", "status:create", "resultaat:create", "zaak:partial_update"]);
  assert.equal(trail.json[0].bron, "ZRC");
  assert.equal(trail.json[0].hoofdObject, z.url);
  assert.equal(trail.json[4].toelichting, "Typfout");
  assert.equal(trail.json[4].wijzigingen.nieuw.omschrijving, "Gewijzigd");
  const one = await api(`${z.url}/audittrail/${trail.json[0].uuid}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.uuid, trail.json[0].uuid);
  assert.equal((await api(`${z.url}/audittrail/00000000-0000-4000-8000-000000000000`)).status, 404);
  assert.equal((await api(`${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000/audittrail`)).status, 404);

  // zrc-017: deleting the zaak deletes its statussen, resultaat, rollen and deelzaken.
  const del = await api(z.url, { method: "DELETE" });
  assert.equal(del.status, 204, del.text);
  for (const url of [z.url, rol.url, s.json.url, res.url, deel.url]) assert.equal((await api(url)).status, 404, url);
  assert.equal((await api(`${ZAKEN}/rollen?zaak=${encodeURIComponent(z.url)}`)).json.count, 0);
});
