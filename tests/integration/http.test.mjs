// The HTTP contract every route keeps: health, problem+json errors, methods, security headers,
// trace context, the access log and metrics.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { RawConnection, rawRequest } from "./lib/raw.mjs";
import { assertProblem, assertSecurityHeaders, getJson } from "./lib/expect.mjs";
import { startZgwServer, addClient, zgwFetch, ZAKEN } from "./lib/zgw.mjs";

const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

const METRICS_TOKEN = "metrics-token-0123456789abcdef";

describe("http basics", () => {
  let server;
  before(async () => { server = await startServer({ args: ["--metrics-token", METRICS_TOKEN] }); });
  after(async () => { assert.equal(await server?.stop(), 0, "clean exit on SIGTERM"); });

  test("GET /healthz is 200 {status: ok} as JSON with security headers and no-store", async () => {
    const { status, headers, body } = await getJson(`${server.url}/healthz`);
    assert.equal(status, 200);
    assert.deepEqual(body, { status: "ok" });
    assert.match(headers.get("content-type"), /^application\/json/);
    assert.equal(headers.get("cache-control"), "no-store");
    assertSecurityHeaders(headers, "on /healthz");
  });

  test("GET /readyz is 200 when the database answers and is migrated", async () => {
    const { status, body } = await getJson(`${server.url}/readyz`);
    assert.equal(status, 200, JSON.stringify(body));
  });

  test("HEAD /healthz has the headers of GET and no body", async () => {
    const get = await fetch(`${server.url}/healthz`);
    const getBody = await get.text();
    const c = await RawConnection.open(server.port);
    try {
      await c.write(`HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const head = await c.response({ head: true });
      assert.equal(head.status, 200);
      assert.equal(head.body, "");
      assert.equal(Number(head.headers["content-length"]), Buffer.byteLength(getBody));
      // The next response on the connection starts right after the head: no body bytes leaked.
      const next = await c.response();
      assert.equal(next.status, 200);
      assert.deepEqual(next.json(), { status: "ok" });
    } finally {
      c.destroy();
    }
  });

  test("an unknown route is a 404 problem+json with a Dutch title by default", async () => {
    for (const path of ["/nope", "/api/v1/nope", "/api/v2/organisations"]) {
      const { status, headers, body } = await getJson(`${server.url}${path}`);
      assertProblem(status, headers, body, 404, path);
      assert.match(body.title, /niet gevonden/i, `Dutch title for ${path}`);
      assert.equal(body.instance, path);
      assertSecurityHeaders(headers, `on 404 ${path}`);
      assert.equal(headers.get("cache-control"), "no-store");
    }
  });

  test("Accept-Language picks the problem title's language", async () => {
    const url = `${server.url}/api/v1/nope`;
    const en = (await getJson(url, { headers: { "accept-language": "en-GB,en;q=0.9" } })).body;
    const nl = (await getJson(url, { headers: { "accept-language": "nl-NL,nl;q=0.9,en;q=0.5" } })).body;
    const none = (await getJson(url)).body;
    assert.match(en.title, /not found/i);
    assert.match(nl.title, /niet gevonden/i);
    assert.equal(none.title, nl.title);
    assert.notEqual(en.title, nl.title);
  });

  test("a wrong method is 405 with an Allow header naming the allowed methods", async () => {
    const cases = [
      ["POST", "/healthz"],
      ["DELETE", "/api/v1/organisations"],
      ["PUT", "/api/v1/organisations/5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01"],
      ["POST", "/readyz"],
    ];
    for (const [method, path] of cases) {
      const { status, headers, body } = await getJson(`${server.url}${path}`, { method });
      assertProblem(status, headers, body, 405, `${method} ${path}`);
      const allow = (headers.get("allow") ?? "").split(",").map((s) => s.trim());
      assert.ok(allow.includes("GET"), `Allow of ${method} ${path}: ${headers.get("allow")}`);
      assert.ok(!allow.includes(method), `Allow must not list ${method}`);
      assertSecurityHeaders(headers, `on 405 ${path}`);
    }
  });

  test("an unknown method (BREW, PROPFIND) is 501 problem+json", async () => {
    for (const method of ["BREW", "PROPFIND"]) {
      const res = await rawRequest(server.port,
        `${method} /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok(res, `${method}: connection closed without a response`);
      assertProblem(res.status, res.headers, res.json(), 501, method);
      assertSecurityHeaders(res.headers, `on 501 ${method}`);
    }
  });

  test("every /api response carries API-Version, errors included", async () => {
    for (const [method, path] of [["GET", "/api/v1/organisations"], ["GET", "/api/v1/openapi.json"],
      ["GET", "/api/v1/nope"], ["DELETE", "/api/v1/organisations"]]) {
      const r = await fetch(`${server.url}${path}`, { method });
      await r.arrayBuffer();
      assert.match(r.headers.get("api-version") ?? "", /^\d+\.\d+\.\d+/, `${method} ${path}`);
    }
  });

  test("keep-alive: several requests on one connection, and pipelined requests answer in order", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      assert.equal((await c.response()).status, 200);
      await c.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n" +
        "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" +
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await c.response()).status);
      assert.deepEqual(statuses, [200, 404, 200]);
      assert.ok(await c.closed(2000), "Connection: close is honoured");
    } finally {
      c.destroy();
    }
  });

  test("HTTP/1.0 without Host is answered and the connection closed", async () => {
    const c = await RawConnection.open(server.port);
    try {
      await c.write("GET /healthz HTTP/1.0\r\n\r\n");
      const r = await c.response();
      assert.equal(r.status, 200);
      assert.deepEqual(r.json(), { status: "ok" });
      assert.ok(await c.closed(2000), "HTTP/1.0 without keep-alive closes");
    } finally {
      c.destroy();
    }
  });

  test("responses carry a traceparent; a valid incoming trace id is kept, an invalid one replaced", async () => {
    const a = await fetch(`${server.url}/healthz`);
    const b = await fetch(`${server.url}/healthz`);
    const ta = TRACEPARENT_RE.exec(a.headers.get("traceparent") ?? "");
    const tb = TRACEPARENT_RE.exec(b.headers.get("traceparent") ?? "");
    assert.ok(ta && tb, `traceparent format: ${a.headers.get("traceparent")}`);
    assert.notEqual(ta[1], tb[1], "each request without traceparent gets its own trace id");

    const incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const kept = await fetch(`${server.url}/api/v1/organisations`, { headers: { traceparent: incoming } });
    const tk = TRACEPARENT_RE.exec(kept.headers.get("traceparent") ?? "");
    assert.ok(tk, kept.headers.get("traceparent"));
    assert.equal(tk[1], "4bf92f3577b34da6a3ce929d0e0e4736");
    assert.notEqual(tk[2], "00f067aa0ba902b7", "the server's own span id, not the caller's");

    for (const bad of [
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
      "garbage",
    ]) {
      const r = await fetch(`${server.url}/healthz`, { headers: { traceparent: bad } });
      const t = TRACEPARENT_RE.exec(r.headers.get("traceparent") ?? "");
      assert.ok(t, `traceparent after ${bad}`);
      assert.notEqual(t[1].toLowerCase(), "4bf92f3577b34da6a3ce929d0e0e4736", `invalid ${bad} must not be kept`);
      assert.notEqual(t[1], "0".repeat(32));
    }
  });

  test("one access-log line per request with trace id, method, target, route, status, duration", async () => {
    const trace = "0af7651916cd43dd8448eb211c80319c";
    const id = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
    const r = await fetch(`${server.url}/api/v1/organisations/${id}?x=1`, {
      headers: { traceparent: `00-${trace}-b7ad6b7169203331-01` },
    });
    assert.equal(r.status, 200);
    await r.arrayBuffer();
    const line = await server.waitForLog((l) => l.msg === "request" && l.trace_id === trace);
    assert.equal(line.method, "GET");
    assert.equal(line.target, `/api/v1/organisations/${id}?x=1`);
    assert.equal(line.route, "/api/v1/organisations/{id}");
    assert.equal(line.status, 200);
    assert.equal(typeof line.duration_ms, "number");
    assert.ok(line.duration_ms >= 0);
    assert.equal(line.level, "info");
    assert.equal(typeof line.time, "string");
    // Exactly one line for this request.
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(server.logs().filter((l) => l.msg === "request" && l.trace_id === trace).length, 1);

    const trace404 = "1af7651916cd43dd8448eb211c80319c";
    await (await fetch(`${server.url}/nope`, { headers: { traceparent: `00-${trace404}-b7ad6b7169203331-01` } })).arrayBuffer();
    const l404 = await server.waitForLog((l) => l.msg === "request" && l.trace_id === trace404);
    assert.equal(l404.status, 404);
  });

  test("sensitive query values never reach the log", async () => {
    const secrets = { bsn: "999993653", access_token: "tok3nS3cretValue", code: "authc0de777",
      state: "st4teValue42", burgerservicenummer_bsn: "111222333" };
    const query = Object.entries(secrets).map(([k, v]) => `${k}=${v}`).join("&");
    const trace = "2af7651916cd43dd8448eb211c80319c";
    const r = await fetch(`${server.url}/api/v1/organisations?${query}&page=1`, {
      headers: { traceparent: `00-${trace}-b7ad6b7169203331-01` },
    });
    assert.equal(r.status, 200);
    await r.arrayBuffer();
    const line = await server.waitForLog((l) => l.msg === "request" && l.trace_id === trace);
    for (const k of Object.keys(secrets)) {
      assert.ok(line.target.includes(`${k}=REDACTED`), `${k} redacted in ${line.target}`);
    }
    assert.ok(line.target.includes("page=1"), `harmless params are kept: ${line.target}`);
    const all = server.stdout() + server.stderr();
    for (const v of Object.values(secrets)) assert.ok(!all.includes(v), `secret ${v} appears in the output`);
  });

  test("every stdout line is a JSON object with time, level and msg", () => {
    const lines = server.logs();
    assert.ok(lines.length > 5);
    for (const l of lines) {
      assert.ok(!l.unparsable, `not JSON: ${l.unparsable}`);
      assert.equal(typeof l.time, "string");
      assert.ok(["debug", "info", "warn", "error"].includes(l.level), JSON.stringify(l));
      assert.equal(typeof l.msg, "string");
    }
  });

  test("GET /metrics counts requests by route and status class, with a duration histogram", async () => {
    const metric = (text, name, labels) => {
      const esc = labels.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const m = new RegExp(`^${name}\\{${esc}\\} ([0-9.eE+-]+)$`, "m").exec(text);
      return m ? Number(m[1]) : 0;
    };
    const scrape = async () => {
      const r = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      assert.equal(r.status, 200);
      assert.match(r.headers.get("content-type"), /^text\/plain/);
      return r.text();
    };
    const before = await scrape();
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/healthz`)).arrayBuffer();
    await (await fetch(`${server.url}/api/v1/organisations?page=0`)).arrayBuffer(); // 400
    const text = await scrape();

    const ok = 'route="/healthz",status="2xx"';
    assert.equal(metric(text, "loket_http_requests_total", ok) - metric(before, "loket_http_requests_total", ok), 3,
      text);
    const bad = 'route="/api/v1/organisations",status="4xx"';
    assert.equal(metric(text, "loket_http_requests_total", bad) - metric(before, "loket_http_requests_total", bad), 1,
      text);

    // Histogram of /healthz: buckets never decrease, +Inf equals _count, _sum is a number.
    const buckets = [...text.matchAll(/^loket_http_request_duration_seconds_bucket\{route="\/healthz",le="([^"]+)"\} (\d+)$/gm)]
      .map((m) => [m[1], Number(m[2])]);
    assert.ok(buckets.length >= 2, "histogram buckets for /healthz");
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], `bucket order ${buckets}`);
    assert.equal(buckets.at(-1)[0], "+Inf");
    const count = metric(text, "loket_http_request_duration_seconds_count", 'route="/healthz"');
    assert.equal(buckets.at(-1)[1], count);
    assert.ok(count >= 3);
    assert.ok(/^loket_http_request_duration_seconds_sum\{route="\/healthz"\} [0-9.eE+-]+$/m.test(text));

    const size = /^loket_db_pool_size (\d+)$/m.exec(text);
    const inUse = /^loket_db_pool_in_use (\d+)$/m.exec(text);
    assert.ok(size && inUse, "pool gauges present");
    assert.ok(Number(inUse[1]) <= Number(size[1]));
    assert.match(text, /^# TYPE loket_http_requests_total counter$/m);
    assert.match(text, /^# TYPE loket_http_request_duration_seconds histogram$/m);
  });
});

// Finding F10: /metrics was open to anything arriving from 127.0.0.1, which behind a reverse
// proxy on the same machine is everyone.
describe("/metrics: only with the token on the main listener, or on its own listener", () => {
  let plain;
  let server;
  let metricsUrl;
  before(async () => {
    plain = await startServer({ seed: false });
    server = await startServer({ seed: false, args: ["--metrics-token", METRICS_TOKEN, "--metrics-listen", "127.0.0.1:0"] });
    const line = await server.waitForLog((l) => l.msg === "metrics listening" && Number.isInteger(l.port));
    assert.notEqual(line.port, server.port);
    metricsUrl = `http://127.0.0.1:${line.port}`;
  });
  after(async () => {
    assert.equal(await plain?.stop(), 0);
    assert.equal(await server?.stop(), 0);
  });

  test("without --metrics-token, GET /metrics from this machine is 404 like any unknown path", async () => {
    for (const [method, headers] of [["GET", {}], ["HEAD", {}], ["POST", {}],
      ["GET", { authorization: "Bearer " }], ["GET", { "x-forwarded-for": "127.0.0.1" }]]) {
      const r = await fetch(`${plain.url}/metrics`, { method, headers });
      const text = await r.text();
      assert.equal(r.status, 404, `${method} /metrics ${JSON.stringify(headers)}: ${text.slice(0, 200)}`);
      assert.ok(!text.includes("loket_http_requests_total"), "no metric leaks");
    }
  });

  test("with --metrics-token, /metrics on the main listener is 200 with the Bearer token and 404 without", async () => {
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /^# TYPE loket_http_requests_total counter$/m);
    for (const auth of [undefined, `Bearer ${METRICS_TOKEN}x`, `Bearer ${METRICS_TOKEN.slice(0, -1)}`, METRICS_TOKEN,
      `Basic ${METRICS_TOKEN}`]) {
      const r = await fetch(`${server.url}/metrics`, { headers: auth ? { authorization: auth } : {} });
      const { status, headers, body } = { status: r.status, headers: r.headers, body: await r.json() };
      assertProblem(status, headers, body, 404, `authorization ${auth}`);
    }
  });

  test("--metrics-listen serves /metrics (counting the main listener's requests) and /healthz, nothing else", async () => {
    for (let i = 0; i < 2; i++) await (await fetch(`${server.url}/api/v1/organisations`)).arrayBuffer();
    const r = await fetch(`${metricsUrl}/metrics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type"), /^text\/plain/);
    const text = await r.text();
    const m = /^loket_http_requests_total\{route="\/api\/v1\/organisations",status="2xx"\} (\d+)$/m.exec(text);
    assert.ok(m && Number(m[1]) >= 2, `the main listener's requests are counted:\n${text.slice(0, 1500)}`);
    assert.match(text, /^loket_db_pool_size \d+$/m);
    const health = await fetch(`${metricsUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    for (const path of ["/api/v1/organisations", "/readyz", "/zgw/zaken/api/v1/zaken", "/index.html"]) {
      const x = await fetch(`${metricsUrl}${path}`);
      await x.arrayBuffer();
      assert.equal(x.status, 404, `${path} on the metrics listener`);
    }
  });
});

describe("readiness follows the schema", () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test("/readyz is 503 problem+json while a migration is missing, 200 again once it is back", async () => {
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const db = server.database;
    const row = (await db.query("SELECT version || '|' || name || '|' || applied_at FROM schema_migrations ORDER BY version DESC LIMIT 1")).trim();
    const [version, name, appliedAt] = row.split("|");
    assert.ok(Number(version) > 0, `a migration row: ${row}`);
    await db.query(`DELETE FROM schema_migrations WHERE version = ${Number(version)}`);
    try {
      const { status, headers, body } = await getJson(`${server.url}/readyz`);
      assertProblem(status, headers, body, 503, "/readyz without the last migration");
      // Liveness is not readiness: the process still answers.
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    } finally {
      await db.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${Number(version)}, '${name}', '${appliedAt}')`);
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  });
});

