// A party's case lists (issues 9, 12) read their order from the party's roles (migration 0027,
// kept in step with the zaak by triggers whoever writes it, here the ZGW APIs): open first,
// then closed, each newest first (then by id), the same across page boundaries on
// GET /api/v1/cases (pages, exact count), GET /api/v1/me/cases and /mijn-zaken (keyset, 20 a
// page); a case with two roles of the party is listed once; closing, reopening and a new
// start date move a case. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { demoPerson } from "./lib/browser.mjs";

const RSIN1 = "002220647";
const ANNA = "999991905"; // a demo login without demo cases

let server, type, anna;
// 25 zaken of this resident's, started on 1 to 23 January (two pairs share a day); every third closed.
const zaken = [];

const ok = (r, status) => { assert.equal(r.status, status, JSON.stringify(r.json ?? r.text)); return r.json; };

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  type = await publishedZaaktype(server, { rsin: RSIN1, resultaattype: true });
  const resultaattype = ok(await type.api(`/zgw/catalogi/api/v1/resultaattypen?zaaktype=${encodeURIComponent(type.zaaktype)}`), 200).results[0].url;
  for (let i = 0; i < 25; i++) {
    const day = String(1 + (i < 2 ? 0 : i < 4 ? 1 : i - 2)).padStart(2, "0");
    const zaak = ok(await type.api(`${ZAKEN}/zaken`, {
      method: "POST",
      body: { bronorganisatie: RSIN1, verantwoordelijkeOrganisatie: RSIN1, zaaktype: type.zaaktype,
        startdatum: `2026-01-${day}`, omschrijving: `Zaak ${i}` },
    }), 201);
    ok(await type.api(`${ZAKEN}/rollen`, {
      method: "POST",
      body: { zaak: zaak.url, betrokkeneType: "natuurlijk_persoon", roltype: type.roltype,
        roltoelichting: "Aanvrager", betrokkeneIdentificatie: { inpBsn: ANNA } },
    }), 201);
    ok(await type.api(`${ZAKEN}/statussen`, {
      method: "POST", body: { zaak: zaak.url, statustype: type.statustypen[0], datumStatusGezet: new Date().toISOString() },
    }), 201);
    const closed = i % 3 === 0;
    if (closed) {
      ok(await type.api(`${ZAKEN}/resultaten`, { method: "POST", body: { zaak: zaak.url, resultaattype } }), 201);
      ok(await type.api(`${ZAKEN}/statussen`, {
        method: "POST", body: { zaak: zaak.url, statustype: type.statustypen[1], datumStatusGezet: new Date().toISOString() },
      }), 201);
    }
    zaken.push({ uuid: zaak.uuid, url: zaak.url, start: `2026-01-${day}`, closed });
  }
  // A second role of Anna's in one case: still one row.
  ok(await type.api(`${ZAKEN}/rollen`, {
    method: "POST",
    body: { zaak: zaken[7].url, betrokkeneType: "natuurlijk_persoon", roltype: type.roltype,
      roltoelichting: "Ook belanghebbende", betrokkeneIdentificatie: { inpBsn: ANNA } },
  }), 201);
  anna = await demoPerson(server.url, `resident:${ANNA}`);
});
after(async () => { await server?.stop(); });

// The order the lists promise, worked out here from the zaken as made.
const expected = () => [...zaken].sort((a, b) =>
  (a.closed - b.closed) || (a.start < b.start ? 1 : a.start > b.start ? -1 : 0) || (a.uuid < b.uuid ? -1 : 1),
).map((z) => z.uuid);

const get = async (path) => {
  const r = await anna.fetch(`${server.url}${path}`);
  const text = await r.text();
  assert.equal(r.status, 200, text);
  return JSON.parse(text);
};

async function byPages(size, query = "") {
  const ids = [];
  for (let page = 1; ; page++) {
    const body = await get(`/api/v1/cases?pageSize=${size}&page=${page}${query}`);
    ids.push(...body.results.map((c) => c.id));
    assert.equal(body.count, query ? zaken.filter((z) => z.closed === (query === "&status=closed")).length : zaken.length);
    for (const c of body.results) assert.equal(c.endDate !== null, zaken.find((z) => z.uuid === c.id).closed);
    if (!body.next) break;
    assert.ok(page < 30);
  }
  return ids;
}

async function byKeyset() {
  const ids = [];
  let path = "/api/v1/me/cases";
  for (let n = 0; path; n++) {
    const body = await get(path);
    ids.push(...body.results.map((c) => c.id));
    path = body.next;
    assert.ok(n < 5);
  }
  return ids;
}

test("open first, then closed, each newest first: the same on every page boundary", async () => {
  const want = expected();
  assert.equal(new Set(want).size, 25);
  for (const size of [1, 2, 7, 20, 100]) assert.deepEqual(await byPages(size), want, `pageSize ${size}`);
  assert.deepEqual(await byPages(4, "&status=open"), want.filter((id) => !zaken.find((z) => z.uuid === id).closed));
  assert.deepEqual(await byPages(3, "&status=closed"), want.filter((id) => zaken.find((z) => z.uuid === id).closed));
  // Past the end: no rows, the count still right.
  const past = await get("/api/v1/cases?pageSize=10&page=4");
  assert.deepEqual(past.results, []);
  assert.equal(past.count, 25);
  // My cases: 20 a page, the second page after the first's last row.
  assert.deepEqual(await byKeyset(), want);
  // The page: the same order over its two pages.
  const html = await (await anna.fetch(`${server.url}/mijn-zaken`, { headers: { accept: "text/html" } })).text();
  const next = html.match(/href="(\/mijn-zaken\?na=[^"]+)" rel="next"/);
  assert.ok(next, "a next page link");
  const html2 = await (await anna.fetch(`${server.url}${next[1].replaceAll("&amp;", "&")}`, { headers: { accept: "text/html" } })).text();
  const onPage = (h) => [...h.matchAll(/href="\/mijn-zaken\/([0-9a-f-]{36})"/g)].map((x) => x[1]);
  assert.deepEqual([...onPage(html), ...onPage(html2)], want);
  assert.match(html, /Mijn zaken/);
});

test("a case that closes, reopens or gets another start date moves in the list", async () => {
  // Reopened: the first case (closed, started 1 January) is open again, last of the open ones.
  const reopen = zaken[0];
  ok(await type.api(`${ZAKEN}/statussen`, {
    method: "POST", body: { zaak: reopen.url, statustype: type.statustypen[0], datumStatusGezet: new Date().toISOString() },
  }), 201);
  reopen.closed = false;
  // Another start date: the oldest open case becomes the newest.
  const moved = zaken.filter((z) => !z.closed).sort((a, b) => (a.start < b.start ? -1 : 1))[0];
  ok(await type.api(`${ZAKEN}/zaken/${moved.uuid}`, { method: "PATCH", body: { startdatum: "2026-02-01" } }), 200);
  moved.start = "2026-02-01";
  const want = expected();
  assert.equal(want[0], moved.uuid);
  assert.deepEqual(await byPages(6), want);
  assert.deepEqual(await byKeyset(), want);
});
