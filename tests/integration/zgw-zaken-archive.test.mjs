// zrc-015 (zrc-021 in the 1.7 specification): the archiefactiedatum a zaak gets when it closes, for
// the afleidingswijzen whose data the Zaken API holds — eigenschap (a zaakeigenschap's waarde),
// zaakobject (an attribute of the zaak's objects of the objecttype, inline or fetched from an
// allow-listed registration), gerelateerde_zaak (the latest einddatum of the relevant other
// zaken) — and, as the reference implementation does, a refusal (400 nonFieldErrors
// archiefactiedatum-error) when the data the zaaktype asks for is missing. An archiefactiedatum
// set by hand (ander_datumkenmerk) survives the closing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { freePort } from "./lib/server.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const PROCESTYPE_INFORMATIE = "7d0f1a2e-1c1d-4b0a-9a51-000000000007";
const RESULTAAT_ZONDER_TERMIJN = "a3b4c5d6-2e2f-4c1b-8b62-000000000702"; // no procestermijn: any afleidingswijze
const RTO_AFGEHANDELD = "e1f2a3b4-3f30-4d2c-9c73-000000000004";
const RSIN = "002220647";

let server, objects, admin, t;

// A registration of objects (as the Objects API or the BRP would answer): each path gives an
// object with the date attributes the test needs, top-level and nested.
function startObjects(port) {
  const s = http.createServer((req, res) => {
    const date = req.url.split("/").pop();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://127.0.0.1:${port}${req.url}`, datumOverlijden: date, record: { data: { einddatum: date } } }));
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

before(async () => {
  const port = await freePort();
  objects = { server: await startObjects(port), base: `http://127.0.0.1:${port}` };
  server = await startZgwServer({ args: ["--zgw-allowed-hosts", `127.0.0.1:${port}`] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  const ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
  const cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "ARCH", rsin: RSIN, contactpersoonBeheerNaam: "Archief" },
  }));
  const zt = created(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: zaaktypeBody(server.url, cat.url, { identificatie: "ARCHIEF-1", selectielijstProcestype: ref("procestypen", PROCESTYPE_INFORMATIE) }),
  }));
  const st = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    st.push(created(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } })));
  }
  const eigenschap = created(await admin(`${CATALOGI}/eigenschappen`, {
    method: "POST", body: { zaaktype: zt.url, naam: "vervaldatum", definitie: "Tot wanneer het besluit geldt", specificatie: { formaat: "datum", lengte: "8", kardinaliteit: "1" } },
  }));
  const resultaattype = async (omschrijving, brondatumArchiefprocedure) => created(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: zt.url, omschrijving, resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_AFGEHANDELD),
      selectielijstklasse: ref("resultaten", RESULTAAT_ZONDER_TERMIJN), archiefnominatie: "vernietigen", archiefactietermijn: "P10Y",
      brondatumArchiefprocedure,
    },
  }));
  const rt = {
    afgehandeld: await resultaattype("Afgehandeld", { afleidingswijze: "afgehandeld" }),
    eigenschap: await resultaattype("Eigenschap", { afleidingswijze: "eigenschap", datumkenmerk: "vervaldatum" }),
    zaakobject: await resultaattype("Zaakobject", { afleidingswijze: "zaakobject", objecttype: "natuurlijk_persoon", datumkenmerk: "datumOverlijden" }),
    genest: await resultaattype("Genest", { afleidingswijze: "zaakobject", objecttype: "overige", datumkenmerk: "record.data.einddatum" }),
    gerelateerd: await resultaattype("Gerelateerd", { afleidingswijze: "gerelateerde_zaak" }),
    ander: await resultaattype("Ander", { afleidingswijze: "ander_datumkenmerk", datumkenmerk: "d", objecttype: "pand", registratie: "BAG" }),
  };
  const pub = await admin(`${zt.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, pub.text);
  t = { zt: pub.json, st, eigenschap, rt };
});
after(async () => {
  await server?.stop();
  objects?.server.closeAllConnections();
  objects?.server.close();
});

const newZaak = async (extra = {}) => created(await admin(`${ZAKEN}/zaken`, {
  method: "POST",
  body: { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: t.zt.url, startdatum: "2026-01-05", ...extra },
}));
// Gives the zaak a resultaat of `rt` and sets the end status on `day`.
async function close(zaak, rt, day = "2026-02-01") {
  created(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype: rt.url } }));
  return admin(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: zaak.url, statustype: t.st[1].url, datumStatusGezet: `${day}T10:00:00Z` } });
}
const read = async (zaak) => (await admin(zaak.url)).json;

test("archive: afleidingswijze eigenschap takes the zaakeigenschap named by datumkenmerk; none is archiefactiedatum-error", async () => {
  const z = await newZaak();
  created(await admin(`${z.url}/zaakeigenschappen`, { method: "POST", body: { zaak: z.url, eigenschap: t.eigenschap.url, waarde: "20300615" } }));
  const closed = await close(z, t.rt.eigenschap);
  assert.equal(closed.status, 201, closed.text);
  const after = await read(z);
  assert.equal(after.einddatum, "2026-02-01");
  assert.equal(after.archiefnominatie, "vernietigen");
  assert.equal(after.archiefactiedatum, "2040-06-15"); // 2030-06-15 + P10Y

  // Without the eigenschap the brondatum cannot be found: the zaak does not close.
  const without = await newZaak();
  invalid(await close(without, t.rt.eigenschap), "nonFieldErrors", "archiefactiedatum-error");
  const still = await read(without);
  assert.equal(still.einddatum, null);
  assert.equal(still.status, null);
  assert.equal(still.archiefactiedatum, null);
});

test("archive: afleidingswijze zaakobject takes the latest date of the objects of the objecttype, inline or fetched", async () => {
  const z = await newZaak();
  const add = async (body) => created(await admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, ...body } }));
  await add({ objectType: "natuurlijk_persoon", objectIdentificatie: { geslachtsnaam: "Jansen", datumOverlijden: "2030-01-10" } });
  await add({ objectType: "natuurlijk_persoon", object: `${objects.base}/personen/2031-03-01` });
  // Another objecttype is not read.
  await add({ objectType: "pand", object: `${objects.base}/panden/2099-01-01` });
  const closed = await close(z, t.rt.zaakobject);
  assert.equal(closed.status, 201, closed.text);
  assert.equal((await read(z)).archiefactiedatum, "2041-03-01"); // 2031-03-01 + P10Y

  // A dotted datumkenmerk reads a nested attribute (record.data of an Objects API object).
  const nested = await newZaak();
  created(await admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: nested.url, objectType: "overige", objectTypeOverige: "boom", object: `${objects.base}/objects/2032-04-05` } }));
  const closedNested = await close(nested, t.rt.genest);
  assert.equal(closedNested.status, 201, closedNested.text);
  assert.equal((await read(nested)).archiefactiedatum, "2042-04-05");

  // No object of the objecttype, or one without the attribute: archiefactiedatum-error.
  const none = await newZaak();
  invalid(await close(none, t.rt.zaakobject), "nonFieldErrors", "archiefactiedatum-error");
  const lacking = await newZaak();
  created(await admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: lacking.url, objectType: "natuurlijk_persoon", objectIdentificatie: { geslachtsnaam: "Smit" } } }));
  invalid(await close(lacking, t.rt.zaakobject), "nonFieldErrors", "archiefactiedatum-error");
  assert.equal((await read(lacking)).einddatum, null);
});

test("archive: afleidingswijze gerelateerde_zaak takes the latest einddatum of the relevant other zaken", async () => {
  const early = await newZaak();
  assert.equal((await close(early, t.rt.afgehandeld, "2026-02-01")).status, 201);
  const late = await newZaak();
  assert.equal((await close(late, t.rt.afgehandeld, "2026-03-15")).status, 201);
  const open = await newZaak();
  const relevant = (zaken) => zaken.map((x) => ({ url: x.url, aardRelatie: "bijdrage" }));

  const z = await newZaak({ relevanteAndereZaken: relevant([early, late, open]) });
  const closed = await close(z, t.rt.gerelateerd, "2026-04-01");
  assert.equal(closed.status, 201, closed.text);
  assert.equal((await read(z)).archiefactiedatum, "2036-03-15"); // 2026-03-15 + P10Y

  // Only open related zaken: no date yet, the zaak closes without one.
  const onlyOpen = await newZaak({ relevanteAndereZaken: relevant([open]) });
  assert.equal((await close(onlyOpen, t.rt.gerelateerd)).status, 201);
  const after = await read(onlyOpen);
  assert.equal(after.einddatum, "2026-02-01");
  assert.equal(after.archiefactiedatum, null);

  // No related zaak at all: archiefactiedatum-error.
  const alone = await newZaak();
  invalid(await close(alone, t.rt.gerelateerd), "nonFieldErrors", "archiefactiedatum-error");
});

test("archive: an archiefactiedatum set by hand (ander_datumkenmerk) survives the closing; afgehandeld still derives", async () => {
  const z = await newZaak({ archiefactiedatum: "2045-01-01" });
  assert.equal((await close(z, t.rt.ander)).status, 201);
  const after = await read(z);
  assert.equal(after.archiefactiedatum, "2045-01-01");
  assert.equal(after.archiefnominatie, "vernietigen");
  const plain = await newZaak();
  assert.equal((await close(plain, t.rt.afgehandeld, "2026-02-03")).status, 201);
  assert.equal((await read(plain)).archiefactiedatum, "2036-02-03");
});
