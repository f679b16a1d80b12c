// Administrators manage their organisation's products (issue 13): the list and the product page,
// a preview of a changed form, refusals that name the field, and publishing a new version: a new
// zaaktype version from today while the old one ends yesterday, so a case submitted before keeps
// its zaaktype and statuses and a new application gets the new version. Through the forms and the
// JSON API; a second version the same day is refused; `loket seed` leaves a published version
// alone; another organisation's administrator and a case worker get nothing. SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, runLoket } from "./lib/server.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
const KAP_ANSWERS = {
  address: "Dorpsstraat 3, Utrecht", trees: 1, species: "berk", diameter: 30, reason: "ziek", replant: "nee",
  email: "a@voorbeeld.nl",
};
let server, admin, otherAdmin, worker, resident;

before(async () => {
  server = await startServer({ args: ["--demo"] });
  admin = await staffBrowser(server, { email: "beheer@org1.example", organisation: ORG1, role: "administrator", name: "Bea Beheer" });
  otherAdmin = await staffBrowser(server, { email: "beheer@org2.example", organisation: ORG2, role: "administrator" });
  worker = await staffBrowser(server, { email: "behandelaar@org1.example", organisation: ORG1, role: "case-worker" });
  resident = await demoPerson(server.url, "resident:999993653");
});
after(async () => { await server?.stop(); });

const product = async (id) => (await fetch(`${server.url}/api/v1/products/${id}`)).json();
const page = (b, path) => b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
const postForm = (b, path, fields) => b.fetch(`${server.url}${path}`, {
  method: "POST", headers: { ...form, accept: "text/html" }, body: new URLSearchParams({ csrf: b.csrf, ...fields }).toString(),
  redirect: "manual",
});
const versions = (b, id, body) => b.fetch(`${server.url}/api/v1/organisations/${ORG1}/products/${id}/versions`, body === undefined
  ? {} : { method: "POST", headers: { ...json, "x-csrf-token": b.csrf }, body: JSON.stringify(body) });
async function submit(caseType, key) {
  return resident.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { ...json, "x-csrf-token": resident.csrf, "idempotency-key": key },
    body: JSON.stringify({ caseType, description: "Kapvergunning", answers: KAP_ANSWERS }),
  });
}
// The product page's form as it is, as the fields a browser would post: every text field and
// textarea, the chosen option, and the checked checkboxes.
async function currentFields(id) {
  const html = await (await page(admin, `/beheer/${ORG1}/producten/${id}`)).text();
  const start = html.indexOf(`<form method="post" action="/beheer/${ORG1}/producten/${id}"`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields = {};
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const name = m[1].match(/name="([^"]*)"/)?.[1];
    if (!name || name === "csrf") continue;
    if (/type="checkbox"/.test(m[1])) {
      if (/ checked/.test(m[1])) fields[name] = "1";
    } else {
      fields[name] = unescape(m[1].match(/value="([^"]*)"/)?.[1] ?? "");
    }
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = unescape(m[2]);
  fields.decided_by = form.match(/<option value="([a-z]+)" selected>/)[1];
  return fields;
}
const zaaktype = async (uuid) => {
  const row = (await server.database.query(
    `SELECT identificatie, begin_geldigheid, COALESCE(einde_geldigheid, '-') FROM zgw_zaaktypen WHERE uuid = '${uuid}'`)).trim();
  const [identificatie, begin, end] = row.split("|");
  return { identificatie, begin, end };
};
const day = (offset) => new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);

test("the administrator sees the organisation's products and one with its form", async () => {
  const list = await page(admin, `/beheer/${ORG1}/producten`);
  assert.equal(list.status, 200);
  const html = await list.text();
  assert.match(html, /href="\/beheer\/[0-9a-f-]+\/producten\/kapvergunning">Kapvergunning<\/a>: termijn 8 weken,/);
  assert.doesNotMatch(html, /ontheffing-provinciale-weg/, "another organisation's product is not listed");
  const one = await page(admin, `/beheer/${ORG1}/producten/kapvergunning`);
  assert.equal(one.status, 200);
  const body = await one.text();
  assert.match(body, /name="form"/);
  assert.match(body, /Versies/);
  const fields = await currentFields("kapvergunning");
  assert.equal(fields.term, "P8W");
  assert.ok(JSON.parse(fields.form).schema, "the form field holds the form's JSON");
});

