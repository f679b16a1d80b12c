// Cases in the ZGW registry, made through the ZGW APIs as another municipal system would:
// a published zaaktype (with two statustypen and an initiator roltype), then zaken with a
// resident as initiator and a first status.
import assert from "node:assert/strict";
import { addClient, zgwFetch, CATALOGI, ZAKEN } from "./zgw.mjs";

let counter = 0;

// A published zaaktype in a new catalogus of `rsin` (a concept with publish: false); returns
// its URLs.
// `informeren`: the statustypen tell the resident (inbox, mail) when reached.
// `statussen`: [volgnummer, omschrijving] pairs; `resultaattype`: also a result type "Verleend".
export async function publishedZaaktype(server, { rsin, omschrijving = "Kapvergunning aanvragen", publish = true,
  statussen = [[1, "Ontvangen"], [2, "Afgehandeld"]], resultaattype = false, informeren = false } = {}) {
  const client = await addClient(server, { allRights: true });
  const api = zgwFetch(server, client);
  const n = `${process.pid}-${++counter}`;
  const ok = (r, status) => { assert.equal(r.status, status, JSON.stringify(r.json ?? r.text)); return r.json; };
  const catalogus = ok(await api(`${CATALOGI}/catalogussen`, {
    method: "POST",
    body: { domein: `T${counter}`.slice(0, 5), rsin, contactpersoonBeheerNaam: "Beheer", naam: `Catalogus ${n}` },
  }), 201);
  const zaaktype = ok(await api(`${CATALOGI}/zaaktypen`, {
    method: "POST",
    body: {
      identificatie: `ZT-${n}`, omschrijving, vertrouwelijkheidaanduiding: "zaakvertrouwelijk",
      doel: "Een aanvraag behandelen.", aanleiding: "Een inwoner vraagt iets aan.",
      indicatieInternOfExtern: "extern", handelingInitiator: "Aanvragen", onderwerp: "Aanvraag",
      handelingBehandelaar: "Behandelen", doorlooptijd: "P56D", opschortingEnAanhoudingMogelijk: true,
      verlengingMogelijk: true, verlengingstermijn: "P30D", publicatieIndicatie: false,
      productenOfDiensten: [], referentieproces: { naam: "Aanvraag behandelen" }, verantwoordelijke: "Gemeente",
      catalogus: catalogus.url, besluittypen: [], deelzaaktypen: [], gerelateerdeZaaktypen: [],
      beginGeldigheid: "2020-01-01", versiedatum: "2020-01-01",
    },
  }), 201);
  const statustypen = [];
  for (const [volgnummer, naam] of statussen) {
    statustypen.push(ok(await api(`${CATALOGI}/statustypen`, {
      method: "POST",
      body: { zaaktype: zaaktype.url, omschrijving: naam, volgnummer, statustekst: `Uw aanvraag is ${naam.toLowerCase()}.`, informeren },
    }), 201).url);
  }
  const roltype = ok(await api(`${CATALOGI}/roltypen`, {
    method: "POST", body: { zaaktype: zaaktype.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" },
  }), 201).url;
  if (resultaattype) {
    // On the server's public URL (the catalogue's), the only one its references may name.
    const ref = (list, uuid) => `${new URL(catalogus.url).origin}/zgw/referentielijsten/api/v1/${list}/${uuid}`;
    ok(await api(`${CATALOGI}/resultaattypen`, {
      method: "POST",
      body: { zaaktype: zaaktype.url, omschrijving: "Verleend",
        resultaattypeomschrijving: ref("resultaattypeomschrijvingen", "e1f2a3b4-3f30-4d2c-9c73-000000000001"),
        selectielijstklasse: ref("resultaten", "a3b4c5d6-2e2f-4c1b-8b62-000000000501"),
        brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" } },
    }), 201);
  }
  if (publish) ok(await api(`${CATALOGI}/zaaktypen/${zaaktype.uuid}/publish`, { method: "POST" }), 200);
  return { api, client, zaaktype: zaaktype.url, uuid: zaaktype.uuid, statustypen, roltype, rsin };
}

// A zaak of `type` (from publishedZaaktype) with as initiator the resident `bsn` or the
// business (vestiging) `kvk`, and status "Ontvangen".
export async function registerCase(type, { bsn, kvk, omschrijving = "Een boom kappen in de tuin" }) {
  const { api } = type;
  const ok = (r, status) => { assert.equal(r.status, status, JSON.stringify(r.json ?? r.text)); return r.json; };
  const today = new Date().toISOString().slice(0, 10);
  const zaak = ok(await api(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: type.rsin, verantwoordelijkeOrganisatie: type.rsin, zaaktype: type.zaaktype,
      startdatum: today, omschrijving },
  }), 201);
  ok(await api(`${ZAKEN}/rollen`, {
    method: "POST",
    body: { zaak: zaak.url, betrokkeneType: kvk ? "vestiging" : "natuurlijk_persoon", roltype: type.roltype,
      roltoelichting: "Aanvrager", betrokkeneIdentificatie: kvk ? { kvkNummer: kvk } : { inpBsn: bsn } },
  }), 201);
  ok(await api(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: zaak.url, statustype: type.statustypen[0], datumStatusGezet: new Date().toISOString() },
  }), 201);
  return zaak;
}
