// What other systems see through the ZGW APIs of work done at the portal (issues 11, 13): an
// automatic grant or refusal is a besluit of the product's besluittype, linked to the zaak, with
// the reasons, and no staff person named; a case the rules give to a person has none. An
// objection (and a review request) and the case it is about list each other as
// relevanteAndereZaken. A resident submits through the portal's JSON door; a ZGW client reads.
// On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, CATALOGI, ZAKEN } from "./lib/zgw.mjs";
import { demoPerson } from "./lib/browser.mjs";

const BESLUITEN = "/zgw/besluiten/api/v1";
const json = { "content-type": "application/json" };
let server, zgw, products, anna;

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  zgw = zgwFetch(server, await addClient(server, { allRights: true }));
  products = (await (await fetch(`${server.url}/api/v1/products`)).json()).results;
  anna = await demoPerson(server.url, "resident:999993653");
});
after(async () => {
  await server?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
const zaakUrl = (id) => `${server.url}${ZAKEN}/zaken/${id}`;
const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
let seq = 0;

async function submit(b, product, answers) {
  const p = products.find((x) => x.id === product);
  assert.ok(p, product);
  const r = await b.fetch(`${server.url}/api/v1/cases`, {
    method: "POST",
    headers: { ...json, "x-csrf-token": b.csrf, "idempotency-key": `zgw-bo-${process.pid}-${++seq}` },
    body: JSON.stringify({ caseType: p.caseType, description: product, answers }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text).id;
}
// The rules run on the outbox event, a moment after the submit: wait for their record.
async function automated(b, id) {
  for (let i = 0; i < 100; i++) {
    const r = await b.fetch(`${server.url}/api/v1/cases/${id}/automated-decision`);
    if (r.status === 200) return r.json();
    assert.equal(r.status, 404, await r.text());
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no automated decision on ${id}`);
}
const besluitenOf = async (id) => ok(await zgw(`${BESLUITEN}/besluiten?zaak=${encodeURIComponent(zaakUrl(id))}`));
const sloop = (over = {}) => ({ address: "Oudegracht 1, Utrecht", start: addDays(60), asbestos: "nee", waste: 20, email: "a@example.nl", ...over });

test("an automatic grant is a besluit of the product's besluittype on the zaak, with the reasons, by no staff person", async () => {
  const id = await submit(anna, "sloopmelding", sloop());
  assert.equal((await automated(anna, id)).outcome, "grant");

  const list = await besluitenOf(id);
  assert.equal(list.count, 1, JSON.stringify(list));
  const b = list.results[0];
  assert.equal(b.zaak, zaakUrl(id));
  assert.equal(b.datum, today());
  assert.equal(b.ingangsdatum, today());
  assert.equal(b.verzenddatum, today());
  assert.match(b.uiterlijkeReactiedatum, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(b.uiterlijkeReactiedatum > today());
  assert.match(b.toelichting, /Automatisch besloten/);
  assert.match(b.toelichting, /minstens 4 weken na uw melding/);
  assert.match(b.identificatie, /^BESLUIT-\d{4}-\d{10}$/);
  // The same besluit by its own URL.
  assert.equal(ok(await zgw(b.url)).uuid, b.uuid);

  // Its besluittype is published, in the product's catalogus, and listed by the zaaktype.
  const zaak = ok(await zgw(zaakUrl(id)));
  const bt = ok(await zgw(b.besluittype));
  assert.equal(bt.concept, false);
  assert.match(bt.omschrijving, /Sloopmelding/i);
  const zt = ok(await zgw(zaak.zaaktype));
  assert.deepEqual(zt.besluittypen, [b.besluittype]);
  assert.equal(bt.catalogus, zt.catalogus);
  const filtered = ok(await zgw(`${CATALOGI}/besluittypen?zaaktypen=${encodeURIComponent(zaak.zaaktype)}`));
  assert.deepEqual(filtered.results.map((x) => x.url), [b.besluittype]);

  // The zaak: closed with its result, and the besluit listed on it.
  assert.ok(zaak.einddatum, JSON.stringify(zaak));
  assert.ok(zaak.resultaat);
  const zaakbesluiten = ok(await zgw(`${ZAKEN}/zaken/${id}/besluiten`));
  assert.deepEqual((zaakbesluiten.results ?? zaakbesluiten).map((x) => x.besluit), [b.url]);

  // No staff person decided or approved it.
  const rows = await server.database.query(`SELECT decided_by, approved_by FROM zgw_besluiten WHERE uuid = '${b.uuid}'`);
  assert.doesNotMatch(rows, /[0-9a-f]{8}-[0-9a-f]{4}/, rows);
  // The resident sees it too, with its objection window.
  const mine = await (await anna.fetch(`${server.url}/api/v1/cases/${id}/decisions`)).json();
  assert.deepEqual(mine.results.map((d) => d.id), [b.uuid]);
  assert.equal(mine.results[0].objectionWindow.until, b.uiterlijkeReactiedatum);
});

test("an automatic refusal is a besluit too; a case the rules give to a person has none", async () => {
  const refused = await submit(anna, "kwijtschelding-waterschapsbelasting", { assessment: "123456789", income: 1200, savings: 25000, email: "a@example.nl" });
  assert.equal((await automated(anna, refused)).outcome, "refuse");
  const list = await besluitenOf(refused);
  assert.equal(list.count, 1, JSON.stringify(list));
  assert.match(list.results[0].toelichting, /spaargeld|vermogen/i);
  const zaak = ok(await zgw(zaakUrl(refused)));
  assert.ok(zaak.einddatum);

  const routed = await submit(anna, "sloopmelding", sloop({ asbestos: "ja" }));
  assert.equal((await automated(anna, routed)).outcome, "route");
  assert.equal((await besluitenOf(routed)).count, 0);
  assert.equal(ok(await zgw(zaakUrl(routed))).einddatum, null);
});

test("an objection to the automatic decision and the zaak it is about list each other as relevanteAndereZaken", async () => {
  const id = await submit(anna, "sloopmelding", sloop({ address: "Oudegracht 2, Utrecht" }));
  assert.equal((await automated(anna, id)).outcome, "grant");
  const [besluit] = (await besluitenOf(id)).results;
  const path = `/api/v1/cases/${id}/decisions/${besluit.uuid}/objections`;
  const body = JSON.stringify({ grounds: "Ik wil later beginnen.", email: "anna@example.nl", hearing: false });
  const post = () => anna.fetch(`${server.url}${path}`, { method: "POST", headers: { ...json, "x-csrf-token": anna.csrf }, body });
  const first = await post();
  assert.equal(first.status, 201, await first.clone().text());
  const objection = (await first.json()).case;

  const relevant = async (zaak) => ok(await zgw(zaakUrl(zaak))).relevanteAndereZaken
    .map(({ url, aardRelatie }) => ({ url, aardRelatie }));
  assert.deepEqual(await relevant(objection), [{ url: zaakUrl(id), aardRelatie: "vervolg" }]);
  assert.deepEqual(await relevant(id), [{ url: zaakUrl(objection), aardRelatie: "onderwerp" }]);
  // Asking again is the same objection: the link is not listed twice.
  const again = await post();
  assert.equal(again.status, 200);
  assert.equal((await again.json()).case, objection);
  assert.equal((await relevant(id)).length, 1);
  assert.equal((await relevant(objection)).length, 1);
  // The change to each zaak is in its audit trail, as a change through the Zaken API would be.
  const trail = ok(await zgw(`${ZAKEN}/zaken/${id}/audittrail`));
  assert.ok(trail.some((t) => t.actie === "partial_update" &&
    (t.wijzigingen?.nieuw?.relevanteAndereZaken ?? []).length === 1), JSON.stringify(trail.map((t) => t.actie)));
});

test("a review request and the automatically decided zaak list each other too", async () => {
  const id = await submit(anna, "sloopmelding", sloop({ address: "Oudegracht 3, Utrecht" }));
  assert.equal((await automated(anna, id)).outcome, "grant");
  const r = await anna.fetch(`${server.url}/api/v1/cases/${id}/automated-decision/review`, { method: "POST", headers: { ...json, "x-csrf-token": anna.csrf }, body: "{}" });
  assert.equal(r.status, 201, await r.clone().text());
  const review = (await r.json()).reviewCase;
  const zaak = ok(await zgw(zaakUrl(id)));
  assert.deepEqual(zaak.relevanteAndereZaken.map((x) => [x.url, x.aardRelatie]), [[zaakUrl(review), "onderwerp"]]);
  const reviewZaak = ok(await zgw(zaakUrl(review)));
  assert.deepEqual(reviewZaak.relevanteAndereZaken.map((x) => [x.url, x.aardRelatie]), [[zaakUrl(id), "vervolg"]]);
});
