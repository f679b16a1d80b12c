// Staff log in with password and TOTP; failures are limited per account with growing delays.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, runLoket } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";
import { addStaff as createStaff, totp } from "./lib/staff.mjs";

const ORG = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const PASSWORD = "correct horse battery staple";
let server;

before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function addStaff(email, role = "case-worker") {
  const out = await createStaff(server, { email, organisation: ORG, role, password: PASSWORD, name: "Anna de Vries" });
  assert.equal(out.password, undefined, "a given password is not echoed");
  assert.match(out.totpUri, /^otpauth:\/\/totp\//);
  return out;
}

function login(browser, body) {
  return browser.fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
}

test("staff add refuses bad input and names the field", async () => {
  const r = await runLoket(["staff", "add", "--database", server.database.url, "--email", "not-an-address",
    "--name", "X", "--organisation", ORG, "--role", "case-worker",
    "--key-file", path.join(server.database.dir, "loket.keys")]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /email/);
  const role = await runLoket(["staff", "add", "--database", server.database.url, "--email", "x@y.nl",
    "--name", "X", "--organisation", ORG, "--role", "king",
    "--key-file", path.join(server.database.dir, "loket.keys")]);
  assert.notEqual(role.code, 0);
  assert.match(role.stderr, /role/);
});

test("password and TOTP code give a staff session with the roles", async () => {
  const s = await addStaff("anna@utrecht.example");
  const b = new Browser();
  const code = totp(s.totpSecret);
  const r = await login(b, { email: "Anna@Utrecht.example", password: PASSWORD, code });
  assert.equal(r.status, 200, await r.clone().text());
  assert.ok(b.cookie(server.url, "__Host-loket_session"));
  const me = await (await b.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.kind, "staff");
  assert.equal(me.email, "anna@utrecht.example");
  assert.deepEqual(me.roles, [{ organisation: ORG, role: "case-worker" }]);
  assert.ok(!JSON.stringify(me).includes("argon2"));

  // The same code cannot be used twice (the very code, not one computed anew: a new 30 s window
  // between the two calls would make that a different, valid code).
  const replay = await login(new Browser(), { email: "anna@utrecht.example", password: PASSWORD, code });
  assert.equal(replay.status, 401);
});

test("wrong password, wrong code and unknown address get one and the same answer", async () => {
  const s = await addStaff("bert@utrecht.example");
  const answers = [];
  for (const body of [
    { email: "bert@utrecht.example", password: "wrong password!", code: totp(s.totpSecret) },
    { email: "bert@utrecht.example", password: PASSWORD, code: totp(s.totpSecret, 5) },
    { email: "nobody@utrecht.example", password: PASSWORD, code: "123456" },
  ]) {
    const r = await login(new Browser(), body);
    assert.equal(r.status, 401);
    const p = await r.json();
    answers.push(p.detail);
  }
  assert.equal(new Set(answers).size, 1);
  const events = await server.database.query("SELECT outcome FROM login_events WHERE outcome = 'bad-credentials'");
  assert.ok(events.trim().split("\n").length >= 3);
});

test("missing fields are named", async () => {
  const r = await login(new Browser(), { email: "" });
  assert.equal(r.status, 400);
  const names = (await r.json()).invalidParams.map((p) => p.name).sort();
  assert.deepEqual(names, ["code", "email", "password"]);
  const garbage = await new Browser().fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" }, body: "{",
  });
  assert.equal(garbage.status, 400);
  // A body that is not sent as JSON is refused before it is read.
  const untyped = await new Browser().fetch(`${server.url}/auth/staff/login`, { method: "POST", body: "{}" });
  assert.equal(untyped.status, 415);
});

test("repeated failures lock the account for a growing time, with Retry-After", async () => {
  const s = await addStaff("carla@utrecht.example");
  const b = new Browser();
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    const r = await login(b, { email: "carla@utrecht.example", password: "not the password", code: "000000" });
    statuses.push(r.status);
    if (r.status === 429) {
      assert.ok(Number(r.headers.get("retry-after")) >= 1);
      assert.equal((await r.json()).status, 429);
    }
  }
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
  assert.equal(statuses[4], 429);
  // Even the right password is refused while locked.
  const locked = await login(b, { email: "carla@utrecht.example", password: PASSWORD, code: totp(s.totpSecret) });
  assert.equal(locked.status, 429);
});
