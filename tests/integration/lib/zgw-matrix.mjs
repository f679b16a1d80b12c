// The ZGW authorisation matrix: five ZGW clients (and callers without a token) × every ZGW route,
// with the outcome the standard asks for. The expectations come from a model of each client's
// autorisaties and the scopes in the standard's API specifications (../shared/reference/zgw),
// not from the server's code; zgw-authorization.test.mjs runs every cell against real objects.
import assert from "node:assert/strict";
import { CATALOGI, ZAKEN, AUTORISATIES, zaaktypeBody as sharedZaaktypeBody } from "./zgw.mjs";

const REF = "/zgw/referentielijsten/api/v1";
const PROCES_VERGUNNING = "7d0f1a2e-1c1d-4b0a-9a51-000000000005";
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501";
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";
const RSIN = "002220647";

export const LEVELS = ["openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk",
  "confidentieel", "geheim", "zeer_geheim"];

// ---- the clients and what the standard lets each of them do -------------------------------

const ZRC_WORK = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen",
  "zaken.statussen.toevoegen", "audittrails.lezen"];
const BRC_WORK = ["besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen",
  "audittrails.lezen"];
// Zaaktypen are named by their fixture key ("A", "B"), besluittypen by theirs ("bt", "bt2"); the
// test maps them to URLs.
export const RIGHTS = {
  // A known client whose only autorisatie is for another component (the Notificaties API).
  none: { label: "no rights", autorisaties: [{ component: "nrc", scopes: ["notificaties.consumeren"] }] },
  // Every component's reading scopes, every zaaktype, the highest level.
  reader: {
    label: "read-only",
    autorisaties: [
      { component: "zrc", scopes: ["zaken.lezen", "audittrails.lezen"], zaaktypen: ["A", "B"], max: "zeer_geheim" },
      { component: "ztc", scopes: ["catalogi.lezen"] },
      { component: "ac", scopes: ["autorisaties.lezen"] },
      { component: "brc", scopes: ["besluiten.lezen", "audittrails.lezen"], besluittypen: ["bt"] },
    ],
  },
  // A case system for zaaktype A: reads and writes its zaken, any level; besluiten of another
  // besluittype (bt2) than the fixture's; nothing else.
  oneType: {
    label: "one zaaktype",
    autorisaties: [
      { component: "zrc", scopes: ZRC_WORK, zaaktypen: ["A"], max: "zeer_geheim" },
      { component: "brc", scopes: BRC_WORK, besluittypen: ["bt2"] },
    ],
  },
  // Zaaktypen A and B, but only up to beperkt_openbaar; reads the catalogue.
  lowConf: {
    label: "low confidentiality",
    autorisaties: [
      { component: "zrc", scopes: ZRC_WORK, zaaktypen: ["A", "B"], max: "beperkt_openbaar" },
      { component: "ztc", scopes: ["catalogi.lezen"] },
    ],
  },
  all: { label: "all rights", all: true },
};
export const CLIENTS = Object.keys(RIGHTS);
// Callers that are not ZGW clients: no Authorization header, or a browser session (a resident).
export const CALLERS = ["noToken", "browser"];

// The client has `scope` (alternatives "a | b") in `component`; for a zaak ({type, level}) only
// when an autorisatie names its zaaktype at or above its level (zrc-006).
export function may(client, component, scope, zaak) {
  const rights = RIGHTS[client];
  if (rights.all) return true;
  const wanted = scope.split("|").map((s) => s.trim());
  return rights.autorisaties.some((a) => a.component === component && wanted.some((s) => a.scopes.includes(s)) &&
    (!zaak || !a.zaaktypen || (a.zaaktypen.includes(zaak.type) && LEVELS.indexOf(zaak.level) <= LEVELS.indexOf(a.max))));
}
const mayReadZaak = (client, zaak) => may(client, "zrc", "zaken.lezen", zaak);
// The client has `scope` in brc for besluiten of besluittype `bt` (the Autorisaties' limit).
function mayBesluit(client, scope, bt) {
  const rights = RIGHTS[client];
  if (rights.all) return true;
  return rights.autorisaties.some((a) => a.component === "brc" && a.scopes.includes(scope) && a.besluittypen?.includes(bt));
}

// The applicaties (Autorisaties API bodies) for RIGHTS, with the zaaktypen's URLs.
export function applicatieBody(client, clientId, zaaktypeUrl, besluittypeUrl) {
  const rights = RIGHTS[client];
  if (rights.all) return { clientIds: [clientId], label: rights.label, heeftAlleAutorisaties: true };
  const autorisaties = [];
  for (const a of rights.autorisaties) {
    if (a.besluittypen) {
      for (const t of a.besluittypen) autorisaties.push({ component: a.component, scopes: a.scopes, besluittype: besluittypeUrl(t) });
      continue;
    }
    if (!a.zaaktypen) { autorisaties.push({ component: a.component, scopes: a.scopes }); continue; }
    for (const t of a.zaaktypen) {
      autorisaties.push({ component: a.component, scopes: a.scopes, zaaktype: zaaktypeUrl(t), maxVertrouwelijkheidaanduiding: a.max });
    }
  }
  return { clientIds: [clientId], label: rights.label, autorisaties };
}

// ---- the fixture ------------------------------------------------------------------------------
// fx: { server, admin (all rights), ext (stand-in registration), cat, zt: {A, B}, iot, bt, ziot,
//   zaken: {aLow, aHigh, b}, children: {kind: {zaakKey: object}}, audit: {zaakKey: entry uuid},
//   apps: {client: applicatie} }

let seq = 0;
const next = () => ++seq;

const created = (r, what) => {
  assert.equal(r.status, 201, `${what}: ${r.text}`);
  return r.json;
};

function zaaktypeBody(fx, extra = {}) {
  return sharedZaaktypeBody(fx.server.url, fx.cat.url, {
    identificatie: `ZTM-${process.pid}-${next()}`, omschrijving: "Vergunning", ...extra,
  });
}
const iotBody = (fx) => ({
  catalogus: fx.cat.url, omschrijving: `Document ${next()}`, vertrouwelijkheidaanduiding: "openbaar",
  beginGeldigheid: "2024-01-01", informatieobjectcategorie: "formulier",
});
const btBody = (fx) => ({
  catalogus: fx.cat.url, omschrijving: `Besluit ${next()}`, publicatieIndicatie: false, reactietermijn: "P6W",
  beginGeldigheid: "2024-01-01", informatieobjecttypen: [],
});
// The parts of a zaaktype: a body for a new one of each in zaaktype `zt`.
const PARTS = {
  statustypen: (fx, zt) => ({ zaaktype: zt.url, omschrijving: `Stap ${next()}`, volgnummer: next() }),
  roltypen: (fx, zt) => ({ zaaktype: zt.url, omschrijving: `Rol ${next()}`, omschrijvingGeneriek: "initiator" }),
  resultaattypen: (fx, zt) => ({
    zaaktype: zt.url, omschrijving: `Verleend ${next()}`,
    resultaattypeomschrijving: `${fx.server.url}${REF}/resultaattypeomschrijvingen/${RTO_TOEGEKEND}`,
    selectielijstklasse: `${fx.server.url}${REF}/resultaten/${RESULTAAT_VERLEEND}`,
    brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
  }),
  eigenschappen: (fx, zt) => ({
    zaaktype: zt.url, naam: `keuze${next()}`, definitie: "Een keuze",
    specificatie: { formaat: "tekst", lengte: "10", kardinaliteit: "1", waardenverzameling: ["ja", "nee"] },
  }),
  "zaaktype-informatieobjecttypen": (fx, zt) => ({
    zaaktype: zt.url, informatieobjecttype: fx.iot.omschrijving, volgnummer: next(), richting: "inkomend",
  }),
  zaakobjecttypen: (fx, zt) => ({
    zaaktype: zt.url, catalogus: fx.cat.url, anderObjecttype: false,
    objecttype: "https://objecttypen.example/api/v2/objecttypes/1", relatieOmschrijving: `Object ${next()}`,
  }),
};

