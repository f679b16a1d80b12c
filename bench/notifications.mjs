// Notification fan-out: 10 subscribers (local node receivers, keep-alive, 204), M messages
// published through POST /notificaties while no worker runs (so the queue holds M × 10
// deliveries), then one `loket worker` (its default settings) delivers them; deliveries per
// second = the deliveries / the time from the first delivery received to the last (the worker's
// start-up, before its first delivery, is reported apart as startup_s). Bar (issue 11): ≥ 5,000/s.
// For scale, the receivers' raw capacity is measured first in the same run: wrk posting the same
// kind of message to one receiver (all ten share this process's event loop) for 3 s;
// ratio = deliveries_per_s / receiver_rps (1.0: the worker delivers as fast as the receivers can
// take plain POSTs).
//   node bench/notifications.mjs [MESSAGES]   (default 2000)
//   env LOKET_BIN, BENCH_OUT, LOKET_BENCH_PG_URL (an empty database; default a SQLite file),
//   BENCH_NOTIFY_ARGS (more `loket worker` options, e.g. "--notify-concurrency 32")
// Prints one JSON line: {"scenario": "notifications-fanout", "deliveries", "seconds",
// "deliveries_per_s", "receiver_rps", "ratio", "bar", "pass", …}; also in
// $BENCH_OUT/notifications-<backend>.json.
import http from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { createHmac } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.resolve(process.env.LOKET_BIN
  ?? [`${ROOT}/build/release/loket`, `${ROOT}/build/test/loket`].find((b) => existsSync(b)));
const OUT = process.env.BENCH_OUT ?? `${ROOT}/build/bench`;
const MESSAGES = Number(process.argv[2] ?? 2000);
const SUBSCRIBERS = 10;
const BAR = 5000;
const NRC = "/zgw/notificaties/api/v1";

const dir = mkdtempSync(path.join(tmpdir(), "loket-bench-notify-"));
const database = process.env.LOKET_BENCH_PG_URL || `sqlite:${dir}/loket.db`;
const env = { ...process.env, LOKET_KEY_FILE: `${dir}/loket.keys`, LOKET_LOG_LEVEL: "warn" };
const loket = (args) => execFileSync(BIN, args, { env, cwd: dir, encoding: "utf8" });
const backendName = database.startsWith("sqlite") ? "sqlite" : "postgresql";
const workerArgs = (process.env.BENCH_NOTIFY_ARGS ?? "").split(/\s+/).filter(Boolean);

// The receivers' raw capacity: wrk posting a message like the worker's to one receiver for 3 s
// (requests per second), or null without wrk.
function receiverCapacity(port, body) {
  const script = `${dir}/post.lua`;
  writeFileSync(script, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\n` +
    `wrk.headers["Content-Type"] = "application/json"\n`);
  return new Promise((resolve) => {
    const wrk = spawn("wrk", ["-t2", "-c40", "-d3s", "-s", script, `http://127.0.0.1:${port}/raw`],
      { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    wrk.stdout.on("data", (c) => { out += c; });
    wrk.on("error", () => resolve(null));
    wrk.on("exit", () => {
      const m = out.match(/Requests\/sec:\s*([\d.]+)/);
      resolve(m ? Number(m[1]) : null);
    });
  });
}

