// Documents a case worker adds to a case (issues 13, 12): the "Document toevoegen" form on the
// back office's case page (multipart, the CSRF token in its hidden field, post/redirect/get),
// refusals next to the field with nothing written, every document of the case listed with a
// staff download, and the resident seeing (and downloading) only the documents meant for them:
// an internal document is a 404 for the resident, also when they guess its id. The JSON door
// beside the form. Staff of another organisation do not learn the case exists. On SQLite and
// PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startZgwServer } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const ANNA = "999993653";
const BRAM = "999990019";

// The smallest PNG there is (1×1), a PDF's start, and a page that calls itself a PDF.
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c6300010000050001" + "0d0a2db40000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const HTML = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");

let server, type, annaCase, worker, admin, other, anna, bram;

before(async () => {
  server = await startZgwServer({ args: ["--demo", "--max-document-size", "4096"] });
  type = await publishedZaaktype(server, { rsin: "002220647", informeren: true });
  annaCase = await registerCase(type, { bsn: ANNA });
  worker = await staffBrowser(server, { email: "docs-worker@org1.example", organisation: ORG1, role: "case-worker" });
  admin = await staffBrowser(server, { email: "docs-admin@org1.example", organisation: ORG1, role: "administrator" });
  other = await staffBrowser(server, { email: "docs-worker@org2.example", organisation: ORG2, role: "case-worker" });
  anna = await demoPerson(server.url, `resident:${ANNA}`);
  bram = await demoPerson(server.url, `resident:${BRAM}`);
});
after(async () => { await server?.stop(); });

// A request as a browser navigating sends it, with the browser's cookies.
function browse(b, path, { method = "GET", body, headers = {} } = {}) {
  const url = new URL(`${server.url}${path}`);
  const cookie = b ? [...b.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  const all = { accept: "text/html", "sec-fetch-mode": "navigate", ...(cookie ? { cookie } : {}), ...headers };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: all }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, html: bytes.toString("utf8"), bytes });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
const page = (b, path) => browse(b, path);
// The form as a browser without JavaScript sends it: multipart, the token in a hidden field.
async function addForm(b, caseId, { file, title, visible, csrf = b.csrf } = {}) {
  const data = new FormData();
  if (csrf !== null) data.append("csrf", csrf);
  if (file) data.append("bestand", new Blob([file.bytes], { type: file.type ?? "application/octet-stream" }), file.name);
  else data.append("bestand", new Blob([]), "");
  if (title !== undefined) data.append("titel", title);
  if (visible) data.append("zichtbaar", "1");
  const req = new Request(`${server.url}/behandelen/zaken/${caseId}/documenten`, { method: "POST", body: data });
  const body = Buffer.from(await req.arrayBuffer());
  const r = await browse(b, `/behandelen/zaken/${caseId}/documenten`, {
    method: "POST", body, headers: { "content-type": req.headers.get("content-type"), origin: server.url },
  });
  return { status: r.status, location: r.headers.location, html: r.html };
}
const count = async (sql) => Number((await server.database.query(sql)).trim());
const links = (html, prefix) => [...html.matchAll(new RegExp(`href="(${prefix}/documenten/[0-9a-f-]{36})"`, "g"))].map((m) => m[1]);

