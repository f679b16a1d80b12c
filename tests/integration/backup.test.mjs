// loket backup writes a consistent copy of a database that is in use.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { stat } from "node:fs/promises";
import { startServer, createDatabase, runLoket, backend, run } from "./lib/server.mjs";

test("backup of a running server's database holds its data, and a bad target fails clearly", async () => {
  const db = await createDatabase();
  const server = await startServer({ database: db });
  try {
    const out = path.join(db.dir, "backup.bin");
    const r = await runLoket(["backup", "--database", db.url, "--output", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await stat(out)).size > 0);
    if (backend === "sqlite") {
      const copy = await run("sqlite3", [out, "SELECT COUNT(*) FROM organisations"]);
      assert.equal(copy.stdout.trim(), "3");
    } else {
      const list = await run("pg_restore", ["--list", out]);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /TABLE DATA public organisations/);
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200, "the server keeps serving");

    const bad = await runLoket(["backup", "--database", db.url, "--output", path.join(db.dir, "no", "such", "dir", "x")]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /no\/such\/dir/, "the error names the file");
    assert.match(bad.stderr, /^loket: /m);
  } finally {
    await server.stop();
    await db.drop();
  }
});
