// The resident's data tracker and export, and the append-only processing log behind them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";

let server;
before(async () => {
  server = await startServer({ args: ["--demo"] });
});
after(async () => { await server?.stop(); });

async function loginAs(subject) {
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `subject=${encodeURIComponent(subject)}`,
  });
  assert.equal(r.status, 303);
  return b;
}

test("without a session the tracker and the export are 401", async () => {
  assert.equal((await fetch(`${server.url}/api/v1/me/processing-log`)).status, 401);
  assert.equal((await fetch(`${server.url}/api/v1/me/export`)).status, 401);
});

test("a resident sees each login in their processing log, and only their own", async () => {
  const a = await loginAs("resident:999993653");
  await loginAs("resident:999993653");
  const other = await loginAs("resident:999990019");
  const r = await a.fetch(`${server.url}/api/v1/me/processing-log`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("cache-control"), "no-store");
  const log = await r.json();
  assert.equal(log.count, 2);
  for (const e of log.results) {
    assert.equal(e.name, "login");
    assert.equal(e.activity, "urn:loket:verwerkingsactiviteit:inloggen");
    assert.ok(e.purpose.length > 10);
    assert.ok(e.legalBasis.length > 3);
    assert.equal(e.actingForSelf, true);
    assert.match(e.operationId, /^[0-9a-f]{16}$/);
  }
  assert.ok(!JSON.stringify(log).includes("999993653"));
  const mine = await (await other.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  assert.equal(mine.count, 1);
  const paged = await (await a.fetch(`${server.url}/api/v1/me/processing-log?pageSize=1`)).json();
  assert.equal(paged.results.length, 1);
  assert.ok(paged.next);
  const bad = await a.fetch(`${server.url}/api/v1/me/processing-log?pageSize=0`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).invalidParams[0].name, "pageSize");
});

test("the export holds the person's data and is itself logged", async () => {
  const b = await loginAs("resident:999991905");
  const r = await b.fetch(`${server.url}/api/v1/me/export`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-disposition"), /attachment; filename="loket-mijn-gegevens\.json"/);
  const data = await r.json();
  assert.equal(data.format, "loket-export-1");
  assert.equal(data.subject.bsn, "999991905");
  assert.equal(data.sessions.length, 1);
  assert.equal(data.sessions[0].current, true);
  assert.deepEqual(data.processingLog.map((e) => e.name).sort(), ["export", "login"]);
  const log = await (await b.fetch(`${server.url}/api/v1/me/processing-log`)).json();
  assert.equal(log.results[0].name, "export");
  assert.equal(log.results[0].activity, "urn:loket:verwerkingsactiviteit:inzage");
});

test("the processing log is append-only and stores no BSN or KvK number in plain text", async () => {
  await loginAs("business:12345678");
  const dump = await server.database.query("SELECT * FROM processing_log");
  assert.ok(dump.length > 0);
  assert.ok(!dump.includes("12345678"), "numbers only encrypted and as a keyed hash");
  await assert.rejects(server.database.query("UPDATE processing_log SET name = 'x'"), /append-only/);
  await assert.rejects(server.database.query("DELETE FROM processing_log"), /append-only/);
  const sessions = await server.database.query("SELECT * FROM sessions");
  assert.ok(!sessions.includes("12345678"));
});
