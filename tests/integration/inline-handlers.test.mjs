// --workers 0 runs handlers on the network threads: the same answers, no hand-off.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";

let server;
after(async () => { await server?.stop(); });

test("with --workers 0 the API answers as with a worker pool", async () => {
  server = await startServer({ args: ["--workers", "0", "--threads", "2"] });
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    fetch(`${server.url}${i % 2 ? "/healthz" : "/api/v1/organisations"}`).then(async (r) => [r.status, await r.json()])));
  for (const [i, [status, body]] of answers.entries()) {
    assert.equal(status, 200);
    if (i % 2 === 0) assert.equal(body.count, 3);
  }
  const missing = await fetch(`${server.url}/api/v1/organisations/00000000-0000-4000-8000-000000000000`);
  assert.equal(missing.status, 404);
  assert.equal(await server.stop(), 0);
});
