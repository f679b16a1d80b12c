// A Notificaties subscriber for the tests: a real HTTP server on 127.0.0.1 that records every
// notification (headers, body, whether the HMAC signature verifies) and can misbehave on
// command: "ok" (204), "500", "hang" (never answers), "refuse" (the port closed: connections
// refused).
import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";

export async function startSubscriber({ key, port = 0 } = {}) {
  let mode = "ok";
  const received = []; // { id, body, json, auth, signatureOk, at }
  const hanging = new Set();
  const refusedBy = { status500: 0, hung: 0 }; // requests answered 500, requests left hanging
  const sockets = new Set();
  const handler = (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (mode === "hang") { refusedBy.hung += 1; hanging.add(res); return; }
      if (mode === "500") { refusedBy.status500 += 1; res.writeHead(500, { "content-type": "text/plain" }); res.end("down"); return; }
      const body = Buffer.concat(chunks).toString("utf8");
      const sig = req.headers["x-loket-signature"] ?? "";
      let signatureOk = false;
      if (key !== undefined) {
        const want = `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
        signatureOk = sig.length === want.length && timingSafeEqual(Buffer.from(sig), Buffer.from(want));
      }
      let json;
      try { json = JSON.parse(body); } catch { json = undefined; }
      received.push({ id: req.headers["x-loket-notification-id"], body, json, auth: req.headers.authorization,
        signatureOk, at: Date.now() });
      res.writeHead(204);
      res.end();
    });
  };
  let server;
  const listen = (p) => new Promise((resolve, reject) => {
    server = http.createServer({ keepAlive: true }, handler);
    server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
    server.once("error", reject);
    server.listen(p, "127.0.0.1", () => resolve(server.address().port));
  });
  const boundPort = await listen(port);
  const close = () => new Promise((resolve) => {
    for (const res of hanging) res.destroy();
    hanging.clear();
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return {
    port: boundPort,
    url: `http://127.0.0.1:${boundPort}/callback`,
    received,
    refusedBy,
    get mode() { return mode; },
    // Switches behaviour; "refuse" closes the port, anything after reopens it.
    async setMode(next) {
      if (next === mode) return;
      if (mode === "refuse") await listen(boundPort);
      if (mode === "hang") { for (const res of hanging) res.destroy(); hanging.clear(); }
      if (next === "refuse") await close();
      mode = next;
    },
    async stop() { if (mode !== "refuse") await close(); },
  };
}

// Waits until pred() is true, polling; rejects with `what` after timeout ms.
export async function until(pred, { timeout = 30_000, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
