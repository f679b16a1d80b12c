// The forms that upload files take larger bodies than the rest of the server (--max-upload-body
// beside --max-body): a resident's phone photo fits in the application's documents step while
// every other route keeps the small limit, and the page states the limit that holds. On SQLite
// and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { applyForm, PNG } from "./lib/apply-form.mjs";

let server;
before(async () => {
  server = await startServer({
    args: ["--demo", "--max-body", "4096", "--max-upload-body", "262144", "--max-document-size", "200000"],
  });
});
after(async () => { await server?.stop(); });

// A real PNG (1×1) followed by padding: a photo of 100 kB as libmagic sees it.
const PHOTO = Buffer.concat([PNG, Buffer.alloc(100_000)]);

// The post a browser navigating makes (Sec-Fetch-Mode: navigate, which fetch() does not send).
async function navigatePost(b, path, bytes) {
  const data = new FormData();
  data.append("csrf", b.csrf);
  data.append("bestand-0", new Blob([bytes], { type: "image/png" }), "foto.png");
  const req = new Request(`${server.url}${path}`, { method: "POST", body: data });
  const body = Buffer.from(await req.arrayBuffer());
  const url = new URL(`${server.url}${path}`);
  const cookie = [...b.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ");
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: "POST", headers: { accept: "text/html", "sec-fetch-mode": "navigate", cookie,
      "content-type": req.headers.get("content-type"), "content-length": body.length } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    r.on("error", reject);
    r.end(body);
  });
}

test("a photo larger than --max-body goes through the documents step; other routes keep --max-body", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const form = applyForm(server);
  await form.fillIn(a, "groot@voorbeeld.nl");
  const page = await a.fetch(`${server.url}/aanvragen/kapvergunning/documenten`, { headers: { accept: "text/html" } });
  // The limit the page states: the document limit, which fits in an upload's post.
  assert.match(await page.text(), /196 kB per bestand/);
  const r = await form.upload(a, [["bestand-0", "foto.png", PHOTO, "image/png"]], { actie: "verder" });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, "/aanvragen/kapvergunning/controleren");
  const check = await a.fetch(`${server.url}/aanvragen/kapvergunning/controleren`, { headers: { accept: "text/html" } });
  assert.match(await check.text(), /foto\.png/);

  // Past the upload limit: 413 before the body is read; the browser gets the site's page
  // saying what to do, an app problem+json naming the limit.
  const tooLarge = await navigatePost(a, "/aanvragen/kapvergunning/documenten", Buffer.concat([PHOTO, Buffer.alloc(200_000)]));
  assert.equal(tooLarge.status, 413);
  assert.match(tooLarge.headers["content-type"], /text\/html/);
  assert.match(tooLarge.text, /<h1[^>]*>Wat u stuurde is te groot<\/h1>/);
  assert.match(tooLarge.text, /kies een kleiner bestand/);
  const data = new FormData();
  data.append("bestand-0", new Blob([Buffer.alloc(300_000)]), "groot.png");
  const app = await a.fetch(`${server.url}/aanvragen/kapvergunning/documenten`, { method: "POST", headers: { accept: "application/json" }, body: data });
  assert.equal(app.status, 413);
  assert.match(app.headers.get("content-type"), /application\/problem\+json/);
  assert.match(await app.text(), /262144 bytes/);
  // Any other route: --max-body.
  const draft = await a.fetch(`${server.url}/api/v1/me/drafts/vraag`, {
    method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": a.csrf },
    body: JSON.stringify({ answers: { question: "x".repeat(8000) }, step: "vraag" }),
  });
  assert.equal(draft.status, 413);
  assert.match(await draft.text(), /4096 bytes/);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
});
