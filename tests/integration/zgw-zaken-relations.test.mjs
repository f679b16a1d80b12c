// The Zaken API's relations: zaakobjecten, zaakeigenschappen, zaakinformatieobjecten,
// klantcontacten, zaakcontactmomenten, zaakverzoeken, zaakbesluiten and zaaknotities — CRUD, filters, their
// rules (zrc-003, zrc-004, zrc-007, zrc-017, eigenschap of the zaaktype, objectType), access
// by the zaak's zaaktype, scopes and bad input. References to other registrations point to a
// small stand-in server on the allow-list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { freePort } from "./lib/server.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501";
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";

let server, other, ext, admin, writer, reader, aanmaker, stranger, forced;
let zt, zt2, statustypen, resultaattype, eigKeuze, eigDatum, eigOther, zotype;
let seq = 0;

// Another registration (Documenten, Contactmomenten, Verzoeken, Besluiten API): every path
// answers with its object, except paths containing "missing".
function startStandIn(port) {
  const s = http.createServer((req, res) => {
    if (req.url.includes("missing")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: "not found" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://127.0.0.1:${port}${req.url}`, titel: "stand-in" }));
  });
  return new Promise((resolve) => s.listen(port, "127.0.0.1", () => resolve(s)));
}

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

async function publishedZaaktype(cat) {
  const ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
  const t = created(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: zaaktypeBody(server.url, cat.url, { identificatie: `ZTR-${++seq}` }),
  }));
  const st = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    st.push(created(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: t.url, omschrijving, volgnummer } })));
  }
  const rt = created(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: t.url, omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
      selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND),
      brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
    },
  }));
  const eig = async (naam, specificatie) => created(await admin(`${CATALOGI}/eigenschappen`, {
    method: "POST", body: { zaaktype: t.url, naam, definitie: naam, specificatie },
  }));
  const keuze = await eig("keuze", { formaat: "tekst", lengte: "10", kardinaliteit: "1", waardenverzameling: ["ja", "nee"] });
  const datum = await eig("datum", { formaat: "datum", lengte: "8", kardinaliteit: "1" });
  const zot = created(await admin(`${CATALOGI}/zaakobjecttypen`, {
    method: "POST",
    body: { zaaktype: t.url, catalogus: cat.url, anderObjecttype: false, objecttype: "https://objecttypen.example/api/v2/objecttypes/1", relatieOmschrijving: "Het pand" },
  }));
  const pub = await admin(`${t.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, pub.text);
  return { zaaktype: t, statustypen: st, resultaattype: rt, keuze, datum, zot };
}

before(async () => {
  const port = await freePort();
  ext = { server: await startStandIn(port), base: `http://127.0.0.1:${port}` };
  server = await startZgwServer({ args: ["--zgw-allowed-hosts", `127.0.0.1:${port}`] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  const cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "REL", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
  }));
  const one = await publishedZaaktype(cat);
  const two = await publishedZaaktype(cat);
  ({ zaaktype: zt, statustypen, resultaattype, keuze: eigKeuze, datum: eigDatum, zot: zotype } = one);
  zt2 = two.zaaktype;
  eigOther = two.keuze;
  const zrc = (scopes, zaaktypen = [zt.url]) => addClient(server, { component: "zrc", scopes, zaaktypen, maxLevel: "zeer_geheim" });
  writer = zgwFetch(server, await zrc(["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen"]));
  reader = zgwFetch(server, await zrc(["zaken.lezen"]));
  aanmaker = zgwFetch(server, await zrc(["zaken.lezen", "zaken.aanmaken"]));
  stranger = zgwFetch(server, await zrc(["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen"], [zt2.url]));
  forced = zgwFetch(server, await zrc(["zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken"]));
});
after(async () => {
  await server?.stop();
  ext?.server.closeAllConnections();
  ext?.server.close();
});

