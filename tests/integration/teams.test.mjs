// Teams (issue 13, "a work queue per organisation and team"): an administrator makes teams of the
// organisation's case workers and gives each the products whose cases it handles; the work queue
// (page and JSON) then shows one team's cases, or those of the worker's own teams, across every
// version of the products. Refusals name the field; other organisations and other roles get
// nothing. SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
let server, admin, otherAdmin, worker, colleague, resident;
let workerId, colleagueId, otherId;
const cases = {};

const idOf = async (email) => (await server.database.query(`SELECT id FROM staff_accounts WHERE email = '${email}'`)).trim();
const product = async (id) => (await fetch(`${server.url}/api/v1/products/${id}`)).json();
const teamsApi = (b, path = "", init = {}) => b.fetch(`${server.url}/api/v1/organisations/${ORG1}/teams${path}`, {
  ...init, headers: { ...json, "x-csrf-token": b.csrf, ...(init.headers ?? {}) },
});
const postForm = (b, path, fields) => {
  const body = new URLSearchParams({ csrf: b.csrf });
  for (const [k, v] of fields) body.append(k, v);
  return b.fetch(`${server.url}${path}`, {
    method: "POST", headers: { ...form, accept: "text/html" }, body: body.toString(), redirect: "manual",
  });
};
const queue = async (b, query) => (await b.fetch(`${server.url}/behandelen${query}`, { headers: { accept: "text/html" } })).text();
const list = (b, query) => b.fetch(`${server.url}/api/v1/cases?organisation=${ORG1}&status=open&pageSize=100${query}`);
const ids = async (r) => { assert.equal(r.status, 200, await r.clone().text()); return (await r.json()).results.map((c) => c.id); };

