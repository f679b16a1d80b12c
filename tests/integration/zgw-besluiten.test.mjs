// The Besluiten API (BRC 1.1.0): besluiten (CRUD, filters, expand, audit trail), brc-001 (the
// besluittype exists; Loket also asks it to be published and one of the zaak's zaaktype's),
// brc-002 (identificatie generated and unique per verantwoordelijkeOrganisatie, fixed after
// creation), brc-003 (besluitinformatieobjecten name a document that resolves), the zaak's
// mirror (zaakbesluiten), scopes per besluittype, deleting without leftovers, and zrc-015's
// afleidingswijzen ingangsdatum_besluit and vervaldatum_besluit. Documents live on a small
// stand-in registration on the allow-list (the Documenten API lands beside this one).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { freePort } from "./lib/server.mjs";

const BESLUITEN = "/zgw/besluiten/api/v1";
const REF = "/zgw/referentielijsten/api/v1";
const PROCESTYPE_INFORMATIE = "7d0f1a2e-1c1d-4b0a-9a51-000000000007";
const RESULTAAT_ZONDER_TERMIJN = "a3b4c5d6-2e2f-4c1b-8b62-000000000702";
const RTO_AFGEHANDELD = "e1f2a3b4-3f30-4d2c-9c73-000000000004";
const RSIN = "002220647";
const OTHER_RSIN = "123456782";

let server, docs, admin, t;
let seq = 0;

// The Documenten API of another registration: every path answers with its object, except
// paths containing "missing".
function startDocs(port) {
  const s = http.createServer((req, res) => {
    if (req.url.includes("missing")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: "not found" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://127.0.0.1:${port}${req.url}`, titel: "Besluit.pdf" }));
  });
  return new Promise((resolve) => s.listen(port, "127.0.0.1", () => resolve(s)));
}

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};
// A list answer: an array (the yaml's unpaginated lists) or a page.
const items = (r) => (Array.isArray(r.json) ? r.json : r.json.results);
const doc = () => `${docs.base}/documenten/api/v1/enkelvoudiginformatieobjecten/${++seq}`;

