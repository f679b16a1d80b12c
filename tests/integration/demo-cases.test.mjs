// The demo (issue 12, "The demo"): `loket seed --demo-cases` gives the demo logins cases at
// several statuses in all three organisations, once, however often it runs; the resident sees
// them in their list, one waiting for their answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createDatabase, runLoket, startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";

test("seed --demo-cases makes the demo's cases once; the demo resident sees them", async () => {
  const db = await createDatabase();
  const env = { LOKET_KEY_FILE: path.join(db.dir, "loket.keys") };
  try {
    const made = [];
    for (let i = 0; i < 2; i++) {
      const r = await runLoket(["seed", "--database", db.url, "--demo-cases"], { env, cwd: db.dir });
      assert.equal(r.code, 0, r.stderr);
      const line = (r.stdout + r.stderr).split("\n").find((l) => l.includes("demo cases seeded"));
      assert.ok(line, r.stdout + r.stderr);
      made.push(JSON.parse(line).cases);
    }
    assert.ok(made[0] >= 8, `first seed made ${made[0]}`);
    assert.equal(made[1], 0, "a second seed makes none");
    const server = await startServer({ seed: false, database: db, args: ["--demo"] });
    try {
      const resident = await demoPerson(server.url, "resident:999993653");
      const r = await resident.fetch(`${server.url}/api/v1/cases?pageSize=50`);
      assert.equal(r.status, 200);
      const list = await r.json();
      const refs = list.results.map((c) => c.reference);
      for (const prefix of ["UTR-", "PUT-", "WST-"]) {
        assert.ok(refs.some((x) => x.startsWith(prefix)), `a case with ${prefix}: ${refs}`);
      }
      assert.ok(list.results.some((c) => c.suspended || c.suspension), JSON.stringify(list.results[0]));
      assert.ok(list.results.some((c) => c.closed || c.endDate), "one closed");
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
});
