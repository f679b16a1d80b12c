// A large upload is written to a nameless file as it arrives (--spool-above), not held in
// memory: three residents upload photos of megabytes at once to a server whose memory budget
// for bodies is 64 KiB, with Content-Length and chunked, and each gets back exactly the bytes
// sent. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { applyForm, PNG } from "./lib/apply-form.mjs";

const BUDGET = 65536;
let server;
before(async () => {
  server = await startServer({
    args: ["--demo", "--max-body", "4096", "--max-upload-body", String(8 * 1024 * 1024),
      "--max-document-size", String(3_000_000), "--spool-above", String(BUDGET), "--body-budget", String(BUDGET)],
  });
});
after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

// A photo of 2.5 MB as libmagic sees it: a PNG head before random bytes.
const photo = () => Buffer.concat([PNG, randomBytes(2_500_000)]);

// The documents step's post, sent chunked (no Content-Length): the body's size is unknown until
// its last chunk.
async function uploadChunked(b, bytes) {
  const data = new FormData();
  data.append("csrf", b.csrf);
  data.append("actie", "verder");
  data.append("bestand-0", new Blob([bytes], { type: "image/png" }), "foto.png");
  const req = new Request(`${server.url}/aanvragen/kapvergunning/documenten`, { method: "POST", body: data });
  const body = Buffer.from(await req.arrayBuffer());
  const url = new URL(req.url);
  const cookie = [...b.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ");
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: "POST", headers: { accept: "text/html", cookie, "x-csrf-token": b.csrf,
      "content-type": req.headers.get("content-type"), "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, location: res.headers.location }));
    });
    r.on("error", reject);
    for (let at = 0; at < body.length; at += 100_000) r.write(body.subarray(at, at + 100_000));
    r.end();
  });
}

test("uploads far larger than the body budget arrive whole, at the same time", async () => {
  const residents = await Promise.all(["resident:999993653", "resident:999990019", "resident:999991905"]
    .map((who) => demoPerson(server.url, who)));
  const form = applyForm(server);
  for (const [i, r] of residents.entries()) await form.fillIn(r, `spool${i}@voorbeeld.nl`);
  const photos = residents.map(photo);

  // All at once: in memory they would need 7.5 MB of a 64 KiB budget (503 each).
  const answers = await Promise.all(residents.map((r, i) => i === 2
    ? uploadChunked(r, photos[i])
    : form.upload(r, [["bestand-0", "foto.png", photos[i], "image/png"]], { actie: "verder" })));
  for (const [i, a] of answers.entries()) {
    assert.equal(a.status, 303, `resident ${i}: ${a.text ?? ""}`);
    assert.equal(a.location, "/aanvragen/kapvergunning/controleren");
  }

  // Each case holds the photo its resident sent, byte for byte.
  for (const [i, r] of residents.entries()) {
    const caseId = await form.send(r);
    const page = await form.get(r, `/mijn-zaken/${caseId}`);
    const href = page.text.match(/href="(\/mijn-zaken\/[0-9a-f-]{36}\/documenten\/[0-9a-f-]{36})"/)[1];
    const file = await r.fetch(`${server.url}${href}`);
    assert.equal(file.status, 200);
    assert.ok(Buffer.from(await file.arrayBuffer()).equals(photos[i]), `resident ${i}'s photo`);
  }

  // A small body still takes the budget and every other route keeps --max-body.
  const draft = await residents[0].fetch(`${server.url}/api/v1/me/drafts/vraag`, {
    method: "PUT", headers: { "content-type": "application/json", "x-csrf-token": residents[0].csrf },
    body: JSON.stringify({ answers: { question: "x".repeat(8000) }, step: "vraag" }),
  });
  assert.equal(draft.status, 413);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
});

// A download the client reads slowly: past --write-timeout it goes on as long as bytes keep
// leaving (--min-body-rate), where it used to be cut off.
test("a large download that the client reads slowly is not cut off at --write-timeout", async () => {
  const slow = await startServer({
    args: ["--demo", "--max-body", "4096", "--max-upload-body", String(16 * 1024 * 1024),
      "--max-document-size", String(14_000_000), "--write-timeout", "1000"],
  });
  try {
    const r = await demoPerson(slow.url, "resident:999993653");
    const form = applyForm(slow);
    await form.fillIn(r, "langzaam@voorbeeld.nl");
    const big = Buffer.concat([PNG, randomBytes(12_000_000)]);
    const up = await form.upload(r, [["bestand-0", "foto.png", big, "image/png"]], { actie: "verder" });
    assert.equal(up.status, 303, up.text);
    const caseId = await form.send(r);
    const page = await form.get(r, `/mijn-zaken/${caseId}`);
    const href = page.text.match(/href="(\/mijn-zaken\/[0-9a-f-]{36}\/documenten\/[0-9a-f-]{36})"/)[1];
    const url = new URL(href, slow.url);
    const cookie = [...r.cookies(url.origin)].map(([k, v]) => `${k}=${v}`).join("; ");
    // Reads nothing for twice the write timeout, then all of it.
    const got = await new Promise((resolve, reject) => {
      http.get(url, { headers: { cookie } }, (res) => {
        const chunks = [];
        res.pause();
        setTimeout(() => res.resume(), 2000);
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, bytes: Buffer.concat(chunks), complete: res.complete }));
        res.on("error", reject);
      }).on("error", reject);
    });
    assert.equal(got.status, 200);
    assert.ok(got.complete, "the whole answer arrived");
    assert.equal(got.bytes.length, big.length);
    assert.ok(got.bytes.equals(big));
  } finally {
    assert.equal(await slow.stop(), 0, `clean exit; stderr: ${slow.stderr().slice(-2000)}`);
  }
});
