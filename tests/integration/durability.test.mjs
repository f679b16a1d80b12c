// What a person was told succeeded survives kill -9 the next moment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, createDatabase } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";

test("a login that was answered survives kill -9 of the server", async () => {
  const db = await createDatabase();
  const first = await startServer({ database: db, args: ["--demo"] });
  const b = new Browser();
  const r = await b.fetch(`${first.url}/auth/demo/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "subject=resident%3A999993653",
  });
  assert.equal(r.status, 303);
  first.proc.kill("SIGKILL");
  await first.exited;

  const second = await startServer({ database: db, seed: false, args: ["--demo"] });
  try {
    const session = b.cookie(first.url, "__Host-loket_session");
    const me = await fetch(`${second.url}/api/v1/me`, { headers: { cookie: `__Host-loket_session=${session}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).bsnMasked, "*****3653");
  } finally {
    await second.stop();
    await first.stop();
    await db.drop();
  }
});