async function zaak(type = zt, extra = {}) {
  return created(await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: {
      bronorganisatie: "002220647", verantwoordelijkeOrganisatie: "002220647", zaaktype: type.url,
      startdatum: "2026-01-05", vertrouwelijkheidaanduiding: "openbaar", ...extra,
    },
  }));
}

const adres = {
  identificatie: "0344200000123456", wplWoonplaatsNaam: "Utrecht", gorOpenbareRuimteNaam: "Stadsplateau",
  huisnummer: 1, postcode: "3521AZ",
};

test("zaakobjecten: create, read, list with filters, update, delete; the zaak lists them", async () => {
  const z = await zaak();
  const post = (body, client = writer) => client(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, ...body } });
  const a = created(await post({ objectType: "adres", objectIdentificatie: adres, relatieomschrijving: "Locatie", zaakobjecttype: zotype.url }));
  assert.match(a.url, /\/zgw\/zaken\/api\/v1\/zaakobjecten\//);
  assert.equal(a.zaak, z.url);
  assert.equal(a.objectIdentificatie.huisnummer, 1);
  const pand = created(await post({ objectType: "pand", object: "https://bag.example/panden/0344100000012345" }));
  const boom = created(await post({ objectType: "overige", objectTypeOverige: "boom", objectIdentificatie: { overigeData: { soort: "eik" } } }));
  assert.equal(boom.objectTypeOverige, "boom");
  const read = await reader(a.url);
  assert.equal(read.status, 200, read.text);
  assert.ok(read.headers.get("etag"));
  const q = async (s) => (await reader(`${ZAKEN}/zaakobjecten?${s}`)).json;
  assert.equal((await q(`zaak=${z.url}`)).count, 3);
  assert.equal((await q(`zaak=${z.url}&objectType=adres`)).count, 1);
  assert.equal((await q(`object=https://bag.example/panden/0344100000012345`)).results[0].url, pand.url);
  const patched = await writer(a.url, { method: "PATCH", body: { relatieomschrijving: "Bouwlocatie" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.relatieomschrijving, "Bouwlocatie");
  const put = await writer(pand.url, { method: "PUT", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/panden/0344100000099999" } });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual([...(await reader(z.url)).json.zaakobjecten].sort(), [a.url, pand.url, boom.url].sort());
  assert.equal((await writer(boom.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(boom.url)).status, 404);
  // The zaak's audit trail records the changes to its relations.
  const trail = await admin(`${z.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  const mine = trail.json.filter((x) => x.resource === "zaakobject");
  assert.deepEqual(mine.map((x) => x.actie).sort(), ["create", "create", "create", "destroy", "partial_update", "update"]);
  assert.ok(mine.every((x) => x.hoofdObject === z.url && x.bron === "ZRC"));
  assert.equal((await q(`zaak=${z.url}`)).count, 2);
});

test("zaakobjecten: a list longer than a page counts every row on each page; next and previous link the pages", async () => {
  const z = await zaak();
  const urls = [];
  for (let i = 0; i < 101; i++) {
    urls.push(created(await writer(`${ZAKEN}/zaakobjecten`, {
      method: "POST", body: { zaak: z.url, objectType: "pand", object: `https://bag.example/panden/${i}` },
    })).url);
  }
  const list = `${ZAKEN}/zaakobjecten?zaak=${encodeURIComponent(z.url)}`;
  const p1 = await reader(list);
  assert.equal(p1.status, 200, p1.text);
  assert.equal(p1.json.count, 101);
  assert.equal(p1.json.results.length, 100);
  assert.equal(p1.json.previous, null);
  assert.ok(p1.json.next.includes("page=2"), p1.json.next);
  const p2 = await reader(p1.json.next);
  assert.equal(p2.status, 200, p2.text);
  assert.equal(p2.json.count, 101);
  assert.equal(p2.json.results.length, 1);
  assert.equal(p2.json.next, null);
  assert.ok(p2.json.previous.includes("page=1"), p2.json.previous);
  assert.deepEqual([...p1.json.results, ...p2.json.results].map((o) => o.url).sort(), [...urls].sort());
  assert.equal((await reader(`${list}&page=3`)).status, 404);
  // Exactly one full page: counted, and no next page.
  assert.equal((await writer(urls[0], { method: "DELETE" })).status, 204);
  const full = await reader(list);
  assert.equal(full.json.count, 100);
  assert.equal(full.json.results.length, 100);
  assert.equal(full.json.next, null);
  assert.equal((await reader(`${list}&page=2`)).status, 404);
});

