// Errors as clients read them (issue 10): invalidParams named as the reference implementation
// names them, so that clients map them onto their forms. A rule about a combination of fields is
// `nonFieldErrors` with the standard's code (zaaktype-mismatch, invalid-zaakobject, ...); a bad
// URL inside a list names the item (relevanteAndereZaken.0.url, eigenschappen.1); a missing
// required field is `required`, an empty one `blank`, null `null`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501";
const RESULTAAT_ANDER_PROCES = "a3b4c5d6-2e2f-4c1b-8b62-000000000101";
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";
const RSIN = "002220647";
const NOWHERE = "00000000-0000-4000-8000-000000000000";

let server, admin, ref, seq = 0;

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json;
};
// The response is a 400 whose invalidParams hold exactly `name` with `code` (among others).
const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name && (!code || x.code === code));
  assert.ok(p, `expected invalidParams ${name} ${code ?? ""} in ${r.text}`);
};

before(async () => {
  server = await startZgwServer();
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
});
after(async () => server?.stop());

async function setup(publish = true) {
  const cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: `F${++seq}`.slice(0, 5), rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }));
  const zt = created(await admin(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(server.url, cat.url, { identificatie: `ERR-${++seq}` }) }));
  const post = async (path, body) => created(await admin(`${CATALOGI}/${path}`, { method: "POST", body: { zaaktype: zt.url, ...body } }));
  const st = await post("statustypen", { omschrijving: "Ontvangen", volgnummer: 1 });
  const rt = await post("roltypen", { omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" });
  const res = await post("resultaattypen", {
    omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
    selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND), brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
  });
  const eig = await post("eigenschappen", { naam: "kleur", definitie: "Kleur", specificatie: { formaat: "tekst", lengte: "10", kardinaliteit: "1" } });
  const zot = await post("zaakobjecttypen", { catalogus: cat.url, anderObjecttype: false, objecttype: "https://objecttypen.example/1", relatieOmschrijving: "Pand" });
  if (publish) assert.equal((await admin(`${zt.url}/publish`, { method: "POST", body: {} })).status, 200);
  return { cat, zt, st, rt, res, eig, zot };
}

const zaakBody = (t, extra = {}) => ({ bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: t.zt.url, startdatum: "2026-01-05", ...extra });
const newZaak = async (t, extra) => created(await admin(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, extra) }));

test("errors (Zaken): a type of another zaaktype is nonFieldErrors zaaktype-mismatch, as the reference names it", async () => {
  const t = await setup();
  const other = await setup();
  const z = await newZaak(t);
  invalid(await admin(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: z.url, statustype: other.st.url, datumStatusGezet: "2026-01-06T10:00:00Z" } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: z.url, resultaattype: other.res.url } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await admin(`${ZAKEN}/rollen`, {
    method: "POST", body: { zaak: z.url, roltype: other.rt.url, betrokkeneType: "medewerker", roltoelichting: "x", betrokkeneIdentificatie: { identificatie: "m1" } },
  }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await admin(`${z.url}/zaakeigenschappen`, { method: "POST", body: { zaak: z.url, eigenschap: other.eig.url, waarde: "rood" } }), "nonFieldErrors", "zaaktype-mismatch");
  invalid(await admin(`${ZAKEN}/zaakobjecten`, {
    method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/panden/1", zaakobjecttype: other.zot.url },
  }), "nonFieldErrors", "zaaktype-mismatch");
});

test("errors (Zaken): zaakobject combinations are nonFieldErrors; list items are named by index", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const zaakobject = (body) => admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, ...body } });
  invalid(await zaakobject({ objectType: "pand" }), "nonFieldErrors", "invalid-zaakobject");
  invalid(await zaakobject({ objectType: "overige", object: "https://objecten.example/1" }), "nonFieldErrors", "missing-object-type-overige");
  invalid(await zaakobject({ objectType: "pand", objectTypeOverige: "boom", object: "https://objecten.example/1" }), "nonFieldErrors", "invalid-object-type-overige-usage");

  const other = await newZaak(t);
  const gone = `${server.url}${ZAKEN}/zaken/${NOWHERE}`;
  const r = await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: zaakBody(t, { relevanteAndereZaken: [{ url: other.url, aardRelatie: "vervolg" }, { url: gone, aardRelatie: "vervolg" }, { aardRelatie: "vervolg" }] }),
  });
  invalid(r, "relevanteAndereZaken.1.url", "bad-url");
  invalid(r, "relevanteAndereZaken.2.url", "required");
  assert.ok(!r.json.invalidParams.some((p) => p.name.startsWith("relevanteAndereZaken.0")), r.text);
  invalid(await admin(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { kenmerken: [{ kenmerk: "k", bron: "b" }, { kenmerk: "k" }] }) }), "kenmerken.1.bron", "required");
  invalid(await admin(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(t, { productenOfDiensten: ["https://pdc.example/1", "geen url"] }) }), "productenOfDiensten.1", "bad-url");
});

