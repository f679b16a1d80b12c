// The organisations API on seeded and empty databases: listing, paging, detail, bad input, the
// OpenAPI document, and concurrent reads.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, runLoket } from "./lib/server.mjs";
import { assertProblem, getJson } from "./lib/expect.mjs";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = ["municipality", "province", "water-board"];
const MISSING = "00000000-0000-4000-8000-000000000000";

describe("organisations (seeded)", () => {
  let server;
  let all; // the default listing
  const api = (p) => `${server.url}/api/v1/organisations${p}`;

  before(async () => {
    server = await startServer({ args: ["--metrics-token", "organisations-metrics-token"] });
    all = (await getJson(api(""))).body;
  });
  after(async () => { await server?.stop(); });

  test("the default listing holds the three demo organisations with every field", async () => {
    const { status, headers, body } = await getJson(api(""));
    assert.equal(status, 200);
    assert.match(headers.get("content-type"), /^application\/json/);
    assert.equal(headers.get("cache-control"), "no-store");
    assert.equal(body.count, 3);
    assert.equal(body.next, null);
    assert.equal(body.previous, null);
    assert.equal(body.results.length, 3);
    for (const o of body.results) {
      assert.deepEqual(Object.keys(o).sort(), ["id", "kind", "name", "oin", "url"]);
      assert.match(o.id, UUID_RE);
      assert.equal(typeof o.name, "string");
      assert.ok(o.name.length > 0);
      assert.ok(KINDS.includes(o.kind), o.kind);
      assert.match(o.oin, /^\d{20}$/);
      assert.ok(o.url.endsWith(`/api/v1/organisations/${o.id}`), o.url);
    }
    assert.deepEqual(body.results.map((o) => o.kind).sort(), [...KINDS].sort(), "one of each kind");
    assert.equal(new Set(body.results.map((o) => o.id)).size, 3);
    assert.equal(new Set(body.results.map((o) => o.oin)).size, 3);
    const names = body.results.map((o) => o.name);
    assert.deepEqual(names, [...names].sort(), "ordered by name");
  });

  test("each organisation's url and id lead to the same organisation", async () => {
    for (const o of all.results) {
      const byUrl = await getJson(new URL(o.url, server.url));
      assert.equal(byUrl.status, 200);
      assert.deepEqual(byUrl.body, o);
      assert.equal(byUrl.headers.get("cache-control"), "no-store");
      assert.match(byUrl.headers.get("api-version") ?? "", /^\d+\.\d+\.\d+/);
    }
  });

  test("paging with pageSize=1 walks every organisation once, in order, through next links", async () => {
    const seen = [];
    let url = api("?pageSize=1");
    let pages = 0;
    let previous = null;
    while (url) {
      const { status, body } = await getJson(url);
      assert.equal(status, 200, url);
      assert.equal(body.count, 3);
      assert.equal(body.results.length, 1, url);
      if (pages === 0) assert.equal(body.previous, null);
      else assert.ok(body.previous, `page ${pages + 1} has a previous link`);
      if (previous) {
        // previous of this page is the page we came from
        const back = await getJson(new URL(body.previous, server.url));
        assert.deepEqual(back.body.results, previous.results);
      }
      seen.push(body.results[0].id);
      previous = body;
      url = body.next ? new URL(body.next, server.url).toString() : null;
      assert.ok(!url || new URL(url).searchParams.get("pageSize") === "1", `next keeps pageSize: ${url}`);
      assert.ok(++pages <= 3, "no more than three pages");
    }
    assert.deepEqual(seen, all.results.map((o) => o.id));
  });

  test("pageSize=2: the second page holds the last organisation", async () => {
    const p2 = (await getJson(api("?pageSize=2&page=2"))).body;
    assert.equal(p2.count, 3);
    assert.deepEqual(p2.results, [all.results[2]]);
    assert.equal(p2.next, null);
    assert.ok(p2.previous);
    const p1 = (await getJson(new URL(p2.previous, server.url))).body;
    assert.deepEqual(p1.results, all.results.slice(0, 2));
  });

  test("a page past the end is empty, not an error", async () => {
    const { status, body } = await getJson(api("?page=7"));
    assert.equal(status, 200);
    assert.equal(body.count, 3);
    assert.deepEqual(body.results, []);
    assert.equal(body.next, null);
  });

  test("pageSize 100 is the largest allowed", async () => {
    const { status, body } = await getJson(api("?pageSize=100"));
    assert.equal(status, 200);
    assert.equal(body.results.length, 3);
  });

  const invalid = [
    ["page", "0"], ["page", "-1"], ["page", "abc"], ["page", "2abc"], ["page", "1.5"], ["page", ""],
    ["page", "%201"], ["page", "99999999999999999999999"], ["page", "0x10"],
    ["pageSize", "0"], ["pageSize", "101"], ["pageSize", "-5"], ["pageSize", "x"], ["pageSize", ""],
    ["pageSize", "1e2"], ["pageSize", "+5"],
  ];
  for (const [name, value] of invalid) {
    test(`${name}=${value} is a 400 problem naming ${name}`, async () => {
      const { status, headers, body } = await getJson(api(`?${name}=${value}`));
      assertProblem(status, headers, body, 400, `${name}=${value}`);
      assert.ok(Array.isArray(body.invalidParams), JSON.stringify(body));
      assert.ok(body.invalidParams.some((p) => p.name === name), JSON.stringify(body.invalidParams));
      assert.ok(body.invalidParams.every((p) => typeof p.reason === "string" && p.reason.length > 0));
      assert.match(headers.get("api-version") ?? "", /^\d+\.\d+\.\d+/);
    });
  }

  test("an English problem for bad paging when asked", async () => {
    const { body } = await getJson(api("?pageSize=0"), { headers: { "accept-language": "en" } });
    assert.equal(body.status, 400);
    assert.doesNotMatch(body.title, /aanvraag|niet/i);
  });

  test("unknown query parameters are ignored", async () => {
    const { status, body } = await getJson(api("?foo=bar&sort=name"));
    assert.equal(status, 200);
    assert.deepEqual(body.results, all.results);
  });

  test("an unknown id is a 404 problem", async () => {
    const { status, headers, body } = await getJson(api(`/${MISSING}`));
    assertProblem(status, headers, body, 404, MISSING);
    assert.equal(body.instance, `/api/v1/organisations/${MISSING}`);
  });

  const malformed = ["not-a-uuid", "5f1c2b7e8d0a4b6e9c3f1a2b3c4d5e01", "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01x",
    "%27%3B%20DROP%20TABLE%20organisations%3B--", "%27%20OR%20%271%27%3D%271", "%00", "x".repeat(5000)];
  for (const id of malformed) {
    test(`a malformed id (${id.slice(0, 40)}) is 404, or 400 naming id, and changes nothing`, async () => {
      const { status, headers, body } = await getJson(api(`/${id}`));
      assert.ok(status === 404 || status === 400, `status ${status}: ${JSON.stringify(body)}`);
      assertProblem(status, headers, body, status, id);
      if (status === 400 && body.invalidParams) assert.ok(body.invalidParams.some((p) => p.name === "id"));
      assert.equal((await getJson(api(""))).body.count, 3);
    });
  }

  test("seeding again is idempotent: same three organisations, same ids", async () => {
    const r = await runLoket(["seed", "--database", server.database.url], { env: { LOKET_KEY_FILE: `${server.database.dir}/loket.keys` } });
    assert.equal(r.code, 0, r.stderr);
    const after = (await getJson(api(""))).body;
    assert.deepEqual(after, all);
  });

  test("60 concurrent reads all succeed with the same answers", async () => {
    const urls = [];
    for (let i = 0; i < 20; i++) {
      urls.push(api(""), api(`/${all.results[i % 3].id}`), api(`?pageSize=1&page=${(i % 3) + 1}`));
    }
    const results = await Promise.all(urls.map((u) => getJson(u)));
    results.forEach((r, i) => assert.equal(r.status, 200, `${urls[i]}: ${r.text}`));
    for (let i = 0; i < urls.length; i += 3) {
      assert.deepEqual(results[i].body, all);
      assert.deepEqual(results[i + 1].body, all.results[(i / 3) % 3]);
    }
    const metrics = await (await fetch(`${server.url}/metrics`,
      { headers: { authorization: "Bearer organisations-metrics-token" } })).text();
    assert.equal(/^loket_db_pool_in_use (\d+)$/m.exec(metrics)?.[1], "0", "every connection returned to the pool");
  });
});