test("zaakobjecten: objectType rules and objectIdentificatie per type", async () => {
  const z = await zaak();
  const post = (body) => writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, ...body } });
  invalid(await post({ objectType: "overige", object: "https://objects.example/1" }), "nonFieldErrors", "missing-object-type-overige");
  invalid(await post({ objectType: "adres", objectTypeOverige: "boom", objectIdentificatie: adres }), "nonFieldErrors", "invalid-object-type-overige-usage");
  invalid(await post({ objectType: "adres", objectIdentificatie: { ...adres, huisnummer: "een" } }), "objectIdentificatie.huisnummer", "invalid");
  invalid(await post({ objectType: "adres", objectIdentificatie: { identificatie: "x" } }), "objectIdentificatie.wplWoonplaatsNaam", "required");
  invalid(await post({ objectType: "buurt", objectIdentificatie: { buurtCode: "123", buurtNaam: "x", gemGemeenteCode: "0344", wykWijkCode: "01" } }), "objectIdentificatie.buurtCode", "max_length");
  invalid(await post({ objectType: "overige", objectTypeOverige: "boom", objectIdentificatie: { overigeData: "eik" } }), "objectIdentificatie.overigeData", "invalid");
  invalid(await post({ objectType: "pand" }), "nonFieldErrors", "invalid-zaakobject");
  invalid(await post({ objectType: "kasteel", object: "https://objects.example/1" }), "objectType", "invalid_choice");
  invalid(await post({ objectType: "pand", object: "geen url" }), "object", "bad-url");
  invalid(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { objectType: "pand", object: "https://objects.example/1" } }), "zaak", "required");
  invalid(await post({ zaak: `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000`, objectType: "pand", object: "https://objects.example/1" }), "zaak", "bad-url");
  invalid(await post({ zaak: "https://elders.example/zaken/1", objectType: "pand", object: "https://objects.example/1" }), "zaak", "bad-url");
  // A zaakobjecttype of another zaaktype.
  const z2 = await zaak(zt2);
  invalid(await admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z2.url, objectType: "pand", object: "https://objects.example/1", zaakobjecttype: zotype.url } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await reader(`${ZAKEN}/zaakobjecten?objectType=kasteel`), "objectType", "invalid_choice");
  invalid(await reader(`${ZAKEN}/zaakobjecten?zaak=geen-url`), "zaak", "invalid");
  invalid(await reader(`${ZAKEN}/zaakobjecten?onbekend=1`), "nonFieldErrors", "unknown-parameters");
});