test("errors (Zaken): missing required fields are required, empty ones blank, null null — in every resource", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const zaak = (body) => admin(`${ZAKEN}/zaken`, { method: "POST", body });
  const noStart = zaakBody(t);
  delete noStart.startdatum;
  invalid(await zaak(noStart), "startdatum", "required");
  invalid(await zaak(zaakBody(t, { startdatum: "" })), "startdatum", "blank");
  invalid(await zaak(zaakBody(t, { bronorganisatie: "" })), "bronorganisatie", "blank");
  invalid(await zaak(zaakBody(t, { zaaktype: "" })), "zaaktype", "blank");
  invalid(await zaak(zaakBody(t, { verantwoordelijkeOrganisatie: null })), "verantwoordelijkeOrganisatie", "null");
  // A sent processobject needs its four fields (the yaml's required; zrc-011 for groups).
  const po = await zaak(zaakBody(t, { processobject: { datumkenmerk: "d", identificatie: "i" } }));
  invalid(po, "processobject.objecttype", "required");
  invalid(po, "processobject.registratie", "required");
  // The empty structure a read answers is accepted back.
  const read = (await admin(z.url)).json;
  assert.equal((await admin(z.url, { method: "PUT", body: read })).status, 200);

  // A rol's roltoelichting is required (the yaml's Rol.required).
  const rol = (body) => admin(`${ZAKEN}/rollen`, {
    method: "POST", body: { zaak: z.url, roltype: t.rt.url, betrokkeneType: "medewerker", betrokkeneIdentificatie: { identificatie: "m1" }, ...body },
  });
  invalid(await rol({}), "roltoelichting", "required");
  invalid(await rol({ roltoelichting: "" }), "roltoelichting", "blank");
  assert.equal((await rol({ roltoelichting: "Behandelaar" })).status, 201);
  invalid(await admin(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: z.url, statustype: "" } }), "statustype", "blank");
  invalid(await admin(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: z.url, statustype: t.st.url } }), "datumStatusGezet", "required");
  invalid(await admin(`${z.url}/zaakeigenschappen`, { method: "POST", body: { eigenschap: t.eig.url, waarde: "" } }), "waarde", "blank");
});

test("errors (Catalogi): the yaml's required lists, list items by index, combinations as nonFieldErrors", async () => {
  const cat = created(await admin(`${CATALOGI}/catalogussen`, { method: "POST", body: { domein: `G${++seq}`.slice(0, 5), rsin: RSIN, contactpersoonBeheerNaam: "Beheer" } }));
  const body = zaaktypeBody(server.url, cat.url, { identificatie: `REQ-${++seq}` });
  for (const field of ["besluittypen", "gerelateerdeZaaktypen", "productenOfDiensten"]) {
    const b = { ...body };
    delete b[field];
    invalid(await admin(`${CATALOGI}/zaaktypen`, { method: "POST", body: b }), field, "required");
  }
  invalid(await admin(`${CATALOGI}/zaaktypen`, { method: "POST", body: { ...body, identificatie: "" } }), "identificatie", "blank");
  invalid(await admin(`${CATALOGI}/zaaktypen`, { method: "POST", body: { ...body, omschrijving: null } }), "omschrijving", "null");
  const iot = `${server.url}${CATALOGI}/informatieobjecttypen/${NOWHERE}`;
  invalid(await admin(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, publicatieIndicatie: false, beginGeldigheid: "2024-01-01" } }), "informatieobjecttypen", "required");
  invalid(await admin(`${CATALOGI}/besluittypen`, { method: "POST", body: { catalogus: cat.url, publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [iot] } }), "informatieobjecttypen.0", "bad-url");

  // A statustype's eigenschappen: each must exist (named by index) and be of its zaaktype.
  const t = await setup(false);
  const other = await setup(false);
  const st = (eigenschappen) => admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: t.zt.url, omschrijving: "Besluit", volgnummer: 2, eigenschappen } });
  invalid(await st([t.eig.url, `${server.url}${CATALOGI}/eigenschappen/${NOWHERE}`]), "eigenschappen.1", "bad-url");
  invalid(await st([other.eig.url]), "nonFieldErrors", "relations-incorrect-zaaktype");
  const good = await st([t.eig.url]);
  assert.equal(good.status, 201, good.text);
  assert.deepEqual(good.json.eigenschappen, [t.eig.url]);
  // Combinations the reference names nonFieldErrors.
  invalid(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: t.zt.url, omschrijving: "Anders", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
      selectielijstklasse: ref("resultaten", RESULTAAT_ANDER_PROCES), brondatumArchiefprocedure: { afleidingswijze: "afgehandeld" },
    },
  }), "nonFieldErrors", "procestype-mismatch");
  invalid(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: t.zt.url, omschrijving: "X", volgnummer: 3, beginGeldigheid: "2025-01-01", eindeGeldigheid: "2024-01-01" } }), "nonFieldErrors", "date-mismatch");
  invalid(await admin(`${CATALOGI}/eigenschappen`, { method: "POST", body: { zaaktype: t.zt.url, naam: "n", definitie: "d", specificatie: { formaat: "tekst", lengte: "1", kardinaliteit: "1" }, statustype: other.st.url } }), "nonFieldErrors", "relations-incorrect-zaaktype");
  assert.equal((await admin(`${t.zt.url}/publish`, { method: "POST", body: {} })).status, 200);
  // Without catalogi.geforceerd-schrijven (a correction), a published zaaktype keeps its parts.
  const writer = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven"] }));
  invalid(await writer(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: t.zt.url, omschrijving: "Later", omschrijvingGeneriek: "adviseur" } }), "nonFieldErrors", "non-concept-zaaktype");
});
