// Raw HTTP/1.1 over a TCP socket, for what fetch would normalise or refuse to send: odd targets,
// malformed requests, slow senders, pipelining, half-sent bodies.
import net from "node:net";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The value of promise, or fallback when it takes longer than ms (the timer does not linger).
export async function within(promise, ms, fallback = "timed out") {
  let timer;
  const late = new Promise((r) => { timer = setTimeout(() => r(fallback), ms); });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

// Parses one response at the start of buf. Returns { response, rest } or null when incomplete.
// With eof, a response without a length ends at the end of the data.
export function parseResponse(buf, { head = false, eof = false } = {}) {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const headText = buf.subarray(0, end).toString("latin1");
  const [statusLine, ...fieldLines] = headText.split("\r\n");
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(headText.slice(0, 200))}`);
  const status = Number(m[2]);
  const headers = {};
  for (const line of fieldLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let bodyStart = end + 4;
  let body;
  let rest;
  if (head || status === 304 || status === 204 || (status >= 100 && status < 200)) {
    body = Buffer.alloc(0);
    rest = buf.subarray(bodyStart);
  } else if (headers["content-length"] !== undefined) {
    const n = Number(headers["content-length"]);
    if (buf.length < bodyStart + n) return null;
    body = buf.subarray(bodyStart, bodyStart + n);
    rest = buf.subarray(bodyStart + n);
  } else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const chunks = [];
    let i = bodyStart;
    for (;;) {
      const lineEnd = buf.indexOf("\r\n", i);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(i, lineEnd).toString("latin1"), 16);
      if (buf.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) {
        const trailerEnd = buf.indexOf("\r\n", lineEnd + 2);
        if (trailerEnd < 0) return null;
        rest = buf.subarray(trailerEnd + 2);
        break;
      }
      chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      i = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(chunks);
  } else {
    if (!eof) return null;
    body = buf.subarray(bodyStart);
    rest = Buffer.alloc(0);
  }
  const text = body.toString("utf8");
  const response = {
    version: m[1],
    status,
    headers,
    body: text,
    json() { return JSON.parse(text); },
  };
  return { response, rest };
}

// One TCP connection with a read buffer.
export class RawConnection {
  // localAddress: the source address, e.g. "127.0.0.2" to come from another client.
  static open(port, host = "127.0.0.1", { localAddress } = {}) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, ...(localAddress ? { localAddress } : {}) });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.removeListener("error", reject);
        resolve(new RawConnection(socket));
      });
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.ended = false; // the server closed its side (or the connection broke)
    this.error = null;
    this.wakers = new Set();
    socket.setNoDelay(true);
    socket.on("data", (d) => { this.buf = Buffer.concat([this.buf, d]); this.wake(); });
    socket.on("end", () => { this.ended = true; this.wake(); });
    socket.on("close", () => { this.ended = true; this.wake(); });
    socket.on("error", (e) => { this.error = e; this.ended = true; this.wake(); });
  }

  wake() { for (const w of this.wakers) w(); }

  // Resolves when check() returns a non-undefined value (re-checked on every socket event).
  waitFor(check, timeout, what) {
    return new Promise((resolve, reject) => {
      const run = () => {
        let v;
        try { v = check(); } catch (e) { finish(); reject(e); return; }
        if (v !== undefined) { finish(); resolve(v); }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}; received so far: ` +
          JSON.stringify(this.buf.toString("latin1").slice(0, 500))));
      }, timeout);
      const finish = () => { clearTimeout(timer); this.wakers.delete(run); };
      this.wakers.add(run);
      run();
    });
  }

  write(data) {
    return new Promise((resolve) => {
      if (this.socket.destroyed || this.socket.writableEnded) { resolve(false); return; }
      this.socket.write(data, (err) => resolve(!err));
    });
  }

  // Reads the next complete response; skips 1xx interim responses unless keepInterim.
  // Rejects when the connection closes first (the error says so) or after timeout ms.
  async response({ timeout = 5000, head = false, keepInterim = false } = {}) {
    for (;;) {
      const r = await this.waitFor(() => {
        const parsed = parseResponse(this.buf, { head, eof: this.ended });
        if (parsed) return parsed;
        if (this.ended) {
          throw Object.assign(new Error(`connection closed before a complete response; received: ` +
            JSON.stringify(this.buf.toString("latin1").slice(0, 500))), { closedEarly: true });
        }
        return undefined;
      }, timeout, "a response");
      this.buf = r.rest;
      if (!keepInterim && r.response.status >= 100 && r.response.status < 200) continue;
      return r.response;
    }
  }

  // Resolves true once the server has closed the connection, false after timeout ms.
  async closed(timeout = 5000) {
    try {
      await this.waitFor(() => (this.ended ? true : undefined), timeout, "the connection to close");
      return true;
    } catch {
      return false;
    }
  }

  // Either a response or null when the server closed the connection without one.
  async responseOrClose(opts = {}) {
    try {
      return await this.response(opts);
    } catch (e) {
      if (e.closedEarly) return null;
      throw e;
    }
  }

  destroy() { this.socket.destroy(); }
}

// Sends data on a new connection and reads one response (or null when closed without one).
export async function rawRequest(port, data, opts = {}) {
  const c = await RawConnection.open(port);
  try {
    await c.write(data);
    return await c.responseOrClose(opts);
  } finally {
    c.destroy();
  }
}

// A GET with the given target on a fresh connection, sent exactly as written.
export function rawGet(port, target, { headers = {}, ...opts } = {}) {
  let req = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`;
  for (const [k, v] of Object.entries(headers)) req += `${k}: ${v}\r\n`;
  return rawRequest(port, req + "\r\n", opts);
}
