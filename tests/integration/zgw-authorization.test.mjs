// The authorisation matrix of the ZGW APIs: five ZGW clients (no rights, read-only, one zaaktype,
// low confidentiality, all rights), a call without a token and a browser session × every ZGW
// route that `loket routes` lists, each cell a real request on real objects. Lists and `expand`
// are checked for which objects come back. A ZGW route without an entry fails the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { runLoket, freePort } from "./lib/server.mjs";
import { startZgwServer, addClient, zgwFetch } from "./lib/zgw.mjs";
import { Browser } from "./lib/browser.mjs";
import { CLIENTS, CALLERS, applicatieBody, buildFixture, zgwTable, formatTable } from "./lib/zgw-matrix.mjs";

const TABLE = zgwTable();
const listed = await runLoket(["routes", "--demo"]);
if (listed.code !== 0) throw new Error(`loket routes failed: ${listed.stderr}`);
const ROUTES = listed.stdout.trim().split("\n").map((l) => JSON.parse(l)).map((x) => `${x.method} ${x.path}`)
  .filter((k) => k.split(" ")[1].startsWith("/zgw/"));

let server, ext;
const fx = {};
const callers = {};
const mismatches = [];

// Another registration (Documenten, Contactmomenten, Verzoeken, Besluiten API) on the allow-list:
// every path answers with its object.
function startStandIn(port) {
  const s = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://127.0.0.1:${port}${req.url}`, titel: "stand-in" }));
  });
  return new Promise((resolve) => s.listen(port, "127.0.0.1", () => resolve(s)));
}

before(async () => {
  const port = await freePort();
  ext = await startStandIn(port);
  server = await startZgwServer({ args: ["--demo", "--zgw-allowed-hosts", `127.0.0.1:${port}`] });
  Object.assign(fx, { server, ext: `http://127.0.0.1:${port}`, admin: zgwFetch(server, await addClient(server, { allRights: true })) });
  await buildFixture(fx);
  // The clients are applicaties made through the Autorisaties API, as a municipality would;
  // `loket clients secret` gives each the secret it signs with.
  fx.apps = {};
  await Promise.all(CLIENTS.map(async (name) => {
    const id = `matrix-${name}-${process.pid}`;
    const secret = `secret-${id}-0123456789abcdef`;
    const r = await fx.admin("/zgw/autorisaties/api/v1/applicaties", {
      method: "POST", body: applicatieBody(name, id, (t) => fx.zt[t].url, (t) => fx[t].url),
    });
    assert.equal(r.status, 201, r.text);
    fx.apps[name] = r.json;
    const s = await runLoket(["clients", "secret", "--database", server.database.url, "--key-file",
      `${server.database.dir}/loket.keys`, "--id", id, "--secret", secret], { cwd: server.database.dir });
    assert.equal(s.code, 0, s.stderr);
    callers[name] = zgwFetch(server, { id, secret });
  }));
  fx.call = (name, path) => callers[name](path, { method: "GET" });
  const browser = new Browser();
  const login = await browser.fetch(`${server.url}/auth/demo/login`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "subject=resident:999993653",
  });
  assert.equal(login.status, 303);
  callers.browser = async (path, { method, body }) => {
    const headers = { "accept-crs": "EPSG:4326" };
    if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-crs": "EPSG:4326" });
    const res = await browser.fetch(path.startsWith("http") ? path : `${server.url}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  callers.noToken = async (path, { method, body }) => {
    const headers = { "accept-crs": "EPSG:4326" };
    if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-crs": "EPSG:4326" });
    const res = await fetch(path.startsWith("http") ? path : `${server.url}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
});
after(async () => {
  await server?.stop();
  ext?.closeAllConnections();
  ext?.close();
  if (mismatches.length) process.stderr.write(`\nZGW authorisation matrix, cells that differ:\n${formatTable(mismatches)}\n`);
});

test("every ZGW route has an entry in the matrix, and every entry a route", () => {
  assert.deepEqual(ROUTES.filter((k) => !(k in TABLE)), [], "ZGW routes without an authorisation entry");
  assert.deepEqual(Object.keys(TABLE).filter((k) => !ROUTES.includes(k)), [], "matrix entries for routes that do not exist");
});

// Reads first (their lists count the fixture's objects), then the writes, each on fresh objects.
const isRead = (key) => key.startsWith("GET ") || key.endsWith("/_zoek");
const order = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const KEYS = Object.keys(TABLE).sort((a, b) => (isRead(b) - isRead(a)) ||
  (order.indexOf(a.split(" ")[0]) - order.indexOf(b.split(" ")[0])));

for (const key of KEYS) {
  const entry = TABLE[key];
  test(`${key}: each ZGW client gets what the standard says`, async () => {
    const found = [];
    for (const [i, probe] of entry.probes.entries()) {
      // The callers without a ZGW token once per route: 401, unless the route is public.
      const who = i === 0 ? [...CALLERS, ...CLIENTS] : CLIENTS;
      let ctx = null;
      for (const name of who) {
        if (probe.prepare && !ctx) ctx = await probe.prepare(fx);
        const req = probe.request(fx, ctx);
        const want = CALLERS.includes(name) ? (entry.public ?? 401) : probe.expect(name);
        const res = await callers[name](req.path, { method: req.method, body: req.body });
        // A write that went through changed its object: the next client gets a fresh one.
        if (res.status < 300 && !probe.reuse) ctx = null;
        let note;
        if (res.status === want && want < 300 && probe.check && CLIENTS.includes(name)) {
          let json;
          try { json = JSON.parse(res.text); } catch { json = undefined; }
          note = await probe.check({ ...res, json }, fx, name);
        } else if (res.status !== want) {
          try { note = JSON.parse(res.text)?.detail?.slice(0, 60); } catch { note = undefined; }
        }
        if (res.status !== want || note) {
          found.push({ route: key, probe: probe.name, who: name, want, got: res.status, note: res.status === want ? note : note && `"${note}"` });
        }
      }
    }
    mismatches.push(...found);
    assert.ok(found.length === 0, `\n${formatTable(found)}`);
  });
}
