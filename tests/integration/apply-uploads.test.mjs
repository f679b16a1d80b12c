// Uploads inside an application form (issue 12): the documents a product asks for are a step of
// the form, a plain multipart post (no JavaScript needed); the type is judged by the bytes, not
// the name; too large and refused files are named next to their field; the files go with the
// case on submit and the resident sees them on the case page. The draft reminder speaks the
// language the draft was filled in. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { applyForm, PNG } from "./lib/apply-form.mjs";

const form = { "content-type": "application/x-www-form-urlencoded" };
const json = { "content-type": "application/json" };
let server;
let smtp;

// A file that only calls itself a PNG.
const HTML = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");

before(async () => {
  smtp = await startSmtp();
  server = await startServer({
    args: ["--demo", "--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--max-document-size", "4096",
      "--draft-ttl", "6", "--draft-reminder", "4"],
  });
  ({ post, get, upload, fillIn } = applyForm(server));
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
});

const enc = (o) => new URLSearchParams(o).toString();
let post, get, upload, fillIn;

test("the documents step: a plain file input, the type judged by the bytes, errors next to the field", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const last = await fillIn(a);
  // After the last question come the documents the product asks for.
  assert.equal(last.location, "/aanvragen/kapvergunning/documenten");
  const page = await get(a, "/aanvragen/kapvergunning/documenten");
  assert.equal(page.status, 200);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  assert.match(page.text, /<input[^>]+id="document-0"[^>]+name="bestand-0"[^>]+type="file"/);
  assert.match(page.text, /Foto van de boom/);
  assert.match(page.text, /4 kB per bestand/);
  // The check page sends back to it while the required photo is missing.
  assert.equal((await get(a, "/aanvragen/kapvergunning/controleren")).location, "/aanvragen/kapvergunning/documenten");
  // Going on without the photo: the error names the document, next to its field.
  let r = await upload(a, [], { actie: "verder" });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#document-0"/);
  assert.match(r.text, /Voeg dit document toe: Foto van de boom/);
  assert.match(r.text, /aria-invalid="true"/);
  // A page that calls itself a photo is refused by what it is.
  r = await upload(a, [["bestand-0", "boom.png", HTML, "image/png"]], { actie: "verder" });
  assert.equal(r.status, 400);
  assert.match(r.text, /Het bestand boom.png is geen PDF, foto/);
  // Too large: refused with the limit.
  r = await upload(a, [["bestand-0", "groot.pdf", Buffer.alloc(5000, 0x25), "application/pdf"]], { actie: "verder" });
  assert.equal(r.status, 400);
  assert.match(r.text, /Het bestand groot.pdf is te groot\. Een bestand mag hoogstens 4 kB zijn\./);
  // A real PNG whatever its name: kept, and the page shows it.
  r = await upload(a, [["bestand-0", "foto-van-de-boom.dat", PNG, "application/octet-stream"]], { actie: "toevoegen" });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, "/aanvragen/kapvergunning/documenten");
  const shown = await get(a, "/aanvragen/kapvergunning/documenten");
  assert.match(shown.text, /foto-van-de-boom\.dat/);
  // Remove it again, then add it once more (as the second of two, then remove one).
  const uuid = shown.text.match(/name="verwijder" value="([0-9a-f-]{36})"/)[1];
  r = await upload(a, [], { verwijder: uuid });
  assert.equal(r.status, 303);
  assert.doesNotMatch((await get(a, "/aanvragen/kapvergunning/documenten")).text, /foto-van-de-boom\.dat/);
  assert.equal((await server.database.query(`SELECT COUNT(*) FROM documents WHERE uuid = '${uuid}'`)).trim(), "0");
  // Someone else cannot remove this person's upload: it is not in their draft.
  r = await upload(a, [["bestand-0", "boom.png", PNG, "image/png"]], { actie: "verder" });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, "/aanvragen/kapvergunning/controleren");
  const other = await demoPerson(server.url, "resident:999991905");
  const mine = (await get(a, "/aanvragen/kapvergunning/documenten")).text.match(/name="verwijder" value="([0-9a-f-]{36})"/)[1];
  await upload(other, [], { verwijder: mine });
  assert.match((await get(a, "/aanvragen/kapvergunning/documenten")).text, /boom\.png/);
  // Without the token in the form: refused.
  const bad = new FormData();
  bad.append("actie", "verder");
  const forged = await a.fetch(`${server.url}/aanvragen/kapvergunning/documenten`, { method: "POST", body: bad });
  assert.equal(forged.status, 403);

  // Check, send: the file is the case's document, linked as its informatieobject, on the case page.
  const check = await get(a, "/aanvragen/kapvergunning/controleren");
  assert.equal(check.status, 200);
  assert.match(check.text, /Uw bestanden/);
  assert.match(check.text, /boom\.png/);
  const key = check.text.match(/name="idempotencyKey" value="([^"]+)"/)[1];
  const sent = await post(a, "/aanvragen/kapvergunning/controleren", { idempotencyKey: key });
  assert.equal(sent.status, 303, sent.text);
  const caseId = new URL(sent.location, server.url).searchParams.get("zaak");
  const links = await server.database.query(`SELECT object_type, object FROM document_links WHERE document_uuid = '${mine}'`);
  assert.equal(links.trim(), `zaak|/zgw/zaken/api/v1/zaken/${caseId}`);
  const casePage = await get(a, `/mijn-zaken/${caseId}`);
  assert.equal(casePage.status, 200);
  assert.match(casePage.text, /boom\.png/);
  assert.match(casePage.text, /door u meegestuurd/);
  // The resident downloads it (an attachment, never rendered); someone else gets a 404.
  const href = casePage.text.match(/href="(\/mijn-zaken\/[0-9a-f-]{36}\/documenten\/[0-9a-f-]{36})"/)[1];
  const file = await a.fetch(`${server.url}${href}`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get("content-disposition"), /^attachment/);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);
  assert.equal((await other.fetch(`${server.url}${href}`)).status, 404);
  // A next application of the same product starts without them.
  assert.doesNotMatch((await get(a, "/aanvragen/kapvergunning/documenten")).text, /boom\.png/);
});

