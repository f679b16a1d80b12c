// Regression tests for the hostile review of issue 8 in the ZGW APIs: paging that cannot
// overflow (F1), expand that never shows what the client may not read (F2), reads by URL under
// the same limits as lists (F3), a zaak's identificatie and bronorganisatie fixed after creation
// (F9), and rights checked before the body is validated.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startZgwServer, addClient, zgwFetch, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { freePort } from "./lib/server.mjs";

const RSIN = "002220647";
const RSIN2 = "123456782";
const BSN = "999993653";

let server, admin, outside, outsideHost;
const outsideHits = [];

before(async () => {
  // An allow-listed "other ZGW server" that counts what the registry fetches from it.
  const port = await freePort();
  outsideHost = `127.0.0.1:${port}`;
  outside = createServer((req, res) => {
    outsideHits.push(req.url);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: `http://${outsideHost}${req.url}`, concept: false }));
  });
  await new Promise((resolve) => outside.listen(port, "127.0.0.1", resolve));
  server = await startZgwServer({ args: ["--zgw-allowed-hosts", outsideHost] });
  admin = zgwFetch(server, await addClient(server, { allRights: true }));
});
after(async () => {
  await server?.stop();
  outside?.close();
});

// A client limited to `zaaktype` up to `maxLevel`, with `scopes` in zrc.
const limitedClient = async (zaaktype, scopes, maxLevel = "zaakvertrouwelijk") =>
  addClient(server, { component: "zrc", scopes, zaaktypen: [zaaktype], maxLevel });

const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  assert.match(r.headers.get("content-type") ?? "", /problem\+json/);
  const p = r.json.invalidParams?.find((x) => x.name === name);
  assert.ok(p, `expected invalidParams ${name} in ${r.text}`);
  if (code) assert.equal(p.code, code, r.text);
};

const utrecht = { type: "Polygon", coordinates: [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]] };

test("F1: _zoek with zaakgeometrie.within and a page past the bound is a 400 naming page, not a crash", async () => {
  const type = await publishedZaaktype(server, { rsin: RSIN });
  const zaak = await registerCase(type, { bsn: BSN });
  const geo = await admin(zaak.url, { method: "PATCH", body: { zaakgeometrie: { type: "Point", coordinates: [5.12, 52.09] } } });
  assert.equal(geo.status, 200, geo.text);
  const zoek = (page, body = { zaakgeometrie: { within: utrecht } }) =>
    admin(`${ZAKEN}/zaken/_zoek?page=${page}`, { method: "POST", body });
  for (const page of ["92233720368547760", "9223372036854775807", "9223372036854775808", "1000001", "-0", "1e3", "0"]) {
    invalid(await zoek(page), "page", "invalid");
    invalid(await zoek(page, { zaaktype: type.zaaktype }), "page", "invalid");
    invalid(await admin(`${ZAKEN}/zaken?page=${page}`), "page", "invalid");
    invalid(await admin(`${ZAKEN}/rollen?page=${page}`), "page", "invalid");
  }
  // The server is still there, and the first page still works.
  const first = await zoek(1);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json.results.map((z) => z.url), [zaak.url]);
  assert.equal((await zoek(1000000)).status, 404);
  assert.equal((await admin(`${ZAKEN}/zaken?page=1000000`)).status, 404);
});

test("F1: the portal's lists take the same bounded page (organisations)", async () => {
  const bad = await fetch(`${server.url}/api/v1/organisations?page=1000001`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).invalidParams[0].name, "page");
  const huge = await fetch(`${server.url}/api/v1/organisations?page=92233720368547760&pageSize=100`);
  assert.equal(huge.status, 400);
  const last = await fetch(`${server.url}/api/v1/organisations?page=1000000&pageSize=100`);
  assert.equal(last.status, 200);
  assert.deepEqual((await last.json()).results, []);
});
