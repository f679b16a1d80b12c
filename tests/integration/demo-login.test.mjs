// The demo login of `make run`: only with --demo, and never in production mode.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, runLoket, createDatabase } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

test("with --demo a visitor picks a test resident and gets a session", async () => {
  const server = await startServer({ args: ["--demo", "--public-url", "http://127.0.0.1:1"] });
  servers.push(server);
  const page = await fetch(`${server.url}/auth/demo`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type"), /^text\/html/);
  const html = await page.text();
  assert.match(html, /<html lang="nl">/);
  assert.match(html, /value="resident:999993653"/);

  const b = new Browser();
  const bad = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "subject=resident:123456789",
  });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).invalidParams[0].name, "subject");

  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "subject=resident%3A999993653",
  });
  assert.equal(r.status, 303);
  const me = await b.fetch(`${server.url}/api/v1/me`);
  assert.equal(me.status, 200);
  const body = await me.json();
  assert.equal(body.provider, "demo");
  assert.equal(body.bsnMasked, "*****3653");

  const biz = new Browser();
  await biz.fetch(`${server.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "subject=business%3A12345678",
  });
  const bizMe = await (await biz.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(bizMe.kind, "business");
  assert.equal(bizMe.kvk, "12345678");
});

test("without --demo there is no demo login", async () => {
  const server = await startServer();
  servers.push(server);
  assert.equal((await fetch(`${server.url}/auth/demo`)).status, 404);
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "subject=resident%3A999993653",
  });
  assert.ok([404, 405].includes(r.status), `status ${r.status}`); // only the providers' GET route matches
  assert.equal(r.setCookies.length, 0);
  assert.equal((await b.fetch(`${server.url}/api/v1/me`)).status, 401);
});

test("production mode refuses to start with the demo login, and says so", async () => {
  const db = await createDatabase();
  try {
    const r = await runLoket(["serve", "--database", db.url, "--listen", "127.0.0.1:0", "--mode", "production",
      "--public-url", "https://loket.example.nl", "--demo"], { env: { LOKET_KEY_FILE: `${db.dir}/keys` } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--demo/);
    assert.match(r.stderr, /production/);
    assert.equal(r.stderr.trim().split("\n").length, 1, "one clear line");
  } finally {
    await db.drop();
  }
});
