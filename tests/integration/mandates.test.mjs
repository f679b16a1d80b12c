// Mandates: a parent lets a child act for them; staff register mandates given at the counter.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const PARENT = "999990019";
const CHILD = "999993653";
const STRANGER = "999991905";
let server;

before(async () => { server = await startServer({ args: ["--demo"] }); });
after(async () => { await server?.stop(); });

function inAYear() {
  return new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
}

async function person(subject) {
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `subject=${encodeURIComponent(subject)}`,
  });
  assert.equal(r.status, 303);
  b.csrf = (await (await b.fetch(`${server.url}/api/v1/me`)).json()).csrfToken;
  return b;
}

function send(b, method, url, body, { csrf = true } = {}) {
  return b.fetch(`${server.url}${url}`, {
    method,
    headers: { "content-type": "application/json", ...(csrf ? { "x-csrf-token": b.csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function problemNames(r) {
  return (await r.json()).invalidParams.map((p) => p.name);
}

test("a parent gives a child a mandate; the child acts for the parent until it is ended", async () => {
  const parent = await person(`resident:${PARENT}`);
  const child = await person(`resident:${CHILD}`);
  const stranger = await person(`resident:${STRANGER}`);

  assert.equal((await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: inAYear() },
    { csrf: false })).status, 403, "no CSRF token, no mandate");

  const r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: inAYear() });
  assert.equal(r.status, 201);
  const m = await r.json();
  assert.equal(m.representative.bsnMasked, "*****3653");
  assert.equal(m.active, true);
  assert.ok(!JSON.stringify(m).includes(CHILD) && !JSON.stringify(m).includes(PARENT));

  const given = await (await parent.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.deepEqual(given.given.map((x) => x.id), [m.id]);
  const received = await (await child.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.deepEqual(received.received.map((x) => x.id), [m.id]);
  assert.deepEqual((await (await stranger.fetch(`${server.url}/api/v1/me/mandates`)).json()).received, []);

  assert.equal((await send(stranger, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 404);
  assert.equal((await send(parent, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 403);
  assert.equal((await send(child, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 200);
  const me = await (await child.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.bsnMasked, "*****3653");
  assert.equal(me.actingFor.mandateId, m.id);
  assert.equal(me.actingFor.bsnMasked, "*****0019");

  assert.equal((await send(stranger, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 404);
  assert.equal((await send(parent, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 204);
  assert.equal((await send(parent, "DELETE", `/api/v1/me/mandates/${m.id}`)).status, 409);
  const after = await (await child.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(after.actingFor, undefined, "a revoked mandate ends acting at once");

  const log = await (await parent.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  const names = log.results.map((e) => e.name);
  assert.ok(names.includes("grant-mandate") && names.includes("revoke-mandate"), names.join());
  assert.ok(log.results.every((e) => e.activity !== undefined));
});

test("bad mandates are refused, naming the field", async () => {
  const parent = await person(`resident:${PARENT}`);
  let r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: "123456789", validUntil: inAYear() });
  assert.equal(r.status, 400);
  assert.deepEqual(await problemNames(r), ["representativeBsn"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: "2020-01-01" });
  assert.deepEqual(await problemNames(r), ["validUntil"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: CHILD, validUntil: "2027-02-30" });
  assert.deepEqual(await problemNames(r), ["validUntil"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", { representativeBsn: PARENT, validUntil: inAYear() });
  assert.deepEqual(await problemNames(r), ["representativeBsn"]);
  r = await send(parent, "POST", "/api/v1/me/mandates", {});
  assert.deepEqual((await problemNames(r)).sort(), ["representativeBsn", "validUntil"]);
  const garbage = await parent.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { "content-type": "application/json", "x-csrf-token": parent.csrf }, body: "{nope",
  });
  assert.equal(garbage.status, 400);
  const untyped = await parent.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { "x-csrf-token": parent.csrf }, body: JSON.stringify({ representativeBsn: CHILD, validUntil: inAYear() }),
  });
  assert.equal(untyped.status, 415, "a body without Content-Type: application/json is refused");
  const mine = await (await parent.fetch(`${server.url}/api/v1/me/mandates`)).json();
  assert.ok(mine.given.every((m) => m.revoked), "no half-written mandate from the refusals");
});

test("case workers register mandates for residents and businesses; contractors and residents cannot", async () => {
  const worker = await staffBrowser(server, { email: "counter@org1.example", organisation: ORG1, role: "case-worker" });
  const contractor = await staffBrowser(server, { email: "roads@org1.example", organisation: ORG1, role: "contractor" });
  const resident = await person(`resident:${STRANGER}`);
  const body = { subjectKvk: "12345678", representativeBsn: STRANGER, validUntil: inAYear() };
  assert.equal((await send(contractor, "POST", "/api/v1/mandates", body)).status, 403);
  assert.equal((await send(resident, "POST", "/api/v1/mandates", body)).status, 403);
  const r = await send(worker, "POST", "/api/v1/mandates", body);
  assert.equal(r.status, 201);
  const m = await r.json();
  assert.equal(m.grantedBy, "staff");
  assert.deepEqual(m.represented, { kind: "business", kvk: "12345678" });
  const bad = await send(worker, "POST", "/api/v1/mandates", { subjectBsn: "1", representativeBsn: STRANGER, validUntil: inAYear() });
  assert.deepEqual(await problemNames(bad), ["subjectBsn"]);

  // The representative now acts for the business.
  assert.equal((await send(resident, "PUT", "/api/v1/me/acting-for", { mandateId: m.id })).status, 200);
  const me = await (await resident.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.actingFor.kvk, "12345678");
  assert.equal((await send(resident, "DELETE", "/api/v1/me/acting-for")).status, 204);
  assert.equal((await (await resident.fetch(`${server.url}/api/v1/me`)).json()).actingFor, undefined);
  // The business sees the registration in its processing log.
  const business = await person("business:12345678");
  const log = await (await business.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  const entry = log.results.find((e) => e.name === "register-mandate");
  assert.ok(entry);
  assert.equal(entry.actorKind, "staff");
  assert.equal(entry.actorRole, "case-worker");
  assert.equal(entry.actingForSelf, false);
});