// Finding F7 at the edge: a NUL or a byte that is not UTF-8 in the address reached the handlers
// (and on PostgreSQL the database, 500). Every path segment and query parameter is now checked
// where the request is read: 400 problem+json naming it, whatever the route.
describe("the address is UTF-8 text without NUL", () => {
  let server;
  let zgw;
  before(async () => {
    server = await startZgwServer();
    zgw = zgwFetch(server, await addClient(server, { allRights: true }));
  });
  after(async () => { assert.equal(await server?.stop(), 0, `clean exit; stderr: ${server?.stderr().slice(-2000)}`); });

  const ORG = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
  const cases = [
    ["/api/v1/organisations?page=%00", "page"],
    ["/api/v1/organisations?page=1&pageSize=%FF", "pageSize"],
    ["/api/v1/organisations?%FF=1", "%FF"],
    // A path segment is named by its route parameter, or as sent where no route matches.
    ["/api/v1/organisations/%FF", "id"],
    [`/api/v1/organisations/${ORG}%00`, "id"],
    ["/api/v1/nothing-here/%FF", "%FF"],
    [`${ZAKEN}/zaken?identificatie=%00`, "identificatie"],
    [`${ZAKEN}/zaken?identificatie=abc%FF`, "identificatie"],
    [`${ZAKEN}/zaken?bronorganisatie=%C0%AF`, "bronorganisatie"],
    [`${ZAKEN}/zaken/%FF`, "uuid"],
    [`${ZAKEN}/zaken/00000000-0000-4000-8000-000000000001%00/audittrail`, "zaak_uuid"],
  ];
  for (const [path, name] of cases) {
    test(`GET ${path} is 400 naming ${name}`, async () => {
      const r = path.startsWith(ZAKEN) ? await zgw(path) : await (async () => {
        const x = await fetch(`${server.url}${path}`);
        return { status: x.status, headers: x.headers, json: await x.json() };
      })();
      assertProblem(r.status, r.headers, r.json, 400, path);
      assert.deepEqual(r.json.invalidParams?.map((p) => p.name), [name], JSON.stringify(r.json));
    });
  }

  test("text that is UTF-8 passes: a ZGW filter with é and € is answered", async () => {
    const r = await zgw(`${ZAKEN}/zaken?identificatie=Jos%C3%A9%E2%82%AC`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.count, 0);
    assert.ok(!server.stderr().includes("500"), server.stderr().slice(-1000));
  });
});