async function conceptZaaktype(fx) {
  return created(await fx.admin(`${CATALOGI}/zaaktypen`, { method: "POST", body: zaaktypeBody(fx) }), "zaaktype");
}

async function publishedZaaktype(fx) {
  const zt = await conceptZaaktype(fx);
  const part = async (path, body) => created(await fx.admin(`${CATALOGI}/${path}`, { method: "POST", body }), path);
  const out = { url: zt.url, uuid: zt.uuid, identificatie: zt.identificatie, parts: {} };
  out.statustypen = [];
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    out.statustypen.push((await part("statustypen", { zaaktype: zt.url, omschrijving, volgnummer })).url);
  }
  for (const [path, body] of Object.entries(PARTS)) {
    if (path === "statustypen") continue;
    out.parts[path] = await part(path, body(fx, zt));
  }
  out.parts.statustypen = { url: out.statustypen[0], uuid: out.statustypen[0].split("/").pop() };
  out.roltype = out.parts.roltypen.url;
  out.resultaattype = out.parts.resultaattypen.url;
  out.eigenschap = out.parts.eigenschappen.url;
  const pub = await fx.admin(`${zt.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, `publish zaaktype: ${pub.text}`);
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);
const zaakBody = (fx, type, level, extra = {}) => ({
  bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: fx.zt[type].url, startdatum: today(),
  vertrouwelijkheidaanduiding: level, omschrijving: `Zaak ${type} ${level}`, ...extra,
});
async function newZaak(fx, type, level, extra = {}) {
  const z = created(await fx.admin(`${ZAKEN}/zaken`, { method: "POST", body: zaakBody(fx, type, level, extra) }), "zaak");
  return { ...z, type, level };
}

// The objects hanging off a zaak: per kind, the collection, whether it is nested under the zaak,
// the field naming the zaak, the scopes (from the standard's specification), a body for a new
// one, a change for PATCH (PUT sends the creation body with the change), and what `expand` offers.
const BIJWERKEN = "zaken.bijwerken | zaken.geforceerd-bijwerken";
const CHILDREN = {
  statussen: {
    ops: "LCR", create: "zaken.aanmaken | zaken.statussen.toevoegen | zaken.heropenen",
    body: (fx, z) => ({ zaak: z.url, statustype: fx.zt[z.type].statustypen[0], datumStatusGezet: new Date(Date.now() - 60e3).toISOString() }),
    expand: { zaak: "zaak", statustype: "ztc" },
  },
  resultaten: {
    ops: "LCRUPD", create: BIJWERKEN, update: BIJWERKEN, destroy: BIJWERKEN, onePerZaak: true,
    body: (fx, z) => ({ zaak: z.url, resultaattype: fx.zt[z.type].resultaattype }),
    change: { toelichting: "Bijgewerkt" }, expand: { zaak: "zaak", resultaattype: "ztc" },
  },
  rollen: {
    ops: "LCRD", create: BIJWERKEN, destroy: BIJWERKEN,
    body: (fx, z) => ({
      zaak: z.url, betrokkeneType: "natuurlijk_persoon", roltype: fx.zt[z.type].roltype, roltoelichting: "Aanvrager",
      betrokkeneIdentificatie: { inpBsn: "999993653" },
    }),
    expand: { zaak: "zaak", roltype: "ztc" },
  },
  zaakobjecten: {
    ops: "LCRUPD", create: "zaken.aanmaken | zaken.bijwerken | zaken.geforceerd-bijwerken", update: BIJWERKEN,
    destroy: "zaken.bijwerken | zaken.geforceerd-bijwerken | zaken.verwijderen",
    body: (fx, z) => ({ zaak: z.url, objectType: "pand", object: `https://bag.example/panden/${next()}` }),
    change: { relatieomschrijving: "Het pand" },
  },
  zaakeigenschappen: {
    nested: true, ops: "LCRUPD", create: BIJWERKEN, update: BIJWERKEN, destroy: BIJWERKEN,
    body: (fx, z) => ({ zaak: z.url, eigenschap: fx.zt[z.type].eigenschap, waarde: "ja" }),
    change: { waarde: "nee" },
  },
  zaakinformatieobjecten: {
    ops: "LCRUPD", create: "zaken.aanmaken | zaken.bijwerken | zaken.geforceerd-bijwerken", update: BIJWERKEN,
    destroy: "zaken.bijwerken | zaken.geforceerd-bijwerken | zaken.verwijderen",
    body: (fx, z) => ({ zaak: z.url, informatieobject: `${fx.ext}/documenten/api/v1/enkelvoudiginformatieobjecten/${next()}` }),
    change: { titel: "Bijgewerkt" },
  },
  klantcontacten: {
    ops: "LCR", create: BIJWERKEN,
    body: (fx, z) => ({ zaak: z.url, datumtijd: new Date(Date.now() - 60e3).toISOString(), kanaal: "telefoon" }),
  },
  zaakcontactmomenten: {
    ops: "LCRD", create: "zaken.bijwerken", destroy: "zaken.bijwerken",
    body: (fx, z) => ({ zaak: z.url, contactmoment: `${fx.ext}/contactmomenten/api/v1/contactmomenten/${next()}` }),
  },
  zaakverzoeken: {
    ops: "LCRD", create: "zaken.bijwerken", destroy: "zaken.bijwerken",
    body: (fx, z) => ({ zaak: z.url, verzoek: `${fx.ext}/verzoeken/api/v1/verzoeken/${next()}` }),
  },
  besluiten: {
    nested: true, ops: "LCRD", create: "zaken.bijwerken", destroy: "zaken.bijwerken",
    body: (fx, z) => ({ zaak: z.url, besluit: `${fx.ext}/besluiten/api/v1/besluiten/${next()}` }),
  },
  zaaknotities: {
    ops: "LCRUPD", create: "zaken.bijwerken", update: "zaken.bijwerken", destroy: "zaken.bijwerken",
    body: (fx, z) => ({ gerelateerdAan: z.url, onderwerp: "Notitie", tekst: "Gebeld met de aanvrager." }),
    change: { tekst: "Opnieuw gebeld." },
  },
};
// The zaak of a variant that the writes of objects hanging off a zaak go to (made when first
// needed: after the reads, whose lists count the fixture's objects).
async function writeZaak(fx, key) {
  fx.writeZaken ??= {};
  fx.writeZaken[key] ??= newZaak(fx, ZAAK_FACTS[key].type, ZAAK_FACTS[key].level);
  return fx.writeZaken[key];
}
const collectionOf = (kind, zaak) => (CHILDREN[kind].nested ? `${ZAKEN}/zaken/${zaak.uuid}/${kind}` : `${ZAKEN}/${kind}`);

