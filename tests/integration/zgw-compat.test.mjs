// Earlier 1.x clients keep working (api-compatibiliteit): requests replayed as a Catalogi 1.3.1
// and a Zaken 1.5 client send them (the versions the reference implementation serves) — every
// field those versions knew, empty strings and nulls where a client leaves something open,
// read-only fields echoed back, newer fields absent — and the answers checked for what those
// versions promised: status codes, Location, the fields of each representation, derived values,
// the filters and _zoek parameters they used, expand, and the error shape.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, AUTORISATIES } from "./lib/zgw.mjs";
import { runLoket } from "./lib/server.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const PROCESTYPE_VERGUNNING = "7d0f1a2e-1c1d-4b0a-9a51-000000000005";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501"; // vernietigen, P10Y, ingeschatte bestaansduur
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";
const RSIN = "002220647";
const BSN = "999993653";

// The fields of a Zaak in Zaken 1.5 (the 1.5.1 yaml's Zaak): a 1.5 client reads all of them.
const ZAAK_15 = ["url", "uuid", "identificatie", "bronorganisatie", "omschrijving", "toelichting", "zaaktype",
  "registratiedatum", "verantwoordelijkeOrganisatie", "startdatum", "einddatum", "einddatumGepland",
  "uiterlijkeEinddatumAfdoening", "publicatiedatum", "communicatiekanaal", "productenOfDiensten",
  "vertrouwelijkheidaanduiding", "betalingsindicatie", "betalingsindicatieWeergave", "laatsteBetaaldatum",
  "zaakgeometrie", "verlenging", "opschorting", "selectielijstklasse", "hoofdzaak", "deelzaken",
  "relevanteAndereZaken", "eigenschappen", "rollen", "status", "zaakinformatieobjecten", "zaakobjecten",
  "kenmerken", "archiefnominatie", "archiefstatus", "archiefactiedatum", "resultaat",
  "opdrachtgevendeOrganisatie", "processobjectaard", "startdatumBewaartermijn", "processobject"];
const STATUS_15 = ["url", "uuid", "zaak", "statustype", "datumStatusGezet", "statustoelichting", "indicatieLaatstGezetteStatus", "gezetdoor", "zaakinformatieobjecten"];
const ROL_15 = ["url", "uuid", "zaak", "betrokkene", "betrokkeneType", "afwijkendeNaamBetrokkene", "roltype", "omschrijving",
  "omschrijvingGeneriek", "roltoelichting", "registratiedatum", "indicatieMachtiging", "contactpersoonRol", "statussen", "betrokkeneIdentificatie"];
// Catalogi 1.3.1's ZaakType.
const ZAAKTYPE_131 = ["url", "identificatie", "omschrijving", "omschrijvingGeneriek", "vertrouwelijkheidaanduiding", "doel",
  "aanleiding", "toelichting", "indicatieInternOfExtern", "handelingInitiator", "onderwerp", "handelingBehandelaar",
  "doorlooptijd", "servicenorm", "opschortingEnAanhoudingMogelijk", "verlengingMogelijk", "verlengingstermijn", "trefwoorden",
  "publicatieIndicatie", "publicatietekst", "verantwoordingsrelatie", "productenOfDiensten", "selectielijstProcestype",
  "referentieproces", "verantwoordelijke", "broncatalogus", "bronzaaktype", "catalogus", "statustypen", "resultaattypen",
  "eigenschappen", "informatieobjecttypen", "roltypen", "besluittypen", "deelzaaktypen", "gerelateerdeZaaktypen",
  "beginGeldigheid", "eindeGeldigheid", "beginObject", "eindeObject", "versiedatum", "concept", "zaakobjecttypen"];

let server, ztc, zrc, ref;
const ctx = {};

const expectKeys = (obj, keys, what) => {
  const missing = keys.filter((k) => !(k in obj));
  assert.deepEqual(missing, [], `${what} lacks fields a 1.x client reads`);
};
const created = (r, what = "") => {
  assert.equal(r.status, 201, `${what} ${r.text}`);
  return r.json;
};

before(async () => {
  server = await startZgwServer();
  // A catalogue manager and a case system, each with its own component's rights.
  ztc = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven"] }));
  ref = (list, uuid) => `${server.url}${REF}/${list}/${uuid}`;
});
after(async () => server?.stop());

