// expand to any depth (zrc-026) on the Zaken and Catalogi APIs, and in _zoek (the body's expand,
// and the expansions `fields` asks, zrc-029): each expanded object is the resource as a direct
// read gives it, with its own `_expand` below; what the client may not read is left out (its URL
// stays); cycles end at the first repeat; unknown names, too deep paths and too large answers
// are a 400 naming expand.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501";
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";
const RSIN = "002220647";
const BSN = "999993653";

let server, admin, seq = 0;

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const ok = (r) => {
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  const p = r.json.invalidParams.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};

before(async () => {
  server = await startZgwServer();
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
});
after(async () => server?.stop());

// A published zaaktype with two statustypen, a roltype, a resultaattype, an eigenschap and a
// zaakobjecttype.
async function setup() {
  const ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
  const cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: `E${++seq}`.slice(0, 5), rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }));
  const zt = created(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(server.url, cat.url, { identificatie: `EXP-${++seq}` }),
  }));
  const st = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    st.push(created(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } })));
  }
  const rt = created(await admin(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" } }));
  const res = created(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: zt.url, omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
      selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND), brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
    },
  }));
  const eig = created(await admin(`${CATALOGI}/eigenschappen`, {
    method: "POST", body: { zaaktype: zt.url, naam: "kleur", definitie: "Kleur", specificatie: { formaat: "tekst", lengte: "10", kardinaliteit: "1" } },
  }));
  const zot = created(await admin(`${CATALOGI}/zaakobjecttypen`, {
    method: "POST",
    body: { zaaktype: zt.url, catalogus: cat.url, anderObjecttype: false, objecttype: "https://objecttypen.example/api/v2/objecttypes/1", relatieOmschrijving: "Het pand" },
  }));
  ok(await admin(`${zt.url}/publish`, { method: "POST", body: {} }));
  return { cat, zt, st, rt, res, eig, zot };
}

const newZaak = async (t, extra = {}, client = admin) => created(await client(`${ZAKEN}/zaken`, {
  method: "POST",
  body: { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: t.zt.url, startdatum: "2026-01-05", vertrouwelijkheidaanduiding: "openbaar", ...extra },
}));
const setStatus = async (zaak, statustype, at = "2026-01-06T10:00:00Z") => created(await admin(`${ZAKEN}/statussen`, {
  method: "POST", body: { zaak: zaak.url, statustype: statustype.url, datumStatusGezet: at },
}));
const addRol = async (zaak, t) => created(await admin(`${ZAKEN}/rollen`, {
  method: "POST",
  body: { zaak: zaak.url, roltype: t.rt.url, betrokkeneType: "natuurlijk_persoon", roltoelichting: "Aanvrager", betrokkeneIdentificatie: { inpBsn: BSN, geslachtsnaam: "Jansen" } },
}));

