// Following a case (issue 12): the resident's case page (/mijn-zaken/{id}) and who may open it,
// the message thread (/api/v1/cases/{id}/messages) for the resident and the case worker,
// answering a question (the clock resumes), the inbox and the e-mail through a real SMTP server
// as the person's preferences say.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { actFor, demoPerson } from "./lib/browser.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import http from "node:http";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN1 = "002220647";
const ANNA = "999993653";
const BRAM = "999990019";
const CHRIS = "999991905";

let server;
let smtp;
let type;
let annaCase;
let bramCase;
let worker;

const person = (subject) => demoPerson(server.url, subject);
const json = async (b, path, init = {}) => {
  const r = await b.fetch(`${server.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", "x-csrf-token": b.csrf, ...(init.headers ?? {}) },
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined };
};
// A request as a browser navigating sends it (fetch always says Sec-Fetch-Mode: cors), with the
// browser's cookies; a form post carries the CSRF token in its hidden field.
function browse(b, path, { method = "GET", body, headers = {} } = {}) {
  const url = new URL(`${server.url}${path}`);
  const cookie = b ? [...b.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  const all = { accept: "text/html", "sec-fetch-mode": "navigate", ...(cookie ? { cookie } : {}), ...headers };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: all }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, html: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const page = (b, path) => browse(b, path);
const form = async (b, path, fields) => {
  const r = await browse(b, path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ csrf: b.csrf, ...fields }).toString(),
  });
  return { status: r.status, headers: { get: (k) => r.headers[k] } };
};
// Waits (polling, no time assertion) until `f` returns something truthy.
async function until(f, what, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The case worker asks the applicant something through the Zaken API: the clock stops.
async function ask(c, reden) {
  const r = await type.api(`${ZAKEN}/zaken/${c.uuid}`, { method: "PATCH", body: { opschorting: { indicatie: true, reden } } });
  assert.equal(r.status, 200, r.text);
}
const suspended = async (c) => (await type.api(`${ZAKEN}/zaken/${c.uuid}`)).json.opschorting.indicatie;

before(async () => {
  smtp = await startSmtp();
  server = await startZgwServer({
    // A small limit for all documents of one case, to see an answer's document refused by it.
    args: ["--demo", "--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--mail-from", "Loket <loket@gemeente.example>",
      "--max-document-size", "12288", "--max-case-documents-size", "16384"],
  });
  type = await publishedZaaktype(server, { rsin: RSIN1, informeren: true });
  annaCase = await registerCase(type, { bsn: ANNA });
  bramCase = await registerCase(type, { bsn: BRAM });
  worker = await staffBrowser(server, { email: "follow-worker@org1.example", organisation: ORG1, role: "case-worker" });
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
});

test("the case page shows the case to its party, and is a 404 to anyone else", async () => {
  const anna = await person(`resident:${ANNA}`);
  const own = await page(anna, `/mijn-zaken/${annaCase.uuid}`);
  assert.equal(own.status, 200);
  assert.match(own.html, /Kapvergunning aanvragen/);
  assert.match(own.html, /Uw aanvraag is ontvangen\./); // the status's resident text
  assert.match(own.html, /Ontvangen/); // the timeline
  const list = await page(anna, "/mijn-zaken");
  assert.match(list.html, new RegExp(`href="/mijn-zaken/${annaCase.uuid}"`));

  assert.equal((await page(anna, `/mijn-zaken/${bramCase.uuid}`)).status, 404);
  assert.equal((await page(anna, "/mijn-zaken/00000000-0000-4000-8000-000000000000")).status, 404);
  assert.equal((await page(anna, "/mijn-zaken/not-a-uuid")).status, 404);
  const chris = await person(`resident:${CHRIS}`);
  assert.equal((await page(chris, `/mijn-zaken/${annaCase.uuid}`)).status, 404);
  const r = await browse(null, `/mijn-zaken/${annaCase.uuid}`);
  assert.equal(r.status, 401);
  assert.match(r.headers["content-type"], /text\/html/);
});

test("My cases: filtered by organisation and status (a plain GET form)", async () => {
  const shop = await person("business:12345678");
  const type2 = await publishedZaaktype(server, { rsin: "002214350", omschrijving: "Parkeervergunning aanvragen" });
  const open1 = await registerCase(type, { kvk: "12345678", omschrijving: "Open bij org 1" });
  const open2 = await registerCase(type2, { kvk: "12345678", omschrijving: "Open bij org 2" });
  const all = await json(shop, "/api/v1/cases");
  assert.equal(all.json.count, 2);
  const org1 = await json(shop, `/api/v1/cases?organisation=${ORG1}`);
  assert.deepEqual(org1.json.results.map((c) => c.id), [open1.uuid]);
  const open = await json(shop, "/api/v1/cases?status=open");
  assert.deepEqual(open.json.results.map((c) => c.id).sort(), [open1.uuid, open2.uuid].sort());
  assert.equal((await json(shop, "/api/v1/cases?status=closed")).json.count, 0);
  assert.equal((await json(shop, "/api/v1/cases?status=half")).status, 400);
  assert.equal((await json(shop, "/api/v1/cases?organisation=x")).status, 400);
  const html = (await page(shop, `/mijn-zaken?organisation=${ORG2}&status=open`)).html;
  assert.match(html, /Open bij org 2/);
  assert.doesNotMatch(html, /Open bij org 1/);
  assert.match(html, new RegExp(`<option value="${ORG2}" selected>`));
});

test("someone acting for the party sees the case page; their own cases stay out of it", async () => {
  const bram = await person(`resident:${BRAM}`);
  const chris = await person(`resident:${CHRIS}`);
  await actFor(server.url, bram, chris, CHRIS);
  assert.equal((await page(chris, `/mijn-zaken/${bramCase.uuid}`)).status, 200);
  assert.equal((await page(chris, `/mijn-zaken/${annaCase.uuid}`)).status, 404);
});

test("messages: the case worker writes through the API, the resident reads and answers; bad bodies name body", async () => {
  const anna = await person(`resident:${ANNA}`);
  const posted = await json(worker, `/api/v1/cases/${annaCase.uuid}/messages`, {
    method: "POST", body: JSON.stringify({ body: "Wij bekijken uw aanvraag <b>snel</b>." }),
  });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  assert.equal(posted.json.author, "staff");

  const html = (await page(anna, `/mijn-zaken/${annaCase.uuid}`)).html;
  assert.match(html, /Wij bekijken uw aanvraag &lt;b&gt;snel&lt;\/b&gt;\./); // escaped, never markup
  const read = await json(anna, `/api/v1/cases/${annaCase.uuid}/messages`);
  assert.equal(read.status, 200);
  assert.equal(read.json.results.length, 1);
  assert.equal(read.json.results[0].read, true); // the page marked it read

  const reply = await form(anna, `/mijn-zaken/${annaCase.uuid}/bericht`, { body: "Dank u wel." });
  assert.equal(reply.status, 303);
  assert.match(reply.headers.get("location"), /verstuurd=1/);
  const thread = await json(worker, `/api/v1/cases/${annaCase.uuid}/messages`);
  assert.deepEqual(thread.json.results.map((m) => m.author), ["staff", "resident"]);

  for (const [body, code] of [["a\u0000b", "invalid"], ["x".repeat(100 * 1024), "max-length"], ["   ", "required"]]) {
    const bad = await json(anna, `/api/v1/cases/${annaCase.uuid}/messages`, { method: "POST", body: JSON.stringify({ body }) });
    assert.equal(bad.status, 400, `${code}: ${bad.status}`);
    assert.ok(bad.json.invalidParams.some((p) => p.name === "body"), JSON.stringify(bad.json));
  }
  const other = await json(anna, `/api/v1/cases/${bramCase.uuid}/messages`, { method: "POST", body: JSON.stringify({ body: "hoi" }) });
  assert.equal(other.status, 404);
  assert.equal((await json(anna, `/api/v1/cases/${bramCase.uuid}/messages`)).status, 404);
  // Staff of another organisation do not see the case either.
  const stranger = await staffBrowser(server, { email: "follow-worker@org2.example", organisation: ORG2, role: "case-worker" });
  assert.equal((await json(stranger, `/api/v1/cases/${annaCase.uuid}/messages`)).status, 404);
  // No CSRF token: refused.
  const nocsrf = await anna.fetch(`${server.url}/api/v1/cases/${annaCase.uuid}/messages`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body: "hoi" }),
  });
  assert.equal(nocsrf.status, 403);
});

test("answering the question the case was suspended for resumes the clock", async () => {
  const c = await registerCase(type, { bsn: ANNA, omschrijving: "Een tweede boom" });
  await ask(c, "Stuur ons een foto van de boom.");
  const anna = await person(`resident:${ANNA}`);
  assert.equal(await suspended(c), true);
  const html = (await page(anna, `/mijn-zaken/${c.uuid}`)).html;
  assert.match(html, /Stuur ons een foto van de boom\./);
  assert.match(html, /action="\/mijn-zaken\/[0-9a-f-]+\/antwoord"/);

  const empty = await form(anna, `/mijn-zaken/${c.uuid}/antwoord`, { body: "" });
  assert.equal(empty.status, 303);
  assert.match(empty.headers.get("location"), /fout=antwoord/);
  assert.equal(await suspended(c), true);

  const answered = await form(anna, `/mijn-zaken/${c.uuid}/antwoord`, { body: "De foto stuur ik per post." });
  assert.equal(answered.status, 303);
  assert.match(answered.headers.get("location"), /beantwoord=1/);
  assert.equal(await suspended(c), false);
  const zaak = (await type.api(`${ZAKEN}/zaken/${c.uuid}`)).json;
  assert.equal(zaak.opschorting.eerdereOpschorting, true);
  const thread = await json(anna, `/api/v1/cases/${c.uuid}/messages`);
  assert.equal(thread.json.results.at(-1).body, "De foto stuur ik per post.");
  // Nothing asked any more: a second answer is a conflict, not a second resume.
  const again = await form(anna, `/mijn-zaken/${c.uuid}/antwoord`, { body: "Nog iets." });
  assert.equal(again.status, 409);
});

// The answer form as a browser without JavaScript posts it with a file: multipart, the token in
// its field.
async function answerWith(b, caseId, text, file) {
  const data = new FormData();
  data.append("csrf", b.csrf);
  data.append("body", text);
  data.append("bestand", new Blob([file.bytes]), file.name);
  const req = new Request(`${server.url}/mijn-zaken/${caseId}/antwoord`, { method: "POST", body: data });
  const body = Buffer.from(await req.arrayBuffer());
  const r = await browse(b, `/mijn-zaken/${caseId}/antwoord`, {
    method: "POST", body, headers: { "content-type": req.headers.get("content-type"), origin: server.url },
  });
  return { status: r.status, location: r.headers.location };
}

test("the answer may carry the document asked for: refused by its bytes, else kept with the case", async () => {
  const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  const c = await registerCase(type, { bsn: ANNA, omschrijving: "Een derde boom" });
  await ask(c, "Stuur ons de tekening van de tuin.");
  const anna = await person(`resident:${ANNA}`);
  const html = (await page(anna, `/mijn-zaken/${c.uuid}`)).html;
  assert.match(html, /enctype="multipart\/form-data"/);
  assert.match(html, /<label class="utrecht-form-label" for="answer-file">Document meesturen \(niet verplicht\)<\/label>/);
  // A page that calls itself a PDF: refused, nothing sent, the question still open.
  const bad = await answerWith(anna, c.uuid, "Hierbij de tekening.", { name: "tekening.pdf", bytes: Buffer.from("<html><script>x</script></html>") });
  assert.equal(bad.status, 303);
  assert.match(bad.location, /fout=bestand/);
  assert.equal(await suspended(c), true);
  assert.match((await page(anna, bad.location)).html, /Dit bestand kunnen wij niet aannemen/);
  // Someone else's case: 404, nothing written; a NUL in the text: 400 naming it.
  const bram = await person(`resident:${BRAM}`);
  const stranger = await answerWith(bram, c.uuid, "Hierbij de tekening.", { name: "tekening.pdf", bytes: PDF });
  assert.equal(stranger.status, 404);
  const nul = await answerWith(anna, c.uuid, "a\u0000b", { name: "tekening.pdf", bytes: PDF });
  assert.equal(nul.status, 400);
  assert.equal(await suspended(c), true);
  assert.equal(Number((await server.database.query(`SELECT COUNT(*) FROM application_uploads WHERE case_id = '${c.uuid}'`)).trim()), 0);
  // A real PDF: the answer is sent, the clock runs, the document is the case's.
  const good = await answerWith(anna, c.uuid, "Hierbij de tekening.", { name: "tekening.pdf", bytes: PDF });
  assert.equal(good.status, 303);
  assert.match(good.location, /beantwoord=1$/);
  assert.equal(await suspended(c), false);
  const after = (await page(anna, `/mijn-zaken/${c.uuid}`)).html;
  assert.match(after, /tekening\.pdf/);
  const href = after.match(/href="(\/mijn-zaken\/[0-9a-f-]{36}\/documenten\/[0-9a-f-]{36})"/)[1];
  const file = await browse(anna, href);
  assert.equal(file.status, 200);
  assert.equal(file.html, PDF.toString("latin1"));
  // The case worker sees it among the applicant's documents; it is linked to the zaak.
  const staffPage = await page(worker, `/behandelen/zaken/${c.uuid}`);
  assert.match(staffPage.html, /tekening\.pdf/);
  const doc = href.split("/").pop();
  assert.equal((await server.database.query(`SELECT object FROM document_links WHERE document_uuid = '${doc}'`)).trim(),
    `/zgw/zaken/api/v1/zaken/${c.uuid}`);
  // Someone else cannot download it.
  assert.equal((await browse(bram, href)).status, 404);
});

test("an answer whose document no longer fits the case is not sent either: one transaction", async () => {
  const c = await registerCase(type, { bsn: ANNA, omschrijving: "Een vierde boom" });
  const anna = await person(`resident:${ANNA}`);
  // Text of 10 kB each: allowed by type and size (12 kB per file), but two are more than the
  // 16 kB the case may hold.
  const text = (n) => ({ name: `fotos-${n}.txt`, bytes: Buffer.from(`Beschrijving ${n} van de boom.\n`.repeat(350)) });
  await ask(c, "Stuur ons een beschrijving.");
  const first = await answerWith(anna, c.uuid, "Hierbij de beschrijving.", text(1));
  assert.match(first.location, /beantwoord=1$/);
  await ask(c, "Stuur ons nog een beschrijving.");
  const full = await answerWith(anna, c.uuid, "Hierbij de tweede.", text(2));
  assert.equal(full.status, 303);
  assert.match(full.location, /fout=bestand-zaak#antwoord$/);
  const shown = (await page(anna, full.location)).html;
  assert.match(shown, /Bij deze zaak past geen document meer/);
  assert.match(shown, /aria-invalid="true"/);
  // Nothing of it was written: the question is open, no second answer, no second document.
  assert.equal(await suspended(c), true);
  const thread = (await json(anna, `/api/v1/cases/${c.uuid}/messages`)).json.results;
  assert.deepEqual(thread.filter((m) => m.authorKind !== "staff").map((m) => m.body), ["Hierbij de beschrijving."]);
  const count = async (sql) => Number((await server.database.query(sql)).trim());
  assert.equal(await count(`SELECT COUNT(*) FROM application_uploads WHERE case_id = '${c.uuid}'`), 1);
  assert.equal(await count(`SELECT COUNT(*) FROM documents WHERE case_id = '${c.uuid}'`), 1);
  // An app gets the limit as a 413 naming the field; then the answer alone goes through.
  const data = new FormData();
  data.append("csrf", anna.csrf);
  data.append("body", "Hierbij de tweede.");
  data.append("bestand", new Blob([text(2).bytes]), "fotos-2.txt");
  const app = await anna.fetch(`${server.url}/mijn-zaken/${c.uuid}/antwoord`, {
    method: "POST", body: data, headers: { origin: server.url, accept: "application/json" },
  });
  assert.equal(app.status, 413);
  const problem = await app.json();
  assert.match(problem.detail, /would exceed the limit of 16384 bytes/);
  assert.deepEqual(problem.invalidParams.map((p) => [p.name, p.code]), [["bestand", "too-large"]]);
  assert.equal(await suspended(c), true);
  const alone = await form(anna, `/mijn-zaken/${c.uuid}/antwoord`, { body: "De tweede stuur ik per post." });
  assert.equal(alone.status, 303);
  assert.equal(await suspended(c), false);
});

test("inbox and e-mail: a staff message and an informing status reach the inbox; mail only when switched on", async () => {
  const bram = await person(`resident:${BRAM}`);
  // E-mail off (the default): an inbox line, no mail.
  await json(worker, `/api/v1/cases/${bramCase.uuid}/messages`, { method: "POST", body: JSON.stringify({ body: "Eerste bericht." }) });
  await until(async () => /U heeft een nieuw bericht/.test((await page(bram, "/berichten")).html), "the inbox line");
  const bramMails = () => smtp.mails.filter((m) => m.envelope.to.includes("bram@example.nl")).length;

  // Switched on with an address: the next informing event mails, the header counts it unread.
  const bad = await form(bram, "/berichten/voorkeuren", { email_enabled: "1", email: "geen adres" });
  assert.equal(bad.status, 303);
  assert.match(bad.headers.get("location"), /fout=email/);
  const saved = await form(bram, "/berichten/voorkeuren", { email_enabled: "1", email: "bram@example.nl" });
  assert.equal(saved.status, 303);
  assert.match((await page(bram, "/berichten")).html, /value="bram@example.nl"/);

  const st = await type.api(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: bramCase.url, statustype: type.statustypen[0], datumStatusGezet: new Date().toISOString() },
  });
  assert.equal(st.status, 201, st.text);
  const mail = await smtp.waitForMail((m) => m.envelope.to.includes("bram@example.nl"), 20_000);
  assert.match(mail.subject, /Nieuws over uw zaak/);
  assert.match(mail.text, new RegExp(`/mijn-zaken/${bramCase.uuid}`));
  assert.doesNotMatch(mail.text, new RegExp(BRAM)); // no personal number in a mail
  await until(async () => /class="site-nav__badge">\d/.test((await page(bram, "/mijn-zaken")).html), "the unread count");
  const inbox = (await page(bram, "/berichten")).html;
  assert.match(inbox, /De status van uw zaak is veranderd/);
  assert.match(inbox, /Uw aanvraag is ontvangen\./);

  // Switched off: a staff message reaches the inbox, no mail.
  assert.equal((await form(bram, "/berichten/voorkeuren", { email: "bram@example.nl" })).status, 303);
  const mailsNow = bramMails();
  await json(worker, `/api/v1/cases/${bramCase.uuid}/messages`, { method: "POST", body: JSON.stringify({ body: "Tweede bericht." }) });
  await until(async () => {
    const r = await json(bram, `/api/v1/cases/${bramCase.uuid}/messages`);
    return r.json.results.length >= 2;
  }, "the second message");
  // The resident's own message informs no one; the events are consumed in order, so once a
  // later event's line is there, the earlier mail would have been queued.
  await form(bram, `/mijn-zaken/${bramCase.uuid}/bericht`, { body: "Ok." });
  await json(worker, `/api/v1/cases/${bramCase.uuid}/messages`, { method: "POST", body: JSON.stringify({ body: "Derde bericht." }) });
  await until(async () => ((await page(bram, "/berichten")).html.match(/U heeft een nieuw bericht/g) ?? []).length >= 3, "three message lines");
  assert.equal(bramMails(), mailsNow);
});
