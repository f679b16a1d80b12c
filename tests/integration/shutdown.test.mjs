// Graceful shutdown on SIGTERM/SIGINT: stop accepting, close idle connections, finish in-flight
// requests with Connection: close, exit 0 within --shutdown-timeout.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { startServer } from "./lib/server.mjs";
import { RawConnection, sleep, within } from "./lib/raw.mjs";
import { assertProblem } from "./lib/expect.mjs";

// Resolves "refused" when a new connection is refused, "closed" when it is accepted and closed
// without an answer, or "served" when something answers a request.
function tryConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1" });
    let data = "";
    const timer = setTimeout(() => { s.destroy(); resolve(data ? "served" : "hung"); }, 3000);
    s.on("connect", () => s.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    s.on("data", (d) => { data += d; });
    s.on("error", (e) => { clearTimeout(timer); resolve(e.code === "ECONNREFUSED" ? "refused" : data ? "served" : "closed"); });
    s.on("close", () => { clearTimeout(timer); resolve(data ? "served" : "closed"); });
  });
}

test("SIGTERM: idle connections close, new ones are refused, the in-flight request completes, exit 0",
  { timeout: 30_000 }, async () => {
    const SHUTDOWN_TIMEOUT = 8000;
    const server = await startServer({
      seed: false,
      args: ["--shutdown-timeout", String(SHUTDOWN_TIMEOUT), "--request-timeout", "20000", "--idle-timeout", "30000"],
    });
    const idle = await RawConnection.open(server.port);
    const busy = await RawConnection.open(server.port);
    try {
      await idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await idle.response()).status, 200);

      const body = '{"name":"Gemeente Test"}';
      const half = Math.floor(body.length / 2);
      await busy.write(`POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`);
      await sleep(300); // the server has read the headers and waits for the rest of the body

      const t0 = Date.now();
      server.proc.kill("SIGTERM");
      await server.waitForLog((l) => l.msg === "shutting down", 5000);

      assert.ok(await idle.closed(3000), "the idle keep-alive connection is closed");
      const attempt = await tryConnect(server.port);
      assert.ok(attempt === "refused" || attempt === "closed", `a new connection after SIGTERM was ${attempt}`);
      assert.ok(server.alive, "the process waits for the in-flight request");
      assert.ok(!busy.ended, "the in-flight connection is still open");

      await busy.write(body.slice(half));
      const res = await busy.response({ timeout: 5000 });
      // POST /healthz: a complete, routed answer (405), not a connection torn down.
      assertProblem(res.status, res.headers, res.json(), 405, "in-flight");
      assert.equal(res.headers.connection?.toLowerCase(), "close");
      assert.ok(await busy.closed(3000), "closed after the response");

      const code = await within(server.exited, SHUTDOWN_TIMEOUT + 2000, "still running");
      assert.equal(code, 0, `exit: ${code}; stderr: ${server.stderr().slice(-3000)}`);
      assert.ok(Date.now() - t0 < SHUTDOWN_TIMEOUT, `exited ${Date.now() - t0} ms after SIGTERM`);
      assert.ok(server.logs().some((l) => l.msg === "request" && l.method === "POST"), "the in-flight request is logged");
    } finally {
      idle.destroy();
      busy.destroy();
      await server.stop("SIGKILL");
    }
  });

test("SIGTERM with a request that never completes: exit 0 once --shutdown-timeout has passed",
  { timeout: 30_000 }, async () => {
    const SHUTDOWN_TIMEOUT = 1500;
    const server = await startServer({
      seed: false,
      args: ["--shutdown-timeout", String(SHUTDOWN_TIMEOUT), "--request-timeout", "60000"],
    });
    const stuck = await RawConnection.open(server.port);
    try {
      await stuck.write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a little");
      await sleep(200);
      const t0 = Date.now();
      server.proc.kill("SIGTERM");
      const code = await within(server.exited, SHUTDOWN_TIMEOUT + 5000, "still running");
      const elapsed = Date.now() - t0;
      assert.equal(code, 0, `exit: ${code}; stderr: ${server.stderr().slice(-3000)}`);
      assert.ok(elapsed >= SHUTDOWN_TIMEOUT - 200, `exited after ${elapsed} ms, before the deadline`);
      assert.ok(elapsed < SHUTDOWN_TIMEOUT + 3000, `exited ${elapsed} ms after SIGTERM`);
      assert.ok(await stuck.closed(2000), "the stuck connection is closed");
    } finally {
      stuck.destroy();
      await server.stop("SIGKILL");
    }
  });

test("SIGINT on an idle server exits 0 at once", { timeout: 20_000 }, async () => {
  const server = await startServer({ seed: false, args: ["--shutdown-timeout", "10000"] });
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  const t0 = Date.now();
  server.proc.kill("SIGINT");
  const code = await within(server.exited, 5000, "still running");
  assert.equal(code, 0, server.stderr().slice(-3000));
  assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  assert.ok(server.logs().some((l) => l.msg === "stopped"));
  await server.stop();
});