test("zaakeigenschappen: nested under the zaak; the eigenschap must be of the zaak's zaaktype", async () => {
  const z = await zaak();
  const path = `${z.url}/zaakeigenschappen`;
  const e = created(await writer(path, { method: "POST", body: { zaak: z.url, eigenschap: eigKeuze.url, waarde: "ja" } }));
  assert.equal(e.naam, "keuze");
  assert.equal(e.zaak, z.url);
  assert.ok(e.url.startsWith(`${z.url}/zaakeigenschappen/`), e.url);
  const d = created(await writer(path, { method: "POST", body: { eigenschap: eigDatum.url, waarde: "20260131" } }));
  const list = await reader(path);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.count, 2);
  assert.equal((await reader(e.url)).json.waarde, "ja");
  const patched = await writer(e.url, { method: "PATCH", body: { waarde: "nee" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.waarde, "nee");
  assert.equal((await writer(e.url, { method: "PUT", body: { eigenschap: eigKeuze.url, waarde: "ja" } })).status, 200);
  assert.deepEqual([...(await reader(z.url)).json.eigenschappen].sort(), [e.url, d.url].sort());
  invalid(await writer(path, { method: "POST", body: { eigenschap: eigOther.url, waarde: "ja" } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await writer(path, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "misschien" } }), "waarde", "invalid");
  invalid(await writer(path, { method: "POST", body: { eigenschap: eigDatum.url, waarde: "31-01-2026" } }), "waarde", "invalid");
  invalid(await writer(path, { method: "POST", body: { eigenschap: eigKeuze.url } }), "waarde", "required");
  invalid(await writer(path, { method: "POST", body: { eigenschap: `${server.url}${CATALOGI}/eigenschappen/00000000-0000-4000-8000-000000000000`, waarde: "ja" } }), "eigenschap", "bad-url");
  // Seen through another zaak it does not exist.
  const other = await zaak();
  assert.equal((await reader(`${other.url}/zaakeigenschappen/${e.uuid}`)).status, 404);
  assert.equal((await reader(`${other.url}/zaakeigenschappen`)).json.count, 0);
  assert.equal((await writer(d.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(path)).json.count, 1);
});

test("zaakinformatieobjecten: zrc-003 the document exists, zrc-004 server fields and a fixed relation, unique per zaak", async () => {
  const z = await zaak();
  const doc = `${ext.base}/documenten/api/v1/enkelvoudiginformatieobjecten/${++seq}`;
  const post = (body, client = writer) => client(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: z.url, ...body } });
  const zio = created(await post({ informatieobject: doc, titel: "Aanvraag", aardRelatieWeergave: "iets anders", registratiedatum: "2000-01-01T00:00:00Z" }));
  assert.equal(zio.aardRelatieWeergave, "Hoort bij, omgekeerd: kent");
  assert.notEqual(zio.registratiedatum, "2000-01-01T00:00:00Z");
  assert.match(zio.registratiedatum, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.equal(zio.informatieobject, doc);
  invalid(await post({ informatieobject: doc }), "nonFieldErrors", "unique");
  invalid(await post({ informatieobject: `${ext.base}/documenten/api/v1/enkelvoudiginformatieobjecten/missing` }), "informatieobject", "bad-url");
  invalid(await post({ informatieobject: "https://niet-toegestaan.example/documenten/1" }), "informatieobject", "bad-url");
  invalid(await post({ informatieobject: `${server.url}${ZAKEN}/zaken/${z.uuid}` }), "informatieobject", "invalid-resource");
  invalid(await post({ informatieobject: "geen url" }), "informatieobject", "bad-url");
  invalid(await post({}), "informatieobject", "required");
  const q = async (s) => (await reader(`${ZAKEN}/zaakinformatieobjecten?${s}`)).json;
  assert.equal((await q(`zaak=${z.url}`)).count, 1);
  assert.equal((await q(`informatieobject=${doc}`)).results[0].url, zio.url);
  const patched = await writer(zio.url, { method: "PATCH", body: { titel: "Aanvraag (getekend)", beschrijving: "ondertekend" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.registratiedatum, zio.registratiedatum);
  invalid(await writer(zio.url, { method: "PATCH", body: { informatieobject: `${ext.base}/documenten/api/v1/enkelvoudiginformatieobjecten/anders` } }), "informatieobject", "wijzigen-niet-toegestaan");
  const other = await zaak();
  invalid(await writer(zio.url, { method: "PUT", body: { zaak: other.url, informatieobject: doc } }), "zaak", "wijzigen-niet-toegestaan");
  assert.deepEqual((await reader(z.url)).json.zaakinformatieobjecten, [zio.url]);
  // The same document may hang off another zaak.
  created(await post({ zaak: other.url, informatieobject: doc }));
  assert.equal((await writer(zio.url, { method: "DELETE" })).status, 204);
  assert.deepEqual((await reader(z.url)).json.zaakinformatieobjecten, []);
});

test("zaakinformatieobjecten: status must be the zaak's; the status lists its zaakinformatieobjecten", async () => {
  const z = await zaak();
  const other = await zaak();
  const status = async (target) => created(await admin(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: target.url, statustype: statustypen[0].url, datumStatusGezet: "2026-01-06T10:00:00Z" },
  }));
  const mine = await status(z);
  const theirs = await status(other);
  const doc = `${ext.base}/documenten/api/v1/enkelvoudiginformatieobjecten/s${++seq}`;
  const post = (body) => writer(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: z.url, informatieobject: doc, ...body } });
  invalid(await post({ status: theirs.url }), "status", "invalid-status");
  const zio = created(await post({ status: mine.url }));
  assert.equal(zio.status, mine.url);
  assert.deepEqual((await admin(mine.url)).json.zaakinformatieobjecten, [zio.url]);
  assert.deepEqual((await admin(theirs.url)).json.zaakinformatieobjecten, []);
});