test("the preview shows a changed question; a broken form is refused and named, nothing published", async () => {
  const fields = await currentFields("kapvergunning");
  const f = JSON.parse(fields.form);
  f.steps[0].fields[0].label = { nl: "Waar staat de boom precies?", en: "Where exactly is the tree?" };
  let r = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`, { ...fields, form: JSON.stringify(f), action: "voorbeeld" });
  assert.equal(r.status, 200);
  let html = await r.text();
  assert.match(html, /Voorbeeld van het formulier/);
  assert.match(html, /Waar staat de boom precies\?/);

  r = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`, { ...fields, form: "{\"schema\": ", action: "publiceren" });
  assert.equal(r.status, 400);
  html = await r.text();
  assert.match(html, /href="#product-form"/);
  assert.match(html, /aria-invalid="true"/);
  r = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`, { ...fields, term: "acht weken", action: "publiceren" });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /href="#product-term"/);
  const v = await (await versions(admin, "kapvergunning")).json();
  assert.equal(v.results.length, 0, "nothing was published");

  r = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`, { ...fields, action: "publiceren" });
  assert.equal(r.status, 303);
  assert.match(r.headers.get("location"), /\?ongewijzigd=1$/, "the same values make no version");
});

test("publishing makes a new zaaktype version from today; the earlier case keeps its own", async () => {
  const before = await product("kapvergunning");
  const early = await submit(before.caseType, "product-admin-early");
  assert.equal(early.status, 201, await early.clone().text());
  const earlyCase = await early.json();

  const fields = await currentFields("kapvergunning");
  const f = JSON.parse(fields.form);
  f.steps[0].fields[0].label = { nl: "Waar staat de boom precies?", en: "Where exactly is the tree?" };
  const r = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`,
    { ...fields, term: "P10W", form: JSON.stringify(f), action: "publiceren" });
  assert.equal(r.status, 303, await r.text());
  assert.match(r.headers.get("location"), /\/beheer\/[0-9a-f-]+\/producten\/kapvergunning\?gepubliceerd=2$/);
  const shown = await (await page(admin, r.headers.get("location"))).text();
  assert.match(shown, /Versie 2 is gepubliceerd/);
  assert.match(shown, /Bea Beheer/);

  const after = await product("kapvergunning");
  assert.notEqual(after.caseType, before.caseType, "a new zaaktype");
  const older = await zaaktype(before.caseType);
  const newer = await zaaktype(after.caseType);
  assert.equal(newer.identificatie, older.identificatie);
  assert.equal(newer.begin, day(0));
  assert.equal(older.end, day(-1));
  assert.equal(newer.end, "-");

  // The new version is what new applications get: its term (10 weeks, not 8) and its form.
  const late = await submit(after.caseType, "product-admin-late");
  assert.equal(late.status, 201, await late.clone().text());
  const lateCase = await late.json();
  const days = (c) => (Date.parse(c.deadline) - Date.parse(c.startDate)) / 86400e3;
  assert.equal(days(lateCase), 70);
  assert.match(JSON.stringify(after), /Waar staat de boom precies\?/);
  // The earlier case is unchanged: its term, and its status of the old zaaktype.
  const mine = await (await resident.fetch(`${server.url}/api/v1/cases/${earlyCase.id}`)).json();
  assert.equal(days(mine), 56);
  assert.ok(mine.status?.name, "the earlier case still has its status");

  const list = await (await versions(admin, "kapvergunning")).json();
  assert.deepEqual(list.results.map((x) => x.version), [2, 1]);
  assert.equal(list.results[1].publishedBy, "seed");
  assert.equal(list.results[0].zaaktype, after.caseType);
  assert.equal(list.results[0].formVersion, list.results[1].formVersion + 1, "the changed form got a new version");
});

test("the same product gets no second version the same day", async () => {
  const r = await versions(admin, "kapvergunning", { term: "P12W" });
  assert.equal(r.status, 409);
  assert.match(r.headers.get("content-type"), /problem\+json/);
  assert.equal((await r.json()).invalidParams[0].name, "product");
  assert.equal((await product("kapvergunning")).term ?? "P10W", "P10W");
  // Through the form, the refusal is said on the page, which keeps what was typed.
  const html = await postForm(admin, `/beheer/${ORG1}/producten/kapvergunning`,
    { ...(await currentFields("kapvergunning")), term: "P12W", action: "publiceren" });
  assert.equal(html.status, 409);
  const text = await html.text();
  assert.match(text, /vandaag al een nieuwe versie/);
  assert.match(text, /value="P12W"/);
});

test("two administrators publishing one product at once make one version; the other is told", async () => {
  const second = await staffBrowser(server, { email: "beheer2@org1.example", organisation: ORG1, role: "administrator" });
  const before = await (await versions(admin, "vraag")).json();
  const answers = await Promise.all([admin, second, admin, second].map((b, i) => versions(b, "vraag", { term: `P${i + 3}W` })));
  const statuses = answers.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409]);
  for (const r of answers.filter((x) => x.status === 409)) {
    assert.equal((await r.json()).invalidParams[0].name, "product");
  }
  const made = await answers.find((x) => x.status === 201).json();
  const list = await (await versions(admin, "vraag")).json();
  assert.deepEqual(list.results.map((x) => x.version), [2, 1]);
  assert.equal(list.zaaktype, made.zaaktype);
  // No zaaktype was made for the ones that were refused: the catalogue file's and the new one.
  const { identificatie } = await zaaktype(before.zaaktype);
  const count = (await server.database.query(
    `SELECT COUNT(*) FROM zgw_zaaktypen WHERE identificatie = '${identificatie}'`)).trim();
  assert.equal(count, "2");
  assert.equal((await zaaktype(before.zaaktype)).end, day(-1));
});

test("a claim left by a publish that died blocks a while, then is taken over", async () => {
  const current = await (await versions(admin, "melding-openbare-ruimte")).json();
  const claim = (at) => server.database.query(
    "INSERT INTO product_versions (product_id, version, zaaktype_uuid, data, published_at, published_by)"
    + ` VALUES ('melding-openbare-ruimte', 2, 'ffffffff-0000-4000-8000-000000000000', '{}', '${at}', 'x')`);
  await server.database.query(
    "INSERT INTO product_versions (product_id, version, zaaktype_uuid, data, published_at, published_by)"
    + ` SELECT id, 1, zaaktype_uuid, data, updated_at, 'seed' FROM products WHERE id = 'melding-openbare-ruimte'`);
  await claim(new Date().toISOString());
  let r = await versions(admin, "melding-openbare-ruimte", { term: "P3W" });
  assert.equal(r.status, 409, "a fresh claim: someone is publishing");
  await server.database.query("DELETE FROM product_versions WHERE product_id = 'melding-openbare-ruimte' AND version = 2");
  await claim("2020-01-01T00:00:00.000000Z");
  r = await versions(admin, "melding-openbare-ruimte", { term: "P3W" });
  assert.equal(r.status, 201, await r.clone().text());
  const list = await (await versions(admin, "melding-openbare-ruimte")).json();
  assert.deepEqual(list.results.map((x) => [x.version, x.publishedBy === "seed"]), [[2, false], [1, true]]);
  assert.notEqual(list.zaaktype, current.zaaktype);
  assert.notEqual(list.results[0].zaaktype, "ffffffff-0000-4000-8000-000000000000");
});

test("the JSON API publishes changed decision rules, and names each refused field", async () => {
  let r = await versions(admin, "sloopmelding", { term: 5, kleur: "rood" });
  assert.equal(r.status, 400);
  const names = (await r.json()).invalidParams.map((p) => p.name).sort();
  assert.deepEqual(names, ["kleur", "term"]);
  r = await versions(admin, "sloopmelding", { form: { schema: {}, steps: [] } });
  assert.equal(r.status, 400);
  assert.ok((await r.json()).invalidParams.some((p) => p.name === "form"));
  r = await versions(admin, "sloopmelding", { name: { nl: "Sloop\u0000melding", en: "Demolition" }, term: "9".repeat(40) });
  assert.equal(r.status, 400, "a NUL in a text is refused, not published");
  const nul = await r.json();
  assert.ok(nul.invalidParams.some((p) => p.name === "name.nl"), JSON.stringify(nul));
  const form = await postForm(admin, `/beheer/${ORG1}/producten/sloopmelding`,
    { ...(await currentFields("sloopmelding")), name_nl: "Sloop\u0000melding", action: "voorbeeld" });
  assert.equal(form.status, 400, "the form refuses a NUL too");
  r = await versions(admin, "sloopmelding", { decidedBy: "two" });
  assert.equal(r.status, 400, "a four-eyes product with rules that decide");
  assert.ok((await r.json()).invalidParams.some((p) => p.name === "automation"));
  assert.equal((await (await versions(admin, "sloopmelding")).json()).results.length, 0);

  const current = await (await versions(admin, "sloopmelding")).json();
  const fields = await currentFields("sloopmelding");
  const rules = JSON.parse(fields.automation);
  rules.decides = { nl: "Of een sloopmelding op tijd is.", en: "Whether a demolition notification is in time." };
  r = await versions(admin, "sloopmelding", { automation: rules });
  assert.equal(r.status, 201, await r.clone().text());
  const made = await r.json();
  assert.equal(made.version, 2);
  assert.notEqual(made.zaaktype, current.zaaktype);
  assert.equal(made.formVersion, current.formVersion, "the form did not change");
  // The algorithm register shows the new rule set's text.
  const register = await (await fetch(`${server.url}/algoritmeregister/${ORG1}`, { headers: { accept: "text/html" } })).text();
  assert.match(register, /Of een sloopmelding op tijd is\./);
});

test("the steps and documents are edited as rows: the new version's status types follow, refusals are named", async () => {
  // Through the form: rename a step, add one in the empty row, remove the second document.
  const fields = await currentFields("sloopvergunning");
  const before = await product("sloopvergunning");
  assert.equal(fields["status-3-name-nl"], "", "an empty row to add a step");
  const posted = {
    ...fields, "status-1-name-nl": "Wij beoordelen uw aanvraag",
    "status-3-name-nl": "Bezwaartermijn", "status-3-name-en": "Objection period",
    "status-3-text-nl": "U kunt zes weken bezwaar maken.", "status-3-text-en": "You can object for six weeks.",
    "document-1-name-nl": "", "document-1-name-en": "", "document-1-hint-nl": "", "document-1-hint-en": "",
  };
  // The new step goes last, so it swaps places with the closing one in the file: put it third.
  for (const part of ["name-nl", "name-en", "text-nl", "text-en"]) {
    [posted[`status-2-${part}`], posted[`status-3-${part}`]] = [posted[`status-3-${part}`], posted[`status-2-${part}`]];
  }
  delete posted["status-2-notify"];
  posted["status-3-notify"] = "1";
  const r = await postForm(admin, `/beheer/${ORG1}/producten/sloopvergunning`, { ...posted, action: "publiceren" });
  assert.equal(r.status, 303, await r.text());
  const after = await product("sloopvergunning");
  assert.deepEqual(after.statuses.map((x) => x.name.nl),
    [before.statuses[0].name.nl, "Wij beoordelen uw aanvraag", "Bezwaartermijn", before.statuses[2].name.nl]);
  assert.equal(after.documents.length, before.documents.length - 1);
  assert.equal(after.formVersion, before.formVersion + 1, "a changed list of documents is a new form");
  const types = (await server.database.query(
    `SELECT data FROM zgw_statustypen WHERE zaaktype LIKE '%${after.caseType}' ORDER BY volgnummer`))
    .trim().split("\n").map((row) => JSON.parse(row).omschrijving);
  assert.deepEqual(types, after.statuses.map((x) => x.name.nl), "the zaaktype's status types");

  // A refused row is named in plain Dutch on the page.
  const refused = await postForm(admin, `/beheer/${ORG1}/producten/omgevingsvergunning-milieu`,
    { ...(await currentFields("omgevingsvergunning-milieu")), "status-1-name-en": "", action: "voorbeeld" });
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /Stappen: stap 2, naam: de Engelse tekst ontbreekt/);

  // Through the JSON API, and what it refuses.
  for (const [body, field] of [[{ statuses: "x" }, "statuses"], [{ statuses: [{ name: { nl: "A", en: "A" } }] }, "statuses"],
    [{ documents: [{ name: { nl: "Foto" }, required: "ja" }] }, "documents"],
    [{ statuses: [before.statuses[0]].map((x) => ({ name: x.name, text: x.text })) }, "statuses"]]) {
    const x = await versions(admin, "omgevingsvergunning-milieu", body);
    assert.equal(x.status, 400, JSON.stringify(body));
    assert.ok((await x.json()).invalidParams.some((p) => p.name === field), JSON.stringify(body));
  }
  const docs = (await product("omgevingsvergunning-milieu")).documents.map((d) => ({ name: d.name, required: d.required }));
  docs.push({ name: { nl: "Geluidsrapport", en: "Noise report" }, hint: { nl: "Van een erkend bureau.", en: "By an accredited firm." }, required: false });
  const x = await versions(admin, "omgevingsvergunning-milieu", { documents: docs });
  assert.equal(x.status, 201, await x.clone().text());
  const milieu = await product("omgevingsvergunning-milieu");
  assert.equal(milieu.documents.at(-1).name.nl, "Geluidsrapport");
});

test("loket seed leaves a product an administrator published alone", async () => {
  const r = await runLoket(["seed", "--database", server.database.url], { cwd: server.database.dir });
  assert.equal(r.code, 0, r.stderr);
  const p = await product("kapvergunning");
  assert.equal((await (await versions(admin, "kapvergunning")).json()).zaaktype, p.caseType);
  const html = await (await page(admin, `/beheer/${ORG1}/producten/kapvergunning`)).text();
  assert.match(html, /value="P10W"/);
});

test("only the organisation's administrator: others get 403, another organisation's product 404", async () => {
  for (const b of [otherAdmin, worker, resident]) {
    assert.equal((await page(b, `/beheer/${ORG1}/producten`)).status, 403);
    assert.equal((await page(b, `/beheer/${ORG1}/producten/kapvergunning`)).status, 403);
    assert.equal((await versions(b, "kapvergunning", { term: "P9W" })).status, 403);
  }
  assert.equal((await page(otherAdmin, `/beheer/${ORG2}/producten/kapvergunning`)).status, 404);
  assert.equal((await page(admin, `/beheer/${ORG1}/producten/bestaat-niet`)).status, 404);
  assert.equal((await fetch(`${server.url}/beheer/${ORG1}/producten`)).status, 401);
  // A post without the CSRF token changes nothing.
  const r = await admin.fetch(`${server.url}/beheer/${ORG1}/producten/klacht`, {
    method: "POST", headers: form, body: "action=publiceren&term=P1W",
  });
  assert.equal(r.status, 403);
});

test("a product two people decide has a four-eyes zaaktype, and a new version follows the product", async () => {
  const fourEyes = async (uuid) => (await server.database.query(`SELECT four_eyes FROM zgw_zaaktypen WHERE uuid = '${uuid}'`)).trim();
  const before = await product("schuldhulp");
  assert.equal(before.decidedBy, "two");
  assert.equal(await fourEyes(before.caseType), "1");
  assert.equal(await fourEyes((await product("kapvergunning")).caseType), "0");
  const r = await versions(admin, "schuldhulp", { decidedBy: "one" });
  assert.equal(r.status, 201, await r.clone().text());
  const made = await r.json();
  assert.equal(await fourEyes(made.zaaktype), "0");
  assert.equal(await fourEyes(before.caseType), "1", "the earlier version stays four-eyes");
});
