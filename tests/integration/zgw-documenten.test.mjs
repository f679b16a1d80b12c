// The Documenten API 1.7.1 over the documents domain: enkelvoudiginformatieobjecten (inline
// base64 content, versions, lock/unlock, download, audit trail, _zoek), scopes per
// informatieobjecttype and confidentiality, gebruiksrechten (drc-006), objectinformatieobjecten
// mirrored from the Zaken API's zaakinformatieobjecten (zrc-005), and the refusals: bad base64,
// the wrong lock, a wrong or disagreeing type, an oversized file (413), a case over its limit
// (413), an infected file (a real clamd with a local EICAR signature). Bestandsdelen (a file
// uploaded in parts, resumable; a part uploaded twice) and verzendingen (one address form).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN, zaaktypeBody } from "./lib/zgw.mjs";
import { startClamd, clamdBinary, EICAR } from "./lib/clamd.mjs";
import { addStaff, totp, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const DRC = "/zgw/documenten/api/v1";
const b64 = (s) => Buffer.from(s).toString("base64");

let server, admin, writer, reader, openbaarReader, forcer, cat, iot, iotOther, zt;
let seq = 0;
const statustypen = [];
let resultaattype;
const RESULTAAT_VERLEEND = "a3b4c5d6-2e2f-4c1b-8b62-000000000501";
const RTO_TOEGEKEND = "e1f2a3b4-3f30-4d2c-9c73-000000000001";

const created = (r) => {
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const invalid = (r, name, code, status = 400) => {
  assert.equal(r.status, status, r.text);
  const p = r.json.invalidParams?.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};

function eioBody(extra = {}) {
  return {
    bronorganisatie: "002220647", creatiedatum: "2026-01-10", titel: `Document ${++seq}`,
    auteur: "Behandelaar", taal: "dut", informatieobjecttype: iot.url, bestandsnaam: "brief.txt",
    inhoud: b64(`Inhoud van document ${seq}\n`), ...extra,
  };
}

before(async () => {
  server = await startZgwServer({ args: ["--max-document-size", "4096", "--max-case-documents-size", "6000",
    "--document-part-size", "1000"] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
  cat = created(await admin(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "DOC", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
  }));
  const type = async (vertrouwelijkheidaanduiding) => created(await admin(`${CATALOGI}/informatieobjecttypen`, {
    method: "POST",
    body: {
      catalogus: cat.url, omschrijving: `Brief ${++seq}`, vertrouwelijkheidaanduiding,
      beginGeldigheid: "2024-01-01", informatieobjectcategorie: "brief",
    },
  }));
  iot = await type("zaakvertrouwelijk");
  iotOther = await type("openbaar");
  zt = created(await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(server.url, cat.url, { identificatie: "ZTDOC-1", informatieobjecttypen: [iot.url] }),
  }));
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    statustypen.push(created(await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } })));
  }
  const ref = (list, uuid) => `${server.url}/zgw/referentielijsten/api/v1/${list}/${uuid}`;
  resultaattype = created(await admin(`${CATALOGI}/resultaattypen`, {
    method: "POST",
    body: {
      zaaktype: zt.url, omschrijving: "Verleend", resultaattypeomschrijving: ref("resultaattypeomschrijvingen", RTO_TOEGEKEND),
      selectielijstklasse: ref("resultaten", RESULTAAT_VERLEEND),
      brondatumArchiefprocedure: { afleidingswijze: "termijn", procestermijn: "P5Y" },
    },
  }));
  for (const t of [iot, iotOther]) assert.equal((await admin(`${t.url}/publish`, { method: "POST", body: {} })).status, 200);
  const pub = await admin(`${zt.url}/publish`, { method: "POST", body: {} });
  assert.equal(pub.status, 200, pub.text);
  const drc = (scopes, types = [iot.url], maxLevel = "zeer_geheim") =>
    addClient(server, { component: "drc", scopes, zaaktypen: types, maxLevel });
  writer = zgwFetch(server, await drc(["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken",
    "documenten.verwijderen", "documenten.lock", "audittrails.lezen"]));
  reader = zgwFetch(server, await drc(["documenten.lezen"]));
  openbaarReader = zgwFetch(server, await drc(["documenten.lezen"], [iot.url], "openbaar"));
  forcer = zgwFetch(server, await drc(["documenten.lezen", "documenten.lock", "documenten.geforceerd-unlock"]));
});
after(async () => {
  await server?.stop();
});

