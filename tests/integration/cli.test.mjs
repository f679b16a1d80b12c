// The loket command: wrong settings stop start-up with one line naming the setting; migrate and
// seed are repeatable; database failures are clear and never print a password.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { createDatabase, runLoket } from "./lib/server.mjs";

const nonEmptyLines = (s) => s.split("\n").filter((l) => l.trim() !== "");

describe("loket command line", () => {
  let db;
  before(async () => { db = await createDatabase(); });
  after(async () => { await db?.drop(); });

  const bad = [
    [["--listen", "nonsense"], "--listen"],
    [["--listen", "127.0.0.1:99999"], "--listen"],
    [["--listen", "127.0.0.1:"], "--listen"],
    [["--database", "mysql://root@127.0.0.1/x"], "--database"],
    [["--database", "sqlite:"], "--database"],
    [["--log-level", "loud"], "--log-level"],
    [["--max-body", "10"], "--max-body"],
    [["--max-header", "abc"], "--max-header"],
    [["--max-connections", "0"], "--max-connections"],
    [["--request-timeout", "0"], "--request-timeout"],
    [["--idle-timeout", "-5"], "--idle-timeout"],
    [["--shutdown-timeout", "soon"], "--shutdown-timeout"],
    [["--no-such-setting", "1"], "--no-such-setting"],
  ];
  for (const [args, name] of bad) {
    test(`serve ${args.join(" ")} exits non-zero with one line naming ${name}`, async () => {
      // Valid values for the other required settings; each flag given once.
      const defaults = [["--database", db.url], ["--listen", "127.0.0.1:0"]].filter(([f]) => f !== args[0]).flat();
      const r = await runLoket(["serve", ...defaults, ...args], { timeout: 15_000 });
      assert.notEqual(r.code, 0, `exit code; stdout: ${r.stdout}`);
      const lines = nonEmptyLines(r.stderr);
      assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
      assert.ok(lines[0].includes(name), `stderr names ${name}: ${lines[0]}`);
      assert.ok(lines[0].includes(args.at(-1)), `stderr quotes the value given (${args.at(-1)}): ${lines[0]}`);
      assert.ok(!r.stdout.includes('"msg":"listening"'), "never started listening");
    });
  }

  test("a wrong setting from the environment names the setting too", async () => {
    const r = await runLoket(["serve", "--database", db.url], { env: { LOKET_LISTEN: "nonsense" }, timeout: 15_000 });
    assert.notEqual(r.code, 0);
    const lines = nonEmptyLines(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /--listen|LOKET_LISTEN/);
  });

  test("a port that is taken stops serve with a clear error instead of hanging", async () => {
    const blocker = net.createServer();
    await new Promise((r) => blocker.listen(0, "127.0.0.1", r));
    const { port } = blocker.address();
    try {
      const r = await runLoket(["serve", "--database", db.url, "--listen", `127.0.0.1:${port}`], { timeout: 20_000 });
      assert.notEqual(r.code, 0, `serve started on a taken port: ${r.stdout}`);
      assert.ok(r.stderr.includes(String(port)), `stderr names the address: ${r.stderr}`);
    } finally {
      blocker.close();
    }
  });

  test("migrate is repeatable and seed is idempotent", async () => {
    for (let i = 0; i < 2; i++) {
      const m = await runLoket(["migrate", "--database", db.url]);
      assert.equal(m.code, 0, m.stderr);
    }
    for (let i = 0; i < 2; i++) {
      const s = await runLoket(["seed", "--database", db.url]);
      assert.equal(s.code, 0, s.stderr);
    }
    const count = (await db.query("SELECT count(*) FROM organisations")).trim();
    assert.equal(count, "3");
    const versions = (await db.query("SELECT count(*) FROM schema_migrations")).trim();
    const distinct = (await db.query("SELECT count(DISTINCT version) FROM schema_migrations")).trim();
    assert.equal(versions, distinct, "each migration recorded once");
    assert.ok(Number(versions) >= 1);
  });

  test("an unreachable PostgreSQL fails migrate and serve quickly, without printing the password", async () => {
    const url = "postgresql://loket:hunter2-pass-word@127.0.0.1:1/nowhere";
    for (const args of [["migrate", "--database", url], ["serve", "--listen", "127.0.0.1:0", "--database", url]]) {
      const t0 = Date.now();
      const r = await runLoket(args, { timeout: 30_000 });
      assert.notEqual(r.code, 0, `${args[0]}: ${r.stdout}`);
      assert.ok(Date.now() - t0 < 25_000, `${args[0]} took ${Date.now() - t0} ms`);
      assert.ok(r.stderr.trim().length > 0, `${args[0]} says why on stderr`);
      assert.ok(!(r.stdout + r.stderr).includes("hunter2-pass-word"), `${args[0]} printed the password:\n${r.stdout}\n${r.stderr}`);
    }
  });

  test("a SQLite path that cannot be created fails clearly", async () => {
    const notADir = path.join(db.dir, "plain-file");
    await writeFile(notADir, "not a folder");
    const r = await runLoket(["migrate", "--database", `sqlite:${notADir}/x.db`], { timeout: 15_000 });
    assert.notEqual(r.code, 0);
    assert.ok(r.stderr.trim().length > 0);
  });

  test("version prints the version", async () => {
    const r = await runLoket(["version"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^loket \d+\.\d+\.\d+/);
  });
});