async function newChild(fx, kind, zaak) {
  const body = CHILDREN[kind].body(fx, zaak);
  const obj = created(await fx.admin(collectionOf(kind, zaak), { method: "POST", body }), kind);
  return { ...obj, uuid: obj.uuid ?? obj.url.split("/").pop(), body };
}

// The zaken of the matrix: A at a low and a high level, and B. aLow is a deelzaak of b and names
// b and aHigh as relevant; b names aHigh. Expanding those links shows whether anything leaks.
export async function buildFixture(fx) {
  fx.cat = created(await fx.admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: `M${process.pid % 1000}`, rsin: RSIN, contactpersoonBeheerNaam: "Beheer" },
  }), "catalogus");
  fx.iot = created(await fx.admin(`${CATALOGI}/informatieobjecttypen`, { method: "POST", body: iotBody(fx) }), "iot");
  assert.equal((await fx.admin(`${fx.iot.url}/publish`, { method: "POST", body: {} })).status, 200);
  fx.bt = created(await fx.admin(`${CATALOGI}/besluittypen`, { method: "POST", body: btBody(fx) }), "besluittype");
  assert.equal((await fx.admin(`${fx.bt.url}/publish`, { method: "POST", body: {} })).status, 200);
  fx.zt = { A: await publishedZaaktype(fx), B: await publishedZaaktype(fx) };

  const aHigh = await newZaak(fx, "A", "geheim");
  const b = await newZaak(fx, "B", "openbaar", { relevanteAndereZaken: [{ url: aHigh.url, aardRelatie: "onderwerp" }] });
  const aLow = await newZaak(fx, "A", "openbaar", {
    hoofdzaak: b.url,
    relevanteAndereZaken: [{ url: b.url, aardRelatie: "bijdrage" }, { url: aHigh.url, aardRelatie: "onderwerp" }],
  });
  fx.zaken = { aLow, aHigh, b };
  // What each zaak links to (hoofdzaak, deelzaken, relevanteAndereZaken), by key.
  fx.links = { aLow: ["b", "aHigh"], aHigh: [], b: ["aLow", "aHigh"] };
  fx.children = {};
  for (const kind of Object.keys(CHILDREN)) {
    fx.children[kind] = {};
    for (const [key, z] of Object.entries(fx.zaken)) fx.children[kind][key] = await newChild(fx, kind, z);
  }
  for (const [key, z] of Object.entries(fx.zaken)) LABELS.set(z.url, key);
  for (const [t, zt] of Object.entries(fx.zt)) {
    LABELS.set(zt.url, `zaaktype ${t}`);
    for (const [path, part] of Object.entries(zt.parts)) LABELS.set(part.url, `${path} of ${t}`);
  }
  for (const [kind, byZaak] of Object.entries(fx.children)) {
    for (const [key, child] of Object.entries(byZaak)) LABELS.set(child.url, `${kind} of ${key}`);
  }
  fx.audit = {};
  for (const [key, z] of Object.entries(fx.zaken)) {
    const trail = await fx.admin(`${ZAKEN}/zaken/${z.uuid}/audittrail`);
    assert.equal(trail.status, 200, trail.text);
    fx.audit[key] = trail.json[0].uuid;
  }
  await buildBesluiten(fx);
}

