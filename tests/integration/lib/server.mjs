// Starts the real `loket` binary on a fresh database (SQLite or PostgreSQL) for integration tests.
//
// Environment:
//   LOKET_BIN          the binary (default build/test/loket in the repository)
//   LOKET_TEST_DB      sqlite (default) or postgres
//   LOKET_TEST_PG_URL  admin URL of a running PostgreSQL cluster (postgres only), e.g. the one
//                      `scripts/pg-cluster.sh start build/test-pg` prints
import { spawn, execFile } from "node:child_process";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import net from "node:net";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const bin = path.resolve(repoRoot, process.env.LOKET_BIN || "build/test/loket");
export const backend = process.env.LOKET_TEST_DB || "sqlite";
if (backend !== "sqlite" && backend !== "postgres") {
  throw new Error(`LOKET_TEST_DB must be sqlite or postgres, got "${backend}"`);
}

const live = new Set(); // servers not yet stopped, killed when the test process exits
process.on("exit", () => {
  for (const s of live) {
    try { s.proc.kill("SIGKILL"); } catch { /* already gone */ }
  }
});

// The environment of a child: ours without LOKET_* settings, so that nothing leaks in.
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("LOKET_")) env[k] = v;
  }
  return { ...env, ...extra };
}

// Runs a program to completion; never rejects on a non-zero exit.
export function run(file, args, { env, cwd, timeout = 60_000, input } = {}) {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: env ?? childEnv(), cwd, timeout, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === "number" ? error.code : (error.signal ?? -1);
        resolve({ code, stdout, stderr });
      });
    if (input !== undefined) child.stdin.end(input);
  });
}

function psql(url, sql) {
  return run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]);
}

// Replaces the database name in a postgresql:// URL.
function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = "/" + name;
  return u.toString();
}