test("klantcontacten: create, read, list by zaak; no update or delete", async () => {
  const z = await zaak();
  const post = (body) => writer(`${ZAKEN}/klantcontacten`, { method: "POST", body: { zaak: z.url, ...body } });
  const k = created(await post({ datumtijd: "2026-01-06T10:00:00Z", kanaal: "telefoon", onderwerp: "Vraag over de aanvraag" }));
  assert.match(k.identificatie, /^KC[0-9a-f]{12}$/);
  const own = created(await post({ identificatie: "KC-1", datumtijd: "2026-01-07T10:00:00Z" }));
  assert.equal(own.identificatie, "KC-1");
  assert.equal((await reader(k.url)).json.kanaal, "telefoon");
  const list = (await reader(`${ZAKEN}/klantcontacten?zaak=${z.url}`)).json;
  assert.equal(list.count, 2);
  assert.deepEqual(list.results.map((x) => x.url), [k.url, own.url]);
  invalid(await post({}), "datumtijd", "required");
  invalid(await post({ datumtijd: "gisteren" }), "datumtijd");
  invalid(await post({ datumtijd: "2026-01-06T10:00:00Z", kanaal: "x".repeat(21) }), "kanaal", "max_length");
  assert.notEqual((await writer(k.url, { method: "PATCH", body: { kanaal: "mail" } })).status, 200);
  assert.notEqual((await writer(k.url, { method: "DELETE" })).status, 204);
  invalid(await reader(`${ZAKEN}/klantcontacten?kanaal=x`), "nonFieldErrors", "unknown-parameters");
});

for (const [path, field, kind] of [["zaakcontactmomenten", "contactmoment", "contactmomenten"], ["zaakverzoeken", "verzoek", "verzoeken"]]) {
  test(`${path}: create, filter, unique per zaak, external URL checked, delete; no update`, async () => {
    const z = await zaak();
    const url = `${ext.base}/${kind}/api/v1/${kind}/${++seq}`;
    const post = (body, client = writer) => client(`${ZAKEN}/${path}`, { method: "POST", body: { zaak: z.url, ...body } });
    const x = created(await post({ [field]: url }));
    assert.equal(x[field], url);
    assert.equal((await reader(x.url)).json.zaak, z.url);
    assert.equal((await reader(`${ZAKEN}/${path}?zaak=${z.url}`)).json.count, 1);
    assert.equal((await reader(`${ZAKEN}/${path}?${field}=${url}`)).json.count, 1);
    invalid(await post({ [field]: url }), field, "unique");
    invalid(await post({ [field]: `${ext.base}/${kind}/missing` }), field, "bad-url");
    invalid(await post({}), field, "required");
    assert.equal((await post({ [field]: `${url}-2` }, aanmaker)).status, 403);
    assert.notEqual((await writer(x.url, { method: "PATCH", body: { [field]: url } })).status, 200);
    assert.equal((await writer(x.url, { method: "DELETE" })).status, 204);
    assert.equal((await reader(x.url)).status, 404);
  });
}

