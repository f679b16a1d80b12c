// Abuse: oversized headers and bodies, malformed HTTP and URLs, slow senders, too many
// connections. After each test the server must still answer and its process be alive.
import { describe, test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { RawConnection, rawRequest, sleep } from "./lib/raw.mjs";
import { assertHealthy, assertProblem, assertSecurityHeaders } from "./lib/expect.mjs";

const MAX_HEADER = 2048;
const MAX_BODY = 2048;
const REQUEST_TIMEOUT = 1000;
const IDLE_TIMEOUT = 1500;

// A 4xx from the server itself: a problem+json answer, or (when allowClose) a closed connection.
function assertRejected(res, statuses, what) {
  assert.ok(res, `${what}: the connection was closed without a response`);
  assert.ok(statuses.includes(res.status), `${what}: status ${res.status}, expected ${statuses}: ${res.body}`);
  assertProblem(res.status, res.headers, res.json(), res.status, what);
}

describe("limits and malformed input", () => {
  let server;
  before(async () => {
    server = await startServer({
      seed: false,
      args: ["--max-header", String(MAX_HEADER), "--max-body", String(MAX_BODY),
        "--request-timeout", String(REQUEST_TIMEOUT), "--idle-timeout", String(IDLE_TIMEOUT)],
    });
  });
  afterEach(async () => { if (server) await assertHealthy(server); });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  test("headers over --max-header are 431 problem+json", async () => {
    const big = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(MAX_HEADER + 100)}\r\n\r\n`;
    assertRejected(await rawRequest(server.port, big), [431], "one big header");
    let many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (let i = 0; i < 100; i++) many += `X-H${i}: ${"b".repeat(30)}\r\n`;
    assertRejected(await rawRequest(server.port, many + "\r\n"), [431], "many small headers");
  });

  test("a request target longer than --max-header is refused (431 or 414)", async () => {
    const res = await rawRequest(server.port, `GET /${"p".repeat(MAX_HEADER + 10)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assertRejected(res, [431, 414], "long target");
  });

  test("headers just under --max-header are accepted", async () => {
    const req = `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Fill: ${"c".repeat(MAX_HEADER - 200)}\r\n\r\n`;
    const res = await rawRequest(server.port, req);
    assert.equal(res?.status, 200, res?.body);
  });

  test("a Content-Length over --max-body is 413 before the body is sent", async () => {
    const res = await rawRequest(server.port,
      `POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY * 10}\r\n\r\n`,
      { timeout: 3000 });
    assertRejected(res, [413], "Content-Length too large");
  });

  test("a body of exactly --max-body bytes is read and routed (not 413)", async () => {
    const res = await rawRequest(server.port,
      `POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${MAX_BODY}\r\n\r\n${"x".repeat(MAX_BODY)}`);
    assert.ok(res, "a response");
    assert.equal(res.status, 405, res.body);
  });

  test("a chunked body growing over --max-body is 413", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = `${(1000).toString(16)}\r\n${"y".repeat(1000)}\r\n`;
      await c.write(chunk);
      await c.write(chunk);
      await sleep(50);
      await c.write(chunk); // now 3000 > 2048
      assertRejected(await c.responseOrClose({ timeout: 3000 }), [413], "chunked body too large");
    } finally {
      c.destroy();
    }
  });

  test("a chunked body within --max-body is accepted and routed", async () => {
    const res = await rawRequest(server.port,
      "POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    assert.equal(res?.status, 405, res?.body);
  });

  const malformedHttp = {
    "garbage instead of a request line": "GARBAGE\r\n\r\n",
    "binary noise": "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    "an unknown HTTP version": "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
    "a header line without a colon": "GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
    "whitespace before a header colon": "GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n",
    "a non-numeric Content-Length": "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    "conflicting Content-Lengths": "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
    "a negative Content-Length": "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "bad chunk sizes": "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "a NUL in a header value": "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
  };
  for (const [what, data] of Object.entries(malformedHttp)) {
    test(`malformed HTTP (${what}) is 400 problem+json`, async () => {
      const res = await rawRequest(server.port, data, { timeout: 3000 });
      assertRejected(res, what.includes("version") ? [400, 505] : [400], what);
    });
  }

  test("Content-Length together with chunked is refused, or answered once and the connection closed", async () => {
    // A request-smuggling shape: the bytes after the chunked body must never become a second request.
    const c = await RawConnection.open(server.port);
    try {
      await c.write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "0\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
      const first = await c.responseOrClose({ timeout: 3000 });
      assert.ok(first, "a response");
      if (first.status !== 400) {
        assert.ok(await c.closed(2000), `after ${first.status} the connection must close`);
        assert.equal(c.buf.length, 0, `no second response: ${c.buf.toString()}`);
      }
    } finally {
      c.destroy();
    }
  });

  // Request smuggling (RFC 9112 6.1, 6.3; finding F5): a head whose body length is in doubt is
  // refused before anything else is read, and the bytes after it never run as a request.
  const smuggling = {
    "Transfer-Encoding: gzip": "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    "Transfer-Encoding: xchunked": "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n",
    "Transfer-Encoding: chunked, identity":
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "Transfer-Encoding: gzip with a Content-Length":
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello",
    "Content-Length with Transfer-Encoding: chunked":
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
    "no Host header": "GET /healthz HTTP/1.1\r\nAccept: */*\r\n\r\n",
    "two Host headers": "GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
    "a folded header line": "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n",
    "a folded Transfer-Encoding":
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\tchunked\r\n\r\n0\r\n\r\n",
  };
  for (const [what, head] of Object.entries(smuggling)) {
    test(`request smuggling: ${what} is 400 problem+json, the connection closes, nothing after it runs`, async () => {
      const c = await RawConnection.open(server.port);
      try {
        await c.write(head + "GET /api/v1/smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
        const res = await c.responseOrClose({ timeout: 3000 });
        assertRejected(res, [400], what);
        assert.ok(await c.closed(3000), `${what}: the connection must close after the refusal`);
        assert.equal(c.buf.length, 0, `${what}: a second response: ${c.buf.toString("latin1")}`);
      } finally {
        c.destroy();
      }
      const smuggled = server.logs().filter((l) => l.msg === "request" && l.target === "/api/v1/smuggled");
      assert.deepEqual(smuggled, [], "the smuggled request never reached the pipeline");
    });
  }

  test("request smuggling: the refusal names what is wrong", async () => {
    const details = {};
    for (const what of ["Transfer-Encoding: gzip", "no Host header", "a folded header line",
      "Transfer-Encoding: gzip with a Content-Length"]) {
      details[what] = (await rawRequest(server.port, smuggling[what], { timeout: 3000 }))?.json().detail;
    }
    assert.match(details["Transfer-Encoding: gzip"], /chunked/);
    assert.match(details["no Host header"], /Host/);
    assert.match(details["a folded header line"], /folding/);
    assert.match(details["Transfer-Encoding: gzip with a Content-Length"], /Content-Length/);
  });

  test("a transfer coding before chunked (gzip, chunked) is 501: understood framing, unknown coding", async () => {
    const res = await rawRequest(server.port,
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", { timeout: 3000 });
    assertRejected(res, [501], "gzip, chunked");
  });

  const badTargets = ["/%zz", "http//x", "/%", "/%G0", "../etc/passwd", "/a b", "*", "/a\x01b"];
  for (const target of badTargets) {
    test(`a malformed target ${JSON.stringify(target)} is 400 problem+json`, async () => {
      const res = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`, { timeout: 3000 });
      assertRejected(res, [400], `target ${JSON.stringify(target)}`);
    });
  }

  test("server-level refusals (400, 413, 431) carry the security headers too", async () => {
    const cases = {
      400: "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      413: `POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`,
      431: `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(MAX_HEADER + 100)}\r\n\r\n`,
    };
    const missing = [];
    for (const [status, data] of Object.entries(cases)) {
      const res = await rawRequest(server.port, data);
      assert.equal(res?.status, Number(status));
      try {
        assertSecurityHeaders(res.headers, `on ${status}`);
      } catch (e) {
        missing.push(`${status}: ${e.message}; headers ${JSON.stringify(res.headers)}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test("slowloris: headers that never complete get 408 after --request-timeout", async () => {
    const c = await RawConnection.open(server.port);
    const start = Date.now();
    try {
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      // Meanwhile the server answers others at once.
      const t0 = Date.now();
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      assert.ok(Date.now() - t0 < 500, "a normal request is not held up");
      const res = await c.responseOrClose({ timeout: REQUEST_TIMEOUT + 4000 });
      const elapsed = Date.now() - start;
      assert.ok(res, "the server answers 408 before closing");
      assertRejected(res, [408], "slow headers");
      assert.ok(await c.closed(1000), "the connection is closed");
      assert.ok(elapsed >= REQUEST_TIMEOUT - 100, `cut off after ${elapsed} ms, before the timeout`);
    } finally {
      c.destroy();
    }
  });

  test("slowloris: a byte every 200 ms does not extend the request deadline", async () => {
    const c = await RawConnection.open(server.port);
    const start = Date.now();
    let sending = true;
    const trickle = (async () => {
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      while (sending && !c.ended) {
        await c.write("X-A: b\r\n");
        await sleep(200);
      }
    })();
    try {
      const res = await c.responseOrClose({ timeout: REQUEST_TIMEOUT + 4000 });
      const elapsed = Date.now() - start;
      if (res) assertRejected(res, [408], "trickled headers");
      assert.ok(elapsed < REQUEST_TIMEOUT + 2500, `the trickle kept the connection for ${elapsed} ms`);
    } finally {
      sending = false;
      await trickle;
      c.destroy();
    }
  });

  test("a body that stops half-way gets 408 after --request-timeout", async () => {
    const c = await RawConnection.open(server.port);
    const start = Date.now();
    try {
      await c.write("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
      const res = await c.responseOrClose({ timeout: REQUEST_TIMEOUT + 4000 });
      assert.ok(res, "the server answers 408 before closing");
      assertRejected(res, [408], "half a body");
      assert.ok(await c.closed(1000));
      assert.ok(Date.now() - start >= REQUEST_TIMEOUT - 100);
    } finally {
      c.destroy();
    }
  });

  test("an idle keep-alive connection is closed after --idle-timeout, not before", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await c.response()).status, 200);
      const start = Date.now();
      assert.ok(await c.closed(IDLE_TIMEOUT + 4000), "closed eventually");
      const elapsed = Date.now() - start;
      assert.ok(elapsed >= IDLE_TIMEOUT - 200, `closed after ${elapsed} ms`);
    } finally {
      c.destroy();
    }
  });

  test("30 stalled connections do not stop the server from answering", async () => {
    const stalled = await Promise.all(Array.from({ length: 30 }, () => RawConnection.open(server.port)));
    try {
      await Promise.all(stalled.map((c, i) => c.write(i % 2 ? "GET /healthz HTTP/1.1\r\nHo" : "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nab")));
      const t0 = Date.now();
      const rs = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.url}/healthz`)));
      assert.ok(rs.every((r) => r.status === 200));
      assert.ok(Date.now() - t0 < 2000, "answered while the stalled ones wait");
      // And every stalled one is eventually cut off.
      const closed = await Promise.all(stalled.map((c) => c.closed(REQUEST_TIMEOUT + 5000)));
      assert.ok(closed.every(Boolean), "all stalled connections closed");
    } finally {
      stalled.forEach((c) => c.destroy());
    }
  });
});

describe("--max-connections", () => {
  let server;
  const MAX = 4;
  before(async () => {
    server = await startServer({ seed: false, args: ["--max-connections", String(MAX), "--idle-timeout", "20000"] });
  });
  after(async () => { await server?.stop(); });

  test("a connection over --max-connections gets 503 problem+json; capacity returns when one closes", async () => {
    const held = [];
    try {
      for (let i = 0; i < MAX; i++) {
        const c = await RawConnection.open(server.port);
        await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); // keep-alive: the connection stays open
        assert.equal((await c.response()).status, 200, `connection ${i + 1} of ${MAX} is served`);
        held.push(c);
      }
      // The server answers at once, without waiting for a request.
      const extra = await RawConnection.open(server.port);
      let res;
      try {
        res = await extra.responseOrClose({ timeout: 3000 });
      } finally {
        extra.destroy();
      }
      assertRejected(res, [503], "one connection too many");
      // The held connections still work.
      await held[0].write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await held[0].response()).status, 200);
      // Free one slot: new connections are served again.
      held.pop().destroy();
      let ok = null;
      for (let i = 0; i < 20 && ok?.status !== 200; i++) {
        await sleep(100);
        ok = await rawRequest(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", { timeout: 3000 });
      }
      assert.equal(ok?.status, 200, "served once a slot is free");
      assert.ok(server.alive);
    } finally {
      held.forEach((c) => c.destroy());
    }
  });
});

// Finding F6: one address took every connection. The new settings go in through the environment
// so that a server without them still starts (and these tests show what it lacks).
describe("--max-connections-per-address", () => {
  let server;
  const PER_ADDRESS = 4;
  const MAX = 8;
  before(async () => {
    server = await startServer({
      seed: false,
      args: ["--max-connections", String(MAX), "--idle-timeout", "20000"],
      env: { LOKET_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS), LOKET_HEAD_TIMEOUT: "20000" },
    });
  });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  test("idle sockets from 127.0.0.2 beyond the limit get 503; /healthz from 127.0.0.1 still answers", async () => {
    const held = [];
    const from2 = () => RawConnection.open(server.port, "127.0.0.1", { localAddress: "127.0.0.2" });
    try {
      // More idle sockets than the whole server takes, all from one address.
      for (let i = 0; i < MAX + 2; i++) held.push(await from2());
      const refused = () => held.filter((c) => c.ended || c.buf.length > 0);
      for (let i = 0; i < 100 && refused().length < MAX + 2 - PER_ADDRESS; i++) await sleep(50);
      assert.equal(refused().length, MAX + 2 - PER_ADDRESS, "every socket over the per-address limit is refused");
      for (const c of refused()) {
        assertRejected(await c.responseOrClose({ timeout: 3000 }), [503], "a socket over the per-address limit");
      }
      assert.equal(held.filter((c) => !c.ended).length, PER_ADDRESS, "the sockets within the limit stay open");

      const res = await fetch(`${server.url}/healthz`);
      assert.equal(res.status, 200, "another address is still served");
      await res.arrayBuffer();

      // Closing one of them frees a slot for that address again.
      held.find((c) => !c.ended).destroy();
      let ok = null;
      for (let i = 0; i < 20 && ok?.status !== 200; i++) {
        await sleep(100);
        const c = await from2();
        try {
          await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
          ok = await c.responseOrClose({ timeout: 3000 });
        } finally {
          c.destroy();
        }
      }
      assert.equal(ok?.status, 200, "127.0.0.2 is served once one of its connections closed");
    } finally {
      held.forEach((c) => c.destroy());
    }
  });
});

describe("--head-timeout", () => {
  let server;
  const HEAD_TIMEOUT = 500;
  before(async () => {
    server = await startServer({
      seed: false,
      args: ["--idle-timeout", "20000", "--request-timeout", "20000"],
      env: { LOKET_HEAD_TIMEOUT: String(HEAD_TIMEOUT) },
    });
  });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  test("a connection that sends nothing is closed after --head-timeout, not kept for --idle-timeout", async () => {
    const c = await RawConnection.open(server.port);
    try {
      assert.ok(await c.closed(HEAD_TIMEOUT + 4500), "the silent connection was not closed");
      assert.equal(c.buf.length, 0, "closed without an answer: nothing was asked");
    } finally {
      c.destroy();
    }
  });

  test("half a request head gets 408 after --head-timeout, even with a long --request-timeout", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("GET /healthz HTTP/1.1\r\nHo");
      assertRejected(await c.responseOrClose({ timeout: HEAD_TIMEOUT + 4500 }), [408], "half a head");
      assert.ok(await c.closed(2000));
    } finally {
      c.destroy();
    }
  });

  test("a kept-alive connection may idle longer than --head-timeout between requests", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await c.response()).status, 200);
      await sleep(HEAD_TIMEOUT * 3);
      assert.ok(!c.ended, "closed while idle between requests");
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assert.equal((await c.response()).status, 200);
    } finally {
      c.destroy();
    }
  });
});

describe("--body-budget", () => {
  let server;
  const BUDGET = 4096;
  before(async () => {
    server = await startServer({
      seed: false,
      args: ["--max-body", String(BUDGET), "--max-upload-body", String(BUDGET), "--request-timeout", "20000"],
      env: { LOKET_BODY_BUDGET: String(BUDGET) },
    });
  });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  const post = (length) => `POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${length}\r\n\r\n${"b".repeat(length)}`;

  test("a body that does not fit in what is left of the budget is 503 with Retry-After; it comes back after", async () => {
    const holder = await RawConnection.open(server.port);
    try {
      // 3000 bytes announced; 100 Continue says the server took the head (and the budget for it).
      await holder.write("POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n" +
        "Content-Length: 3000\r\n\r\n");
      assert.equal((await holder.response({ keepInterim: true })).status, 100);
      await holder.write("b".repeat(10));

      const c = await RawConnection.open(server.port);
      try {
        await c.write(post(2000));
        const res = await c.responseOrClose({ timeout: 3000 });
        assertRejected(res, [503], "a body over the remaining budget");
        assert.ok(Number(res.headers["retry-after"]) >= 1, `Retry-After: ${res.headers["retry-after"]}`);
        assert.ok(await c.closed(3000), "closed after the 503");
      } finally {
        c.destroy();
      }
      const chunked = await rawRequest(server.port,
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", { timeout: 3000 });
      assertRejected(chunked, [503], "a chunked body while the budget is taken");
      // A request without a body needs no budget.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);

      await holder.write("b".repeat(2990));
      assert.equal((await holder.response()).status, 405, "the holder's request is served");
    } finally {
      holder.destroy();
    }
    // The holder's share is back once its request is done.
    const again = await rawRequest(server.port, post(2000), { timeout: 3000 });
    assert.equal(again?.status, 405, again?.body);
  });
});

describe("--min-body-rate", () => {
  let server;
  const REQUEST = 1000;
  const RATE = 65536;
  before(async () => {
    server = await startServer({
      seed: false,
      args: ["--request-timeout", String(REQUEST), "--min-body-rate", String(RATE)],
    });
  });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  // Sends `total` bytes of body in pieces of `piece` every `every` ms; stops when the connection
  // ends. Returns the answer (or null) and how long it took.
  async function send(total, piece, every) {
    const c = await RawConnection.open(server.port);
    const start = Date.now();
    try {
      await c.write(`POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${total}\r\n\r\n`);
      const answer = c.responseOrClose({ timeout: 15000 });
      let done = false;
      answer.finally(() => { done = true; });
      for (let sent = 0; sent < total && !done; sent += piece) {
        await c.write("b".repeat(Math.min(piece, total - sent))).catch(() => { done = true; });
        await new Promise((r) => setTimeout(r, every));
      }
      return { res: await answer, ms: Date.now() - start };
    } finally {
      c.destroy();
    }
  }

  test("a body that keeps coming may take longer than --request-timeout", async () => {
    // 400 kB at about 200 kB/s: twice the request timeout, well above the minimum rate.
    const { res, ms } = await send(400_000, 20_000, 100);
    assert.ok(ms > REQUEST, `took ${ms} ms`);
    assert.equal(res?.status, 405, "read whole and routed (POST /healthz is not allowed)");
  });

  test("a body that trickles below --min-body-rate still gets 408", async () => {
    // 5 kB every half second: 10 kB/s, below 64 KiB/s.
    const { res, ms } = await send(400_000, 5_000, 500);
    assertRejected(res, [408], "a trickled body");
    assert.ok(ms < REQUEST + 4000, `408 after ${ms} ms`);
  });
});
