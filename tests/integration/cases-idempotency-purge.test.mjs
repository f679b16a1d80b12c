// Idempotency-Keys of POST /api/v1/cases are not kept for ever: after --idempotency-retention
// (seconds) a submit purges the older ones, so the same key then makes a new case instead of
// returning the first one (issue 9). A server of its own with a retention of one second.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { startZgwServer } from "./lib/zgw.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { demoPerson } from "./lib/browser.mjs";

const RSIN1 = "002220647";
const ANNA = "999993653";

let server;
let type1;

async function submit(b, body, key) {
  const r = await b.fetch(`${server.url}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": b.csrf, "idempotency-key": key },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

before(async () => {
  server = await startZgwServer({ args: ["--demo", "--idempotency-retention", "1"] });
  type1 = await publishedZaaktype(server, { rsin: RSIN1 });
});
after(async () => { await server?.stop(); });

test("a key is remembered within the retention and purged after it", async () => {
  const anna = await demoPerson(server.url, `resident:${ANNA}`);
  const body = { caseType: type1.uuid, description: "Een eik kappen" };
  const first = await submit(anna, body, "purge-me");
  assert.equal(first.status, 201, JSON.stringify(first.json));
  const again = await submit(anna, body, "purge-me");
  assert.equal(again.status, 200, "a retry within the retention returns the first case");
  assert.equal(again.json.id, first.json.id);
  // Past the retention, the next new submit purges the old key.
  await sleep(2100);
  const other = await submit(anna, body, "another-key");
  assert.equal(other.status, 201, JSON.stringify(other.json));
  const late = await submit(anna, body, "purge-me");
  assert.equal(late.status, 201, "the purged key makes a new case");
  assert.notEqual(late.json.id, first.json.id);
});

test("--idempotency-retention refuses what is not a whole number of seconds", async () => {
  const { spawnSync } = await import("node:child_process");
  const { bin } = await import("./lib/server.mjs");
  const r = spawnSync(bin, ["serve", "--idempotency-retention", "-5", "--listen", "127.0.0.1:0"],
    { encoding: "utf8", timeout: 10000 });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr + r.stdout, /idempotency-retention/);
});