test("zaakbesluiten: nested under the zaak; create, list, read, delete", async () => {
  const z = await zaak();
  const path = `${z.url}/besluiten`;
  const besluit = `${ext.base}/besluiten/api/v1/besluiten/${++seq}`;
  const b = created(await writer(path, { method: "POST", body: { besluit } }));
  assert.equal(b.besluit, besluit);
  assert.ok(b.url.startsWith(`${z.url}/besluiten/`), b.url);
  assert.equal((await reader(path)).json.count, 1);
  assert.equal((await reader(b.url)).json.besluit, besluit);
  invalid(await writer(path, { method: "POST", body: { besluit } }), "besluit", "unique");
  invalid(await writer(path, { method: "POST", body: { besluit: `${ext.base}/besluiten/missing` } }), "besluit", "bad-url");
  invalid(await writer(path, { method: "POST", body: {} }), "besluit", "required");
  const other = await zaak();
  assert.equal((await reader(`${other.url}/besluiten/${b.uuid}`)).status, 404);
  assert.equal((await writer(b.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(path)).json.count, 0);
});

test("zaaknotities: create, read, filters (exact, __icontains, dates), update keeps aanmaakdatum, delete", async () => {
  const z = await zaak();
  const post = (body, client = writer) => client(`${ZAKEN}/zaaknotities`, { method: "POST", body: { gerelateerdAan: z.url, ...body } });
  const n = created(await post({ onderwerp: "Telefoongesprek", tekst: "Aanvrager belde over 100% van de kosten", aangemaaktDoor: "K. de Vries", notitieType: "intern" }));
  assert.equal(n.gerelateerdAan, z.url);
  assert.equal(n.status, "concept");
  assert.match(n.aanmaakdatum, /^\d{4}-\d\d-\d\dT/);
  const m = created(await post({ onderwerp: "Besluit", tekst: "Verleend", notitieType: "extern", status: "definitief" }));
  const q = async (s) => {
    const r = await reader(`${ZAKEN}/zaaknotities?gerelateerdAan=${z.url}${s ? `&${s}` : ""}`);
    assert.equal(r.status, 200, r.text);
    return r.json.results.map((x) => x.url);
  };
  assert.deepEqual(await q(""), [n.url, m.url]);
  assert.deepEqual(await q("notitieType=extern"), [m.url]);
  assert.deepEqual(await q("status=concept"), [n.url]);
  assert.deepEqual(await q("onderwerp__icontains=TELEFOON"), [n.url]);
  assert.deepEqual(await q("tekst__icontains=100%25"), [n.url]);
  assert.deepEqual(await q("tekst__icontains=_"), []);
  assert.deepEqual(await q("aangemaaktDoor=K. de Vries"), [n.url]);
  assert.deepEqual(await q("aanmaakdatum__gte=2000-01-01T00:00:00Z"), [n.url, m.url]);
  assert.deepEqual(await q("wijzigingsdatum__lt=2000-01-01T00:00:00Z"), []);
  invalid(await reader(`${ZAKEN}/zaaknotities?aanmaakdatum__gt=gisteren`), "aanmaakdatum__gt");
  invalid(await reader(`${ZAKEN}/zaaknotities?notitieType=geheim`), "notitieType", "invalid_choice");
  const patched = await writer(n.url, { method: "PATCH", body: { status: "definitief" } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.aanmaakdatum, n.aanmaakdatum);
  invalid(await writer(n.url, { method: "PATCH", body: { gerelateerdAan: (await zaak()).url } }), "gerelateerdAan", "wijzigen-niet-toegestaan");
  invalid(await post({ tekst: "x" }), "onderwerp", "required");
  invalid(await post({ onderwerp: "x", tekst: "x", gerelateerdAan: "https://elders.example/zaken/1" }), "gerelateerdAan", "bad-url");
  assert.equal((await post({ onderwerp: "x", tekst: "x" }, aanmaker)).status, 403);
  assert.equal((await stranger(n.url)).status, 403);
  assert.equal((await writer(m.url, { method: "DELETE" })).status, 204);
  assert.deepEqual(await q(""), [n.url]);
});

test("access: scopes per operation, the zaak's zaaktype decides, 401 without a token", async () => {
  const z = await zaak();
  const zo = created(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/p/1" } }));
  const ze = created(await writer(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } }));
  // zaken.lezen alone reads but writes nothing.
  assert.equal((await reader(zo.url)).status, 200);
  assert.equal((await reader(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/p/2" } })).status, 403);
  assert.equal((await reader(zo.url, { method: "PATCH", body: { relatieomschrijving: "x" } })).status, 403);
  assert.equal((await reader(zo.url, { method: "DELETE" })).status, 403);
  assert.equal((await reader(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } })).status, 403);
  // zaken.aanmaken adds zaakobjecten and documents, but changes nothing and adds no contacts.
  created(await aanmaker(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/p/3" } }));
  assert.equal((await aanmaker(zo.url, { method: "PATCH", body: { relatieomschrijving: "x" } })).status, 403);
  assert.equal((await aanmaker(`${ZAKEN}/klantcontacten`, { method: "POST", body: { zaak: z.url, datumtijd: "2026-01-06T10:00:00Z" } })).status, 403);
  assert.equal((await aanmaker(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } })).status, 403);
  // A client for another zaaktype neither sees nor touches this zaak's relations.
  assert.equal((await stranger(zo.url)).status, 403);
  assert.equal((await stranger(ze.url)).status, 403);
  assert.equal((await stranger(`${ZAKEN}/zaakobjecten?zaak=${z.url}`)).json.count, 0);
  assert.equal((await stranger(`${z.url}/zaakeigenschappen`)).json.count, 0);
  assert.equal((await stranger(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/p/4" } })).status, 403);
  assert.equal((await stranger(zo.url, { method: "DELETE" })).status, 403);
  // ... but does see those of its own zaaktype.
  const mine = await zaak(zt2);
  created(await stranger(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: mine.url, objectType: "pand", object: "https://bag.example/p/5" } }));
  assert.equal((await stranger(`${ZAKEN}/zaakobjecten`)).json.results.every((x) => x.zaak === mine.url), true);
  // Confidentiality above the client's maximum hides the zaak's relations.
  const limited = zgwFetch(server, await addClient(server, { component: "zrc", scopes: ["zaken.lezen"], zaaktypen: [zt.url], maxLevel: "openbaar" }));
  const secret = await zaak(zt, { vertrouwelijkheidaanduiding: "geheim" });
  const so = created(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: secret.url, objectType: "pand", object: "https://bag.example/p/6" } }));
  assert.equal((await limited(so.url)).status, 403);
  assert.equal((await limited(zo.url)).status, 200);
  assert.equal((await limited(`${ZAKEN}/zaakobjecten?zaak=${secret.url}`)).json.count, 0);
  // No token; bad bodies.
  assert.equal((await fetch(`${server.url}${ZAKEN}/zaakobjecten`)).status, 401);
  const bad = await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: "{niet json" });
  assert.equal(bad.status, 400, bad.text);
  assert.equal((await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: "[]" })).status, 400);
  assert.equal((await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } })).status, 415);
});

