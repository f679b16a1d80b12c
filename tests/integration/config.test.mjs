// Settings come from flags, then LOKET_* variables, then the config file, in that precedence.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { startServer, createDatabase, runLoket } from "./lib/server.mjs";

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

async function post(server, bytes) {
  const r = await fetch(`${server.url}/healthz`, { method: "POST", body: "x".repeat(bytes) });
  await r.arrayBuffer();
  return r.status;
}

test("the config file sets a value; the environment beats it; a flag beats both", async () => {
  const db = await createDatabase();
  const file = path.join(db.dir, "loket.toml");
  await writeFile(file, '# Loket settings\nmax-body = 2000\nlog-level = "warn"\n');

  const fromFile = await startServer({ database: db, args: ["--config", file] });
  servers.push(fromFile);
  assert.equal(await post(fromFile, 2500), 413);
  assert.equal(await post(fromFile, 1500), 405); // accepted, but /healthz takes no POST
  assert.ok(!fromFile.logs().some((l) => l.msg === "request"), "log-level from the file: no access log");
  await fromFile.stop();

  const fromEnv = await startServer({ database: db, seed: false, args: ["--config", file], env: { LOKET_MAX_BODY: "3000" } });
  servers.push(fromEnv);
  assert.equal(await post(fromEnv, 2500), 405);
  assert.equal(await post(fromEnv, 3500), 413);
  await fromEnv.stop();

  const fromFlag = await startServer({
    database: db, seed: false, args: ["--config", file, "--max-body", "4000"], env: { LOKET_MAX_BODY: "3000" },
  });
  servers.push(fromFlag);
  assert.equal(await post(fromFlag, 3500), 405);
  assert.equal(await post(fromFlag, 4500), 413);
  await fromFlag.stop();
  await db.drop();
});

test("LOKET_CONFIG names the file too", async () => {
  const db = await createDatabase();
  const file = path.join(db.dir, "loket.toml");
  await writeFile(file, "max-body = 2000\n");
  const s = await startServer({ database: db, env: { LOKET_CONFIG: file } });
  servers.push(s);
  assert.equal(await post(s, 2500), 413);
  await s.stop();
  await db.drop();
});

test("an unknown setting or a missing config file stops start-up with one line naming it", async () => {
  const db = await createDatabase();
  try {
    const file = path.join(db.dir, "bad.toml");
    await writeFile(file, "max-bodee = 10\n");
    const r = await runLoket(["serve", "--config", file, "--database", db.url, "--listen", "127.0.0.1:0"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /max-bodee/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    const missing = await runLoket(["serve", "--config", path.join(db.dir, "nope.toml"), "--database", db.url]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /nope\.toml/);
  } finally {
    await db.drop();
  }
});