test("the staff case page offers the form: multipart, CSRF field, unticked visibility, labels", async () => {
  const r = await page(worker, `/behandelen/zaken/${annaCase.uuid}`);
  assert.equal(r.status, 200);
  assert.match(r.html, /<h3[^>]*id="document-toevoegen"[^>]*>Document toevoegen<\/h3>/);
  assert.match(r.html, new RegExp(`action="/behandelen/zaken/${annaCase.uuid}/documenten" enctype="multipart/form-data"`));
  const form = r.html.slice(r.html.indexOf(`/behandelen/zaken/${annaCase.uuid}/documenten"`));
  assert.match(form, /<input type="hidden" name="csrf" value="[^"]+">/);
  assert.match(form, /<input[^>]+id="document-bestand"[^>]+name="bestand"[^>]+type="file"/);
  assert.match(form, /<label[^>]+for="document-zichtbaar">Zichtbaar voor de aanvrager<\/label>/);
  assert.match(form, /id="document-zichtbaar" name="zichtbaar" value="1">/); // not checked
  assert.match(r.html, /Deze zaak heeft nog geen documenten\./);
  // In English too.
  assert.match((await page(worker, `/behandelen/zaken/${annaCase.uuid}?lang=en`)).html, /Visible to the applicant/);
  // Someone who may only read the case sees no form.
  const ro = await page(admin, `/behandelen/zaken/${annaCase.uuid}`);
  assert.equal(ro.status, 200);
  assert.doesNotMatch(ro.html, /id="document-toevoegen"/);
});