test("zrc-007: relations of a closed zaak change only with zaken.geforceerd-bijwerken", async () => {
  const z = await zaak();
  const zo = created(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/c/1" } }));
  created(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: z.url, resultaattype: resultaattype.url } }));
  const closing = await admin(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: z.url, statustype: statustypen[1].url, datumStatusGezet: "2026-02-01T10:00:00Z" },
  });
  assert.equal(closing.status, 201, closing.text);
  const closed = (await admin(z.url)).json;
  assert.ok(closed.einddatum, `the zaak should be closed: ${JSON.stringify(closed)}`);
  const body = { zaak: z.url, objectType: "pand", object: "https://bag.example/c/2" };
  assert.equal((await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body })).status, 403);
  assert.equal((await writer(zo.url, { method: "PATCH", body: { relatieomschrijving: "x" } })).status, 403);
  assert.equal((await writer(zo.url, { method: "DELETE" })).status, 403);
  assert.equal((await writer(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } })).status, 403);
  assert.equal((await writer(`${ZAKEN}/klantcontacten`, { method: "POST", body: { zaak: z.url, datumtijd: "2026-02-02T10:00:00Z" } })).status, 403);
  created(await forced(`${ZAKEN}/zaakobjecten`, { method: "POST", body }));
  assert.equal((await forced(zo.url, { method: "PATCH", body: { relatieomschrijving: "correctie" } })).status, 200);
  created(await forced(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } }));
});