async function submit(slug, answers, key) {
  const p = await product(slug);
  const r = await resident.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { ...json, "x-csrf-token": resident.csrf, "idempotency-key": key },
    body: JSON.stringify({ caseType: p.caseType, description: p.name.nl ?? slug, answers }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  return (await r.json()).id;
}

before(async () => {
  server = await startServer({ args: ["--demo"] });
  admin = await staffBrowser(server, { email: "beheer@org1.example", organisation: ORG1, role: "administrator" });
  otherAdmin = await staffBrowser(server, { email: "beheer@org2.example", organisation: ORG2, role: "administrator" });
  worker = await staffBrowser(server, { email: "groen@org1.example", organisation: ORG1, role: "case-worker", name: "Gerda Groen" });
  colleague = await staffBrowser(server, { email: "klacht@org1.example", organisation: ORG1, role: "case-worker", name: "Karel Klacht" });
  await staffBrowser(server, { email: "elders@org2.example", organisation: ORG2, role: "case-worker" });
  resident = await demoPerson(server.url, "resident:999993653");
  workerId = await idOf("groen@org1.example");
  colleagueId = await idOf("klacht@org1.example");
  otherId = await idOf("elders@org2.example");
  cases.tree = await submit("kapvergunning", {
    address: "Dorpsstraat 3, Utrecht", trees: 1, species: "berk", diameter: 30, reason: "ziek", replant: "nee",
    email: "a@voorbeeld.nl",
  }, "teams-tree");
  cases.question = await submit("vraag", {
    subject: "Afval", question: "Wanneer wordt het afval opgehaald?", email: "a@voorbeeld.nl",
  }, "teams-question");
  cases.complaint = await submit("klacht", {
    when: "2026-11-02", what: "Niemand belde terug.", email: "a@voorbeeld.nl",
  }, "teams-complaint");
});
after(async () => { await server?.stop(); });

let green;

test("an administrator makes a team through the form, and sees it with its members and products", async () => {
  const r = await postForm(admin, `/beheer/${ORG1}/teams`, [["name", "  Team Groen "], ["member", workerId], ["product", "kapvergunning"]]);
  assert.equal(r.status, 303, await r.text());
  assert.match(r.headers.get("location"), new RegExp(`^/beheer/${ORG1}/teams\\?opgeslagen=([0-9a-f-]{36})#team-\\1$`));
  green = r.headers.get("location").split("#team-")[1];
  const html = await (await admin.fetch(`${server.url}/beheer/${ORG1}/teams`, { headers: { accept: "text/html" } })).text();
  assert.match(html, /<h2 class="utrecht-heading-2 admin-team__title" id="team-[0-9a-f-]+-title">Team Groen<\/h2>/);
  assert.match(html, new RegExp(`id="team-${green}-member-${workerId}" name="member" value="${workerId}" checked`));
  assert.match(html, new RegExp(`<label class="utrecht-form-label" for="team-${green}-name">Naam van het team</label>`));
  assert.match(html, /<legend class="utrecht-form-fieldset__legend">Producten van dit team<\/legend>/);
  assert.match(html, new RegExp(`id="team-${green}-product-kapvergunning" name="product" value="kapvergunning" checked`));
  assert.doesNotMatch(html, new RegExp(`value="${otherId}"`), "another organisation's staff are not offered");
  assert.doesNotMatch(html, /ontheffing-provinciale-weg/, "nor its products");
});

test("a refused team names the field, keeps what was typed, and writes nothing", async () => {
  const refusals = [
    [[["name", ""]], /geef het team een naam/, "name"],
    [[["name", "Team Groen"]], /er is al een team met deze naam/, "name"],
    [[["name", "x".repeat(101)]], /hoogstens 100 tekens/, "name"],
    [[["name", "Team Blauw"], ["member", otherId]], /kies alleen behandelaars/, "members"],
    [[["name", "Team Blauw"], ["product", "ontheffing-provinciale-weg"]], /kies alleen producten van deze organisatie/, "products"],
    [[["name", "Team\nBlauw"]], /gebruik één regel tekst/, "name"],
  ];
  for (const [fields, message, field] of refusals) {
    const r = await postForm(admin, `/beheer/${ORG1}/teams`, fields);
    assert.equal(r.status, 400, JSON.stringify(fields));
    const html = await r.text();
    assert.match(html, message);
    assert.match(html, new RegExp(`href="#team-nieuw-${field}"`));
  }
  const kept = await (await postForm(admin, `/beheer/${ORG1}/teams`, [["name", "Team Groen"], ["product", "klacht"]])).text();
  assert.match(kept, /id="team-nieuw-product-klacht" name="product" value="klacht" checked/);
  // A NUL in the name is refused at the door.
  const nul = await admin.fetch(`${server.url}/beheer/${ORG1}/teams`, {
    method: "POST", headers: { ...form, accept: "text/html" }, body: `csrf=${admin.csrf}&name=Team%00Rood`,
  });
  assert.equal(nul.status, 400);
  const all = await (await teamsApi(admin)).json();
  assert.deepEqual(all.results.map((t) => t.name), ["Team Groen"]);
});

test("the JSON API makes, changes and deletes teams; a product goes to one team only", async () => {
  let r = await teamsApi(admin, "", { method: "POST", body: JSON.stringify({ name: "Team Klacht", members: [colleagueId], products: ["klacht", "vraag"] }) });
  assert.equal(r.status, 201, await r.clone().text());
  const made = await r.json();
  assert.deepEqual(made.products, ["klacht", "vraag"]);
  // Giving "vraag" to Team Groen takes it from Team Klacht.
  r = await teamsApi(admin, `/${green}`, { method: "PUT", body: JSON.stringify({ name: "Team Groen", members: [workerId], products: ["kapvergunning", "vraag"] }) });
  assert.equal(r.status, 200, await r.clone().text());
  const all = (await (await teamsApi(admin)).json()).results;
  assert.deepEqual(all.map((t) => [t.name, t.products]), [["Team Groen", ["kapvergunning", "vraag"]], ["Team Klacht", ["klacht"]]]);
  // Refusals name the field.
  for (const [body, field] of [[{ name: 5 }, "name"], [{ name: "A", members: "x" }, "members"], [{ name: "A", products: [1] }, "products"],
    [{ name: "A", kleur: "rood" }, "kleur"], [{ name: "A", products: ["ontheffing-provinciale-weg"] }, "products"],
    [{ name: "Team Groen" }, "name"], [{ name: "A", members: [otherId] }, "members"],
    [{ name: "Team\u0000Rood" }, "name"], [{ name: 2 ** 63 }, "name"], [{ name: "A", members: [2 ** 63] }, "members"]]) {
    r = await teamsApi(admin, "", { method: "POST", body: JSON.stringify(body) });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(r.headers.get("content-type"), /problem\+json/);
    assert.ok((await r.json()).invalidParams.some((p) => p.name === field), JSON.stringify(body));
  }
  r = await teamsApi(admin, "", { method: "POST", body: "[1]" });
  assert.equal(r.status, 400);
  // Delete: 204, then 404.
  r = await teamsApi(admin, `/${made.id}`, { method: "DELETE" });
  assert.equal(r.status, 204);
  r = await teamsApi(admin, `/${made.id}`, { method: "DELETE" });
  assert.equal(r.status, 404);
  assert.equal((await teamsApi(admin, "/not-a-uuid", { method: "PUT", body: "{}" })).status, 404);
});

test("administrators making teams of one name at the same moment get one team; the others are told", async () => {
  const answers = await Promise.all([0, 1, 2, 3].map(() =>
    teamsApi(admin, "", { method: "POST", body: JSON.stringify({ name: "Team Tegelijk" }) })));
  assert.deepEqual(answers.map((r) => r.status).sort(), [201, 400, 400, 400]);
  for (const r of answers.filter((x) => x.status === 400)) {
    assert.equal((await r.json()).invalidParams[0].name, "name");
  }
  const all = (await (await teamsApi(admin)).json()).results;
  assert.equal(all.filter((t) => t.name === "Team Tegelijk").length, 1);
  const made = all.find((t) => t.name === "Team Tegelijk");
  assert.equal((await teamsApi(admin, `/${made.id}`, { method: "DELETE" })).status, 204);
});

test("the work queue shows a team's cases, or those of my teams, over every version of its products", async () => {
  // Team Groen handles kapvergunning and vraag; the complaint's product is nobody's.
  const complaint = cases.complaint;
  let seen = await ids(await list(worker, `&team=${green}`));
  assert.ok(seen.includes(cases.tree) && seen.includes(cases.question), "the team's cases");
  assert.ok(!seen.includes(complaint), "not another product's");
  assert.deepEqual((await ids(await list(worker, "&team=mine"))).sort(), seen.sort());
  assert.deepEqual(await ids(await list(colleague, "&team=mine")), [], "a worker in no team has no team cases");
  // On the page "Mijn teams" is offered only to a member of a team; for anyone else it is ignored.
  const notMine = await queue(colleague, "?team=mijn");
  assert.doesNotMatch(notMine, /<option value="mijn"/);
  assert.match(notMine, new RegExp(`href="/behandelen/zaken/${complaint}"`), "the whole queue, as the filter says");
  // The page: the filter offers the team and "Mijn teams"; the rows are the team's cases.
  let html = await queue(worker, `?team=${green}`);
  assert.match(html, /<select class="utrecht-select utrecht-select--html-select" id="team" name="team">/);
  assert.match(html, /<option value="mijn">Mijn teams<\/option>/);
  assert.match(html, new RegExp(`href="/behandelen/zaken/${cases.tree}"`));
  assert.doesNotMatch(html, new RegExp(`href="/behandelen/zaken/${complaint}"`));
  html = await queue(worker, "?team=mijn");
  assert.match(html, new RegExp(`href="/behandelen/zaken/${cases.question}"`));
  // The case page says which team handles it; a case of a product of no team says nothing.
  const casePage = async (id) => (await worker.fetch(`${server.url}/behandelen/zaken/${id}`, { headers: { accept: "text/html" } })).text();
  assert.match(await casePage(cases.tree), /<dt class="utrecht-data-list__item-key">Team<\/dt><dd[^>]*>Team Groen<\/dd>/);
  assert.doesNotMatch(await casePage(complaint), /<dt class="utrecht-data-list__item-key">Team<\/dt>/);
  // A new version of the product: the earlier case stays in the team's queue.
  const v = await admin.fetch(`${server.url}/api/v1/organisations/${ORG1}/products/kapvergunning/versions`, {
    method: "POST", headers: { ...json, "x-csrf-token": admin.csrf }, body: JSON.stringify({ term: "P9W" }),
  });
  assert.equal(v.status, 201, await v.clone().text());
  seen = await ids(await list(worker, `&team=${green}`));
  assert.ok(seen.includes(cases.tree), "the case of the earlier version");
  // The product filter tells the two versions apart by their first day.
  html = await queue(worker, "");
  const versions = [...html.matchAll(/<option value="[0-9a-f-]{36}">Kapvergunning \(vanaf (\d+ \w+ \d{4})\)<\/option>/g)];
  assert.equal(versions.length, 2, "both versions, each with its date");
  assert.notEqual(versions[0][1], versions[1][1]);
  // A team that is not one of the organisations in view is refused, by name.
  const r = await list(worker, "&team=00000000-0000-4000-8000-000000000000");
  assert.equal(r.status, 400);
  assert.equal((await r.json()).invalidParams[0].name, "team");
  assert.equal((await list(worker, "&team=groen")).status, 400);
});

test("only the organisation's administrator manages its teams", async () => {
  for (const b of [otherAdmin, worker, resident]) {
    assert.equal((await b.fetch(`${server.url}/beheer/${ORG1}/teams`, { headers: { accept: "text/html" } })).status, 403);
    assert.equal((await teamsApi(b)).status, 403);
    assert.equal((await teamsApi(b, "", { method: "POST", body: JSON.stringify({ name: "X" }) })).status, 403);
    assert.equal((await teamsApi(b, `/${green}`, { method: "DELETE" })).status, 403);
  }
  // Another organisation's administrator cannot reach this team through its own organisation.
  const r = await otherAdmin.fetch(`${server.url}/api/v1/organisations/${ORG2}/teams/${green}`, {
    method: "PUT", headers: { ...json, "x-csrf-token": otherAdmin.csrf }, body: JSON.stringify({ name: "Overgenomen" }),
  });
  assert.equal(r.status, 404);
  assert.equal((await fetch(`${server.url}/api/v1/organisations/${ORG1}/teams`)).status, 401);
  // Without the CSRF token nothing changes.
  const nocsrf = await admin.fetch(`${server.url}/beheer/${ORG1}/teams/${green}`, {
    method: "POST", headers: form, body: "action=verwijderen",
  });
  assert.equal(nocsrf.status, 403);
  assert.equal((await (await teamsApi(admin)).json()).results.length, 1);
  // Deleting through the form.
  const del = await postForm(admin, `/beheer/${ORG1}/teams/${green}`, [["action", "verwijderen"]]);
  assert.equal(del.status, 303);
  assert.equal((await (await teamsApi(admin)).json()).results.length, 0);
});
