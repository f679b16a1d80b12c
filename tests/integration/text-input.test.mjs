// Every text that enters through a request body is valid UTF-8 without NUL (issue 8, F7): a NUL
// (`\u0000`) or raw invalid UTF-8 in any field, key or value, at any depth, is a 400 naming the
// field, on SQLite and on PostgreSQL (which stores no NUL and no invalid UTF-8 in text), and
// nothing of the refused request is stored.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, token, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { addStaff, staffBrowser, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const RSIN1 = "002220647";
const EMAIL = "text.input@org1.example";
const IN_A_YEAR = new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
const json = { "content-type": "application/json" };
let server;

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  await addStaff(server, { email: EMAIL, organisation: ORG1, role: "case-worker" });
});
after(async () => { await server?.stop(); });

// A body with one raw byte 0xFF inside the string value of `field` (JSON.stringify cannot make it).
function withInvalidByte(object, field) {
  const text = JSON.stringify({ ...object, [field]: "MARK" });
  const [head, tail] = text.split("MARK");
  return Buffer.concat([Buffer.from(head), Buffer.from([0x61, 0xff, 0x62]), Buffer.from(tail)]);
}

async function count(table) {
  return Number((await server.database.query(`SELECT COUNT(*) FROM ${table}`)).trim());
}

// What the tables hold that a refused request might have written to.
async function snapshot() {
  const out = {};
  for (const t of ["login_events", "login_failures", "staff_password_resets", "outbox", "mandates", "sessions",
    "zgw_zaken", "processing_log"]) {
    out[t] = await count(t);
  }
  return out;
}

async function expectRefused(response, field) {
  const text = await response.text();
  assert.equal(response.status, 400, text);
  assert.match(response.headers.get("content-type"), /^application\/problem\+json/);
  const problem = JSON.parse(text);
  assert.deepEqual(problem.invalidParams.map((p) => [p.name, p.code]), [[field, "invalid-text"]], text);
}

function post(path, body, headers = {}, browser) {
  const init = { method: "POST", headers: { ...json, ...headers }, body };
  return browser ? browser.fetch(`${server.url}${path}`, init) : fetch(`${server.url}${path}`, init);
}

test("staff login: a NUL or invalid UTF-8 in a field is 400 naming it, and nothing is recorded", async () => {
  const before = await snapshot();
  const login = { email: EMAIL, password: STAFF_PASSWORD, code: "123456" };
  await expectRefused(await post("/auth/staff/login", JSON.stringify({ ...login, email: "text.input\u0000@org1.example" })),
    "email");
  await expectRefused(await post("/auth/staff/login", JSON.stringify({ ...login, password: "a\u0000b" })), "password");
  await expectRefused(await post("/auth/staff/login", withInvalidByte(login, "email")), "email");
  await expectRefused(await post("/auth/staff/login", withInvalidByte(login, "code")), "code");
  assert.deepEqual(await snapshot(), before, "no login event, failure or session from a refused login");
});

test("password reset and its confirmation: bad text is 400 naming the field, nothing stored or mailed", async () => {
  const before = await snapshot();
  await expectRefused(await post("/auth/staff/password-reset", JSON.stringify({ email: `${EMAIL}\u0000` })), "email");
  await expectRefused(await post("/auth/staff/password-reset", withInvalidByte({}, "email")), "email");
  const confirm = { token: "x".repeat(43), password: "a new and long password", code: "123456" };
  await expectRefused(await post("/auth/staff/password-reset/confirm",
    JSON.stringify({ ...confirm, password: "a new and long\u0000password" })), "password");
  await expectRefused(await post("/auth/staff/password-reset/confirm", withInvalidByte(confirm, "token")), "token");
  assert.deepEqual(await snapshot(), before, "no reset link, mail, counted request or failure");
});