test("zrc-017: deleting a zaak deletes its relations", async () => {
  const z = await zaak();
  const made = [
    created(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/d/1" } })),
    created(await writer(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "ja" } })),
    created(await writer(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: z.url, informatieobject: `${ext.base}/documenten/d/${++seq}` } })),
    created(await writer(`${ZAKEN}/klantcontacten`, { method: "POST", body: { zaak: z.url, datumtijd: "2026-01-06T10:00:00Z" } })),
    created(await writer(`${ZAKEN}/zaakcontactmomenten`, { method: "POST", body: { zaak: z.url, contactmoment: `${ext.base}/contactmomenten/d/${seq}` } })),
    created(await writer(`${ZAKEN}/zaakverzoeken`, { method: "POST", body: { zaak: z.url, verzoek: `${ext.base}/verzoeken/d/${seq}` } })),
    created(await writer(`${z.url}/besluiten`, { method: "POST", body: { besluit: `${ext.base}/besluiten/d/${seq}` } })),
    created(await writer(`${ZAKEN}/zaaknotities`, { method: "POST", body: { gerelateerdAan: z.url, onderwerp: "x", tekst: "y" } })),
  ];
  // A deelzaak goes with its hoofdzaak, and its relations with it.
  const deel = await zaak(zt, { hoofdzaak: z.url });
  made.push(created(await writer(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: deel.url, objectType: "pand", object: "https://bag.example/d/2" } })));
  made.push(created(await writer(`${deel.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: eigKeuze.url, waarde: "nee" } })));
  const del = await admin(z.url, { method: "DELETE" });
  assert.equal(del.status, 204, del.text);
  for (const m of made) assert.equal((await admin(m.url)).status, 404, m.url);
  assert.equal((await admin(`${ZAKEN}/zaakobjecten?zaak=${z.url}`)).json.count, 0);
  assert.equal((await admin(`${ZAKEN}/zaakobjecten?zaak=${deel.url}`)).json.count, 0);
});

test("the OpenAPI document lists the relation routes", async () => {
  const doc = await (await fetch(`${server.url}${ZAKEN}/schema/openapi.json`)).json();
  for (const p of ["/zaakobjecten", "/zaakobjecten/{uuid}", "/zaken/{zaak_uuid}/zaakeigenschappen", "/zaakinformatieobjecten",
    "/klantcontacten", "/zaakcontactmomenten", "/zaakverzoeken", "/zaken/{zaak_uuid}/besluiten/{uuid}", "/zaaknotities/{uuid}"]) {
    assert.ok(doc.paths[p], p);
  }
});