test("Catalogi 1.3.1 client: builds and publishes a catalogue as that version's requests do", async () => {
  const cat = created(await ztc(`${CATALOGI}/catalogussen`, {
    method: "POST",
    body: { domein: "COMPA", rsin: RSIN, contactpersoonBeheerNaam: "Beheer", contactpersoonBeheerTelefoonnummer: "", contactpersoonBeheerEmailadres: "" },
  }), "catalogus");
  const iot = created(await ztc(`${CATALOGI}/informatieobjecttypen`, {
    method: "POST",
    body: {
      catalogus: cat.url, omschrijving: "Aanvraag", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01",
      eindeGeldigheid: null, informatieobjectcategorie: "Aanvraag", trefwoord: [],
      omschrijvingGeneriek: { informatieobjecttypeOmschrijvingGeneriek: "", definitieInformatieobjecttypeOmschrijvingGeneriek: "",
        herkomstInformatieobjecttypeOmschrijvingGeneriek: "", hierarchieInformatieobjecttypeOmschrijvingGeneriek: "", opmerkingInformatieobjecttypeOmschrijvingGeneriek: "" },
    },
  }), "informatieobjecttype");
  // 1.x besluittypen still carried `zaaktypen`; a client may send it (empty).
  const bt = created(await ztc(`${CATALOGI}/besluittypen`, {
    method: "POST",
    body: {
      catalogus: cat.url, zaaktypen: [], omschrijving: "Vergunning", omschrijvingGeneriek: "", besluitcategorie: "", reactietermijn: "P6W",
      publicatieIndicatie: false, publicatietekst: "", publicatietermijn: null, toelichting: "", informatieobjecttypen: [iot.url],
      beginGeldigheid: "2024-01-01", eindeGeldigheid: null,
    },
  }), "besluittype");
  const zt = created(await ztc(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: {
      identificatie: "COMPAT-1", omschrijving: "Aanvraag vergunning", omschrijvingGeneriek: "", vertrouwelijkheidaanduiding: "zaakvertrouwelijk",
      doel: "Vergunning verlenen", aanleiding: "Aanvraag", toelichting: "", indicatieInternOfExtern: "extern",
      handelingInitiator: "aanvragen", onderwerp: "Vergunning", handelingBehandelaar: "behandelen", doorlooptijd: "P8W",
      servicenorm: null, opschortingEnAanhoudingMogelijk: true, verlengingMogelijk: true, verlengingstermijn: "P6W",
      trefwoorden: ["bouwen"], publicatieIndicatie: false, publicatietekst: "", verantwoordingsrelatie: [],
      productenOfDiensten: ["https://pdc.example/producten/1"], selectielijstProcestype: ref("procestypen", PROCESTYPE_VERGUNNING),
      referentieproces: { naam: "vergunning", link: "" }, verantwoordelijke: "Team Vergunningen", broncatalogus: null, bronzaaktype: null,
      catalogus: cat.url, besluittypen: [bt.url], deelzaaktypen: [], gerelateerdeZaaktypen: [],
      beginGeldigheid: "2024-01-01", eindeGeldigheid: null, beginObject: null, eindeObject: null, versiedatum: "2024-01-01",
      // Read-only in 1.3.1; a client that PUTs what it read sends them along.
      statustypen: [], resultaattypen: [], eigenschappen: [], informatieobjecttypen: [], roltypen: [], concept: true,
    },
  }), "zaaktype");
  expectKeys(zt, ZAAKTYPE_131, "zaaktype");
  const part = async (path, body) => created(await ztc(`${CATALOGI}/${path}`, { method: "POST", body: { zaaktype: zt.url, ...body } }), path);
  const st1 = await part("statustypen", { omschrijving: "Ontvangen", omschrijvingGeneriek: "", statustekst: "", volgnummer: 1, informeren: false, checklistitemStatustype: [] });
  const st2 = await part("statustypen", { omschrijving: "Afgehandeld", omschrijvingGeneriek: "", statustekst: "Uw aanvraag is afgehandeld", volgnummer: 2, informeren: true });
  assert.equal(st2.isEindstatus, true);
  assert.equal((await ztc(st1.url)).json.isEindstatus, false);
  const rt = await part("roltypen", { omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" });
  // Every group field sent, irrelevant ones empty; archiefnominatie and archiefactietermijn left
  // to the selectielijstklasse (ztc-002), as 1.x clients do with "" and null.
  const res = await part("resultaattypen", {
    omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
    selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND), toelichting: "", archiefnominatie: "", archiefactietermijn: null,
    brondatumArchiefprocedure: { afleidingswijze: "termijn", datumkenmerk: "", einddatumBekend: false, objecttype: "", registratie: "", procestermijn: "P5Y" },
  });
  assert.equal(res.omschrijvingGeneriek, "Toegekend");
  assert.equal(res.archiefnominatie, "vernietigen");
  assert.equal(res.archiefactietermijn, "P10Y");
  const eig = await part("eigenschappen", {
    naam: "kleur", definitie: "Kleur van het dak", toelichting: "",
    specificatie: { groep: "", formaat: "tekst", lengte: "20", kardinaliteit: "1", waardenverzameling: [] },
  });
  await part("zaaktype-informatieobjecttypen", { informatieobjecttype: "Aanvraag", volgnummer: 1, richting: "inkomend", statustype: null });
  // Publish in the order these clients do: the related types first, then the zaaktype.
  for (const url of [iot.url, bt.url, zt.url]) {
    const p = await ztc(`${url}/publish`, { method: "POST", body: {} });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.concept, false);
  }
  // Lists default to published types; ?status=alles shows concepts too.
  const list = await ztc(`${CATALOGI}/zaaktypen?catalogus=${encodeURIComponent(cat.url)}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.results.map((x) => x.url), [zt.url]);
  assert.deepEqual(Object.keys(list.json).sort(), ["count", "next", "previous", "results"]);
  const read = (await ztc(zt.url)).json;
  assert.deepEqual(read.statustypen, [st1.url, st2.url]);
  assert.deepEqual(read.besluittypen, [bt.url]);
  assert.deepEqual(read.informatieobjecttypen, [iot.url]);
  Object.assign(ctx, { cat, zt: read, st1, st2, rt, res, eig });
});

test("Zaken 1.5 client: registers, follows and closes a zaak as that version's requests do", async () => {
  assert.ok(ctx.zt, "the Catalogi test ran first");
  // Provisioned as 1.x scripts do: an applicatie through the Autorisaties API (1.0 shape), with
  // rights on its zaaktype and on the catalogue; the secret set by the administrator.
  const admin = zgwFetch(server, await addClient(server, { allRights: true }));
  const id = `zaaksysteem-${process.pid}`;
  const secret = `${id}-secret-0123456789abcdef`;
  const app = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST",
    body: {
      clientIds: [id], label: "Zaaksysteem 1.5", heeftAlleAutorisaties: false,
      autorisaties: [
        { component: "zrc", scopes: ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen"],
          zaaktype: ctx.zt.url, maxVertrouwelijkheidaanduiding: "zeer_geheim" },
        { component: "ztc", scopes: ["catalogi.lezen"] },
      ],
    },
  });
  assert.equal(app.status, 201, app.text);
  const set = await runLoket(["clients", "secret", "--database", server.database.url, "--key-file",
    `${server.database.dir}/loket.keys`, "--id", id, "--secret", secret], { cwd: server.database.dir });
  assert.equal(set.code, 0, set.stderr);
  zrc = zgwFetch(server, { id, secret });
  // A zaak as a 1.5 client sends it: every field it knows, open ones empty or null.
  const r = await zrc(`${ZAKEN}/zaken`, {
    method: "POST",
    body: {
      identificatie: "", bronorganisatie: RSIN, omschrijving: "Dakkapel", toelichting: "", zaaktype: ctx.zt.url,
      registratiedatum: "2026-01-05", verantwoordelijkeOrganisatie: RSIN, startdatum: "2026-01-05", einddatumGepland: null,
      uiterlijkeEinddatumAfdoening: null, publicatiedatum: null, communicatiekanaal: "", productenOfDiensten: [],
      betalingsindicatie: "", laatsteBetaaldatum: null, zaakgeometrie: { type: "Point", coordinates: [5.12, 52.09] },
      verlenging: null, opschorting: { indicatie: false, reden: "" }, selectielijstklasse: "", hoofdzaak: null,
      relevanteAndereZaken: [], kenmerken: [{ kenmerk: "OF-123", bron: "formulieren" }], archiefnominatie: null,
      archiefstatus: "nog_te_archiveren", archiefactiedatum: null,
    },
  });
  const zaak = created(r, "zaak");
  assert.equal(r.headers.get("location"), zaak.url);
  assert.equal(r.headers.get("content-crs"), "EPSG:4326");
  assert.match(r.headers.get("api-version") ?? "", /^1\.\d+\.\d+$/, "API-version on every answer");
  expectKeys(zaak, ZAAK_15, "zaak");
  assert.match(zaak.identificatie, /\S/);
  assert.equal(zaak.vertrouwelijkheidaanduiding, "zaakvertrouwelijk");
  assert.equal(zaak.uiterlijkeEinddatumAfdoening, "2026-03-02");
  assert.deepEqual(zaak.verlenging, { reden: "", duur: null });

  const rol = created(await zrc(`${ZAKEN}/rollen`, {
    method: "POST",
    body: {
      zaak: zaak.url, betrokkene: "", betrokkeneType: "natuurlijk_persoon", roltype: ctx.rt.url, roltoelichting: "Aanvrager",
      indicatieMachtiging: "",
      betrokkeneIdentificatie: { inpBsn: BSN, anpIdentificatie: "", inpA_nummer: "", geslachtsnaam: "Jansen", voorvoegselGeslachtsnaam: "",
        voorletters: "A", voornamen: "Anna", geslachtsaanduiding: "v", geboortedatum: "1980-01-01", verblijfsadres: null, subVerblijfBuitenland: null },
    },
  }), "rol");
  expectKeys(rol, ROL_15, "rol");
  assert.equal(rol.omschrijvingGeneriek, "initiator");
  const s1 = created(await zrc(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: zaak.url, statustype: ctx.st1.url, datumStatusGezet: "2026-01-05T09:00:00Z", statustoelichting: "" },
  }), "status");
  expectKeys(s1, STATUS_15, "status");
  assert.equal(s1.indicatieLaatstGezetteStatus, true);
  created(await zrc(`${zaak.url}/zaakeigenschappen`, { method: "POST", body: { zaak: zaak.url, eigenschap: ctx.eig.url, waarde: "rood" } }), "zaakeigenschap");
  created(await zrc(`${ZAKEN}/zaakobjecten`, {
    method: "POST",
    body: { zaak: zaak.url, object: "", objectType: "adres", objectTypeOverige: "", relatieomschrijving: "Locatie",
      objectIdentificatie: { identificatie: "0344200000123456", wplWoonplaatsNaam: "Utrecht", gorOpenbareRuimteNaam: "Stadsplateau", huisnummer: 1, huisletter: "", huisnummertoevoeging: "", postcode: "3521AZ" } },
  }), "zaakobject");

  // Finding it again: the filters and the _zoek parameters 1.x clients use.
  const byBsn = await zrc(`${ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=${BSN}`);
  assert.equal(byBsn.status, 200, byBsn.text);
  assert.deepEqual(byBsn.json.results.map((x) => x.url), [zaak.url]);
  const zoek = (body) => zrc(`${ZAKEN}/zaken/_zoek`, { method: "POST", body });
  const byUuid = await zoek({ uuid__in: [zaak.uuid] });
  assert.equal(byUuid.status, 200, byUuid.text);
  assert.deepEqual(byUuid.json.results.map((x) => x.url), [zaak.url]);
  const byTypes = await zoek({ zaaktype__in: [ctx.zt.url, "https://elders.example/zaaktypen/1"] });
  assert.equal(byTypes.status, 200, byTypes.text);
  assert.equal(byTypes.json.count, 1);
  const within = await zoek({ zaakgeometrie: { within: { type: "Polygon", coordinates: [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]] } } });
  assert.equal(within.json.count, 1);
  // expand, as Zaken 1.5 introduced it.
  const expanded = await zrc(`${zaak.url}?expand=status,status.statustype,rollen`);
  assert.equal(expanded.status, 200, expanded.text);
  assert.equal(expanded.json._expand.status.url, s1.url);
  assert.equal(expanded.json._expand.status._expand.statustype.url, ctx.st1.url);
  assert.equal(expanded.json._expand.rollen[0].url, rol.url);

  // PUT what was read (read-only fields included), PATCH a group.
  const read = (await zrc(zaak.url)).json;
  const put = await zrc(zaak.url, { method: "PUT", body: { ...read, toelichting: "Voorzijde" } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.identificatie, zaak.identificatie);
  const suspended = await zrc(zaak.url, { method: "PATCH", body: { opschorting: { indicatie: true, reden: "Wacht op stukken" } } });
  assert.equal(suspended.status, 200, suspended.text);
  const resumed = await zrc(zaak.url, { method: "PATCH", body: { opschorting: { indicatie: false, reden: "" } } });
  assert.equal(resumed.json.opschorting.eerdereOpschorting, true);

  // The error shape clients map onto their forms.
  const wrong = await zrc(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: zaak.url, statustype: "geen url", datumStatusGezet: "2026-01-06T09:00:00Z" } });
  assert.equal(wrong.status, 400);
  assert.match(wrong.headers.get("content-type"), /application\/problem\+json/);
  for (const k of ["type", "code", "title", "status", "detail", "instance", "invalidParams"]) assert.ok(k in wrong.json, k);
  assert.deepEqual(Object.keys(wrong.json.invalidParams[0]).sort(), ["code", "name", "reason"]);
  assert.equal(wrong.json.invalidParams[0].name, "statustype");

  // Closing: a resultaat, then the end status; einddatum and the archive fields follow.
  created(await zrc(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype: ctx.res.url, toelichting: "" } }), "resultaat");
  created(await zrc(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: zaak.url, statustype: ctx.st2.url, datumStatusGezet: "2026-02-01T10:00:00Z", statustoelichting: "" },
  }), "eindstatus");
  const closed = (await zrc(zaak.url)).json;
  assert.equal(closed.einddatum, "2026-02-01");
  assert.equal(closed.archiefnominatie, "vernietigen");
  assert.equal(closed.archiefactiedatum, "2041-02-01"); // einddatum + P5Y procestermijn + P10Y
  const trail = await zrc(`${zaak.url}/audittrail`);
  assert.equal(trail.status, 403, "audittrails.lezen is a scope of its own");
});