test("refusals: no file, wrong type, too large, missing CSRF, a reader; nothing is written", async () => {
  const id = annaCase.uuid;
  const before = await count("SELECT COUNT(*) FROM staff_documents");
  const docsBefore = await count("SELECT COUNT(*) FROM documents");
  let r = await addForm(worker, id, { title: "Zonder bestand" });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/behandelen/zaken/${id}?doc-fout=bestand#document-toevoegen`);
  let shown = await page(worker, r.location.split("#")[0]);
  assert.match(shown.html, /<a class="utrecht-link" href="#document-bestand">Kies een bestand\.<\/a>/);
  assert.match(shown.html, /id="document-bestand-error"><span class="visually-hidden">[^<]+<\/span>Kies een bestand\./);
  assert.match(shown.html, /id="document-bestand"[^>]+aria-describedby="document-bestand-hint document-bestand-error" aria-invalid="true"/);

  r = await addForm(worker, id, { file: { name: "brief.pdf", bytes: HTML, type: "application/pdf" } });
  assert.equal(r.location, `/behandelen/zaken/${id}?doc-fout=type#document-toevoegen`);
  shown = await page(worker, r.location.split("#")[0]);
  assert.match(shown.html, /Dit bestand is geen PDF, foto \(PNG of JPEG\) of tekstbestand\./);

  r = await addForm(worker, id, { file: { name: "groot.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]) } });
  assert.equal(r.location, `/behandelen/zaken/${id}?doc-fout=groot#document-toevoegen`);
  shown = await page(worker, `${r.location.split("#")[0]}&lang=en`);
  assert.match(shown.html, /The file is too large\. A file may be at most 4 kB\./);

  r = await addForm(worker, id, { file: { name: "brief.pdf", bytes: PDF }, title: "x".repeat(201) });
  assert.equal(r.location, `/behandelen/zaken/${id}?doc-fout=titel#document-toevoegen`);

  // Without the token: refused, nothing kept.
  r = await addForm(worker, id, { file: { name: "brief.pdf", bytes: PDF }, csrf: null });
  assert.equal(r.status, 403);
  r = await addForm(worker, id, { file: { name: "brief.pdf", bytes: PDF }, csrf: "not-the-token" });
  assert.equal(r.status, 403);
  // An administrator of the organisation reads the case but does not handle it.
  r = await addForm(admin, id, { file: { name: "brief.pdf", bytes: PDF } });
  assert.equal(r.location, `/behandelen/zaken/${id}?doc-fout=forbidden#document-toevoegen`);
  // Staff of another organisation: the case does not exist for them.
  r = await addForm(other, id, { file: { name: "brief.pdf", bytes: PDF } });
  assert.equal(r.status, 404);
  // A resident is no staff.
  r = await addForm(anna, id, { file: { name: "brief.pdf", bytes: PDF } });
  assert.equal(r.status, 403);

  assert.equal(await count("SELECT COUNT(*) FROM staff_documents"), before);
  assert.equal(await count("SELECT COUNT(*) FROM documents"), docsBefore);
});

test("an internal and a visible document: staff see both, the resident only the visible one", async () => {
  const id = annaCase.uuid;
  let r = await addForm(worker, id, { file: { name: "notitie.txt", bytes: Buffer.from("Interne notitie: buurman gebeld.\n") }, title: "Interne notitie" });
  assert.equal(r.status, 303, r.html);
  assert.equal(r.location, `/behandelen/zaken/${id}?gedaan=document#documenten`);
  r = await addForm(worker, id, { file: { name: "ontvangstbevestiging.pdf", bytes: PDF }, title: "Ontvangstbevestiging", visible: true });
  assert.equal(r.status, 303, r.html);
  const rows = await server.database.query(`SELECT title, visible FROM staff_documents WHERE case_id = '${id}' ORDER BY created_at`);
  assert.deepEqual(rows.trim().split("\n"), ["Interne notitie|0", "Ontvangstbevestiging|1"]);
  // Linked to the case as its informatieobject, as a resident's upload is.
  assert.equal(await count(`SELECT COUNT(*) FROM document_links dl JOIN staff_documents s ON s.document_uuid = dl.document_uuid WHERE dl.object = '/zgw/zaken/api/v1/zaken/${id}'`), 2);

  // The staff page lists both with who added them and who sees them; both download.
  const staffPage = await page(worker, `/behandelen/zaken/${id}?gedaan=document`);
  assert.match(staffPage.html, /Het document is toegevoegd\./);
  assert.match(staffPage.html, /Interne notitie \(notitie\.txt\)/);
  assert.match(staffPage.html, /Alleen voor medewerkers\./);
  assert.match(staffPage.html, /Ontvangstbevestiging \(ontvangstbevestiging\.pdf\)/);
  assert.match(staffPage.html, /De aanvrager ziet dit document\./);
  const staffLinks = links(staffPage.html, `/behandelen/zaken/${id}`);
  assert.equal(staffLinks.length, 2);
  const [internalHref, visibleHref] = staffLinks;
  const internalId = internalHref.split("/").pop();
  const visibleId = visibleHref.split("/").pop();
  const file = await page(worker, internalHref);
  assert.equal(file.status, 200);
  assert.match(file.headers["content-disposition"], /^attachment/);
  assert.equal(file.headers["x-content-type-options"], "nosniff");
  assert.equal(file.html, "Interne notitie: buurman gebeld.\n");
  // A reader of the organisation downloads too; another organisation's staff get a 404.
  assert.equal((await page(admin, visibleHref)).status, 200);
  assert.equal((await page(other, visibleHref)).status, 404);
  assert.equal((await page(other, `/behandelen/zaken/${id}`)).status, 404);
  // A document of another case is not this case's.
  const bramCase = await registerCase(type, { bsn: BRAM });
  assert.equal((await page(worker, `/behandelen/zaken/${bramCase.uuid}/documenten/${internalId}`)).status, 404);

  // The resident: the visible one on the case page, downloadable; the internal one nowhere.
  const own = await page(anna, `/mijn-zaken/${id}`);
  assert.equal(own.status, 200);
  assert.match(own.html, /Ontvangstbevestiging<\/a> <span class="case-documents__who">\(van de gemeente\)<\/span>/);
  assert.doesNotMatch(own.html, /Interne notitie/);
  assert.doesNotMatch(own.html, new RegExp(internalId));
  assert.deepEqual(links(own.html, `/mijn-zaken/${id}`), [`/mijn-zaken/${id}/documenten/${visibleId}`]);
  const got = await page(anna, `/mijn-zaken/${id}/documenten/${visibleId}`);
  assert.equal(got.status, 200);
  assert.match(got.headers["content-disposition"], /^attachment/);
  assert.deepEqual(got.bytes, PDF);
  // Guessing the internal document's id: a 404, as for any document that is not theirs.
  assert.equal((await page(anna, `/mijn-zaken/${id}/documenten/${internalId}`)).status, 404);
  // Someone else: neither.
  assert.equal((await page(bram, `/mijn-zaken/${id}/documenten/${visibleId}`)).status, 404);
  // Staff do not download through the resident's address.
  assert.equal((await page(worker, `/mijn-zaken/${id}/documenten/${visibleId}`)).status, 404);
});

test("a visible document puts a line in the resident's inbox; an internal one does not", async () => {
  const kase = await registerCase(type, { bsn: BRAM, omschrijving: "Inbox-zaak" });
  const r = await addForm(worker, kase.uuid, { file: { name: "intern.txt", bytes: Buffer.from("alleen intern\n") } });
  assert.equal(r.status, 303);
  const v = await addForm(worker, kase.uuid, { file: { name: "besluit.pdf", bytes: PDF }, title: "Uitleg bij uw aanvraag", visible: true });
  assert.equal(v.status, 303);
  const end = Date.now() + 15_000;
  let inbox;
  for (;;) {
    inbox = (await page(bram, "/berichten")).html;
    if (/Er is een nieuw document bij uw zaak/.test(inbox) || Date.now() > end) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.match(inbox, /Er is een nieuw document bij uw zaak/);
  assert.match(inbox, /Uitleg bij uw aanvraag/);
  const kinds = await server.database.query(`SELECT kind FROM inbox_items WHERE case_id = '${kase.uuid}' ORDER BY created_at`);
  assert.equal(kinds.split("\n").filter((k) => k.trim() === "case.document_added").length, 1);
});

test("the JSON door: base64 content, the same checks, 403 for a reader, 404 for another organisation", async () => {
  const id = annaCase.uuid;
  const call = async (b, body, csrf = b.csrf) => {
    const r = await b.fetch(`${server.url}/api/v1/cases/${id}/documents`, {
      method: "POST", headers: { "content-type": "application/json", ...(csrf ? { "x-csrf-token": csrf } : {}) },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : undefined, headers: r.headers };
  };
  const ok = await call(worker, { filename: "foto.png", title: "Foto van de boom", content: PNG.toString("base64"), visibleToApplicant: true });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.mediaType, "image/png");
  assert.equal(ok.json.visibleToApplicant, true);
  assert.equal(ok.json.size, PNG.length);
  assert.equal(ok.headers.get("location"), ok.json.download);
  assert.deepEqual((await page(anna, `/mijn-zaken/${id}/documenten/${ok.json.id}`)).bytes, PNG);
  // Invisible by default.
  const hidden = await call(worker, { filename: "intern.txt", content: Buffer.from("intern\n").toString("base64") });
  assert.equal(hidden.status, 201);
  assert.equal(hidden.json.visibleToApplicant, false);
  assert.equal(hidden.json.title, "intern.txt");
  assert.equal((await page(anna, `/mijn-zaken/${id}/documenten/${hidden.json.id}`)).status, 404);
  // Refusals name the field.
  let r = await call(worker, { filename: "x.pdf", content: HTML.toString("base64") });
  assert.equal(r.status, 400);
  assert.equal(r.json.invalidParams[0].name, "content");
  r = await call(worker, { filename: "x.pdf", content: Buffer.alloc(5000, 0x25).toString("base64") });
  assert.equal(r.status, 413);
  r = await call(worker, { content: PDF.toString("base64") });
  assert.equal(r.status, 400);
  assert.equal(r.json.invalidParams[0].name, "filename");
  r = await call(worker, { filename: "x.pdf", content: PDF.toString("base64"), visibleToApplicant: "ja" });
  assert.equal(r.status, 400);
  assert.equal(r.json.invalidParams[0].name, "visibleToApplicant");
  r = await call(worker, { filename: "x.pdf", content: PDF.toString("base64") }, null);
  assert.equal(r.status, 403);
  assert.equal((await call(admin, { filename: "x.pdf", content: PDF.toString("base64") })).status, 403);
  assert.equal((await call(other, { filename: "x.pdf", content: PDF.toString("base64") })).status, 404);
  assert.equal((await call(anna, { filename: "x.pdf", content: PDF.toString("base64") })).status, 403);
});