test("mandates: bad text anywhere in the body, however deep, is 400 naming its path", async () => {
  const b = new Browser();
  const login = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "subject=resident%3A999990019",
  });
  assert.equal(login.status, 303);
  const csrf = { "x-csrf-token": (await (await b.fetch(`${server.url}/api/v1/me`)).json()).csrfToken };
  const mandate = { representativeBsn: "999991905", validUntil: IN_A_YEAR };
  const before = await snapshot();
  await expectRefused(await post("/api/v1/me/mandates",
    JSON.stringify({ ...mandate, representativeBsn: "99999\u00001905" }), csrf, b), "representativeBsn");
  await expectRefused(await post("/api/v1/me/mandates",
    JSON.stringify({ ...mandate, remark: { lines: ["fine", "not\u0000fine"] } }), csrf, b), "remark.lines.1");
  await expectRefused(await post("/api/v1/me/mandates", withInvalidByte(mandate, "validUntil"), csrf, b), "validUntil");
  assert.deepEqual(await snapshot(), before, "no mandate and no processing record");
  // A wrong media type is 415, deep nesting 400.
  const typed = await post("/api/v1/me/mandates", JSON.stringify(mandate), { ...csrf, "content-type": "text/plain" }, b);
  assert.equal(typed.status, 415);
  const deep = await post("/api/v1/me/mandates", `{"a":${"[".repeat(100)}${"]".repeat(100)}}`, csrf, b);
  assert.equal(deep.status, 400);
  assert.deepEqual((await deep.json()).invalidParams.map((p) => p.name), ["body"]);
  assert.deepEqual(await snapshot(), before);
});

test("ZGW: a NUL or invalid UTF-8 in a zaak is a ValidatieFout naming the field, and no zaak is stored", async () => {
  const type = await publishedZaaktype(server, { rsin: RSIN1 });
  const zaak = { bronorganisatie: RSIN1, verantwoordelijkeOrganisatie: RSIN1, zaaktype: type.zaaktype,
    startdatum: "2026-01-05", omschrijving: "Een boom kappen" };
  const before = await count("zgw_zaken");
  const send = (body) => fetch(`${server.url}${ZAKEN}/zaken`, {
    method: "POST", body,
    headers: { ...json, "content-crs": "EPSG:4326", "accept-crs": "EPSG:4326",
      authorization: `Bearer ${token(type.client.id, type.client.secret)}` },
  });
  const check = async (r, field) => {
    const text = await r.text();
    assert.equal(r.status, 400, text);
    const problem = JSON.parse(text);
    assert.equal(problem.code, "invalid", text);
    assert.deepEqual(problem.invalidParams.map((p) => p.name), [field], text);
  };
  await check(await send(JSON.stringify({ ...zaak, omschrijving: "Een boom\u0000kappen" })), "omschrijving");
  await check(await send(JSON.stringify({ ...zaak, kenmerken: [{ kenmerk: "k", bron: "b\u0000" }] })), "kenmerken.0.bron");
  await check(await send(withInvalidByte(zaak, "toelichting")), "toelichting");
  assert.equal(await count("zgw_zaken"), before);
  // _zoek reads its body through the same door.
  const zoek = await fetch(`${server.url}${ZAKEN}/zaken/_zoek`, {
    method: "POST", body: JSON.stringify({ identificatie: "a\u0000" }),
    headers: { ...json, "content-crs": "EPSG:4326", "accept-crs": "EPSG:4326",
      authorization: `Bearer ${token(type.client.id, type.client.secret)}` },
  });
  await check(zoek, "identificatie");
  // The engine's own answers for the rest stay as they were.
  assert.equal((await send(JSON.stringify(zaak).slice(0, -1))).status, 400);
  const typed = await fetch(`${server.url}${ZAKEN}/zaken`, {
    method: "POST", body: JSON.stringify(zaak),
    headers: { "content-type": "text/plain", "content-crs": "EPSG:4326", "accept-crs": "EPSG:4326",
      authorization: `Bearer ${token(type.client.id, type.client.secret)}` },
  });
  assert.equal(typed.status, 415);
  assert.equal((await typed.json()).code, "unsupported_media_type");
});

test("form bodies: a field that decodes to a NUL or invalid UTF-8 is 400 naming it", async () => {
  for (const value of ["%00", "%FF", "resident%3A999990019%00"]) {
    const r = await fetch(`${server.url}/auth/demo/login`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `subject=${value}`,
    });
    assert.equal(r.status, 400, value);
    assert.deepEqual((await r.json()).invalidParams.map((p) => p.name), ["subject"]);
  }
  // A staff member's JSON API answers the same way when logged in (the session is no way around it).
  const worker = await staffBrowser(server, { email: "text.worker@org1.example", organisation: ORG1, role: "case-worker" });
  const r = await post("/api/v1/mandates",
    JSON.stringify({ subjectBsn: "999990019\u0000", representativeBsn: "999991905", validUntil: IN_A_YEAR }),
    { "x-csrf-token": worker.csrf }, worker);
  await expectRefused(r, "subjectBsn");
});
