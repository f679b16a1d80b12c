// Documents that come in through the portal and the back office are the ZGW APIs' documents too
// (issues 11, 12): a resident's upload sent with an application and a document a case worker adds
// become an enkelvoudiginformatieobject (its informatieobjecttype the one the product asks for,
// or "Document van de behandelaar"), related to the zaak by a zaakinformatieobject, with its
// content downloadable through the Documenten API, an audit trail, and the notifications a
// subscriber expects (documenten: create; zaken: zaakinformatieobject create, with the real
// URL); so does a document sent with the answer to a question ("Aanvulling van de aanvrager").
// A draft's upload, added and removed before sending, is nobody's business: no notification.
// On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startZgwServer, addClient, zgwFetch, token, ZAKEN, CATALOGI } from "./lib/zgw.mjs";
import { startSubscriber, until } from "./lib/subscriber.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { applyForm, PNG } from "./lib/apply-form.mjs";

const NRC = "/zgw/notificaties/api/v1";
const DRC = "/zgw/documenten/api/v1";
const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

let server, admin, zgw, sub, resident, worker, form;

before(async () => {
  server = await startZgwServer({ args: ["--demo", "--notify-allow-private"] });
  admin = await addClient(server, { allRights: true });
  zgw = zgwFetch(server, admin);
  const nrc = zgwFetch(server, await addClient(server, { component: "nrc", scopes: ["notificaties.consumeren"] }));
  sub = await startSubscriber({ key: "Bearer documenten-abonnee" });
  const made = await nrc(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: sub.url,
    auth: "Bearer documenten-abonnee", kanalen: [{ naam: "documenten", filters: {} }, { naam: "zaken", filters: {} }] } });
  assert.equal(made.status, 201, made.text);
  resident = await demoPerson(server.url, "resident:999993653");
  worker = await staffBrowser(server, { email: "zgw-docs@org1.example", organisation: ORG1, role: "case-worker" });
  form = applyForm(server);
});
after(async () => {
  await server?.stop();
  await sub?.stop();
});

// The back office's "Document toevoegen" form, as a browser sends it.
async function addStaffDocument(caseId, { name, bytes, title, visible }) {
  const data = new FormData();
  data.append("csrf", worker.csrf);
  data.append("bestand", new Blob([bytes]), name);
  data.append("titel", title);
  if (visible) data.append("zichtbaar", "1");
  const req = new Request(`${server.url}/behandelen/zaken/${caseId}/documenten`, { method: "POST", body: data });
  const body = Buffer.from(await req.arrayBuffer());
  const url = new URL(`${server.url}/behandelen/zaken/${caseId}/documenten`);
  const cookie = [...worker.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ");
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: "POST", headers: { accept: "text/html", "sec-fetch-mode": "navigate", cookie,
      origin: server.url, "content-type": req.headers.get("content-type") } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    r.on("error", reject);
    r.end(body);
  });
}
const documentMessages = () => sub.received.filter((m) => m.json?.kanaal === "documenten");