before(async () => {
  const port = await freePort();
  docs = { server: await startDocs(port), base: `http://127.0.0.1:${port}` };
  server = await startZgwServer({ args: ["--zgw-allowed-hosts", `127.0.0.1:${port}`] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  const ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
  const cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "BESL", rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }));
  const besluittype = async (omschrijving, publish = true) => {
    const bt = created(await admin(`${CATALOGI}/besluittypen`, {
      method: "POST",
      body: { catalogus: cat.url, omschrijving, publicatieIndicatie: false, reactietermijn: "P6W", beginGeldigheid: "2024-01-01", informatieobjecttypen: [] },
    }));
    if (publish) assert.equal((await admin(`${bt.url}/publish`, { method: "POST", body: {} })).status, 200);
    return bt;
  };
  const bt = await besluittype("Vergunning");
  const btConcept = await besluittype("Concept", false);
  const btOther = await besluittype("Subsidie");
  const zt = created(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: zaaktypeBody(server.url, cat.url, {
      identificatie: "BESLUIT-ZT", besluittypen: [bt.url], selectielijstProcestype: ref("procestypen", PROCESTYPE_INFORMATIE),
    }),
  }));
  const st = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    st.push(created(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } })));
  }
  const resultaattype = async (omschrijving, afleidingswijze) => created(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: zt.url, omschrijving, resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_AFGEHANDELD),
      selectielijstklasse: ref("resultaten", RESULTAAT_ZONDER_TERMIJN), archiefnominatie: "vernietigen", archiefactietermijn: "P10Y",
      brondatumArchiefprocedure: { afleidingswijze },
    },
  }));
  const rt = { ingang: await resultaattype("Ingang", "ingangsdatum_besluit"), verval: await resultaattype("Verval", "vervaldatum_besluit") };
  const pub = await admin(`${zt.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, pub.text);
  t = { cat, bt, btConcept, btOther, zt: pub.json, st, rt };
});
after(async () => {
  await server?.stop();
  docs?.server.closeAllConnections();
  docs?.server.close();
});

const newZaak = async () => created(await admin(`${ZAKEN}/zaken`, {
  method: "POST", body: { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: t.zt.url, startdatum: "2026-01-05" },
}));
const body = (extra = {}) => ({
  verantwoordelijkeOrganisatie: RSIN, besluittype: t.bt.url, datum: "2026-01-05", ingangsdatum: "2026-01-06", ...extra,
});
const post = (b, client = admin) => client(`${BESLUITEN}/besluiten`, { method: "POST", body: b });

test("besluiten: create, read, update and delete; brc-002 identificatie generated, unique and fixed; the zaak lists it", async () => {
  const zaak = await newZaak();
  const r = await post(body({ zaak: zaak.url, toelichting: "Verleend", vervalreden: "tijdelijk", vervaldatum: "2027-01-06" }));
  const b = created(r);
  assert.equal(r.headers.get("api-version"), "1.1.0");
  assert.equal(r.headers.get("location"), b.url);
  assert.match(b.url, new RegExp(`^${server.url}${BESLUITEN}/besluiten/[0-9a-f-]{36}$`));
  assert.match(b.identificatie, /^BESLUIT-\d{4}-\d{10}$/);
  assert.equal(b.zaak, zaak.url);
  assert.equal(b.besluittype, t.bt.url);
  assert.equal(b.vervalredenWeergave, "Besluit met tijdelijke werking");
  assert.equal(b.publicatiedatum, null);
  assert.equal(b.uiterlijkeReactiedatum, null);
  const read = await admin(b.url);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, b);
  assert.ok(read.headers.get("etag"));

  // Mirrored in the Zaken API (zaakbesluiten), as the BRC does through the ZRC.
  const zb = await admin(`${zaak.url}/besluiten`);
  assert.equal(zb.status, 200, zb.text);
  assert.deepEqual(items(zb).map((x) => x.besluit), [b.url]);

  // brc-002: unique within the organisation; another organisation may use the same one.
  invalid(await post(body({ identificatie: b.identificatie })), "identificatie", "identificatie-niet-uniek");
  created(await post(body({ identificatie: b.identificatie, verantwoordelijkeOrganisatie: OTHER_RSIN })));
  const own = created(await post(body({ identificatie: "B-2026-1" })));
  assert.equal(own.identificatie, "B-2026-1");
  // ... and fixed.
  invalid(await admin(b.url, { method: "PATCH", body: { identificatie: "ANDERS" } }), "identificatie", "wijzigen-niet-toegelaten");
  invalid(await admin(b.url, { method: "PATCH", body: { verantwoordelijkeOrganisatie: OTHER_RSIN } }), "verantwoordelijkeOrganisatie", "wijzigen-niet-toegelaten");
  const patched = await admin(b.url, { method: "PATCH", body: { toelichting: "Verleend, met voorwaarden", verzenddatum: "2026-01-07" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.toelichting, "Verleend, met voorwaarden");
  assert.equal(patched.json.identificatie, b.identificatie);
  // PUT without identificatie keeps it; moving the besluit off the zaak updates the mirror.
  const { identificatie, url, uuid, vervalredenWeergave, ...rest } = patched.json;
  const put = await admin(b.url, { method: "PUT", body: { ...rest, zaak: "" } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.identificatie, b.identificatie);
  assert.equal(put.json.zaak, "");
  assert.deepEqual(items(await admin(`${zaak.url}/besluiten`)), []);

  // Delete: the besluit, its documents' links and its history go (no soft deletes).
  created(await admin(`${BESLUITEN}/besluitinformatieobjecten`, { method: "POST", body: { besluit: b.url, informatieobject: doc() } }));
  assert.equal((await admin(b.url, { method: "DELETE" })).status, 204);
  assert.equal((await admin(b.url)).status, 404);
  assert.equal((await admin(`${BESLUITEN}/besluitinformatieobjecten?besluit=${b.url}`)).json.count, 0);
});

test("besluiten: brc-001 and the besluittype's rules; required fields and dates are refused naming the field", async () => {
  const zaak = await newZaak();
  invalid(await post(body({ besluittype: `${server.url}${CATALOGI}/besluittypen/00000000-0000-4000-8000-000000000000` })), "besluittype", "bad-url");
  invalid(await post(body({ besluittype: `${server.url}${ZAKEN}/zaken/${zaak.uuid}` })), "besluittype", "invalid-resource");
  invalid(await post(body({ besluittype: "https://niet-toegestaan.example/besluittypen/1" })), "besluittype", "bad-url");
  invalid(await post(body({ besluittype: t.btConcept.url })), "besluittype", "not-published");
  // A published besluittype that is not one of the zaak's zaaktype's; without a zaak it is fine.
  invalid(await post(body({ besluittype: t.btOther.url, zaak: zaak.url })), "nonFieldErrors", "zaaktype-mismatch");
  created(await post(body({ besluittype: t.btOther.url })));
  invalid(await post(body({ zaak: `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000` })), "zaak", "bad-url");
  invalid(await post(body({ datum: "2999-01-01" })), "datum", "future-not-allowed");
  invalid(await post(body({ vervaldatum: "2026-01-01" })), "vervaldatum", "vervaldatum-voor-ingangsdatum");
  invalid(await post(body({ vervalreden: "vergeten" })), "vervalreden", "invalid_choice");
  invalid(await post(body({ verantwoordelijkeOrganisatie: "123456789" })), "verantwoordelijkeOrganisatie");
  invalid(await post(body({ identificatie: "x".repeat(51) })), "identificatie", "max_length");
  const none = await post({});
  for (const f of ["verantwoordelijkeOrganisatie", "besluittype", "datum", "ingangsdatum"]) invalid(none, f, "required");
  // Nothing of the refused requests was stored.
  assert.equal((await admin(`${BESLUITEN}/besluiten?zaak=${zaak.url}`)).json.count, 0);
});

test("besluiten: filters, unknown parameters, paging and expand", async () => {
  const zaak = await newZaak();
  const a = created(await post(body({ zaak: zaak.url })));
  const b = created(await post(body({ besluittype: t.btOther.url, verantwoordelijkeOrganisatie: OTHER_RSIN })));
  const q = async (s) => {
    const r = await admin(`${BESLUITEN}/besluiten?${s}`);
    assert.equal(r.status, 200, r.text);
    return r.json.results.map((x) => x.url);
  };
  assert.deepEqual(await q(`zaak=${zaak.url}`), [a.url]);
  assert.deepEqual(await q(`identificatie=${a.identificatie}&verantwoordelijkeOrganisatie=${RSIN}`), [a.url]);
  assert.ok((await q(`besluittype=${t.btOther.url}`)).includes(b.url));
  assert.ok(!(await q(`besluittype=${t.btOther.url}`)).includes(a.url));
  assert.deepEqual(await q(`verantwoordelijkeOrganisatie=${OTHER_RSIN}&besluittype=${t.btOther.url}`), [b.url]);
  invalid(await admin(`${BESLUITEN}/besluiten?zaak=geen-url`), "zaak", "invalid");
  invalid(await admin(`${BESLUITEN}/besluiten?onbekend=1`), "nonFieldErrors", "unknown-parameters");
  const page = await admin(`${BESLUITEN}/besluiten?page=1`);
  assert.equal(page.status, 200);
  assert.ok(page.json.count >= 2);
  assert.equal((await admin(`${BESLUITEN}/besluiten?page=999`)).status, 404);
  const expanded = await admin(`${a.url}?expand=besluittype,zaak`);
  assert.equal(expanded.status, 200, expanded.text);
  assert.equal(expanded.json._expand.besluittype.url, t.bt.url);
  assert.equal(expanded.json._expand.zaak.url, zaak.url);
});

test("besluiten: scopes per besluittype through Autorisaties (brc)", async () => {
  const mine = created(await post(body()));
  const other = created(await post(body({ besluittype: t.btOther.url })));
  const reader = zgwFetch(server, await addClient(server, { component: "brc", scopes: ["besluiten.lezen"], zaaktypen: [t.bt.url] }));
  const listed = (await reader(`${BESLUITEN}/besluiten`)).json.results.map((x) => x.url);
  assert.ok(listed.includes(mine.url));
  assert.ok(!listed.includes(other.url));
  assert.equal((await reader(mine.url)).status, 200);
  assert.equal((await reader(other.url)).status, 403);
  assert.equal((await post(body(), reader)).status, 403);
  assert.equal((await reader(mine.url, { method: "PATCH", body: { toelichting: "x" } })).status, 403);
  assert.equal((await reader(mine.url, { method: "DELETE" })).status, 403);
  // Writing for one besluittype: a besluit of another is refused after the body is checked.
  const writer = zgwFetch(server, await addClient(server, {
    component: "brc", scopes: ["besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen"], zaaktypen: [t.bt.url],
  }));
  created(await post(body(), writer));
  assert.equal((await post(body({ besluittype: t.btOther.url }), writer)).status, 403);
  assert.equal((await writer(other.url, { method: "DELETE" })).status, 403);
  // Another component's rights do not reach besluiten.
  const zrc = zgwFetch(server, await addClient(server, { component: "zrc", scopes: ["zaken.lezen"], zaaktypen: [t.zt.url], maxLevel: "zeer_geheim" }));
  assert.equal((await zrc(`${BESLUITEN}/besluiten`)).status, 403);
  assert.equal((await fetch(`${server.url}${BESLUITEN}/besluiten`)).status, 401);
});

test("besluiten: the audit trail records each change; audittrails.lezen reads it", async () => {
  const b = created(await post(body()));
  assert.equal((await admin(b.url, { method: "PATCH", body: { toelichting: "Gewijzigd" } })).status, 200);
  const trail = await admin(`${b.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  assert.deepEqual(trail.json.map((x) => x.actie), ["create", "partial_update"]);
  assert.equal(trail.json[0].bron, "BRC");
  assert.equal(trail.json[0].resourceUrl, b.url);
  const one = await admin(`${b.url}/audittrail/${trail.json[1].uuid}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.wijzigingen.nieuw.toelichting, "Gewijzigd");
  assert.equal((await admin(`${b.url}/audittrail/00000000-0000-4000-8000-000000000000`)).status, 404);
  const noTrail = zgwFetch(server, await addClient(server, { component: "brc", scopes: ["besluiten.lezen"], zaaktypen: [t.bt.url] }));
  assert.equal((await noTrail(`${b.url}/audittrail`)).status, 403);
});

test("besluitinformatieobjecten: brc-003 the document resolves, unique per besluit, filters, delete", async () => {
  const b = created(await post(body()));
  const BIO = `${BESLUITEN}/besluitinformatieobjecten`;
  const d = doc();
  const bio = created(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: d } }));
  assert.equal(bio.besluit, b.url);
  assert.equal(bio.informatieobject, d);
  invalid(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: d } }), "nonFieldErrors", "unique");
  invalid(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: `${docs.base}/documenten/missing` } }), "informatieobject", "bad-url");
  invalid(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: "https://niet-toegestaan.example/doc/1" } }), "informatieobject", "bad-url");
  invalid(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: `${server.url}${ZAKEN}/zaken/x` } }), "informatieobject");
  invalid(await admin(BIO, { method: "POST", body: { besluit: `${server.url}${BESLUITEN}/besluiten/00000000-0000-4000-8000-000000000000`, informatieobject: doc() } }), "besluit", "bad-url");
  const none = await admin(BIO, { method: "POST", body: {} });
  invalid(none, "besluit", "required");
  invalid(none, "informatieobject", "required");
  assert.deepEqual((await admin(`${BIO}?besluit=${b.url}`)).json.results.map((x) => x.url), [bio.url]);
  assert.deepEqual((await admin(`${BIO}?informatieobject=${d}`)).json.results.map((x) => x.url), [bio.url]);
  assert.equal((await admin(`${bio.url}?expand=besluit`)).json._expand.besluit.url, b.url);
  // No update in BRC 1.1.0 (brc-004: the relation never changes).
  assert.equal((await admin(bio.url, { method: "PATCH", body: { informatieobject: doc() } })).status, 405);
  // Read through the besluit's besluittype.
  const other = zgwFetch(server, await addClient(server, { component: "brc", scopes: ["besluiten.lezen"], zaaktypen: [t.btOther.url] }));
  assert.equal((await other(bio.url)).status, 403);
  assert.equal((await other(`${BIO}?besluit=${b.url}`)).json.count, 0);
  assert.equal((await admin(bio.url, { method: "DELETE" })).status, 204);
  assert.equal((await admin(bio.url)).status, 404);
  // The audit trail of the besluit shows the link and its removal.
  const actions = (await admin(`${b.url}/audittrail`)).json.map((x) => `${x.resource}:${x.actie}`);
  assert.deepEqual(actions, ["besluit:create", "besluitinformatieobject:create", "besluitinformatieobject:destroy"]);
});

test("besluitinformatieobjecten: brc-005 a document of this registration gets its objectinformatieobject (objectType besluit), gone with the link and with the besluit", async () => {
  const DRC = "/zgw/documenten/api/v1";
  const iot = created(await admin(`${CATALOGI}/informatieobjecttypen`, {
    method: "POST",
    body: { catalogus: t.cat.url, omschrijving: "Besluitbrief", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief" },
  }));
  assert.equal((await admin(`${iot.url}/publish`, { method: "POST", body: {} })).status, 200);
  const eio = created(await admin(`${DRC}/enkelvoudiginformatieobjecten`, {
    method: "POST",
    body: {
      bronorganisatie: RSIN, creatiedatum: "2026-01-10", titel: "Besluit", auteur: "Behandelaar", taal: "dut",
      informatieobjecttype: iot.url, bestandsnaam: "besluit.txt", inhoud: Buffer.from("Het besluit\n").toString("base64"),
    },
  }));
  const mirrors = async () => (await admin(`${DRC}/objectinformatieobjecten?informatieobject=${eio.url}`)).json;
  const list = (r) => (Array.isArray(r) ? r : r.results);
  const BIO = `${BESLUITEN}/besluitinformatieobjecten`;
  const b = created(await post(body()));
  const bio = created(await admin(BIO, { method: "POST", body: { besluit: b.url, informatieobject: eio.url } }));
  const [oio, ...rest] = list(await mirrors());
  assert.equal(rest.length, 0);
  assert.equal(oio.objectType, "besluit");
  assert.equal(new URL(oio.object, server.url).pathname, new URL(b.url).pathname);
  assert.equal((await admin(bio.url, { method: "DELETE" })).status, 204);
  assert.equal(list(await mirrors()).length, 0);
  // Deleting the besluit takes its links and their mirrors along.
  const b2 = created(await post(body()));
  created(await admin(BIO, { method: "POST", body: { besluit: b2.url, informatieobject: eio.url } }));
  assert.equal(list(await mirrors()).length, 1);
  assert.equal((await admin(b2.url, { method: "DELETE" })).status, 204);
  assert.equal(list(await mirrors()).length, 0);
});

test("archive: ingangsdatum_besluit and vervaldatum_besluit take the latest date of the zaak's besluiten", async () => {
  const close = async (zaak, rt) => {
    created(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype: rt.url } }));
    return admin(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: zaak.url, statustype: t.st[1].url, datumStatusGezet: "2026-02-01T10:00:00Z" } });
  };
  const ingang = await newZaak();
  created(await post(body({ zaak: ingang.url, ingangsdatum: "2026-02-01", vervaldatum: "2027-01-31" })));
  created(await post(body({ zaak: ingang.url, ingangsdatum: "2026-03-01" })));
  assert.equal((await close(ingang, t.rt.ingang)).status, 201);
  assert.equal((await admin(ingang.url)).json.archiefactiedatum, "2036-03-01"); // 2026-03-01 + P10Y

  const verval = await newZaak();
  created(await post(body({ zaak: verval.url, ingangsdatum: "2026-02-01", vervaldatum: "2027-01-31" })));
  created(await post(body({ zaak: verval.url, ingangsdatum: "2026-03-01" })));  // no vervaldatum
  assert.equal((await close(verval, t.rt.verval)).status, 201);
  assert.equal((await admin(verval.url)).json.archiefactiedatum, "2037-01-31");

  // No besluit: the brondatum cannot be found, the zaak does not close.
  const without = await newZaak();
  invalid(await close(without, t.rt.ingang), "nonFieldErrors", "archiefactiedatum-error");
  assert.equal((await admin(without.url)).json.einddatum, null);
});

test("besluiten: the OpenAPI document lists what is implemented", async () => {
  const r = await fetch(`${server.url}${BESLUITEN}/schema/openapi.json`);
  assert.equal(r.status, 200);
  const doc = await r.json();
  for (const p of ["/besluiten", "/besluiten/{uuid}", "/besluiten/{besluit_uuid}/audittrail", "/besluiten/{besluit_uuid}/audittrail/{uuid}",
    "/besluitinformatieobjecten", "/besluitinformatieobjecten/{uuid}"]) assert.ok(doc.paths[p], p);
  assert.equal(doc.paths["/besluitinformatieobjecten/{uuid}"].patch, undefined);
});