const token = (id, secret) => {
  const b = (x) => Buffer.from(JSON.stringify(x)).toString("base64url");
  const input = `${b({ alg: "HS256", typ: "JWT" })}.${b({ iss: id, iat: Math.floor(Date.now() / 1000), client_id: id })}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
};

function start(args) {
  const proc = spawn(BIN, args, { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.on("data", (c) => { out += c; });
  proc.stderr.on("data", (c) => { out += c; });
  return { proc, output: () => out };
}

async function main() {
  loket(["migrate", "--database", database]);
  const secret = "bench-notify-secret-0123456789";
  loket(["clients", "add", "--database", database, "--id", "bench-nrc", "--secret", secret, "--all-rights"]);

  let received = 0;
  let first = 0;
  let last = 0;
  let resolveAll;
  const all = new Promise((r) => { resolveAll = r; });
  const servers = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const s = http.createServer({ keepAlive: true }, (req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(204);
        res.end();
        if (req.url === "/raw") return; // the capacity run, not a delivery
        received += 1;
        last = performance.now();
        if (received === 1) first = last;
        if (received === MESSAGES * SUBSCRIBERS) resolveAll();
      });
    });
    await new Promise((r) => s.listen(0, "127.0.0.1", r));
    servers.push(s);
  }

  const portFile = `${dir}/port`;
  const server = start(["serve", "--listen", "127.0.0.1:0", "--database", database, "--no-worker",
    "--notify-allow-private", "--public-url", "http://127.0.0.1"]);
  const port = await new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const m = server.output().match(/"msg":"listening".*?"port":(\d+)/);
      if (m) { clearInterval(t); resolve(Number(m[1])); }
    }, 50);
    server.proc.on("exit", () => { clearInterval(t); reject(new Error(`serve exited: ${server.output()}`)); });
  });
  writeFileSync(portFile, String(port));
  const api = async (p, body) => {
    const r = await fetch(`http://127.0.0.1:${port}${p}`, { method: "POST", body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token("bench-nrc", secret)}`, "content-type": "application/json" } });
    if (r.status !== 201) throw new Error(`${p}: ${r.status} ${await r.text()}`);
  };
  await api(`${NRC}/kanaal`, { naam: "bench", filters: ["wijk"] });
  for (const s of servers) {
    await api(`${NRC}/abonnement`, { callbackUrl: `http://127.0.0.1:${s.address().port}/cb`, auth: "Bearer bench",
      kanalen: [{ naam: "bench", filters: { wijk: "*" } }] });
  }
  const message = (i) => ({ kanaal: "bench", hoofdObject: `https://bench.example/m/${i}`, resource: "melding",
    resourceUrl: `https://bench.example/m/${i}`, actie: "create", aanmaakdatum: "2026-01-01T00:00:00Z", kenmerken: { wijk: "Noord" } });
  const receiverRps = await receiverCapacity(servers[0].address().port,
    JSON.stringify({ ...message(0), kenmerken: { wijk: "Noord" } }));
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < MESSAGES) await api(`${NRC}/notificaties`, message(next++));
  }));

  const started = performance.now();
  const worker = start(["worker", "--database", database, "--notify-allow-private", ...workerArgs]);
  const timeout = setTimeout(() => resolveAll(), 120_000);
  await all;
  clearTimeout(timeout);
  // CPU time the worker spent (user + system, from /proc; clock ticks of 10 ms), which a busy
  // machine changes far less than the wall-clock rate.
  let workerCpuMs = null;
  try {
    const f = readFileSync(`/proc/${worker.proc.pid}/stat`, "utf8").split(") ")[1].split(" ");
    workerCpuMs = (Number(f[11]) + Number(f[12])) * 10;
  } catch { /* not Linux */ }
  const seconds = (last - first) / 1000;
  // The first delivery opens the interval, so it is not counted in it.
  const rate = received > 1 ? (received - 1) / seconds : 0;
  const exited = (p) => new Promise((resolve) =>
    (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once("exit", resolve)));
  const stopped = Promise.all([exited(worker.proc), exited(server.proc)]);
  worker.proc.kill("SIGTERM");
  server.proc.kill("SIGTERM");
  for (const s of servers) s.close();
  await stopped;
  rmSync(dir, { recursive: true, force: true });
  const result = { scenario: "notifications-fanout", backend: backendName,
    binary: path.relative(ROOT, BIN), worker_args: workerArgs.join(" "), subscribers: SUBSCRIBERS,
    deliveries: received, expected: MESSAGES * SUBSCRIBERS, startup_s: Number(((first - started) / 1000).toFixed(3)),
    seconds: Number(seconds.toFixed(3)), deliveries_per_s: Math.round(rate),
    worker_cpu_us_per_delivery: workerCpuMs === null ? null : Math.round((workerCpuMs * 1000) / Math.max(1, received)),
    receiver_rps: receiverRps === null ? null : Math.round(receiverRps),
    ratio: receiverRps ? Number((rate / receiverRps).toFixed(3)) : null, bar: BAR,
    pass: received >= MESSAGES * SUBSCRIBERS && rate >= BAR };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/notifications-${backendName}-worker.log`, worker.output());
  writeFileSync(`${OUT}/notifications-${backendName}.json`, JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result));
  process.exit(result.pass ? 0 : 1);
}

main().catch((e) => { console.error(`bench notifications: ${e.stack}`); process.exit(1); });