test("create with inline content, read, download, list with filters; confidentiality from the type (drc-007)", async () => {
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ identificatie: "DOC-LIST-1" }) }));
  assert.match(doc.url, /\/zgw\/documenten\/api\/v1\/enkelvoudiginformatieobjecten\/[0-9a-f-]{36}$/);
  assert.equal(doc.versie, 1);
  assert.equal(doc.locked, false);
  assert.equal(doc.vertrouwelijkheidaanduiding, "zaakvertrouwelijk");
  assert.equal(doc.formaat, "text/plain");
  assert.equal(doc.bestandsomvang, Buffer.from(`Inhoud van document ${seq}\n`).length);
  assert.equal(doc.indicatieGebruiksrecht, null);
  assert.match(doc.inhoud, /\/download\?versie=1$/);
  assert.equal(doc.informatieobjecttype, iot.url);

  const read = await reader(doc.url);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.headers.get("api-version"), "1.7.1");
  assert.equal(read.json.titel, doc.titel);

  const dl = await reader(doc.inhoud);
  assert.equal(dl.status, 200, dl.text);
  assert.equal(dl.text, `Inhoud van document ${seq}\n`);
  assert.match(dl.headers.get("content-disposition"), /^attachment/);
  assert.equal(dl.headers.get("x-content-type-options"), "nosniff");

  const q = async (s, client = reader) => (await client(`${DRC}/enkelvoudiginformatieobjecten?${s}`)).json;
  assert.equal((await q("identificatie=DOC-LIST-1")).count, 1);
  assert.equal((await q("identificatie=DOC-LIST-1&bronorganisatie=002220647")).results[0].url, doc.url);
  assert.equal((await q("bronorganisatie=123456782")).count, 0);
  const unknown = await reader(`${DRC}/enkelvoudiginformatieobjecten?nonsense=1`);
  assert.equal(unknown.status, 400, unknown.text);

  // A client allowed up to openbaar neither reads nor lists a zaakvertrouwelijk document.
  assert.equal((await openbaarReader(doc.url)).status, 403);
  assert.equal((await q("identificatie=DOC-LIST-1", openbaarReader)).count, 0);
  // A type the client has no rights for: 403 on create.
  const other = await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ informatieobjecttype: iotOther.url }) });
  assert.equal(other.status, 403, other.text);
  // The same identificatie again within the bronorganisatie.
  invalid(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ identificatie: "DOC-LIST-1" }) }), "identificatie");
  // _zoek with uuid__in.
  const uuid = doc.url.split("/").pop();
  const zoek = await reader(`${DRC}/enkelvoudiginformatieobjecten/_zoek`, { method: "POST", body: { uuid__in: [uuid] } });
  assert.equal(zoek.status, 200, zoek.text);
  assert.equal(zoek.json.count, 1);
  // Without content: a later part of the flow (no inhoud, bestandsomvang given).
  const empty = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: null, bestandsomvang: 0 }) }));
  assert.equal(empty.inhoud, null);
  assert.equal((await reader(`${empty.url}/download`)).status, 404);
});