test("a resident's upload becomes an informatieobject of the zaak; the draft's upload and removal notify nobody", async () => {
  await form.fillIn(resident, "zgw-upload@voorbeeld.nl");
  // Added, removed, added again: a draft's business.
  let r = await form.upload(resident, [["bestand-0", "eerste.png", PNG, "image/png"]], { actie: "toevoegen" });
  assert.equal(r.status, 303, r.text);
  const first = (await form.get(resident, "/aanvragen/kapvergunning/documenten")).text.match(/name="verwijder" value="([0-9a-f-]{36})"/)[1];
  assert.equal((await form.upload(resident, [], { verwijder: first })).status, 303);
  r = await form.upload(resident, [["bestand-0", "boom.png", PNG, "image/png"]], { actie: "verder" });
  assert.equal(r.status, 303, r.text);
  const caseId = await form.send(resident);
  const zaakUrl = `${server.url}${ZAKEN}/zaken/${caseId}`;

  // The zaakinformatieobject, made when the dispatcher handles the link.
  let zios;
  await until(async () => {
    zios = await zgw(`${ZAKEN}/zaakinformatieobjecten?zaak=${encodeURIComponent(zaakUrl)}`);
    return zios.status === 200 && zios.json.results.length === 1;
  }, { what: "the zaakinformatieobject of the upload" });
  const zio = zios.json.results[0];
  assert.equal(zio.zaak, zaakUrl);
  assert.equal(zio.titel, "Foto van de boom");
  assert.match(zio.informatieobject, new RegExp(`^${server.url}${DRC}/enkelvoudiginformatieobjecten/[0-9a-f-]{36}$`));

  // The informatieobject: the product's document type, the zaak's organisation, the bytes.
  const eio = await zgw(zio.informatieobject);
  assert.equal(eio.status, 200, eio.text);
  assert.equal(eio.json.titel, "Foto van de boom");
  assert.equal(eio.json.bestandsnaam, "boom.png");
  assert.equal(eio.json.formaat, "image/png");
  assert.equal(eio.json.bestandsomvang, PNG.length);
  assert.equal(eio.json.auteur, "Aanvrager");
  assert.equal(eio.json.taal, "dut");
  assert.equal(eio.json.versie, 1);
  assert.equal(eio.json.tonenAanInitiator, true);
  assert.equal(eio.json.vertrouwelijkheidaanduiding, "zaakvertrouwelijk");
  assert.match(eio.json.identificatie, /^DOCUMENT-[0-9a-f]{12}$/);
  const zaak = await zgw(zaakUrl);
  assert.equal(eio.json.bronorganisatie, zaak.json.bronorganisatie);
  const type = await zgw(eio.json.informatieobjecttype);
  assert.equal(type.status, 200, type.text);
  assert.equal(type.json.omschrijving, "Foto van de boom");
  const zaaktype = await zgw(zaak.json.zaaktype);
  assert.equal(type.json.catalogus, zaaktype.json.catalogus);
  const file = await fetch(eio.json.inhoud, { headers: { authorization: `Bearer ${token(admin.id, admin.secret)}` } });
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);
  // The zaak lists it; the document's objectinformatieobject names the zaak.
  assert.deepEqual(zaak.json.zaakinformatieobjecten, [zio.url]);
  const oios = await zgw(`${DRC}/objectinformatieobjecten?informatieobject=${encodeURIComponent(zio.informatieobject)}`);
  assert.equal(oios.status, 200, oios.text);
  assert.deepEqual((oios.json.results ?? oios.json).map((o) => [o.object, o.objectType]), [[zaakUrl, "zaak"]]);
  // Its audit trail says Loket made it.
  const trail = await zgw(`${zio.informatieobject}/audittrail`);
  assert.equal(trail.status, 200, trail.text);
  assert.equal(trail.json.length, 1);
  assert.equal(trail.json[0].actie, "create");
  assert.equal(trail.json[0].applicatieId, "loket");

  // Notifications: the document's create (with its kenmerken) and the relation's, with its URL;
  // nothing for the upload that was removed from the draft.
  // (The deliveries of one event may arrive in any order.)
  await until(() => sub.received.some((m) => m.json?.resource === "zaakinformatieobject" && m.json.resourceUrl === zio.url) &&
    documentMessages().length > 0, { what: "the zaakinformatieobject and document notifications" });
  const docs = documentMessages();
  assert.deepEqual(docs.map((m) => [m.json.resource, m.json.actie, m.json.resourceUrl]),
    [["enkelvoudiginformatieobject", "create", zio.informatieobject]]);
  assert.equal(docs[0].json.kenmerken.informatieobjecttype, eio.json.informatieobjecttype);
  assert.equal(docs[0].json.kenmerken.bronorganisatie, eio.json.bronorganisatie);
  assert.equal(docs[0].json.kenmerken.vertrouwelijkheidaanduiding, "zaakvertrouwelijk");
  assert.ok(!sub.received.some((m) => m.body.includes(first)), "the removed upload is never announced");
  const relation = sub.received.find((m) => m.json?.resource === "zaakinformatieobject");
  assert.equal(relation.json.kanaal, "zaken");
  assert.equal(relation.json.hoofdObject, zaakUrl);
  assert.equal(relation.json.actie, "create");

  // A case worker's document on the same case: "Document van de behandelaar", shown to the
  // applicant only when the worker says so.
  const before = documentMessages().length;
  assert.equal(await addStaffDocument(caseId, { name: "brief.pdf", bytes: PDF, title: "Ontvangstbevestiging", visible: true }), 303);
  assert.equal(await addStaffDocument(caseId, { name: "notitie.pdf", bytes: PDF, title: "Interne notitie" }), 303);
  await until(async () => {
    zios = await zgw(`${ZAKEN}/zaakinformatieobjecten?zaak=${encodeURIComponent(zaakUrl)}`);
    return zios.json.results.length === 3;
  }, { what: "the zaakinformatieobjecten of the staff documents" });
  const byTitle = {};
  for (const z of zios.json.results) byTitle[z.titel] = (await zgw(z.informatieobject)).json;
  for (const [title, shown] of [["Ontvangstbevestiging", true], ["Interne notitie", false]]) {
    const d = byTitle[title];
    assert.ok(d, title);
    assert.equal(d.auteur, "Behandelaar");
    assert.equal(d.formaat, "application/pdf");
    assert.equal(d.tonenAanInitiator, shown, title);
    assert.equal(d.ontvangstdatum, null);
    assert.equal((await zgw(d.informatieobjecttype)).json.omschrijving, "Document van de behandelaar");
  }
  await until(() => documentMessages().length >= before + 2 &&
    sub.received.filter((m) => m.json?.resource === "zaakinformatieobject").length === 3, { what: "the staff documents' notifications" });
  // Each document announced once (its link's event; it has no document.created of its own).
  const urls = documentMessages().map((m) => m.json.resourceUrl);
  assert.equal(new Set(urls).size, urls.length, urls.join("\n"));
  assert.equal(urls.length, 3);

  // A document sent with the answer to a question: "Aanvulling van de aanvrager".
  const asked = await zgw(zaakUrl, { method: "PATCH", body: { opschorting: { indicatie: true, reden: "Stuur ons een tekening." } } });
  assert.equal(asked.status, 200, asked.text);
  const data = new FormData();
  data.append("csrf", resident.csrf);
  data.append("body", "Hierbij de tekening.");
  data.append("bestand", new Blob([PDF]), "tekening.pdf");
  const req = new Request(`${server.url}/mijn-zaken/${caseId}/antwoord`, { method: "POST", body: data });
  const answerUrl = new URL(`${server.url}/mijn-zaken/${caseId}/antwoord`);
  const answered = await new Promise((resolve, reject) => {
    const cookie = [...resident.cookies(answerUrl.origin)].map(([k, v]) => `${k}=${v}`).join("; ");
    req.arrayBuffer().then((body) => {
      const r = http.request(answerUrl, { method: "POST", headers: { accept: "text/html", "sec-fetch-mode": "navigate", cookie,
        origin: server.url, "content-type": req.headers.get("content-type") } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res));
      });
      r.on("error", reject);
      r.end(Buffer.from(body));
    }, reject);
  });
  assert.equal(answered.statusCode, 303);
  assert.match(answered.headers.location, /beantwoord=1$/);
  await until(async () => {
    zios = await zgw(`${ZAKEN}/zaakinformatieobjecten?zaak=${encodeURIComponent(zaakUrl)}`);
    return zios.json.results.length === 4;
  }, { what: "the zaakinformatieobject of the answer's document" });
  const supplement = (await zgw(zios.json.results.find((z) => z.titel === "Aanvulling van de aanvrager").informatieobject)).json;
  assert.equal(supplement.bestandsnaam, "tekening.pdf");
  assert.equal(supplement.auteur, "Aanvrager");
  assert.equal((await zgw(supplement.informatieobjecttype)).json.omschrijving, "Aanvulling van de aanvrager");

  // zrc-007: the zaak closes, since each of its documents says that no usage conditions apply.
  for (const d of [...Object.values(byTitle), supplement]) assert.equal(d.indicatieGebruiksrecht, false);
  assert.equal(eio.json.indicatieGebruiksrecht, false);
  const statustypen = await Promise.all(zaaktype.json.statustypen.map(async (u) => (await zgw(u)).json));
  const last = statustypen.sort((a, b) => a.volgnummer - b.volgnummer).at(-1);
  const result = await zgw(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaakUrl, resultaattype: zaaktype.json.resultaattypen[0] } });
  assert.equal(result.status, 201, result.text);
  // Within the second of the first status (set to the second: "…:15Z"), this one ("…:15.718Z")
  // is later and becomes current: statuses are ordered as moments, not as text.
  const closed = await zgw(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: zaakUrl, statustype: last.url,
    datumStatusGezet: new Date().toISOString() } });
  assert.equal(closed.status, 201, closed.text);
  assert.ok((await zgw(zaakUrl)).json.einddatum);
});

test("a made informatieobject has the fields of one the Documenten API creates, nothing more or less", async () => {
  const made = await zgw(`${DRC}/enkelvoudiginformatieobjecten`, { method: "POST", body: {
    bronorganisatie: "002220647", creatiedatum: "2026-01-01", titel: "Via de API", auteur: "Test", taal: "dut",
    informatieobjecttype: (await zgw(`${CATALOGI}/informatieobjecttypen?status=definitief`)).json.results[0].url,
    inhoud: PNG.toString("base64"), bestandsnaam: "x.png" } });
  assert.equal(made.status, 201, made.text);
  const viaApi = await zgw(made.json.url);
  const zio = (await zgw(`${ZAKEN}/zaakinformatieobjecten`)).json.results.find((z) => z.titel === "Foto van de boom");
  const projected = await zgw(zio.informatieobject);
  assert.deepEqual(Object.keys(projected.json).sort(), Object.keys(viaApi.json).sort());
});
