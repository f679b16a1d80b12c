// Key rotation: add a key, old data still decrypts, rotate re-encrypts it with the new key.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { startServer, createDatabase, runLoket } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";

test("keys add, then rotate; sessions survive both, and a missing old key stops rotation", async () => {
  const db = await createDatabase();
  const keyFile = path.join(db.dir, "loket.keys");
  const env = { LOKET_KEY_FILE: keyFile };
  try {
    let server = await startServer({ database: db, args: ["--demo"] });
    const b = new Browser();
    const login = await b.fetch(`${server.url}/auth/demo/login`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "subject=resident%3A999993653",
    });
    assert.equal(login.status, 303);
    const cookie = `__Host-loket_session=${b.cookie(server.url, "__Host-loket_session")}`;
    await server.stop();

    const added = await runLoket(["keys", "add", "--key-file", keyFile]);
    assert.equal(added.code, 0, added.stderr);
    const text = await readFile(keyFile, "utf8");
    assert.match(text, /^k2:/m);

    server = await startServer({ database: db, seed: false });
    assert.equal((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status, 200);
    await server.stop();

    // Without k1 nothing can be re-encrypted, and nothing is written.
    const withoutK1 = path.join(db.dir, "without-k1.keys");
    await writeFile(withoutK1, text.split("\n").filter((l) => !l.startsWith("k1:")).join("\n"));
    const refused = await runLoket(["keys", "rotate", "--database", db.url, "--key-file", withoutK1]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /old key missing/);
    assert.match(await db.query("SELECT subject_enc FROM sessions"), /v1\.k1\./);

    const rotated = await runLoket(["keys", "rotate", "--database", db.url, "--key-file", keyFile], { env });
    assert.equal(rotated.code, 0, rotated.stderr);
    const sessions = await db.query("SELECT subject_enc FROM sessions");
    assert.doesNotMatch(sessions, /v1\.k1\./);
    assert.match(sessions, /v1\.k2\./);

    server = await startServer({ database: db, seed: false });
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).bsnMasked, "*****3653");
    await server.stop();
  } finally {
    await db.drop();
  }
});
