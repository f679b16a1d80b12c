// `loket seed --dataset large` (the benchmark registry, small here) is shaped as the bench
// scenarios need: eight organisations with the largest first, the demo login's test persons
// with their cases, and a case worker of the largest organisation who sees its cases.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer, createDatabase, runLoket } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

test("the large dataset gives the bench its organisations, residents and case worker", async () => {
  const db = await createDatabase();
  cleanup.push(() => db.drop());
  const env = { LOKET_KEY_FILE: path.join(db.dir, "loket.keys") };
  assert.equal((await runLoket(["seed", "--database", db.url], { env })).code, 0);
  const r = await runLoket(["seed", "--database", db.url, "--dataset", "large", "--cases", "400",
    "--case-types", "16", "--seed", "7"], { env, timeout: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split("\n").pop());
  assert.equal(summary.zaken, 400);
  assert.equal(summary.organisations.length, 8);
  const [largest] = summary.organisations;
  assert.equal(largest.name, "Gemeente Utrecht");
  assert.equal(summary.organisations.reduce((n, o) => n + o.zaken, 0), 400);
  assert.ok(largest.zaken > 400 * 0.2, `the largest organisation has ${largest.zaken} of 400`);
  assert.ok(largest.zaaktypeUrls.length > 0);
  assert.deepEqual(summary.demoCases,
    { "resident:999993653": 8, "resident:999990019": 20, "resident:999991905": 1, "business:12345678": 12 });
  assert.ok(summary.businesses > 0 && summary.residents > 0);

  // Seeding again with the same seed changes nothing.
  const again = await runLoket(["seed", "--database", db.url, "--dataset", "large", "--cases", "400",
    "--case-types", "16", "--seed", "7"], { env, timeout: 120_000 });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout.trim().split("\n").pop()).zaken, 0);

  const server = await startServer({ database: db, seed: false, args: ["--demo"] });
  cleanup.push(() => server.stop());
  const orgs = await (await fetch(`${server.url}/api/v1/organisations?pageSize=100`)).json();
  assert.equal(orgs.count, 8);

  // The demo resident logs in and sees their eight cases; the business its twelve.
  for (const [subject, n] of [["resident%3A999993653", 8], ["business%3A12345678", 12]]) {
    const b = new Browser();
    const login = await b.fetch(`${server.url}/auth/demo/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `subject=${subject}`,
    });
    assert.equal(login.status, 303);
    const list = await b.fetch(`${server.url}/api/v1/cases`);
    assert.equal(list.status, 200);
    assert.equal((await list.json()).count, n, subject);
  }

  // A case worker of the largest organisation sees its cases (those up to their level).
  const staff = await staffBrowser(server, { email: "worker@example.org", organisation: largest.id, role: "case-worker" });
  const page = await (await staff.fetch(`${server.url}/api/v1/cases?organisation=${largest.id}&sort=deadline`)).json();
  assert.ok(page.count > 0 && page.count <= largest.zaken, `count ${page.count} of ${largest.zaken}`);
  for (const c of page.results) assert.equal(c.organisation.id, largest.id);
});