test("expand: nested paths embed the full objects, each with its own _expand", async () => {
  const t = await setup();
  const z = await newZaak(t);
  const s = await setStatus(z, t.st[0]);
  const rol = await addRol(z, t);
  const ze = created(await admin(`${z.url}/zaakeigenschappen`, { method: "POST", body: { zaak: z.url, eigenschap: t.eig.url, waarde: "rood" } }));
  const zo = created(await admin(`${ZAKEN}/zaakobjecten`, { method: "POST", body: { zaak: z.url, objectType: "pand", object: "https://bag.example/panden/1", zaakobjecttype: t.zot.url } }));
  const deel = await newZaak(t, { hoofdzaak: z.url });
  await setStatus(deel, t.st[0]);

  const e = ok(await admin(`${z.url}?expand=status.statustype,rollen.roltype,zaaktype.statustypen,zaaktype.catalogus,eigenschappen.eigenschap,zaakobjecten.zaakobjecttype`));
  assert.equal(e._expand.status.url, s.url);
  assert.equal(e._expand.status._expand.statustype.url, t.st[0].url);
  assert.equal(e._expand.status._expand.statustype.omschrijving, "Ontvangen");
  assert.equal(e._expand.rollen[0].url, rol.url);
  assert.equal(e._expand.rollen[0]._expand.roltype.url, t.rt.url);
  // The zaaktype as a read of it gives it (statustypen included), and its statustypen embedded.
  assert.deepEqual(e._expand.zaaktype.statustypen, [t.st[0].url, t.st[1].url]);
  assert.deepEqual(e._expand.zaaktype._expand.statustypen.map((x) => x.url), [t.st[0].url, t.st[1].url]);
  assert.equal(e._expand.zaaktype._expand.statustypen[1].isEindstatus, true);
  assert.equal(e._expand.zaaktype._expand.catalogus.url, t.cat.url);
  assert.equal(e._expand.eigenschappen[0].url, ze.url);
  assert.equal(e._expand.eigenschappen[0]._expand.eigenschap.naam, "kleur");
  assert.equal(e._expand.zaakobjecten[0].url, zo.url);
  assert.equal(e._expand.zaakobjecten[0]._expand.zaakobjecttype.url, t.zot.url);
  // The zaak itself is unchanged apart from _expand.
  const plain = ok(await admin(z.url));
  assert.deepEqual({ ...e, _expand: undefined }, { ...plain, _expand: undefined });

  // Deeper: a deelzaak's hoofdzaak's status's statustype (four levels); the same in a list.
  const d = ok(await admin(`${deel.url}?expand=hoofdzaak.status.statustype,hoofdzaak.zaaktype.catalogus`));
  assert.equal(d._expand.hoofdzaak.url, z.url);
  assert.equal(d._expand.hoofdzaak._expand.status._expand.statustype.url, t.st[0].url);
  assert.equal(d._expand.hoofdzaak._expand.zaaktype._expand.catalogus.domein, t.cat.domein);
  const listed = ok(await admin(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(t.zt.url)}&expand=status.statustype`));
  assert.equal(listed.count, 2);
  for (const r of listed.results) assert.equal(r._expand.status._expand.statustype.url, t.st[0].url);

  // Other resources expand too: a status, a rol, a resultaat; the Catalogi API's own.
  const se = ok(await admin(`${s.url}?expand=statustype.zaaktype,zaak.rollen`));
  assert.equal(se._expand.statustype._expand.zaaktype.url, t.zt.url);
  assert.equal(se._expand.zaak._expand.rollen[0].url, rol.url);
  const re = ok(await admin(`${rol.url}?expand=roltype.zaaktype.catalogus`));
  assert.equal(re._expand.roltype._expand.zaaktype._expand.catalogus.url, t.cat.url);
  const zte = ok(await admin(`${t.zt.url}?expand=statustypen,roltypen,catalogus`));
  assert.equal(zte._expand.statustypen.length, 2);
  assert.equal(zte._expand.roltypen[0].url, t.rt.url);
  assert.equal(zte._expand.catalogus.url, t.cat.url);
  const ste = ok(await admin(`${CATALOGI}/statustypen?zaaktype=${encodeURIComponent(t.zt.url)}&expand=zaaktype`));
  assert.equal(ste.results[0]._expand.zaaktype.url, t.zt.url);
});

test("expand: what the client may not read is left out at every depth, its URL stays", async () => {
  const t = await setup();
  const other = await setup();
  const z = await newZaak(t);
  const secret = await newZaak(t, { vertrouwelijkheidaanduiding: "geheim" });
  const foreign = await newZaak(other);
  await setStatus(z, t.st[0]);
  const rol = await addRol(z, t);
  const linked = ok(await admin(z.url, {
    method: "PATCH",
    body: { relevanteAndereZaken: [secret, foreign].map((x) => ({ url: x.url, aardRelatie: "bijdrage" })) },
  }));
  assert.equal(linked.relevanteAndereZaken.length, 2);
  // Zaken of t's zaaktype up to zaakvertrouwelijk; no Catalogi rights.
  const limited = zgwFetch(server, await addClient(server, {
    component: "zrc", scopes: ["zaken.lezen"], zaaktypen: [t.zt.url], maxLevel: "zaakvertrouwelijk",
  }));
  const e = ok(await limited(`${z.url}?expand=zaaktype,status.statustype,rollen.roltype,relevanteAndereZaken.status`));
  assert.equal(e.zaaktype, t.zt.url);
  assert.ok(!("zaaktype" in e._expand), "no catalogi.lezen: the zaaktype is left out");
  assert.equal(e._expand.status._expand.statustype, undefined, "the statustype is left out below the status");
  assert.ok(!("statustype" in e._expand.status._expand));
  assert.equal(e._expand.rollen[0].url, rol.url);
  assert.deepEqual(e._expand.rollen[0]._expand, {});
  assert.deepEqual(e._expand.relevanteAndereZaken, [], "a geheim zaak and another zaaktype's are left out");
  assert.deepEqual(e.relevanteAndereZaken.map((x) => x.url), [secret.url, foreign.url]);
  // A client that may read everything sees them all.
  const full = ok(await admin(`${z.url}?expand=zaaktype,status.statustype,relevanteAndereZaken`));
  assert.equal(full._expand.zaaktype.url, t.zt.url);
  assert.equal(full._expand.status._expand.statustype.url, t.st[0].url);
  assert.deepEqual(full._expand.relevanteAndereZaken.map((x) => x.url), [secret.url, foreign.url]);
});

test("expand: cycles end at the first repeat; unknown names, too deep and too large are a 400 naming expand", async () => {
  const t = await setup();
  const hoofd = await newZaak(t);
  const deel = await newZaak(t, { hoofdzaak: hoofd.url });
  const e = ok(await admin(`${hoofd.url}?expand=deelzaken.hoofdzaak.deelzaken`));
  assert.equal(e._expand.deelzaken[0].url, deel.url);
  const back = e._expand.deelzaken[0]._expand.hoofdzaak;
  assert.equal(back.url, hoofd.url);
  assert.equal(back._expand, undefined, "the hoofdzaak repeats: embedded, not expanded again");

  invalid(await admin(`${hoofd.url}?expand=kleur`), "expand", "invalid-expand");
  invalid(await admin(`${hoofd.url}?expand=status.kleur`), "expand", "invalid-expand");
  invalid(await admin(`${hoofd.url}?expand=zaakinformatieobjecten.informatieobject`), "expand", "invalid-expand"); // zrc-025: another API
  invalid(await admin(`${hoofd.url}?expand=hoofdzaak.hoofdzaak.hoofdzaak.hoofdzaak.hoofdzaak.hoofdzaak.hoofdzaak`), "expand", "invalid-expand");
  invalid(await admin(`${ZAKEN}/zaken?expand=status..statustype`), "expand", "invalid-expand");
  invalid(await admin(`${t.zt.url}?expand=zaken`), "expand", "invalid-expand");

  // 50 zaken that all name each other: expanding two levels of relevanteAndereZaken would embed
  // 49 + 49 × 48 objects for one zaak.
  const ring = [];
  for (let i = 0; i < 50; i++) ring.push(await newZaak(t));
  for (const z of ring) {
    ok(await admin(z.url, { method: "PATCH", body: { relevanteAndereZaken: ring.filter((x) => x !== z).map((x) => ({ url: x.url, aardRelatie: "overig" })) } }));
  }
  const one = ok(await admin(`${ring[0].url}?expand=relevanteAndereZaken`));
  assert.equal(one._expand.relevanteAndereZaken.length, 49);
  invalid(await admin(`${ring[0].url}?expand=relevanteAndereZaken.relevanteAndereZaken`), "expand", "expand-too-large");
});

test("expand in _zoek: the body's expand, and the expansions fields asks (zrc-029) with their selected fields", async () => {
  const t = await setup();
  const z = await newZaak(t, { omschrijving: "Zoek mij" });
  const s = await setStatus(z, t.st[0]);
  const zoek = (body) => admin(`${ZAKEN}/zaken/_zoek`, { method: "POST", body: { zaaktype: t.zt.url, ...body } });
  const byExpand = ok(await zoek({ expand: "status.statustype,zaaktype" }));
  assert.equal(byExpand.results[0]._expand.status._expand.statustype.url, t.st[0].url);
  assert.equal(byExpand.results[0]._expand.zaaktype.url, t.zt.url);
  const byList = ok(await zoek({ expand: ["status"] }));
  assert.equal(byList.results[0]._expand.status.url, s.url);

  const selected = ok(await zoek({
    fields: ["url", "omschrijving", { zaaktype: ["identificatie", { catalogus: ["domein"] }] }, { status: ["*"] }, { processobject: ["objecttype"] }],
  }));
  assert.deepEqual(selected.results, [{
    url: z.url,
    omschrijving: "Zoek mij",
    zaaktype: t.zt.url,
    status: s.url,
    processobject: { objecttype: "" },
    _expand: {
      zaaktype: { identificatie: t.zt.identificatie, catalogus: t.cat.url, _expand: { catalogus: { domein: t.cat.domein } } },
      status: ok(await admin(s.url)),
    },
  }]);
  invalid(await zoek({ expand: "kleur" }), "expand", "invalid-expand");
  invalid(await zoek({ expand: 3 }), "expand", "invalid-expand");
  invalid(await zoek({ fields: [{ kleur: ["*"] }] }), "fields", "invalid");
  invalid(await zoek({ fields: ["url"], expand: "status" }), "fields", "invalid");
});
