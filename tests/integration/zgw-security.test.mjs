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

// Every object in `_expand` (one level; lists flattened).
const expandedObjects = (zaak) => Object.values(zaak._expand ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(Boolean);

test("F2: expand never shows a linked zaak of another zaaktype or above the client's level, on read, list and _zoek", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const b = await publishedZaaktype(server, { rsin: RSIN2 });
  const foreign = await registerCase(b, { bsn: BSN });  // zaaktype B
  const secret = await registerCase(a, { bsn: BSN });   // zaaktype A, made geheim below
  const p = await admin(secret.url, { method: "PATCH", body: { vertrouwelijkheidaanduiding: "geheim" } });
  assert.equal(p.status, 200, p.text);
  const client = await limitedClient(a.zaaktype, ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"]);
  const limited = zgwFetch(server, client);
  // The limited client cannot read them directly...
  assert.equal((await limited(foreign.url)).status, 403);
  assert.equal((await limited(secret.url)).status, 403);
  // ...but zaken it may read link to them: as relevanteAndereZaken, and as hoofdzaak (linked by
  // someone who may read both; the limited client itself may not link them, see below).
  const today = new Date().toISOString().slice(0, 10);
  const zaak = (extra) => ({
    bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: a.zaaktype, startdatum: today,
    vertrouwelijkheidaanduiding: "openbaar", ...extra,
  });
  const own = await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: zaak({ relevanteAndereZaken: [{ url: foreign.url, aardRelatie: "onderwerp" }, { url: secret.url, aardRelatie: "bijdrage" }] }),
  });
  assert.equal(own.status, 201, own.text);
  const child = await admin(`${ZAKEN}/zaken`, { method: "POST", body: zaak({ hoofdzaak: foreign.url }) });
  assert.equal(child.status, 201, child.text);
  // A deelzaak of zaaktype B under the client's own zaak (made by someone who may).
  const deel = await admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: RSIN2, verantwoordelijkeOrganisatie: RSIN2, zaaktype: b.zaaktype, startdatum: today, hoofdzaak: own.json.url },
  });
  assert.equal(deel.status, 201, deel.text);
  const hidden = [foreign, secret, deel.json];
  const noneOf = (z, where) => {
    assert.ok(z._expand, `${where}: no _expand in ${JSON.stringify(z)}`);
    const objects = expandedObjects(z);
    for (const h of hidden) {
      assert.ok(!objects.some((o) => o.url === h.url), `${where}: ${h.url} expanded: ${JSON.stringify(z._expand)}`);
      assert.ok(!JSON.stringify(z._expand).includes(h.identificatie), `${where}: ${h.identificatie} in _expand`);
    }
  };
  const expand = "expand=hoofdzaak,deelzaken,relevanteAndereZaken,zaaktype,status,resultaat,rollen";

  const read = await limited(`${own.json.url}?${expand}`);
  assert.equal(read.status, 200, read.text);
  noneOf(read.json, "read");
  // The URLs stay in the zaak as they were; the objects are left out.
  assert.deepEqual(read.json.relevanteAndereZaken.map((r) => r.url), [foreign.url, secret.url]);
  assert.deepEqual(read.json.deelzaken, [deel.json.url]);
  assert.deepEqual(read.json._expand.deelzaken, []);
  assert.deepEqual(read.json._expand.relevanteAndereZaken, []);
  assert.equal(read.json._expand.zaaktype, undefined, "no catalogi.lezen: the zaaktype is not expanded either");
  assert.equal(read.json._expand.status, null, "nothing linked: null");
  assert.equal(read.json._expand.hoofdzaak, null, "nothing linked: null");
  const readChild = await limited(`${child.json.url}?${expand}`);
  assert.equal(readChild.status, 200, readChild.text);
  noneOf(readChild.json, "read (deelzaak)");
  assert.equal(readChild.json.hoofdzaak, foreign.url);
  assert.ok(!("hoofdzaak" in readChild.json._expand), "an unreadable hoofdzaak is left out");

  const list = await limited(`${ZAKEN}/zaken?zaaktype=${encodeURIComponent(a.zaaktype)}&${expand}`);
  assert.equal(list.status, 200, list.text);
  const listed = list.json.results.map((z) => z.url);
  assert.ok(listed.includes(own.json.url) && listed.includes(child.json.url), listed.join(" "));
  for (const z of list.json.results) noneOf(z, "list");
  const zoek = await limited(`${ZAKEN}/zaken/_zoek?${expand}`, { method: "POST", body: { zaaktype: a.zaaktype } });
  assert.equal(zoek.status, 200, zoek.text);
  assert.ok(zoek.json.results.length >= 2);
  for (const z of zoek.json.results) noneOf(z, "_zoek");

  // Someone who may read everything sees it all expanded.
  const full = await admin(`${own.json.url}?${expand}`);
  assert.deepEqual(full.json._expand.relevanteAndereZaken.map((z) => z.url), [foreign.url, secret.url]);
  assert.deepEqual(full.json._expand.deelzaken.map((z) => z.url), [deel.json.url]);
  assert.equal(full.json._expand.zaaktype.url, a.zaaktype);
  assert.equal((await admin(`${child.json.url}?expand=hoofdzaak`)).json._expand.hoofdzaak.url, foreign.url);
});