test("changes need the lock and make a new version; ?versie= and ?registratieOp=; unlock and forced unlock", async () => {
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: b64("versie een\n") }) }));
  // Not locked: refused.
  invalid(await writer(doc.url, { method: "PATCH", body: { titel: "Nieuw" } }), "nonFieldErrors", "unlocked");
  const lock = await writer(`${doc.url}/lock`, { method: "POST", body: {} });
  assert.equal(lock.status, 200, lock.text);
  assert.ok(lock.json.lock.length >= 32);
  invalid(await writer(`${doc.url}/lock`, { method: "POST", body: {} }), "nonFieldErrors", "existing-lock");
  assert.equal((await reader(doc.url)).json.locked, true);
  // The wrong lock.
  invalid(await writer(doc.url, { method: "PATCH", body: { titel: "Nieuw", lock: "0".repeat(32) } }), "nonFieldErrors", "incorrect-lock-id");
  const v1time = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  const patched = await writer(doc.url, { method: "PATCH", body: { titel: "Nieuw", lock: lock.json.lock, inhoud: b64("versie twee\n") } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.versie, 2);
  assert.equal(patched.json.titel, "Nieuw");
  assert.equal((await reader(patched.json.inhoud)).text, "versie twee\n");
  // A metadata-only PUT keeps the content.
  const put = await writer(doc.url, { method: "PUT", body: { ...eioBody(), inhoud: undefined, titel: "Derde", lock: lock.json.lock } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.versie, 3);
  assert.equal((await reader(`${doc.url}/download`)).text, "versie twee\n");
  // Earlier versions.
  const v1 = await reader(`${doc.url}?versie=1`);
  assert.equal(v1.status, 200, v1.text);
  assert.equal(v1.json.titel, doc.titel);
  assert.equal((await reader(`${doc.url}/download?versie=1`)).text, "versie een\n");
  assert.equal((await reader(`${doc.url}?registratieOp=${encodeURIComponent(v1time)}`)).json.versie, 1);
  assert.equal((await reader(`${doc.url}?versie=9`)).status, 404);
  // Unlock with the wrong lock: refused; a reader has no documenten.lock.
  invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: "x" } }), "nonFieldErrors", "incorrect-lock-id");
  assert.equal((await reader(`${doc.url}/unlock`, { method: "POST", body: {} })).status, 403);
  // Without the lock only with documenten.geforceerd-unlock.
  invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: {} }), "nonFieldErrors", "incorrect-lock-id");
  const forced = await forcer(`${doc.url}/unlock`, { method: "POST", body: {} });
  assert.equal(forced.status, 204, forced.text);
  assert.equal((await reader(doc.url)).json.locked, false);
  // And the right lock unlocks too.
  const again = await writer(`${doc.url}/lock`, { method: "POST", body: {} });
  assert.equal((await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: again.json.lock } })).status, 204);
  // The audit trail names each change.
  const trail = await writer(`${doc.url}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  assert.deepEqual(trail.json.map((e) => e.actie), ["create", "partial_update", "update"]);
});

test("refusals: bad base64, a declared formaat that disagrees, a type not allowed, an oversized file (413)", async () => {
  const post = (extra) => writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody(extra) });
  invalid(await post({ inhoud: "!!!not base64!!!" }), "inhoud", "invalid-base64");
  invalid(await post({ formaat: "application/pdf" }), "formaat", "media-type-mismatch");
  invalid(await post({ inhoud: b64("<!DOCTYPE html><html><script>alert(1)</script></html>\n"), formaat: "" }), "inhoud", "media-type-not-allowed");
  invalid(await post({ inhoud: b64("x".repeat(5000)) }), "inhoud", "max-size", 413);
  invalid(await post({ taal: "nederlands", titel: "" }), "taal");
  invalid(await post({ informatieobjecttype: `${server.url}${CATALOGI}/informatieobjecttypen/00000000-0000-4000-8000-000000000000` }), "informatieobjecttype");
  // Nothing half-written: the list did not grow with refused documents.
  const list = await admin(`${DRC}/enkelvoudiginformatieobjecten?identificatie=never`);
  assert.equal(list.json.count, 0);
});

test("gebruiksrechten set indicatieGebruiksrecht (drc-006); the last one gone sets it back to null", async () => {
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
  const body = { informatieobject: doc.url, startdatum: "2026-01-01T00:00:00Z", omschrijvingVoorwaarden: "Alleen intern" };
  const g1 = created(await writer(`${DRC}/gebruiksrechten`, { method: "POST", body }));
  const g2 = created(await writer(`${DRC}/gebruiksrechten`, { method: "POST", body }));
  assert.equal((await reader(doc.url)).json.indicatieGebruiksrecht, true);
  assert.equal((await reader(`${DRC}/gebruiksrechten?informatieobject=${doc.url}`)).json.count, 2);
  assert.equal((await writer(g1.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(doc.url)).json.indicatieGebruiksrecht, true);
  assert.equal((await writer(g2.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(doc.url)).json.indicatieGebruiksrecht, null);
  invalid(await writer(`${DRC}/gebruiksrechten`, { method: "POST", body: { ...body, informatieobject: `${server.url}${DRC}/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000000` } }), "informatieobject");
});

test("zaakinformatieobjecten mirror objectinformatieobjecten (zrc-005); delete only without relations; the case limit (413)", async () => {
  const zaak = created(await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: "002220647", verantwoordelijkeOrganisatie: "002220647", zaaktype: zt.url, startdatum: "2026-01-05" },
  }));
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: b64("a".repeat(3000)) }) }));
  const zio = created(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc.url } }));
  const oio = await reader(`${DRC}/objectinformatieobjecten?informatieobject=${doc.url}`);
  assert.equal(oio.status, 200, oio.text);
  assert.equal(oio.json.count, 1);
  assert.deepEqual(oio.json.results[0].object, zaak.url);
  assert.equal(oio.json.results[0].objectType, "zaak");
  assert.equal(oio.json.results[0].informatieobject, doc.url);
  assert.equal((await reader(oio.json.results[0].url)).status, 200);
  assert.equal((await reader(`${DRC}/enkelvoudiginformatieobjecten?objectinformatieobjecten_object=${zaak.url}`)).json.count, 1);
  // drc-003/drc-004: a client's own objectinformatieobject for it is refused.
  invalid(await admin(`${DRC}/objectinformatieobjecten`, { method: "POST", body: { informatieobject: doc.url, object: zaak.url, objectType: "zaak" } }), "nonFieldErrors", "unique");
  invalid(await admin(oio.json.results[0].url, { method: "DELETE" }), "nonFieldErrors", "inconsistent-relation");
  // A document with relations is not deleted.
  invalid(await admin(doc.url, { method: "DELETE" }), "nonFieldErrors", "pending-relations");
  // The case limit (6000 bytes): a second 3000-byte document fits, a third does not.
  const doc2 = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: b64("b".repeat(2999)) }) }));
  created(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc2.url } }));
  const doc3 = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: b64("c".repeat(100)) }) }));
  invalid(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc3.url } }), "informatieobject", "case-max-size", 413);
  assert.equal((await reader(`${DRC}/objectinformatieobjecten?informatieobject=${doc3.url}`)).json.count, 0);
  // A new version of a linked document counts as well.
  const lock = (await writer(`${doc2.url}/lock`, { method: "POST", body: {} })).json.lock;
  invalid(await writer(doc2.url, { method: "PATCH", body: { lock, inhoud: b64("d".repeat(100)) } }), "inhoud", "case-max-size", 413);
  // Removing the zaakinformatieobject removes the mirror; then the document may go.
  assert.equal((await admin(zio.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(`${DRC}/objectinformatieobjecten?informatieobject=${doc.url}`)).json.count, 0);
  assert.equal((await writer(doc.url, { method: "DELETE" })).status, 204);
  assert.equal((await reader(doc.url)).status, 404);
  assert.equal((await reader(`${doc.url}/download`)).status, 404);
  // An unknown document of ours is refused by the Zaken API.
  invalid(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc.url } }), "informatieobject");
});

test("zrc-007: closing needs indicatieGebruiksrecht on every document; zrc-016: archiving needs them gearchiveerd", async () => {
  const zaak = created(await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: "002220647", verantwoordelijkeOrganisatie: "002220647", zaaktype: zt.url, startdatum: "2026-01-05" },
  }));
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
  created(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc.url } }));
  created(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype: resultaattype.url } }));
  const close = () => admin(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: zaak.url, statustype: statustypen[1].url, datumStatusGezet: "2026-02-01T10:00:00Z" },
  });
  invalid(await close(), "nonFieldErrors", "indicatiegebruiksrecht-unset");
  assert.equal((await admin(zaak.url)).json.einddatum, null);
  // No usage restrictions: false (drc-006), set under the lock.
  const lock = (await writer(`${doc.url}/lock`, { method: "POST", body: {} })).json.lock;
  const set = await writer(doc.url, { method: "PATCH", body: { lock, indicatieGebruiksrecht: false } });
  assert.equal(set.status, 200, set.text);
  const closed = await close();
  assert.equal(closed.status, 201, closed.text);
  assert.equal((await admin(zaak.url)).json.einddatum, "2026-02-01");
  // zrc-016: the document is not gearchiveerd yet.
  const archive = () => admin(zaak.url, {
    method: "PATCH", body: { archiefstatus: "gearchiveerd", archiefnominatie: "vernietigen", archiefactiedatum: "2036-02-01" },
  });
  invalid(await archive(), "archiefstatus", "documents-not-archived");
  assert.equal((await writer(doc.url, { method: "PATCH", body: { lock, status: "gearchiveerd" } })).status, 200);
  const done = await archive();
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.archiefstatus, "gearchiveerd");
});

test("zrc-007 through the back office: a case worker's closing is refused while a document's indicatieGebruiksrecht is unset, and nothing is written", async () => {
  const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01"; // the demo organisation with RSIN 002220647
  const zaak = created(await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: "002220647", verantwoordelijkeOrganisatie: "002220647", zaaktype: zt.url, startdatum: "2026-01-05" },
  }));
  created(await admin(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: zaak.url, statustype: statustypen[0].url, datumStatusGezet: "2026-01-05T09:00:00Z" },
  }));
  const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
  created(await admin(`${ZAKEN}/zaakinformatieobjecten`, { method: "POST", body: { zaak: zaak.url, informatieobject: doc.url } }));
  created(await admin(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype: resultaattype.url } }));

  const email = "usage-rights-worker@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker", name: "Uma" });
  const worker = new Browser();
  const login = await worker.fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: STAFF_PASSWORD, code: totp(totpSecret) }),
  });
  assert.equal(login.status, 200);
  const csrf = (await login.json()).csrfToken;
  const close = async () => {
    const r = await worker.fetch(`${server.url}/api/v1/cases/${zaak.uuid}/close`, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: "{}",
    });
    const text = await r.text();
    return { status: r.status, text, json: text ? JSON.parse(text) : undefined };
  };
  const statusesBefore = (await admin(`${ZAKEN}/statussen?zaak=${encodeURIComponent(zaak.url)}`)).json.count;
  invalid(await close(), "nonFieldErrors", "indicatiegebruiksrecht-unset");
  const still = (await admin(zaak.url)).json;
  assert.equal(still.einddatum, null);
  assert.equal((await admin(`${ZAKEN}/statussen?zaak=${encodeURIComponent(zaak.url)}`)).json.count, statusesBefore,
    "the refused closing set no status");

  const lock = (await writer(`${doc.url}/lock`, { method: "POST", body: {} })).json.lock;
  assert.equal((await writer(doc.url, { method: "PATCH", body: { lock, indicatieGebruiksrecht: false } })).status, 200);
  const closed = await close();
  assert.equal(closed.status, 200, closed.text);
  assert.ok((await admin(zaak.url)).json.einddatum, "closed now");
});

test("OpenAPI document of the Documenten API", async () => {
  const r = await fetch(`${server.url}${DRC}/schema/openapi.json`);
  assert.equal(r.status, 200);
  const doc = await r.json();
  assert.ok(doc.paths["/enkelvoudiginformatieobjecten"]);
  assert.ok(doc.paths["/enkelvoudiginformatieobjecten/{uuid}/download"]);
  assert.ok(doc.paths["/bestandsdelen/{uuid}"]?.put);
  assert.ok(doc.paths["/verzendingen"]?.post);
  assert.ok(doc.paths["/verzendingen/{uuid}"]?.patch);
});


// A bestandsdeel as multipart/form-data, built by hand so the test controls every byte.
async function putPart(client, url, { inhoud, lock, type = "multipart/form-data" }) {
  if (type !== "multipart/form-data") {
    return client(url, { method: "PUT", body: new URLSearchParams({ inhoud, lock }).toString(), headers: { "content-type": type } });
  }
  const boundary = "----loket-part-boundary-7f3a";
  let body = "";
  if (lock !== undefined) body += `--${boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n${lock}\r\n`;
  if (inhoud !== undefined) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${inhoud}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return client(url, { method: "PUT", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
}

describe("bestandsdelen", () => {
  // 2,500 bytes of text in parts of 1,000 (--document-part-size): 1000, 1000, 500.
  const line = "Een groot document in delen.\n";
  const whole = line.repeat(Math.ceil(2500 / line.length)).slice(0, 2500);
  const slices = [whole.slice(0, 1000), whole.slice(1000, 2000), whole.slice(2000)];

  test("create without inhoud gives the parts and the lock; parts in any order, one re-sent; unlock joins them", async () => {
    const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, {
      method: "POST", body: eioBody({ inhoud: null, bestandsomvang: 2500, bestandsnaam: "groot.txt" }),
    }));
    assert.equal(doc.locked, true);
    assert.match(doc.lock, /^[0-9a-f]{32}$/);
    assert.equal(doc.inhoud, null);
    assert.equal(doc.bestandsomvang, 2500);
    assert.deepEqual(doc.bestandsdelen.map((p) => [p.volgnummer, p.omvang, p.voltooid, p.lock]),
      [[1, 1000, false, doc.lock], [2, 1000, false, doc.lock], [3, 500, false, doc.lock]]);
    for (const p of doc.bestandsdelen) assert.match(p.url, /\/zgw\/documenten\/api\/v1\/bestandsdelen\/[0-9a-f-]{36}$/);
    // A reader sees the parts, never the lock.
    const seen = (await reader(doc.url)).json;
    assert.equal(seen.locked, true);
    assert.equal(seen.lock, undefined);
    assert.deepEqual(seen.bestandsdelen.map((p) => p.lock), ["", "", ""]);

    const [p1, p2, p3] = doc.bestandsdelen.map((p) => p.url);
    // Unlocking with parts missing is refused; the object stays locked.
    invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: doc.lock } }), "nonFieldErrors", "incomplete-upload");
    // The refusals: the wrong lock, no lock, the wrong size, no rights to change the object, no form.
    invalid(await putPart(writer, p1, { inhoud: slices[0], lock: "0".repeat(32) }), "nonFieldErrors", "incorrect-lock-id");
    invalid(await putPart(writer, p1, { inhoud: slices[0] }), "lock", "required");
    invalid(await putPart(writer, p1, { inhoud: slices[0].slice(1), lock: doc.lock }), "inhoud", "file-size");
    assert.equal((await putPart(reader, p1, { inhoud: slices[0], lock: doc.lock })).status, 403);
    assert.equal((await writer(p1, { method: "PUT", body: { inhoud: slices[0], lock: doc.lock } })).status, 415);
    assert.equal((await putPart(writer, `${DRC}/bestandsdelen/00000000-0000-4000-8000-000000000000`, { inhoud: "x", lock: doc.lock })).status, 404);

    // Last part first; the middle part uploaded twice (first with the wrong bytes of the right
    // size, as an interrupted client resending might): the second replaces the first whole.
    const r3 = await putPart(writer, p3, { inhoud: slices[2], lock: doc.lock });
    assert.equal(r3.status, 200, r3.text);
    assert.deepEqual([r3.json.url, r3.json.volgnummer, r3.json.omvang, r3.json.voltooid], [p3, 3, 500, true]);
    assert.equal((await putPart(writer, p2, { inhoud: "X".repeat(1000), lock: doc.lock })).status, 200);
    assert.equal((await putPart(writer, p2, { inhoud: slices[1], lock: doc.lock })).status, 200);
    assert.deepEqual((await reader(doc.url)).json.bestandsdelen.map((p) => p.voltooid), [false, true, true]);
    invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: doc.lock } }), "nonFieldErrors", "incomplete-upload");
    // application/x-www-form-urlencoded is the standard's other form.
    const r1 = await putPart(writer, p1, { inhoud: slices[0], lock: doc.lock, type: "application/x-www-form-urlencoded" });
    assert.equal(r1.status, 200, r1.text);

    // Unlock with the wrong lock is refused; with the right one the parts become the content.
    invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: "f".repeat(32) } }), "nonFieldErrors", "incorrect-lock-id");
    const unlocked = await writer(`${doc.url}/unlock`, { method: "POST", body: { lock: doc.lock } });
    assert.equal(unlocked.status, 204, unlocked.text);
    const done = (await reader(doc.url)).json;
    assert.equal(done.locked, false);
    assert.deepEqual(done.bestandsdelen, []);
    assert.equal(done.bestandsomvang, 2500);
    assert.equal(done.formaat, "text/plain");
    assert.equal(done.versie, 1);
    assert.match(done.inhoud, /\/download\?versie=1$/);
    const dl = await reader(done.inhoud);
    assert.equal(dl.status, 200, dl.text);
    assert.equal(dl.text, whole);
    // The parts are gone.
    assert.equal((await putPart(writer, p1, { inhoud: slices[0], lock: doc.lock })).status, 404);
  });

  test("an update in parts makes a new version; the size limit and the type checks hold; forced unlock discards an unfinished upload", async () => {
    // Past --max-document-size (4096): refused before any part is sent.
    invalid(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody({ inhoud: null, bestandsomvang: 5000 }) }),
      "bestandsomvang", null, 413);
    const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
    const { lock } = (await writer(`${doc.url}/lock`, { method: "POST", body: {} })).json;
    // No declared formaat: the type detected when the parts are joined decides.
    const upd = await writer(doc.url, { method: "PATCH", body: { lock, inhoud: null, bestandsomvang: 1500, formaat: "" } });
    assert.equal(upd.status, 200, upd.text);
    assert.equal(upd.json.versie, 2);
    assert.equal(upd.json.inhoud, null);
    assert.deepEqual(upd.json.bestandsdelen.map((p) => [p.omvang, p.lock]), [[1000, lock], [500, lock]]);
    // Version 1 keeps its content.
    assert.equal((await reader(`${doc.url}/download?versie=1`)).status, 200);
    // Markup is refused when the parts are joined, as it is inline; the parts stay for a retry.
    const html = "<!DOCTYPE html><html><script>alert(1)</script></html>\n".padEnd(1500, " ");
    const [q1, q2] = upd.json.bestandsdelen.map((p) => p.url);
    assert.equal((await putPart(writer, q1, { inhoud: html.slice(0, 1000), lock })).status, 200);
    assert.equal((await putPart(writer, q2, { inhoud: html.slice(1000), lock })).status, 200);
    invalid(await writer(`${doc.url}/unlock`, { method: "POST", body: { lock } }), "inhoud", "media-type-not-allowed");
    assert.equal((await reader(doc.url)).json.locked, true);
    // A forced unlock (no lock) ends the upload: the parts go, version 2 has no content.
    const forced = await forcer(`${doc.url}/unlock`, { method: "POST", body: {} });
    assert.equal(forced.status, 204, forced.text);
    const after = (await reader(doc.url)).json;
    assert.deepEqual([after.locked, after.bestandsdelen, after.inhoud], [false, [], null]);
    assert.equal((await putPart(writer, q1, { inhoud: html.slice(0, 1000), lock })).status, 404);
  });
});

describe("verzendingen", () => {
  const VZ = `${DRC}/verzendingen`;
  const body = (doc, extra = {}) => ({
    informatieobject: doc.url, betrokkene: "https://klanten.example.org/api/v1/klanten/1",
    aardRelatie: "geadresseerde", contactPersoon: "https://medewerkers.example.org/api/v1/m/1",
    verzenddatum: "2026-02-01", emailadres: "inwoner@example.org", ...extra,
  });

  test("CRUD with filters, audit trail of the informatieobject, rights of the informatieobject", async () => {
    const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
    const vz = created(await writer(VZ, { method: "POST", body: body(doc) }));
    assert.match(vz.url, /\/zgw\/documenten\/api\/v1\/verzendingen\/[0-9a-f-]{36}$/);
    assert.equal(vz.informatieobject, doc.url);
    assert.equal(vz.emailadres, "inwoner@example.org");
    assert.equal(vz.mijnOverheid, false);
    assert.equal(vz.binnenlandsCorrespondentieadres, null);
    const post = created(await writer(VZ, {
      method: "POST",
      body: body(doc, {
        emailadres: null, aardRelatie: "afzender", ontvangstdatum: "2026-02-03",
        binnenlandsCorrespondentieadres: { huisnummer: 12, naamOpenbareRuimte: "Stadsplateau", woonplaatsnaam: "Utrecht", postcode: "3521AZ" },
      }),
    }));
    assert.equal(post.binnenlandsCorrespondentieadres.huisnummer, 12);

    assert.equal((await reader(vz.url)).json.url, vz.url);
    const list = async (q, client = reader) => (await client(`${VZ}?${q}`)).json;
    assert.equal((await list(`informatieobject=${encodeURIComponent(doc.url)}`)).count, 2);
    assert.equal((await list(`informatieobject=${encodeURIComponent(doc.url)}&aardRelatie=afzender`)).results[0].url, post.url);
    assert.equal((await list("aardRelatie=niemand")).count ?? 0, 0);
    // Expand embeds the informatieobject.
    const expanded = (await reader(`${vz.url}?expand=informatieobject`)).json;
    assert.equal(expanded._expand?.informatieobject?.url, doc.url);

    const patched = await writer(vz.url, { method: "PATCH", body: { toelichting: "Per e-mail verstuurd" } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.toelichting, "Per e-mail verstuurd");
    // The informatieobject cannot change.
    const other = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
    invalid(await writer(vz.url, { method: "PATCH", body: { informatieobject: other.url } }), "informatieobject", "wijzigen-niet-toegestaan");

    // Rights follow the informatieobject: up to openbaar sees neither it nor its verzendingen.
    assert.equal((await openbaarReader(vz.url)).status, 403);
    assert.equal((await list(`informatieobject=${encodeURIComponent(doc.url)}`, openbaarReader)).count, 0);
    assert.equal((await reader(VZ, { method: "POST", body: body(doc) })).status, 403);

    // Audited in the informatieobject's trail.
    const trail = (await writer(`${doc.url}/audittrail`)).json;
    assert.ok(trail.some((t) => t.resource === "verzending" && t.actie === "create" && t.resourceUrl === vz.url), JSON.stringify(trail));

    assert.equal((await writer(post.url, { method: "DELETE" })).status, 204);
    assert.equal((await reader(post.url)).status, 404);
    // Deleting the informatieobject takes its verzendingen.
    assert.equal((await writer(doc.url, { method: "DELETE" })).status, 204);
    assert.equal((await admin(vz.url)).status, 404);
  });

  test("exactly one address form; the groups' fields are checked", async () => {
    const doc = created(await writer(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: eioBody() }));
    invalid(await writer(VZ, { method: "POST", body: body(doc, { emailadres: null }) }), "nonFieldErrors", "invalid-address");
    invalid(await writer(VZ, { method: "POST", body: body(doc, { faxnummer: "0301234567" }) }), "nonFieldErrors", "invalid-address");
    invalid(await writer(VZ, { method: "POST", body: body(doc, { mijnOverheid: true }) }), "nonFieldErrors", "invalid-address");
    created(await writer(VZ, { method: "POST", body: body(doc, { emailadres: null, mijnOverheid: true }) }));
    created(await writer(VZ, { method: "POST", body: body(doc, { emailadres: null, faxnummer: "0301234567" }) }));
    created(await writer(VZ, {
      method: "POST",
      body: body(doc, { emailadres: null, buitenlandsCorrespondentieadres: { adresBuitenland1: "1 Rue de la Paix", landPostadres: "https://landen.example.org/fr" } }),
    }));
    created(await writer(VZ, {
      method: "POST",
      body: body(doc, { emailadres: null, correspondentiePostadres: { postBusOfAntwoordnummer: 1620, postadresPostcode: "3500CE", postadresType: "postbusnummer", woonplaatsnaam: "Utrecht" } }),
    }));
    invalid(await writer(VZ, {
      method: "POST",
      body: body(doc, { emailadres: null, correspondentiePostadres: { postBusOfAntwoordnummer: 1620, postadresPostcode: "3500CE", postadresType: "postbus", woonplaatsnaam: "Utrecht" } }),
    }), "correspondentiePostadres.postadresType", "invalid_choice");
    invalid(await writer(VZ, {
      method: "POST",
      body: body(doc, { emailadres: null, binnenlandsCorrespondentieadres: { huisnummer: 0, naamOpenbareRuimte: "Stadsplateau", woonplaatsnaam: "Utrecht" } }),
    }), "binnenlandsCorrespondentieadres.huisnummer");
    invalid(await writer(VZ, { method: "POST", body: body(doc, { emailadres: "geen-adres" }) }), "emailadres", "invalid");
    // The betrokkene as sender: the date it was received is required.
    invalid(await writer(VZ, { method: "POST", body: body(doc, { aardRelatie: "afzender" }) }), "ontvangstdatum", "required");
    invalid(await writer(VZ, { method: "POST", body: body({ url: `${server.url}${DRC}/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000000` }) }),
      "informatieobject", "does-not-exist");
  });
});

describe("with clamd", { skip: clamdBinary() ? false : "clamd is not installed" }, () => {
  let clamd, scanned, client;
  before(async () => {
    clamd = await startClamd();
    scanned = await startZgwServer({ args: ["--clamd", clamd.address] });
    client = zgwFetch(scanned, await addClient(scanned, { allRights: true }));
  });
  after(async () => {
    await scanned?.stop();
    await clamd?.stop();
  });

  test("an infected file is never served and the same bytes are refused at upload", async () => {
    const c = created(await client(`${CATALOGI}/catalogussen`, {
      method: "POST", body: { domein: "SCAN", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
    }));
    const type = created(await client(`${CATALOGI}/informatieobjecttypen`, {
      method: "POST",
      body: { catalogus: c.url, omschrijving: "Bijlage", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "bijlage" },
    }));
    const body = (content) => ({
      bronorganisatie: "002220647", creatiedatum: "2026-01-10", titel: "Bijlage", auteur: "Inwoner",
      taal: "dut", informatieobjecttype: type.url, inhoud: b64(content),
    });
    const bad = created(await client(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: body(`${EICAR}\n`) }));
    const good = created(await client(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: body("schoon\n") }));
    const until = async (url, status) => {
      for (let i = 0; i < 150; i++) {
        const r = await client(url);
        if (r.status === status) return r;
        assert.ok([409, status].includes(r.status), r.text); // pending until scanned
        await new Promise((res) => setTimeout(res, 200));
      }
      assert.fail(`${url} never answered ${status}`);
    };
    const refused = await until(`${bad.url}/download`, 400);
    assert.ok(refused.json.invalidParams.some((p) => p.code === "infected"), refused.text);
    assert.equal((await until(`${good.url}/download`, 200)).text, "schoon\n");
    invalid(await client(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: body(`${EICAR}\n`) }), "inhoud", "infected");
  });
});