test("a malformed multipart body is a 400, never a crash", async () => {
  const a = await demoPerson(server.url, "resident:999990019");
  await fillIn(a);
  const r = await a.fetch(`${server.url}/aanvragen/kapvergunning/documenten`, {
    method: "POST", headers: { "content-type": "multipart/form-data; boundary=xyz", "x-csrf-token": a.csrf },
    body: "--xyz\r\nContent-Disposition: form-data; name=\"bestand-0\"; filename=\"a.png\"\r\n\r\nno end",
  });
  assert.equal(r.status, 400);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
});

test("the draft reminder is in English for whoever filled the form in English", async () => {
  const a = await demoPerson(server.url, "resident:999991905");
  const r = await a.fetch(`${server.url}/aanvragen/klacht/contact?lang=en`, {
    method: "POST", headers: { ...form, "x-csrf-token": a.csrf }, body: enc({ csrf: a.csrf, email: "reminder-en@voorbeeld.nl" }),
  });
  assert.equal(r.status, 303);
  const mail = await smtp.waitForMail((m) => m.envelope.to.includes("reminder-en@voorbeeld.nl"), 15_000);
  assert.match(mail.subject, /Your application has not been sent yet/);
  assert.match(mail.text, /Continue your application/);
  assert.match(mail.text, /\/aanvragen\/klacht\?lang=en/);
  // An app asking in English gets the same.
  const put = await a.fetch(`${server.url}/api/v1/me/drafts/vraag`, {
    method: "PUT", headers: { ...json, "x-csrf-token": a.csrf, "accept-language": "en-GB,en;q=0.9" },
    body: JSON.stringify({ answers: { email: "reminder-app@voorbeeld.nl" }, step: "contact" }),
  });
  assert.equal(put.status, 200, await put.text());
  const appMail = await smtp.waitForMail((m) => m.envelope.to.includes("reminder-app@voorbeeld.nl"), 15_000);
  assert.match(appMail.subject, /Your application has not been sent yet/);
});