// A fresh, empty database: { url, dir, query(sql) → stdout, drop() }.
export async function createDatabase() {
  const dir = await mkdtemp(path.join(tmpdir(), "loket-it-"));
  if (backend === "sqlite") {
    const file = path.join(dir, "loket.db");
    return {
      url: `sqlite:${file}`,
      dir,
      async query(sql) {
        const r = await run("sqlite3", ["-cmd", ".timeout 5000", file, sql]);
        if (r.code !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
        return r.stdout;
      },
      async drop() { await rm(dir, { recursive: true, force: true }); },
    };
  }
  const admin = process.env.LOKET_TEST_PG_URL;
  if (!admin) throw new Error("LOKET_TEST_DB=postgres needs LOKET_TEST_PG_URL (the cluster admin URL)");
  const name = `loket_it_${process.pid}_${randomBytes(4).toString("hex")}`;
  const r = await psql(admin, `CREATE DATABASE "${name}"`);
  if (r.code !== 0) throw new Error(`CREATE DATABASE ${name} failed: ${r.stderr}`);
  const url = withDatabase(admin, name);
  return {
    url,
    dir,
    async query(sql) {
      const q = await run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]);
      if (q.code !== 0) throw new Error(`psql failed: ${q.stderr}`);
      return q.stdout;
    },
    async drop() {
      await psql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// `loket <command> --database URL ...`; resolves { code, stdout, stderr }.
export function runLoket(args, { env = {}, cwd, timeout = 60_000 } = {}) {
  return run(bin, args, { env: childEnv(env), cwd: cwd ?? tmpdir(), timeout });
}

// A TCP port on 127.0.0.1 that was free a moment ago (for servers that must know their URL
// before they start, such as an OIDC relying party).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `loket serve` on a fresh database (listen defaults to 127.0.0.1:0). Returns
//   { url, port, database, proc, logs(), stdout(), stderr(), waitForLog(pred), exited, stop(signal) }.
export async function startServer({ seed = true, args = [], webRoot, env = {}, database,
  listen = "127.0.0.1:0" } = {}) {
  const db = database ?? await createDatabase();
  const ownsDb = !database;
  const keyFile = path.join(db.dir, "loket.keys");
  const childExtra = { LOKET_KEY_FILE: keyFile, ...env };
  if (seed) {
    const r = await runLoket(["seed", "--database", db.url], { env: childExtra, cwd: db.dir });
    if (r.code !== 0) {
      if (ownsDb) await db.drop();
      throw new Error(`loket seed exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    }
  }
  const argv = ["serve", "--listen", listen, "--database", db.url];
  if (webRoot) argv.push("--web-root", webRoot);
  argv.push(...args);
  const proc = spawn(bin, argv, { cwd: db.dir, env: childEnv(childExtra), stdio: ["ignore", "pipe", "pipe"] });

  let out = "";
  let err = "";
  const lines = [];
  const waiters = new Set();
  let partial = "";
  proc.stdout.setEncoding("utf8");
  proc.stderr.setEncoding("utf8");
  proc.stdout.on("data", (chunk) => {
    out += chunk;
    partial += chunk;
    let nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      if (!line.trim()) continue;
      let parsed;
      try { parsed = JSON.parse(line); } catch { parsed = { unparsable: line }; }
      lines.push(parsed);
      for (const w of waiters) w();
    }
  });
  proc.stderr.on("data", (chunk) => { err += chunk; for (const w of waiters) w(); });

  let exitInfo = null;
  const exited = new Promise((resolve) => {
    proc.on("exit", (code, signal) => {
      exitInfo ??= { code, signal };
      resolve(code ?? signal ?? exitInfo.error);
    });
  });
  // A spawn failure (missing binary, EACCES while it is being relinked) ends it like an exit.
  proc.on("error", (e) => {
    err += `\nspawn ${bin}: ${e.message}`;
    if (!exitInfo) {
      exitInfo = { code: null, signal: null, error: e.message };
      proc.emit("exit", null, null);
      proc.emit("close");
    }
  });
  const closed = new Promise((resolve) => proc.on("close", resolve));
  exited.then(() => { for (const w of waiters) w(); });

  // Resolves with the first log line matching pred, or rejects after timeout ms.
  function waitForLog(pred, timeout = 5000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = lines.find(pred);
        if (hit) { done(); resolve(hit); return true; }
        if (exitInfo) { done(); reject(new Error(`server exited (${JSON.stringify(exitInfo)}) before the log line appeared\n${out}\n${err}`)); return true; }
        return false;
      };
      const timer = setTimeout(() => { done(); reject(new Error(`log line not seen within ${timeout} ms\nstdout:\n${out}\nstderr:\n${err}`)); }, timeout);
      const done = () => { clearTimeout(timer); waiters.delete(check); };
      waiters.add(check);
      check();
    });
  }

  const server = {
    proc,
    database: db,
    logs: () => lines.slice(),
    stdout: () => out,
    stderr: () => err,
    waitForLog,
    exited,
    get alive() { return exitInfo === null; },
    // Sends signal (default SIGTERM) and resolves with the exit code (or signal name). Kills with
    // SIGKILL when the process has not exited after killAfter ms. Idempotent.
    async stop(signal = "SIGTERM", { killAfter = 15_000 } = {}) {
      if (exitInfo === null) {
        proc.kill(signal);
        const t = setTimeout(() => proc.kill("SIGKILL"), killAfter);
        await exited;
        clearTimeout(t);
      }
      await closed;
      if (live.has(server)) {
        live.delete(server);
        if (ownsDb) await db.drop().catch(() => {});
      }
      return exitInfo.code ?? exitInfo.signal ?? exitInfo.error;
    },
  };
  live.add(server);

  try {
    const listening = await waitForLog((l) => l.msg === "listening" && Number.isInteger(l.port), 20_000);
    server.port = listening.port;
    server.url = `http://127.0.0.1:${listening.port}`;
  } catch (e) {
    await server.stop("SIGKILL");
    throw new Error(`loket serve did not report "listening": ${e.message}`);
  }
  return server;
}

// A temporary folder with the given files ({ "a/b.txt": "content" }); resolves with its path.
export async function tempTree(files) {
  const dir = await mkdtemp(path.join(tmpdir(), "loket-it-tree-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}