test("F2: a client links into its zaken only zaken it may read; an unreadable one is named as if it did not exist", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const b = await publishedZaaktype(server, { rsin: RSIN2 });
  const foreign = await registerCase(b, { bsn: BSN });
  const client = await limitedClient(a.zaaktype, ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"]);
  const limited = zgwFetch(server, client);
  const today = new Date().toISOString().slice(0, 10);
  const zaak = (extra) => ({
    bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: a.zaaktype, startdatum: today,
    vertrouwelijkheidaanduiding: "openbaar", ...extra,
  });
  const unknown = `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000`;
  const before = (await admin(foreign.url)).json;
  // The answer for a zaak it may not read is the answer for one that does not exist.
  for (const url of [foreign.url, unknown]) {
    invalid(await limited(`${ZAKEN}/zaken`, { method: "POST", body: zaak({ hoofdzaak: url }) }), "hoofdzaak", "bad-url");
    invalid(await limited(`${ZAKEN}/zaken`, { method: "POST", body: zaak({ relevanteAndereZaken: [{ url, aardRelatie: "vervolg" }] }) }),
      "relevanteAndereZaken.0.url", "bad-url");
  }
  // Nothing of the other zaak changed (no deelzaak was added to it).
  assert.deepEqual((await admin(foreign.url)).json.deelzaken, before.deelzaken);
  // A link someone else stored stays: the client may change other fields of its zaak.
  const own = await admin(`${ZAKEN}/zaken`, { method: "POST", body: zaak({ relevanteAndereZaken: [{ url: foreign.url, aardRelatie: "onderwerp" }] }) });
  assert.equal(own.status, 201, own.text);
  const patched = await limited(own.json.url, { method: "PATCH", body: { omschrijving: "Bijgewerkt" } });
  assert.equal(patched.status, 200, patched.text);
  assert.deepEqual(patched.json.relevanteAndereZaken.map((r) => r.url), [foreign.url]);
});

test("F2: a child's expand of zaak passes the read gate too", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const zaak = await registerCase(a, { bsn: BSN });
  const rollen = await admin(`${ZAKEN}/rollen?zaak=${encodeURIComponent(zaak.url)}`);
  const rol = rollen.json.results[0];
  // zaken.lezen for this zaaktype, but only up to openbaar: the zaak (zaakvertrouwelijk) is hidden,
  // and so is its rol.
  const low = zgwFetch(server, await limitedClient(a.zaaktype, ["zaken.lezen"], "openbaar"));
  assert.equal((await low(`${rol.url}?expand=zaak`)).status, 403);
  const ok = zgwFetch(server, await limitedClient(a.zaaktype, ["zaken.lezen"]));
  const r = await ok(`${rol.url}?expand=zaak,roltype`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json._expand.zaak.url, zaak.url);
  assert.equal(r.json._expand.roltype, undefined, "no catalogi.lezen: the roltype is left out");
});

test("F3: a read by URL applies the limits of a list, also for an autorisatie stored without zaaktype or level", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const b = await publishedZaaktype(server, { rsin: RSIN2 });
  const mine = await registerCase(a, { bsn: BSN });
  const foreign = await registerCase(b, { bsn: BSN });
  const secret = await registerCase(a, { bsn: BSN });
  assert.equal((await admin(secret.url, { method: "PATCH", body: { vertrouwelijkheidaanduiding: "zeer_geheim" } })).status, 200);
  // Autorisaties as an older `loket clients add` stored them: no zaaktype; a zaaktype, no level.
  const untyped = await limitedClient(a.zaaktype, ["zaken.lezen"]);
  const unlevelled = await limitedClient(a.zaaktype, ["zaken.lezen"]);
  await server.database.query(`UPDATE zgw_applicaties SET data = replace(data, '"zaaktype":', '"weg":') WHERE label = '${untyped.id}'`);
  await server.database.query(`UPDATE zgw_applicaties SET data = replace(data, '"maxVertrouwelijkheidaanduiding":', '"weg":') WHERE label = '${unlevelled.id}'`);
  // Neither client has called yet, so no process holds it in its cache; the version bump is for
  // good measure.
  await server.database.query("UPDATE zgw_autorisaties_version SET version = version + 1 WHERE id = 1");
  for (const [name, c] of [["untyped", untyped], ["unlevelled", unlevelled]]) {
    const f = zgwFetch(server, c);
    const list = await f(`${ZAKEN}/zaken`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.count, 0, `${name}: a list shows nothing`);
    for (const z of [mine, foreign, secret]) assert.equal((await f(z.url)).status, 403, `${name}: ${z.url}`);
  }
});

