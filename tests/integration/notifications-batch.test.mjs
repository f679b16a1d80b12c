// The webhook worker claims deliveries in batches under a lease and writes their outcomes in
// batches: two `loket worker` processes on one database (SQLite file or PostgreSQL) never post
// a delivery twice while it is leased, even with every request still in flight when the other
// claims; and a failure in the middle of a batch is retried alone, while the deliveries of the
// same batch that succeeded are never posted again.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn } from "node:child_process";
import { startZgwServer, addClient, zgwFetch } from "./lib/zgw.mjs";
import { until } from "./lib/subscriber.mjs";
import { bin } from "./lib/server.mjs";

const NRC = "/zgw/notificaties/api/v1";
const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f().catch(() => {}); });

// A receiver on 127.0.0.1: every request recorded ({ path, id, n, status }), answered by
// answer(record) → status, after `delay` ms.
async function receiver({ delay = 0, answer = () => 204 } = {}) {
  const got = [];
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const r = { path: req.url, id: req.headers["x-loket-notification-id"], n: Number(json.resourceUrl.split("/").pop()) };
      r.status = answer(r);
      got.push(r);
      setTimeout(() => { res.writeHead(r.status); res.end(); }, delay);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  cleanup.push(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
  return { got, url: (p) => `http://127.0.0.1:${server.address().port}${p}` };
}

function worker(server, args = []) {
  const proc = spawn(bin, ["worker", "--database", server.database.url, "--public-url", server.url,
    "--notify-allow-private", "--log-level", "warn", ...args], {
    cwd: server.database.dir, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOKET_KEY_FILE: `${server.database.dir}/loket.keys` },
  });
  let err = "";
  proc.stderr.on("data", (c) => { err += c; });
  const exit = new Promise((res) => proc.on("exit", res));
  const stop = async () => { proc.kill("SIGTERM"); return exit; };
  cleanup.push(stop);
  return { stop, err: () => err };
}

// serve without a worker, a kanaal, one abonnement per callback path; publish(n) posts messages
// 0..n-1 (the number is the last segment of the resourceUrl).
async function setup(callbacks, args = []) {
  const server = await startZgwServer({ args: ["--notify-allow-private", "--no-worker", ...args] });
  cleanup.push(() => server.stop());
  const nrc = zgwFetch(server, await addClient(server, { component: "nrc",
    scopes: ["notificaties.consumeren", "notificaties.publiceren"] }));
  const k = await nrc(`${NRC}/kanaal`, { method: "POST", body: { naam: "batch", filters: [] } });
  assert.equal(k.status, 201, k.text);
  for (const callbackUrl of callbacks) {
    const r = await nrc(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl, auth: "Bearer batch",
      kanalen: [{ naam: "batch", filters: {} }] } });
    assert.equal(r.status, 201, r.text);
  }
  const publish = async (n) => {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < n) {
        const i = next++;
        const url = `https://batch.example/m/${i}`;
        const r = await nrc(`${NRC}/notificaties`, { method: "POST", body: { kanaal: "batch", hoofdObject: url,
          resource: "melding", resourceUrl: url, actie: "create", aanmaakdatum: "2026-01-01T00:00:00Z", kenmerken: {} } });
        assert.equal(r.status, 201, r.text);
      }
    }));
  };
  return { server, publish };
}

test("two workers claiming in batches never post a leased delivery twice", { timeout: 120_000 }, async () => {
  // Slow answers keep whole batches in flight while the other worker claims.
  const rx = await receiver({ delay: 150 });
  const { server, publish } = await setup([rx.url("/a"), rx.url("/b")]);
  const messages = 200;
  await publish(messages);
  // Small lanes, so both workers claim many batches each, interleaved.
  const args = ["--notify-threads", "2", "--notify-concurrency", "16"];
  const one = worker(server, args);
  const two = worker(server, args);
  await until(() => new Set(rx.got.map((r) => `${r.path} ${r.n}`)).size === 2 * messages,
    { timeout: 90_000, what: `every delivery (${rx.got.length} so far; ${one.err()} ${two.err()})` });
  await new Promise((r) => setTimeout(r, 1000));
  const seen = new Map();
  for (const r of rx.got) seen.set(`${r.path} ${r.n}`, (seen.get(`${r.path} ${r.n}`) ?? 0) + 1);
  const twice = [...seen].filter(([, c]) => c > 1);
  assert.deepEqual(twice, [], "each delivery posted once");
  assert.equal(rx.got.length, 2 * messages);
  assert.equal(await one.stop(), 0, one.err());
  assert.equal(await two.stop(), 0, two.err());
});

test("a failure in the middle of a batch retries only the failed deliveries", { timeout: 120_000 }, async () => {
  // Every third message fails once (500) at /a; everything else, and every retry, succeeds.
  const failed = new Set();
  const rx = await receiver({ answer: (r) => {
    if (r.path === "/a" && r.n % 3 === 1 && !failed.has(r.n)) { failed.add(r.n); return 500; }
    return 204;
  } });
  const { server, publish } = await setup([rx.url("/a"), rx.url("/b")],
    ["--notify-backoff-scale", "0.0001"]);
  const messages = 60; // 120 deliveries: one claim of the worker below takes them all
  await publish(messages);
  const w = worker(server, ["--notify-threads", "1", "--notify-backoff-scale", "0.0001"]);
  const accepted = () => rx.got.filter((r) => r.status === 204);
  await until(() => accepted().length >= 2 * messages,
    { timeout: 60_000, what: `every delivery accepted (${accepted().length}; ${w.err()})` });
  await new Promise((r) => setTimeout(r, 1500)); // time for any wrong resend to arrive
  assert.equal(failed.size, 20, "a third of /a failed once");
  const count = new Map();
  for (const r of rx.got) count.set(`${r.path} ${r.n}`, (count.get(`${r.path} ${r.n}`) ?? 0) + 1);
  for (let n = 0; n < messages; n++) {
    assert.equal(count.get(`/b ${n}`), 1, `/b ${n}: succeeded at once, posted once`);
    assert.equal(count.get(`/a ${n}`), failed.has(n) ? 2 : 1, `/a ${n}`);
  }
  // The same message id in the retry as in the failed attempt.
  for (const n of failed) {
    const ids = rx.got.filter((r) => r.path === "/a" && r.n === n).map((r) => r.id);
    assert.equal(new Set(ids).size, 1, `one message id for /a ${n}`);
  }
  assert.equal(await w.stop(), 0, w.err());
});