// ---- the Besluiten API (besluiten helper, issue 11) ----------------------------------------------
// A second published besluittype (bt2, oneType's), a besluit of bt without a zaak, a document
// linked to it (on the stand-in registration) and its audit trail entry.
const BESLUITEN = "/zgw/besluiten/api/v1";
const besluitBody = (fx) => ({
  verantwoordelijkeOrganisatie: RSIN, besluittype: fx.bt.url, datum: "2026-01-05", ingangsdatum: "2026-01-05",
});
const documentUrl = (fx) => `${fx.ext}/documenten/api/v1/enkelvoudiginformatieobjecten/${next()}`;
async function buildBesluiten(fx) {
  fx.bt2 = created(await fx.admin(`${CATALOGI}/besluittypen`, { method: "POST", body: btBody(fx) }), "besluittype 2");
  assert.equal((await fx.admin(`${fx.bt2.url}/publish`, { method: "POST", body: {} })).status, 200);
  fx.besluit = created(await fx.admin(`${BESLUITEN}/besluiten`, { method: "POST", body: besluitBody(fx) }), "besluit");
  fx.bio = created(await fx.admin(`${BESLUITEN}/besluitinformatieobjecten`, {
    method: "POST", body: { besluit: fx.besluit.url, informatieobject: documentUrl(fx) },
  }), "besluitinformatieobject");
  const trail = await fx.admin(`${fx.besluit.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  fx.besluitAudit = trail.json[0].uuid;
  LABELS.set(fx.besluit.url, "besluit");
  LABELS.set(fx.bio.url, "besluitinformatieobject");
}

// ---- expectations -----------------------------------------------------------------------------

const ZAAK_KEYS = ["aLow", "aHigh", "b"];
const readableZaken = (client) => ZAAK_KEYS.filter((k) => mayReadZaak(client, ZAAK_FACTS[k]));
// Type and level of the fixture zaken, known before they exist.
const ZAAK_FACTS = { aLow: { type: "A", level: "openbaar" }, aHigh: { type: "A", level: "geheim" }, b: { type: "B", level: "openbaar" } };
// The variants of a write: a zaak of A at a low and a high level, and one of B.
const VARIANTS = ZAAK_KEYS;

// The URLs inside `_expand` (objects, lists of objects), in any order.
export function expandedUrls(obj) {
  const out = [];
  for (const v of Object.values(obj?._expand ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) if (item && typeof item === "object" && item.url) out.push(item.url);
  }
  return out.sort();
}

const sorted = (xs) => [...new Set(xs)].sort();

// Checks on a 2xx answer: a string describing what is wrong, or undefined.
function sameSet(got, want) {
  const g = sorted(got);
  const w = sorted(want);
  return JSON.stringify(g) === JSON.stringify(w) ? undefined : `returned ${g.length} [${g.map(short).join(" ")}], expected [${w.map(short).join(" ")}]`;
}
// Object URLs are long: the table names the fixture's objects ("b", "statussen of aLow").
const LABELS = new Map();
const short = (url) => LABELS.get(url) ?? url.split("/").slice(-2).join("/").slice(0, 24);

// ---- the table ----------------------------------------------------------------------------------
// A route key ("GET /zgw/...") → { public?: status for every caller, probes: [...] }. A probe:
//   name           what it shows
//   prepare(fx)    (writes) makes what the request needs; made again after a cell that succeeded,
//                  unless `reuse` (a change that leaves the object fit for the next client)
//   request(fx, c) { method, path, body }
//   expect(client) the status the standard asks for
//   check(res, fx, client)  for a 2xx answer: which objects came back (a message when wrong;
//                  may be async and ask more with fx.call(client, path))

const S = (ok, code = 200) => (client) => (ok(client) ? code : 403);

// Rights first: a create with an empty body is refused (403) for a client without the scope
// before the body is looked at; a client with it (for some type) learns the body is wrong (400).
const emptyBody = (ok, path) => ({
  name: "empty body", expect: S(ok, 400), request: (fx) => ({ method: "POST", path: typeof path === "function" ? path(fx) : path, body: {} }),
});

function add(table, method, path, probe) {
  const key = `${method} ${path}`;
  table[key] ??= { probes: [] };
  const request = (fx, c) => ({ method, path: c?.path ?? path });
  table[key].probes.push({ ...probe, request: probe.request ?? request });
}

// Lists of a zaak's objects: every zaak's object the client may read, and no other.
function childList(kind) {
  return {
    name: "list",
    expect: S((c) => may(c, "zrc", "zaken.lezen")),
    check: (res, fx, client) => sameSet(
      res.json.results.map((x) => x.url),
      readableZaken(client).map((k) => fx.children[kind][k].url)),
  };
}

function zakenRoutes(table) {
  const Z = `${ZAKEN}/zaken`;
  const linkCheck = (fx, client, obj, key) => sameSet(expandedUrls(obj),
    fx.links[key].filter((k) => mayReadZaak(client, ZAAK_FACTS[k])).map((k) => fx.zaken[k].url));
  const keyOf = (fx, url) => ZAAK_KEYS.find((k) => fx.zaken[k].url === url);
  add(table, "GET", Z, {
    name: "list", expect: S((c) => may(c, "zrc", "zaken.lezen")),
    check: (res, fx, client) => sameSet(res.json.results.map((x) => x.url), readableZaken(client).map((k) => fx.zaken[k].url)),
  });
  add(table, "GET", Z, {
    name: "list ?expand=hoofdzaak,deelzaken,relevanteAndereZaken", expect: S((c) => may(c, "zrc", "zaken.lezen")),
    request: () => ({ method: "GET", path: `${Z}?expand=hoofdzaak,deelzaken,relevanteAndereZaken` }),
    check: (res, fx, client) => sameSet(res.json.results.map((x) => x.url), readableZaken(client).map((k) => fx.zaken[k].url)) ??
      res.json.results.map((x) => linkCheck(fx, client, x, keyOf(fx, x.url))).find(Boolean),
  });
  add(table, "POST", `${Z}/_zoek`, {
    name: "search", expect: S((c) => may(c, "zrc", "zaken.lezen")),
    request: () => ({ method: "POST", path: `${Z}/_zoek`, body: { bronorganisatie: RSIN } }),
    check: (res, fx, client) => sameSet(res.json.results.map((x) => x.url), readableZaken(client).map((k) => fx.zaken[k].url)),
  });
  add(table, "POST", `${ZAKEN}/zaaknummer_reserveren`, {
    name: "reserve", expect: S((c) => may(c, "zrc", "zaken.aanmaken"), 201),
    request: () => ({ method: "POST", path: `${ZAKEN}/zaaknummer_reserveren`, body: { bronorganisatie: RSIN } }),
  });
  for (const key of ZAAK_KEYS) {
    const facts = ZAAK_FACTS[key];
    const read = S((c) => mayReadZaak(c, facts));
    add(table, "GET", `${Z}/{uuid}`, { name: key, expect: read, request: (fx) => ({ method: "GET", path: fx.zaken[key].url }) });
    add(table, "GET", `${Z}/{uuid}`, {
      name: `${key} ?expand=hoofdzaak,deelzaken,relevanteAndereZaken`, expect: read,
      request: (fx) => ({ method: "GET", path: `${fx.zaken[key].url}?expand=hoofdzaak,deelzaken,relevanteAndereZaken` }),
      check: (res, fx, client) => linkCheck(fx, client, res.json, key),
    });
    // Its own status, rollen and resultaat; its zaaktype only for a client that may read the
    // catalogue (an expanded object passes the gate of a direct read).
    add(table, "GET", `${Z}/{uuid}`, {
      name: `${key} ?expand=zaaktype,status,rollen,resultaat`, expect: read,
      request: (fx) => ({ method: "GET", path: `${fx.zaken[key].url}?expand=zaaktype,status,rollen,resultaat` }),
      check: (res, fx, client) => sameSet(expandedUrls(res.json), [
        ...(may(client, "ztc", "catalogi.lezen") ? [fx.zt[facts.type].url] : []),
        fx.children.statussen[key].url, fx.children.rollen[key].url, fx.children.resultaten[key].url]),
    });
    add(table, "GET", `${Z}/{zaak_uuid}/audittrail`, {
      name: key, expect: S((c) => may(c, "zrc", "audittrails.lezen", facts)),
      request: (fx) => ({ method: "GET", path: `${fx.zaken[key].url}/audittrail` }),
    });
    add(table, "GET", `${Z}/{zaak_uuid}/audittrail/{uuid}`, {
      name: key, expect: S((c) => may(c, "zrc", "audittrails.lezen", facts)),
      request: (fx) => ({ method: "GET", path: `${fx.zaken[key].url}/audittrail/${fx.audit[key]}` }),
    });
  }
  add(table, "POST", Z, emptyBody((c) => may(c, "zrc", "zaken.aanmaken"), Z));
  // A client links into its own zaak only zaken it may read; one it may not read is named as if
  // it did not exist (400 bad-url). What it may link, expand shows.
  add(table, "POST", Z, {
    name: "new aLow naming b and aHigh, then expanded",
    expect: (c) => {
      if (!may(c, "zrc", "zaken.aanmaken", ZAAK_FACTS.aLow)) return 403;
      return ["b", "aHigh"].every((k) => mayReadZaak(c, ZAAK_FACTS[k])) ? 201 : 400;
    },
    request: (fx) => ({
      method: "POST", path: Z, body: zaakBody(fx, "A", "openbaar", {
        relevanteAndereZaken: ["b", "aHigh"].map((k) => ({ url: fx.zaken[k].url, aardRelatie: "onderwerp" })),
      }),
    }),
    check: async (res, fx, client) => {
      const read = await fx.call(client, `${res.json.url}?expand=relevanteAndereZaken`);
      if (read.status !== 200) return `read back: ${read.status}`;
      return sameSet(expandedUrls(read.json), ["b", "aHigh"].filter((k) => mayReadZaak(client, ZAAK_FACTS[k])).map((k) => fx.zaken[k].url));
    },
  });
  // Writes: a zaak of each variant, made fresh for every cell that may succeed.
  for (const v of VARIANTS) {
    const facts = ZAAK_FACTS[v];
    add(table, "POST", Z, {
      name: `new ${v}`, expect: S((c) => may(c, "zrc", "zaken.aanmaken", facts), 201),
      request: (fx) => ({ method: "POST", path: Z, body: zaakBody(fx, facts.type, facts.level) }),
    });
    const fresh = async (fx) => { const z = await newZaak(fx, facts.type, facts.level); return { path: z.url, zaak: z }; };
    add(table, "PUT", `${Z}/{uuid}`, {
      name: v, expect: S((c) => may(c, "zrc", BIJWERKEN, facts)), prepare: fresh, reuse: true,
      request: (fx, c) => ({
        method: "PUT", path: c.path,
        body: zaakBody(fx, facts.type, facts.level, { identificatie: c.zaak.identificatie, omschrijving: "Bijgewerkt" }),
      }),
    });
    add(table, "PATCH", `${Z}/{uuid}`, {
      name: v, expect: S((c) => may(c, "zrc", BIJWERKEN, facts)), prepare: fresh, reuse: true,
      request: (fx, c) => ({ method: "PATCH", path: c.path, body: { omschrijving: "Bijgewerkt" } }),
    });
    add(table, "DELETE", `${Z}/{uuid}`, {
      name: v, expect: S((c) => may(c, "zrc", "zaken.verwijderen", facts), 204), prepare: fresh,
    });
  }
}

// What a child's `expand` may show a client that reads the child: its zaak, and its type only
// when the client may read the catalogue.
const expandable = (spec, client) => Object.keys(spec.expand)
  .filter((n) => spec.expand[n] === "zaak" || may(client, "ztc", "catalogi.lezen"));

function childRoutes(table) {
  for (const [kind, spec] of Object.entries(CHILDREN)) {
    const collection = spec.nested ? `${ZAKEN}/zaken/{zaak_uuid}/${kind}` : `${ZAKEN}/${kind}`;
    const item = `${collection}/{uuid}`;
    if (spec.ops.includes("L")) {
      if (spec.nested) {
        // The list of one zaak is filtered like any list: empty for a zaak the client may not read.
        for (const key of ZAAK_KEYS) {
          add(table, "GET", collection, {
            name: key, expect: S((c) => may(c, "zrc", "zaken.lezen")),
            request: (fx) => ({ method: "GET", path: collectionOf(kind, fx.zaken[key]) }),
            check: (res, fx, client) => sameSet((res.json.results ?? res.json).map((x) => x.url),
              mayReadZaak(client, ZAAK_FACTS[key]) ? [fx.children[kind][key].url] : []),
          });
        }
      } else {
        add(table, "GET", collection, childList(kind));
        if (spec.expand) {
          const names = Object.keys(spec.expand);
          add(table, "GET", collection, {
            ...childList(kind), name: `list ?expand=${names.join(",")}`,
            request: () => ({ method: "GET", path: `${collection}?expand=${names.join(",")}` }),
            check: (res, fx, client) => childList(kind).check(res, fx, client) ?? res.json.results
              .map((x) => sameSet(expandedUrls(x), expandable(spec, client).map((n) => x[n]))).find(Boolean),
          });
        }
      }
    }
    for (const key of ZAAK_KEYS) {
      const facts = ZAAK_FACTS[key];
      const read = S((c) => mayReadZaak(c, facts));
      add(table, "GET", item, { name: key, expect: read, request: (fx) => ({ method: "GET", path: fx.children[kind][key].url }) });
      if (spec.expand) {
        const names = Object.keys(spec.expand);
        add(table, "GET", item, {
          name: `${key} ?expand=${names.join(",")}`, expect: read,
          request: (fx) => ({ method: "GET", path: `${fx.children[kind][key].url}?expand=${names.join(",")}` }),
          check: (res, fx, client) => sameSet(expandedUrls(res.json),
            expandable(spec, client).map((n) => fx.children[kind][key][n])),
        });
      }
    }
    if (spec.ops.includes("C")) {
      add(table, "POST", collection, emptyBody((c) => may(c, "zrc", spec.create), (fx) => collectionOf(kind, fx.zaken.aLow)));
    }
    for (const v of VARIANTS) {
      const facts = ZAAK_FACTS[v];
      // One zaak per variant takes the writes; a resultaat is one per zaak, so a fresh zaak each.
      const target = async (fx) => (spec.onePerZaak ? newZaak(fx, facts.type, facts.level) : writeZaak(fx, v));
      const freshZaak = async (fx) => ({ zaak: await target(fx) });
      const freshChild = async (fx) => {
        const zaak = await target(fx);
        const child = await newChild(fx, kind, zaak);
        return { zaak, child, path: child.url };
      };
      if (spec.ops.includes("C")) {
        add(table, "POST", collection, {
          name: `on ${v}`, expect: S((c) => may(c, "zrc", spec.create, facts), 201), prepare: freshZaak,
          request: (fx, c) => ({ method: "POST", path: collectionOf(kind, c.zaak), body: spec.body(fx, c.zaak) }),
        });
      }
      if (spec.ops.includes("U")) {
        add(table, "PUT", item, {
          name: v, expect: S((c) => may(c, "zrc", spec.update, facts)), prepare: freshChild, reuse: true,
          request: (fx, c) => ({ method: "PUT", path: c.path, body: { ...c.child.body, ...spec.change } }),
        });
      }
      if (spec.ops.includes("P")) {
        add(table, "PATCH", item, {
          name: v, expect: S((c) => may(c, "zrc", spec.update, facts)), prepare: freshChild, reuse: true,
          request: (fx, c) => ({ method: "PATCH", path: c.path, body: spec.change }),
        });
      }
      if (spec.ops.includes("D")) {
        add(table, "DELETE", item, { name: v, expect: S((c) => may(c, "zrc", spec.destroy, facts), 204), prepare: freshChild });
      }
    }
  }
}

// The Catalogi API: scopes per component (no zaaktype limits). The specification also lets
// zaken.lezen read zaaktypen (ztc-014, meant for a Zaken API consulting the catalogue); Loket
// does not implement that (docs/zgw-catalogi.md): catalogi.lezen reads the catalogue.
function catalogiRoutes(table) {
  const lezen = (c) => may(c, "ztc", "catalogi.lezen");
  const schrijven = (c) => may(c, "ztc", "catalogi.schrijven");
  const change = (c) => may(c, "ztc", "catalogi.schrijven | catalogi.geforceerd-schrijven");
  const remove = (c) => may(c, "ztc", "catalogi.schrijven | catalogi.geforceerd-verwijderen");
  // Parts of a zaaktype are created with either writing scope; the others with schrijven only.
  const crud = (path, { ops, read = lezen, createWith = schrijven, existing, create, fresh, changeBody }) => {
    const collection = `${CATALOGI}/${path}`;
    const item = `${collection}/{uuid}`;
    add(table, "GET", collection, { name: "list", expect: S(read) });
    add(table, "GET", item, { name: "item", expect: S(read), request: (fx) => ({ method: "GET", path: existing(fx).url }) });
    add(table, "POST", collection, {
      name: "new", expect: S(createWith, 201),
      prepare: create.prepare, request: (fx, c) => ({ method: "POST", path: collection, body: create.body(fx, c) }),
    });
    add(table, "POST", collection, emptyBody(createWith, collection));
    const freshItem = async (fx) => { const f = await fresh(fx); return { path: f.obj.url, ...f }; };
    if (ops.includes("U")) {
      add(table, "PUT", item, {
        name: "concept", expect: S(change), prepare: freshItem, reuse: true,
        request: (fx, c) => ({ method: "PUT", path: c.path, body: { ...c.body, ...changeBody } }),
      });
      add(table, "PATCH", item, {
        name: "concept", expect: S(change), prepare: freshItem, reuse: true,
        request: (fx, c) => ({ method: "PATCH", path: c.path, body: changeBody }),
      });
    }
    if (ops.includes("D")) add(table, "DELETE", item, { name: "concept", expect: S(remove, 204), prepare: freshItem });
    if (ops.includes("X")) {
      add(table, "POST", `${item}/publish`, {
        name: "concept", expect: S(schrijven), prepare: freshItem,
        request: (fx, c) => ({ method: "POST", path: `${c.path}/publish`, body: {} }),
      });
    }
  };
  const post = async (fx, path, body) => ({ obj: created(await fx.admin(`${CATALOGI}/${path}`, { method: "POST", body }), path), body });
  crud("catalogussen", {
    ops: "UP", existing: (fx) => fx.cat,
    create: { body: () => ({ domein: `N${next()}`.slice(0, 5), rsin: "123456782", contactpersoonBeheerNaam: "Beheer" }) },
    fresh: (fx) => post(fx, "catalogussen", { domein: `F${next()}`.slice(0, 5), rsin: "123456782", contactpersoonBeheerNaam: "Beheer" }),
    changeBody: { naam: "Bijgewerkt" },
  });
  crud("zaaktypen", {
    ops: "UPDX", existing: (fx) => fx.zt.A,
    create: { body: (fx) => zaaktypeBody(fx) },
    fresh: (fx) => post(fx, "zaaktypen", zaaktypeBody(fx)), changeBody: { omschrijving: "Bijgewerkt" },
  });
  crud("informatieobjecttypen", {
    ops: "UPDX", existing: (fx) => fx.iot, create: { body: (fx) => iotBody(fx) },
    fresh: (fx) => post(fx, "informatieobjecttypen", iotBody(fx)), changeBody: { informatieobjectcategorie: "brief" },
  });
  crud("besluittypen", {
    ops: "UPDX", existing: (fx) => fx.bt, create: { body: (fx) => btBody(fx) },
    fresh: (fx) => post(fx, "besluittypen", btBody(fx)), changeBody: { toelichting: "Bijgewerkt" },
  });
  const partChange = {
    statustypen: { statustekst: "Bijgewerkt" }, roltypen: { omschrijving: "Bijgewerkt" },
    resultaattypen: { toelichting: "Bijgewerkt" }, eigenschappen: { toelichting: "Bijgewerkt" },
    "zaaktype-informatieobjecttypen": { richting: "uitgaand" }, zaakobjecttypen: { relatieOmschrijving: "Bijgewerkt" },
  };
  for (const path of Object.keys(PARTS)) {
    crud(path, {
      ops: "UPD", createWith: change, existing: (fx) => fx.zt.A.parts[path],
      // A part goes into a concept zaaktype (ztc-010), a fresh one for each new part.
      create: { prepare: async (fx) => ({ zt: await conceptZaaktype(fx) }), body: (fx, c) => PARTS[path](fx, c.zt) },
      fresh: async (fx) => post(fx, path, PARTS[path](fx, await conceptZaaktype(fx))),
      changeBody: partChange[path],
    });
  }
}

function autorisatiesRoutes(table) {
  const A = `${AUTORISATIES}/applicaties`;
  const lezen = (c) => may(c, "ac", "autorisaties.lezen");
  const bijwerken = (c) => may(c, "ac", "autorisaties.bijwerken");
  const body = () => ({ clientIds: [`matrix-app-${process.pid}-${next()}`], label: "Nieuwe applicatie",
    autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen"] }] });
  const fresh = async (fx) => {
    const b = body();
    const app = created(await fx.admin(A, { method: "POST", body: b }), "applicatie");
    return { path: app.url, body: b };
  };
  add(table, "GET", A, { name: "list", expect: S(lezen) });
  add(table, "POST", A, { name: "new", expect: S(bijwerken, 201), request: () => ({ method: "POST", path: A, body: body() }) });
  add(table, "POST", A, emptyBody(bijwerken, A));
  add(table, "GET", `${A}/{uuid}`, { name: "another's", expect: S(lezen), request: (fx) => ({ method: "GET", path: fx.apps.reader.url }) });
  add(table, "PUT", `${A}/{uuid}`, {
    name: "fresh", expect: S(bijwerken), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PUT", path: c.path, body: { ...c.body, label: "Bijgewerkt" } }),
  });
  add(table, "PATCH", `${A}/{uuid}`, {
    name: "fresh", expect: S(bijwerken), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PATCH", path: c.path, body: { label: "Bijgewerkt" } }),
  });
  add(table, "DELETE", `${A}/{uuid}`, { name: "fresh", expect: S(bijwerken, 204), prepare: fresh });
  // Its own applicatie every client may read (docs/zgw-autorisaties.md; the specification asks
  // autorisaties.lezen); another client's needs autorisaties.lezen.
  add(table, "GET", `${A}/consumer`, {
    name: "own", expect: () => 200,
    check: (res, fx, client) => (res.json?.url === fx.apps[client].url ? undefined : `another applicatie: ${res.json?.url}`),
  });
  add(table, "GET", `${A}/consumer`, {
    name: "another's", expect: S(lezen),
    request: (fx) => ({ method: "GET", path: `${A}/consumer?clientId=${fx.apps.reader.clientIds[0]}` }),
  });
}

// The Notificaties API (docs/zgw-notificaties.md): kanalen for either scope, abonnementen for
// consumeren, creating kanalen and publishing for publiceren. The callback is a documentation
// address (TEST-NET-1): public, so accepted without allowing private ones; nothing answers there.
function notificatiesRoutes(table) {
  const N = "/zgw/notificaties/api/v1";
  const consumeren = (c) => may(c, "nrc", "notificaties.consumeren");
  const publiceren = (c) => may(c, "nrc", "notificaties.publiceren");
  const lezen = (c) => may(c, "nrc", "notificaties.consumeren | notificaties.publiceren");
  const sub = () => ({ callbackUrl: "http://192.0.2.1/callback", auth: "Bearer matrix", kanalen: [{ naam: "zaken", filters: {} }] });
  const fresh = async (fx) => {
    const b = sub();
    const a = created(await fx.admin(`${N}/abonnement`, { method: "POST", body: b }), "abonnement");
    return { path: a.url, body: b };
  };
  const zakenKanaal = `${N}/kanaal/6c1a3b52-9d3e-4c51-8f0a-000000000001`;
  add(table, "GET", `${N}/kanaal`, { name: "list", expect: S(lezen) });
  add(table, "POST", `${N}/kanaal`, { name: "new", expect: S(publiceren, 201),
    request: () => ({ method: "POST", path: `${N}/kanaal`, body: { naam: `matrix-${process.pid}-${next()}` } }) });
  add(table, "POST", `${N}/kanaal`, emptyBody(publiceren, `${N}/kanaal`));
  add(table, "GET", `${N}/kanaal/{uuid}`, { name: "zaken", expect: S(lezen), request: () => ({ method: "GET", path: zakenKanaal }) });
  add(table, "GET", `${N}/abonnement`, { name: "list", expect: S(consumeren) });
  add(table, "POST", `${N}/abonnement`, { name: "new", expect: S(consumeren, 201), request: () => ({ method: "POST", path: `${N}/abonnement`, body: sub() }) });
  add(table, "POST", `${N}/abonnement`, emptyBody(consumeren, `${N}/abonnement`));
  add(table, "GET", `${N}/abonnement/{uuid}`, { name: "fresh", expect: S(consumeren), prepare: fresh, reuse: true });
  add(table, "PUT", `${N}/abonnement/{uuid}`, { name: "fresh", expect: S(consumeren), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PUT", path: c.path, body: c.body }) });
  add(table, "PATCH", `${N}/abonnement/{uuid}`, { name: "fresh", expect: S(consumeren), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PATCH", path: c.path, body: { auth: "Bearer nieuw" } }) });
  add(table, "DELETE", `${N}/abonnement/{uuid}`, { name: "fresh", expect: S(consumeren, 204), prepare: fresh });
  add(table, "POST", `${N}/notificaties`, { name: "message", expect: S(publiceren, 201), request: () => ({ method: "POST", path: `${N}/notificaties`,
    body: { kanaal: "zaken", hoofdObject: "https://x.example/z/1", resource: "zaak", resourceUrl: "https://x.example/z/1",
      actie: "create", aanmaakdatum: "2026-01-01T00:00:00Z", kenmerken: {} } }) });
}

function besluitenRoutes(table) {
  const B = `${BESLUITEN}/besluiten`;
  const BIO = `${BESLUITEN}/besluitinformatieobjecten`;
  const ofBt = (scope) => (c) => mayBesluit(c, scope, "bt");
  const any = (scope) => (c) => may(c, "brc", scope);
  const fresh = async (fx) => {
    const body = besluitBody(fx);
    const obj = created(await fx.admin(B, { method: "POST", body }), "besluit");
    return { path: obj.url, body, obj };
  };
  add(table, "GET", B, {
    name: "list", expect: S(any("besluiten.lezen")),
    check: (res, fx, client) => sameSet(res.json.results.map((x) => x.url), ofBt("besluiten.lezen")(client) ? [fx.besluit.url] : []),
  });
  add(table, "POST", B, {
    name: "new of bt", expect: S(ofBt("besluiten.aanmaken"), 201), request: (fx) => ({ method: "POST", path: B, body: besluitBody(fx) }),
  });
  add(table, "POST", B, emptyBody(any("besluiten.aanmaken"), B));
  add(table, "GET", `${B}/{uuid}`, { name: "of bt", expect: S(ofBt("besluiten.lezen")), request: (fx) => ({ method: "GET", path: fx.besluit.url }) });
  add(table, "PUT", `${B}/{uuid}`, {
    name: "fresh of bt", expect: S(ofBt("besluiten.bijwerken")), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PUT", path: c.path, body: { ...c.body, toelichting: "Bijgewerkt" } }),
  });
  add(table, "PATCH", `${B}/{uuid}`, {
    name: "fresh of bt", expect: S(ofBt("besluiten.bijwerken")), prepare: fresh, reuse: true,
    request: (fx, c) => ({ method: "PATCH", path: c.path, body: { toelichting: "Bijgewerkt" } }),
  });
  add(table, "DELETE", `${B}/{uuid}`, { name: "fresh of bt", expect: S(ofBt("besluiten.verwijderen"), 204), prepare: fresh });
  add(table, "GET", `${B}/{besluit_uuid}/audittrail`, {
    name: "of bt", expect: S(ofBt("audittrails.lezen")), request: (fx) => ({ method: "GET", path: `${fx.besluit.url}/audittrail` }),
  });
  add(table, "GET", `${B}/{besluit_uuid}/audittrail/{uuid}`, {
    name: "of bt", expect: S(ofBt("audittrails.lezen")),
    request: (fx) => ({ method: "GET", path: `${fx.besluit.url}/audittrail/${fx.besluitAudit}` }),
  });
  add(table, "GET", BIO, {
    name: "list", expect: S(any("besluiten.lezen")),
    check: (res, fx, client) => sameSet(res.json.results.map((x) => x.url), ofBt("besluiten.lezen")(client) ? [fx.bio.url] : []),
  });
  add(table, "POST", BIO, {
    name: "new on a besluit of bt", expect: S(ofBt("besluiten.aanmaken"), 201), prepare: fresh,
    request: (fx, c) => ({ method: "POST", path: BIO, body: { besluit: c.path, informatieobject: documentUrl(fx) } }),
  });
  add(table, "POST", BIO, emptyBody(any("besluiten.aanmaken"), BIO));
  add(table, "GET", `${BIO}/{uuid}`, { name: "of bt", expect: S(ofBt("besluiten.lezen")), request: (fx) => ({ method: "GET", path: fx.bio.url }) });
  add(table, "DELETE", `${BIO}/{uuid}`, {
    name: "fresh of bt", expect: S(ofBt("besluiten.verwijderen"), 204),
    prepare: async (fx) => {
      const b = await fresh(fx);
      const bio = created(await fx.admin(BIO, { method: "POST", body: { besluit: b.path, informatieobject: documentUrl(fx) } }), "bio");
      return { path: bio.url };
    },
  });
  table[`GET ${BESLUITEN}/schema/openapi.json`] = {
    public: 200, probes: [{ name: "document", expect: () => 200, request: () => ({ method: "GET", path: `${BESLUITEN}/schema/openapi.json` }) }],
  };
}

// The Documenten API (docs/zgw-documenten.md): none of the matrix's typed clients has drc rights,
// so each gets 403 (rights before the body); the all-rights client what a real call gets.
function documentenRoutes(table) {
  const D = "/zgw/documenten/api/v1";
  const E = `${D}/enkelvoudiginformatieobjecten`;
  const drc = (scope) => (c) => may(c, "drc", scope);
  const body = (fx) => ({
    bronorganisatie: RSIN, creatiedatum: "2026-01-10", titel: `Matrix ${next()}`, auteur: "Matrix", taal: "dut",
    informatieobjecttype: fx.iot.url, inhoud: Buffer.from("matrix\n").toString("base64"),
  });
  const doc = async (fx) => {
    const d = created(await fx.admin(E, { method: "POST", body: body(fx) }), "enkelvoudiginformatieobject");
    return { path: d.url, doc: d };
  };
  const right = async (fx) => {
    const { doc: d } = await doc(fx);
    const g = created(await fx.admin(`${D}/gebruiksrechten`, {
      method: "POST", body: { informatieobject: d.url, startdatum: "2026-01-01T00:00:00Z", omschrijvingVoorwaarden: "Intern" },
    }), "gebruiksrecht");
    return { path: g.url, doc: d };
  };
  const link = async (fx) => {
    const { doc: d } = await doc(fx);
    // A fixture zaak (a new one would show in the Zaken lists); the Zaken probes that count its
    // relations run before this one (reads in table order, Zaken first).
    const z = fx.zaken.aHigh;
    created(await fx.admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: z.url, informatieobject: d.url } }), "zaakinformatieobject");
    const list = await fx.admin(`${D}/objectinformatieobjecten?informatieobject=${d.url}`);
    return { path: list.json.results[0].url, doc: d, zaak: z };
  };
  add(table, "GET", E, { name: "list", expect: S(drc("documenten.lezen")) });
  add(table, "POST", E, { name: "new", expect: S(drc("documenten.aanmaken"), 201), request: (fx) => ({ method: "POST", path: E, body: body(fx) }) });
  add(table, "POST", `${E}/_zoek`, { name: "search", expect: S(drc("documenten.lezen")), request: () => ({ method: "POST", path: `${E}/_zoek`, body: {} }) });
  add(table, "GET", `${E}/{uuid}`, { name: "read", expect: S(drc("documenten.lezen")), prepare: doc, reuse: true });
  add(table, "GET", `${E}/{uuid}/download`, {
    name: "download", expect: S(drc("documenten.lezen")), prepare: doc, reuse: true,
    request: (fx, c) => ({ method: "GET", path: `${c.path}/download` }),
  });
  for (const method of ["PUT", "PATCH"]) {
    // Not locked: 400 for a client with the scope.
    add(table, method, `${E}/{uuid}`, { name: "unlocked", expect: S(drc("documenten.bijwerken"), 400), prepare: doc, reuse: true,
      request: (fx, c) => ({ method, path: c.path, body: {} }) });
  }
  add(table, "DELETE", `${E}/{uuid}`, { name: "fresh", expect: S(drc("documenten.verwijderen"), 204), prepare: doc,
    request: (fx, c) => ({ method: "DELETE", path: c.path }) });
  add(table, "POST", `${E}/{uuid}/lock`, { name: "fresh", expect: S(drc("documenten.lock")), prepare: doc,
    request: (fx, c) => ({ method: "POST", path: `${c.path}/lock`, body: {} }) });
  add(table, "POST", `${E}/{uuid}/unlock`, { name: "forced", expect: S(drc("documenten.geforceerd-unlock"), 204), prepare: doc,
    request: (fx, c) => ({ method: "POST", path: `${c.path}/unlock`, body: {} }) });
  add(table, "GET", `${E}/{eio_uuid}/audittrail`, { name: "trail", expect: S(drc("audittrails.lezen")), prepare: doc, reuse: true,
    request: (fx, c) => ({ method: "GET", path: `${c.path}/audittrail` }) });
  add(table, "GET", `${E}/{eio_uuid}/audittrail/{uuid}`, {
    name: "entry", expect: S(drc("audittrails.lezen")), reuse: true,
    prepare: async (fx) => {
      const c = await doc(fx);
      const trail = await fx.admin(`${c.path}/audittrail`);
      return { path: `${c.path}/audittrail/${trail.json[0].uuid}` };
    },
  });
  const G = `${D}/gebruiksrechten`;
  add(table, "GET", G, { name: "list", expect: S(drc("documenten.lezen")) });
  add(table, "POST", G, { name: "new", expect: S(drc("documenten.aanmaken"), 201), prepare: doc, reuse: true,
    request: (fx, c) => ({ method: "POST", path: G, body: { informatieobject: c.path, startdatum: "2026-01-01T00:00:00Z", omschrijvingVoorwaarden: "Intern" } }) });
  add(table, "GET", `${G}/{uuid}`, { name: "read", expect: S(drc("documenten.lezen")), prepare: right, reuse: true });
  for (const method of ["PUT", "PATCH"]) {
    add(table, method, `${G}/{uuid}`, { name: "fresh", expect: S(drc("documenten.bijwerken")), prepare: right, reuse: true,
      request: (fx, c) => ({ method, path: c.path, body: { informatieobject: c.doc.url, startdatum: "2026-01-02T00:00:00Z", omschrijvingVoorwaarden: "Extern" } }) });
  }
  add(table, "DELETE", `${G}/{uuid}`, { name: "fresh", expect: S(drc("documenten.verwijderen"), 204), prepare: right });
  const O = `${D}/objectinformatieobjecten`;
  add(table, "GET", O, { name: "list", expect: S(drc("documenten.lezen")) });
  add(table, "GET", `${O}/{uuid}`, { name: "read", expect: S(drc("documenten.lezen")), prepare: link, reuse: true });
  // Mirrored from the zaakinformatieobject: a client's own create or delete is 400 (drc-003/004).
  add(table, "POST", O, { name: "mirrored", expect: S(drc("documenten.aanmaken"), 400), prepare: link, reuse: true,
    request: (fx, c) => ({ method: "POST", path: O, body: { informatieobject: c.doc.url, object: c.zaak.url, objectType: "zaak" } }) });
  add(table, "DELETE", `${O}/{uuid}`, { name: "mirrored", expect: S(drc("documenten.verwijderen"), 400), prepare: link, reuse: true });
  // Bestandsdelen: rights on the informatieobject first; this runner sends JSON, so a client
  // with the scope learns the form is wrong (415; the upload itself: zgw-documenten.test.mjs).
  const part = async (fx) => {
    const d = created(await fx.admin(E, { method: "POST", body: { ...body(fx), inhoud: null, bestandsomvang: 7 } }), "eio in delen");
    return { path: d.bestandsdelen[0].url, lock: d.lock };
  };
  add(table, "PUT", `${D}/bestandsdelen/{uuid}`, { name: "json", expect: S(drc("documenten.bijwerken"), 415), prepare: part, reuse: true,
    request: (fx, c) => ({ method: "PUT", path: c.path, body: { inhoud: "matrix\n", lock: c.lock } }) });
  // Verzendingen: the informatieobject's rights.
  const V = `${D}/verzendingen`;
  const vzBody = (d) => ({ informatieobject: d, betrokkene: "https://klanten.example.org/k/1", aardRelatie: "geadresseerde",
    contactPersoon: "https://medewerkers.example.org/m/1", emailadres: "inwoner@example.org" });
  const verzending = async (fx) => {
    const { doc: d } = await doc(fx);
    const v = created(await fx.admin(V, { method: "POST", body: vzBody(d.url) }), "verzending");
    return { path: v.url, doc: d };
  };
  add(table, "GET", V, { name: "list", expect: S(drc("documenten.lezen")) });
  add(table, "POST", V, { name: "new", expect: S(drc("documenten.aanmaken"), 201), prepare: doc, reuse: true,
    request: (fx, c) => ({ method: "POST", path: V, body: vzBody(c.path) }) });
  add(table, "POST", V, emptyBody(drc("documenten.aanmaken"), V));
  add(table, "GET", `${V}/{uuid}`, { name: "read", expect: S(drc("documenten.lezen")), prepare: verzending, reuse: true });
  for (const method of ["PUT", "PATCH"]) {
    add(table, method, `${V}/{uuid}`, { name: "fresh", expect: S(drc("documenten.bijwerken")), prepare: verzending, reuse: true,
      request: (fx, c) => ({ method, path: c.path, body: { ...vzBody(c.doc.url), toelichting: "Matrix" } }) });
  }
  add(table, "DELETE", `${V}/{uuid}`, { name: "fresh", expect: S(drc("documenten.verwijderen"), 204), prepare: verzending });
}

// Public routes: each API's OpenAPI document and Loket's reference lists.
function publicRoutes(table) {
  for (const mount of [ZAKEN, CATALOGI, AUTORISATIES, "/zgw/notificaties/api/v1", "/zgw/documenten/api/v1"]) {
    table[`GET ${mount}/schema/openapi.json`] = { public: 200, probes: [{ name: "document", expect: () => 200, request: () => ({ method: "GET", path: `${mount}/schema/openapi.json` }) }] };
  }
  const entries = {
    procestypen: PROCES_VERGUNNING, resultaten: RESULTAAT_VERLEEND, resultaattypeomschrijvingen: RTO_TOEGEKEND,
    communicatiekanalen: "c0d1e2f3-4041-4e3d-8d84-000000000001",
  };
  for (const [list, uuid] of Object.entries(entries)) {
    const probe = (path) => ({ name: "entry", expect: () => 200, request: () => ({ method: "GET", path }) });
    table[`GET ${REF}/${list}`] = { public: 200, probes: [probe(`${REF}/${list}`)] };
    table[`GET ${REF}/${list}/{uuid}`] = { public: 200, probes: [probe(`${REF}/${list}/${uuid}`)] };
  }
}

export function zgwTable() {
  const table = {};
  zakenRoutes(table);
  childRoutes(table);
  catalogiRoutes(table);
  autorisatiesRoutes(table);
  notificatiesRoutes(table);
  documentenRoutes(table);
  publicRoutes(table);
  besluitenRoutes(table);
  return table;
}

// ---- reporting ------------------------------------------------------------------------------

// Mismatches [{ route, probe, who, want, got, note }] as a compact table.
export function formatTable(rows) {
  if (!rows.length) return "";
  const head = ["route", "probe", "client", "expected", "got"];
  const lines = rows.map((r) => [r.route, r.probe, r.who, String(r.want), `${r.got}${r.note ? ` (${r.note})` : ""}`]);
  const width = head.map((h, i) => Math.min(70, Math.max(h.length, ...lines.map((l) => l[i].length))));
  const fmt = (l) => l.map((x, i) => (i === l.length - 1 ? x : x.slice(0, width[i]).padEnd(width[i]))).join(" | ");
  return [fmt(head), width.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(fmt)].join("\n");
}