test("F9: identificatie and bronorganisatie are fixed after creation; identificatie has a character set", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const zaak = await registerCase(a, { bsn: BSN });
  invalid(await admin(zaak.url, { method: "PATCH", body: { bronorganisatie: RSIN2 } }), "bronorganisatie", "wijzigen-niet-toegelaten");
  invalid(await admin(zaak.url, { method: "PATCH", body: { identificatie: "ANDER-1" } }), "identificatie", "wijzigen-niet-toegelaten");
  const read = (await admin(zaak.url)).json;
  invalid(await admin(zaak.url, { method: "PUT", body: { ...read, bronorganisatie: RSIN2 } }), "bronorganisatie", "wijzigen-niet-toegelaten");
  invalid(await admin(zaak.url, { method: "PUT", body: { ...read, identificatie: "ANDER-2" } }), "identificatie", "wijzigen-niet-toegelaten");
  const after = (await admin(zaak.url)).json;
  assert.equal(after.bronorganisatie, RSIN);
  assert.equal(after.identificatie, zaak.identificatie);
  // The same values are fine (PUT of the representation; PATCH naming them).
  assert.equal((await admin(zaak.url, { method: "PUT", body: { ...read, omschrijving: "Gewijzigd" } })).status, 200);
  assert.equal((await admin(zaak.url, { method: "PATCH", body: { identificatie: zaak.identificatie, bronorganisatie: RSIN } })).status, 200);
  const today = new Date().toISOString().slice(0, 10);
  const post = (identificatie) => admin(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: a.zaaktype, startdatum: today, identificatie },
  });
  for (const bad of ["ZAAK\n1", "ZAAK\u00001", "ZAAK\t2", "ZAAK 3", "<b>4</b>", "ZAAK\u007f5", "zaak-\u00e9"]) {
    invalid(await post(bad), "identificatie", "invalid");
  }
  const ok = await post(`EIGEN-${process.pid}_1.a`);
  assert.equal(ok.status, 201, ok.text);
});

test("rights first: a client without the create scope gets 403 for a body with bad references, and nothing is fetched", async () => {
  const a = await publishedZaaktype(server, { rsin: RSIN });
  const reader = zgwFetch(server, await limitedClient(a.zaaktype, ["zaken.lezen"]));
  const hits = outsideHits.length;
  const today = new Date().toISOString().slice(0, 10);
  const missing = `${server.url}${ZAKEN}/zaken/00000000-0000-4000-8000-000000000000`;
  const bodies = [
    { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: `http://${outsideHost}/zaaktypen/1`, startdatum: today },
    { bronorganisatie: RSIN, verantwoordelijkeOrganisatie: RSIN, zaaktype: a.zaaktype, startdatum: today, hoofdzaak: missing },
    { bronorganisatie: "1", zaaktype: "geen url" },
  ];
  for (const body of bodies) {
    const r = await reader(`${ZAKEN}/zaken`, { method: "POST", body });
    assert.equal(r.status, 403, r.text);
  }
  for (const [path, body] of [
    ["rollen", { zaak: missing, roltype: `http://${outsideHost}/roltypen/1`, betrokkeneType: "medewerker" }],
    ["statussen", { zaak: missing, statustype: `http://${outsideHost}/statustypen/1`, datumStatusGezet: "2026-01-01T00:00:00Z" }],
    ["resultaten", { zaak: `http://${outsideHost}/zaken/1`, resultaattype: `http://${outsideHost}/resultaattypen/1` }],
  ]) {
    const r = await reader(`${ZAKEN}/${path}`, { method: "POST", body });
    assert.equal(r.status, 403, `${path}: ${r.text}`);
  }
  assert.equal(outsideHits.length, hits, `fetched: ${outsideHits.slice(hits).join(", ")}`);
  // With the scope, the same outside reference is fetched (the allow-list works; the test is real).
  const writer = zgwFetch(server, await limitedClient(a.zaaktype, ["zaken.lezen", "zaken.aanmaken"]));
  const w = await writer(`${ZAKEN}/zaken`, { method: "POST", body: bodies[0] });
  assert.notEqual(w.status, 500, w.text);
  assert.ok(outsideHits.length > hits, "the writer's reference was fetched");
});