describe("organisations (empty database)", () => {
  let server;
  before(async () => { server = await startServer({ seed: false }); });
  after(async () => { await server?.stop(); });

  test("serve migrates an empty database by itself: ready, and no organisations", async () => {
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const { status, body } = await getJson(`${server.url}/api/v1/organisations`);
    assert.equal(status, 200);
    assert.deepEqual(body, { count: 0, next: null, previous: null, results: [] });
  });

  test("an id of a demo organisation is 404 when it was never seeded", async () => {
    const { status, headers, body } = await getJson(`${server.url}/api/v1/organisations/5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01`);
    assertProblem(status, headers, body, 404);
  });
});

describe("OpenAPI document", () => {
  let server;
  before(async () => { server = await startServer({ seed: false }); });
  after(async () => { await server?.stop(); });

  test("GET /api/v1/openapi.json is an OpenAPI 3 document describing the organisations API", async () => {
    const { status, headers, body } = await getJson(`${server.url}/api/v1/openapi.json`);
    assert.equal(status, 200);
    assert.match(headers.get("content-type"), /^application\/json/);
    assert.match(body.openapi, /^3\.\d+\.\d+$/);
    assert.equal(typeof body.info?.title, "string");
    const paths = Object.keys(body.paths);
    const has = (p) => paths.includes(p) || paths.includes(`/api/v1${p}`);
    assert.ok(has("/organisations"), paths.join(", "));
    assert.ok(has("/organisations/{id}"), paths.join(", "));
    // The version in the header is the version of the document (API design rule API-57).
    assert.equal(headers.get("api-version"), body.info.version);
  });
});
