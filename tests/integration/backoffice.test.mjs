// The back office (issue 13): the staff actions through the JSON API (/api/v1/cases/{id}/...)
// and through the /behandelen forms, each behind the policy: staff of the case's organisation
// only (another organisation's case is not found), never a resident, never without CSRF.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { addStaff, totp, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser, demoPerson } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const RSIN1 = "002220647";
const RSIN2 = "002214350";
const ANNA = "999993653";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };

let server;
let type1;
let type2;
let worker;
let colleague;
let other;
let admin;
let anna;

// A logged-in staff member with their account id.
async function staff(email, organisation, role) {
  const { id, totpSecret } = await addStaff(server, { email, organisation, role, name: email.split("@")[0] });
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/staff/login`, {
    method: "POST", headers: json,
    body: JSON.stringify({ email, password: STAFF_PASSWORD, code: totp(totpSecret) }),
  });
  assert.equal(r.status, 200);
  b.csrf = (await r.json()).csrfToken;
  b.id = id;
  return b;
}

async function post(b, path, body, { csrf = true } = {}) {
  const r = await b.fetch(`${server.url}${path}`, {
    method: "POST", headers: { ...json, ...(csrf && b.csrf ? { "x-csrf-token": b.csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text && r.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

async function formPost(b, path, fields, { csrf = true } = {}) {
  const body = new URLSearchParams({ ...(csrf ? { csrf: b.csrf } : {}), ...fields });
  const r = await b.fetch(`${server.url}${path}`, {
    method: "POST", headers: { ...form, accept: "text/html", "sec-fetch-mode": "navigate" }, body: body.toString(),
  });
  return { status: r.status, location: r.headers.get("location"), text: await r.text() };
}

async function page(b, path) {
  const r = await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
  return { status: r.status, text: await r.text() };
}

const names = (problem) => problem.invalidParams.map((p) => `${p.name}:${p.code}`);

// A case Anna applied for through the portal (answers, reference) at ORG1.
async function annasCase(answers = { boom: "eik", aantal: 2, spoed: true }) {
  const r = await anna.fetch(`${server.url}/api/v1/cases`, {
    method: "POST",
    headers: { ...json, "x-csrf-token": anna.csrf, "idempotency-key": `bo-${Math.random()}` },
    body: JSON.stringify({ caseType: type1.uuid, description: "Een eik kappen", answers }),
  });
  assert.equal(r.status, 201);
  return (await r.json()).id;
}

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  type1 = await publishedZaaktype(server, {
    rsin: RSIN1, resultaattype: true,
    statussen: [[1, "Ontvangen"], [2, "In behandeling"], [3, "Afgehandeld"]],
  });
  type2 = await publishedZaaktype(server, { rsin: RSIN2, omschrijving: "Parkeervergunning aanvragen" });
  worker = await staff("bo-worker@org1.example", ORG1, "case-worker");
  colleague = await staff("bo-colleague@org1.example", ORG1, "case-worker");
  other = await staff("bo-worker@org2.example", ORG2, "case-worker");
  admin = await staff("bo-admin@org1.example", ORG1, "administrator");
  anna = await demoPerson(server.url, `resident:${ANNA}`);
});
after(async () => { await server?.stop(); });

async function statusTypes() {
  const r = await type1.api(type1.zaaktype);
  return r.json.statustypen ?? type1.statustypen;
}

async function resultType() {
  const r = await type1.api(`/zgw/catalogi/api/v1/resultaattypen?zaaktype=${encodeURIComponent(type1.zaaktype)}`);
  return r.json.results[0].url.split("/").pop();
}

test("every action through the JSON API: claim, ask, resume, extend once, next status, result, close, reopen", async () => {
  const id = await annasCase();
  const [, middle] = type1.statustypen.map((u) => u.split("/").pop());
  const base = `/api/v1/cases/${id}`;

  let r = await post(worker, `${base}/assign`, { assignee: "me" });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.assignee, worker.id);
  assert.equal(r.headers.get("cache-control"), "no-store");
  const deadline = r.json.deadline;
  assert.match(deadline, /^\d{4}-\d{2}-\d{2}$/);

  r = await post(worker, `${base}/suspend`, { question: "Stuur een foto van de boom." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.suspended, true);
  assert.equal(r.json.suspension.question, "Stuur een foto van de boom.");
  r = await post(worker, `${base}/suspend`, { question: "Nog iets?" });
  assert.equal(r.status, 400);
  assert.deepEqual(names(r.json), ["nonFieldErrors:suspended"]);
  r = await post(worker, `${base}/resume`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.suspended, false);

  r = await post(worker, `${base}/extend`, { period: "P2W", reason: "Wij vragen advies aan de bomendeskundige." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json.extension, { period: "P14D", reason: "Wij vragen advies aan de bomendeskundige." });
  assert.ok(r.json.deadline > deadline, "the extension moves the deadline");
  r = await post(worker, `${base}/extend`, { period: "P1W", reason: "Nog eens." });
  assert.equal(r.status, 400);
  assert.deepEqual(names(r.json), ["nonFieldErrors:extended"]);

  r = await post(worker, `${base}/status`, { statusType: middle, explanation: "Wij bekijken uw aanvraag." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const z = await type1.api(`/zgw/zaken/api/v1/statussen?zaak=${encodeURIComponent(`${server.url}/zgw/zaken/api/v1/zaken/${id}`)}`);
  assert.ok(z.json.results.some((s) => s.statustoelichting === "Wij bekijken uw aanvraag."), "the explanation is stored with the status");

  r = await post(worker, `${base}/close`, {});
  assert.equal(r.status, 400);
  assert.deepEqual(names(r.json), ["nonFieldErrors:resultaat-does-not-exist"]);
  r = await post(worker, `${base}/result`, { resultType: await resultType(), note: "Vergunning verleend." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.ok(r.json.result);
  r = await post(worker, `${base}/result`, { resultType: await resultType() });
  assert.equal(r.status, 409);
  r = await post(worker, `${base}/close`, { explanation: "U krijgt de vergunning." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.closed, true);
  r = await post(worker, `${base}/reopen`, { explanation: "Opnieuw bekeken." });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.closed, false);
});

test("bad input is a problem naming the field, and nothing changes", async () => {
  const id = await annasCase();
  const base = `/api/v1/cases/${id}`;
  const cases = [
    ["status", { statusType: "not-a-uuid" }, ["statusType:invalid"]],
    ["status", { statusType: UNKNOWN }, ["statusType:does-not-exist"]],
    ["status", { statusType: type2.statustypen[0].split("/").pop() }, ["statusType:does-not-exist"]],
    ["status", {}, ["statusType:required"]],
    ["status", { statusType: 9223372036854775808 }, ["statusType:invalid"]],
    ["suspend", { question: "" }, ["question:required"]],
    ["suspend", { question: "x".repeat(1001) }, ["question:max-length"]],
    ["suspend", { question: "a\u0000b" }, ["question:invalid"]],
    ["suspend", { reason: "wrong name" }, ["reason:unknown"]],
    ["extend", { period: "P9223372036854775808D", reason: "x" }, ["period:invalid"]],
    ["extend", { period: "P0D", reason: "x" }, ["period:invalid"]],
    ["extend", { period: "P99W", reason: "Te lang." }, ["period:max"]],
    ["extend", { period: 9223372036854775807, reason: "x" }, ["period:invalid"]],
    ["result", { resultType: UNKNOWN }, ["resultType:does-not-exist"]],
    ["assign", {}, ["assignee:required"]],
    ["assign", { assignee: 9223372036854775808 }, ["assignee:invalid"]],
    ["assign", { assignee: "someone" }, ["assignee:invalid"]],
    ["assign", { assignee: other.id }, ["assignee:unknown"]],
    ["assign", { assignee: admin.id }, ["assignee:unknown"]],
    ["reopen", {}, ["nonFieldErrors:not-closed"]],
  ];
  for (const [action, body, want] of cases) {
    const r = await post(worker, `${base}/${action}`, body);
    assert.equal(r.status, 400, `${action} ${JSON.stringify(body)}`);
    assert.match(r.headers.get("content-type"), /application\/problem\+json/);
    const got = names(r.json);
    for (const w of want) {
      // The NUL is refused where the body is read (the path names the field).
      if (w === "question:invalid") assert.ok(r.json.invalidParams.some((p) => p.name === "question"), JSON.stringify(r.json));
      else if (w === "period:max") assert.ok(r.json.invalidParams.some((p) => p.name === "period"), JSON.stringify(r.json));
      else assert.ok(got.includes(w), `${action} ${JSON.stringify(body)}: ${got}`);
    }
  }
  const r = await post(worker, `${base}/status`, "not json");
  assert.equal(r.status, 400);
  const bulk = await post(worker, "/api/v1/cases/assign", { cases: [id, 9223372036854775808], assignee: "me" });
  assert.equal(bulk.status, 400);
  assert.deepEqual(names(bulk.json), ["cases[1]:invalid"]);
  // Nothing of the above changed the case.
  const now = await post(worker, `${base}/assign`, { assignee: null });
  assert.equal(now.json.suspended, false);
  assert.equal(now.json.extension, null);
  assert.equal(now.json.assignee, null);
});

test("bulk assign: every case checked first, then all assigned", async () => {
  const a = await annasCase();
  const b = await annasCase();
  let r = await post(worker, "/api/v1/cases/assign", { cases: [a, b], assignee: colleague.id });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json.results.map((c) => c.assignee), [colleague.id, colleague.id]);
  const theirs = await registerCase(type2, { bsn: ANNA });
  r = await post(worker, "/api/v1/cases/assign", { cases: [a, theirs.uuid, UNKNOWN], assignee: "me" });
  assert.equal(r.status, 400);
  assert.deepEqual(names(r.json), ["cases[1]:unknown", "cases[2]:unknown"]);
  r = await post(worker, `/api/v1/cases/${a}/assign`, { assignee: null });
  assert.equal(r.json.assignee, null, "the refused bulk assigned nothing");
  r = await post(worker, "/api/v1/cases/assign", { cases: [], assignee: "me" });
  assert.deepEqual(names(r.json), ["cases:invalid"]);
});

test("staff of another organisation, a reader, a resident, no session, no CSRF: refused", async () => {
  const id = await annasCase();
  const actions = [["status", { statusType: UNKNOWN }], ["suspend", { question: "?" }], ["resume", {}],
    ["extend", { period: "P1W", reason: "x" }], ["result", { resultType: UNKNOWN }], ["close", {}], ["reopen", {}],
    ["assign", { assignee: "me" }]];
  for (const [action, body] of actions) {
    const path = `/api/v1/cases/${id}/${action}`;
    assert.equal((await post(other, path, body)).status, 404, `${action}: another organisation's case does not exist`);
    assert.equal((await post(anna, path, body)).status, 403, `${action}: a resident`);
    assert.equal((await post(new Browser(), path, body)).status, 401, `${action}: no session`);
    assert.equal((await post(worker, path, body, { csrf: false })).status, 403, `${action}: no CSRF token`);
    assert.equal((await post(admin, path, body)).status, 403, `${action}: an administrator reads, does not handle`);
  }
  assert.equal((await post(other, `/api/v1/cases/${UNKNOWN}/assign`, { assignee: "me" })).status, 404);
  assert.equal((await post(worker, "/api/v1/cases/not-a-uuid/assign", { assignee: "me" })).status, 404);

  // The pages.
  assert.equal((await page(other, `/behandelen/zaken/${id}`)).status, 404);
  assert.equal((await page(anna, `/behandelen/zaken/${id}`)).status, 403);
  assert.equal((await page(anna, "/behandelen")).status, 403);
  const queue = await page(other, "/behandelen?stand=alle");
  assert.equal(queue.status, 200);
  assert.ok(!queue.text.includes(id), "another organisation's case is not in the queue");
  assert.equal((await formPost(other, `/behandelen/zaken/${id}/suspend`, { question: "?" })).status, 404);
  assert.equal((await formPost(other, "/behandelen/toewijzen", { oppakken: id })).status, 404);
  assert.equal((await formPost(worker, `/behandelen/zaken/${id}/suspend`, { question: "?" }, { csrf: false })).status, 403);
  assert.equal((await formPost(worker, "/behandelen/toewijzen", { oppakken: id }, { csrf: false })).status, 403);
  assert.equal((await formPost(anna, `/behandelen/zaken/${id}/suspend`, { question: "?" })).status, 403);
  const loggedOut = await page(new Browser(), "/behandelen");
  assert.equal(loggedOut.status, 200);
  assert.match(loggedOut.text, /niet ingelogd/);
  const r = await post(worker, `/api/v1/cases/${id}/assign`, { assignee: null });
  assert.equal(r.json.suspended, false, "none of the refused actions changed the case");
});

test("the work queue: filters, counts, claim and bulk assign through the forms", async () => {
  const a = await annasCase();
  const b = await annasCase();
  let q = await page(worker, "/behandelen");
  assert.equal(q.status, 200);
  assert.ok(q.text.includes(`/behandelen/zaken/${a}`));
  assert.match(q.text, /Werkvoorraad/);
  const csrf = q.text.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal(csrf, worker.csrf);

  let r = await formPost(worker, "/behandelen/toewijzen", { terug: "?behandelaar=niemand", oppakken: a });
  assert.equal(r.status, 303);
  assert.equal(r.location, "/behandelen?behandelaar=niemand&toegewezen=1");
  q = await page(worker, "/behandelen?behandelaar=mij");
  assert.ok(q.text.includes(`/behandelen/zaken/${a}`), "claimed: in my cases");
  assert.ok(!q.text.includes(`/behandelen/zaken/${b}`));
  q = await page(worker, "/behandelen?behandelaar=niemand");
  assert.ok(!q.text.includes(`/behandelen/zaken/${a}`));
  assert.ok(q.text.includes(`/behandelen/zaken/${b}`));

  // Bulk: both to the colleague (repeated checkbox fields).
  const body = new URLSearchParams([["csrf", worker.csrf], ["terug", ""], ["zaak", a], ["zaak", b], ["aan", colleague.id], ["bulk", "1"]]);
  const bulk = await worker.fetch(`${server.url}/behandelen/toewijzen`, { method: "POST", headers: form, body: body.toString() });
  assert.equal(bulk.status, 303);
  assert.equal(bulk.headers.get("location"), "/behandelen?toegewezen=2");
  q = await page(worker, `/behandelen?behandelaar=${colleague.id}`);
  assert.ok(q.text.includes(`/behandelen/zaken/${a}`) && q.text.includes(`/behandelen/zaken/${b}`));
  r = await formPost(worker, "/behandelen/toewijzen", { bulk: "1", aan: "mij" });
  assert.equal(r.location, "/behandelen?fout=selectie", "nothing chosen");
  // An address of another site is not followed back.
  r = await formPost(worker, "/behandelen/toewijzen", { terug: "//evil.example/", oppakken: a });
  assert.equal(r.location, "/behandelen?toegewezen=1");

  // Filters: product, overdue, open/closed; keyset pages.
  q = await page(worker, `/behandelen?product=${type1.uuid}`);
  assert.ok(q.text.includes(`/behandelen/zaken/${a}`));
  q = await page(worker, "/behandelen?termijn=te-laat");
  assert.ok(!q.text.includes(`/behandelen/zaken/${a}`), "nothing of today is overdue");
  q = await page(worker, "/behandelen?stand=afgerond");
  assert.ok(!q.text.includes(`/behandelen/zaken/${a}`));
  q = await page(worker, "/behandelen?termijn=bogus&product=x&na=garbage");
  assert.equal(q.status, 200, "filters the page did not offer are ignored");
  q = await page(worker, "/behandelen?lang=en");
  assert.match(q.text, /Work queue/);
  await page(worker, "/behandelen?lang=nl"); // the choice is remembered: back to Dutch
});

test("the case page and every action through its forms, errors next to the field", async () => {
  const id = await annasCase({ boom: "eik", aantal: 2, spoed: true });
  const url = `/behandelen/zaken/${id}`;
  let p = await page(worker, url);
  assert.equal(p.status, 200);
  assert.match(p.text, /<dt class="utrecht-data-list__item-key">boom<\/dt><dd[^>]*>eik<\/dd>/);
  assert.match(p.text, /<dd[^>]*>Ja<\/dd>/);
  assert.match(p.text, /nog \d+ dagen/);
  assert.ok(p.text.includes(`action="${url}/suspend"`));
  assert.ok(p.text.includes(`action="${url}/extend"`));
  assert.ok(!p.text.includes(`action="${url}/resume"`), "nothing to resume");
  assert.ok(!p.text.includes(`action="${url}/close"`), "no result yet");
  assert.ok(!p.text.includes(`action="${url}/reopen"`));

  // An empty question: the form again, 400, the summary linked to the field.
  let r = await formPost(worker, `${url}/suspend`, { question: "" });
  assert.equal(r.status, 400);
  assert.match(r.text, /Er is een probleem/);
  assert.match(r.text, /href="#suspend-question">Schrijf op welke informatie u nodig heeft\./);
  assert.match(r.text, /aria-invalid="true"/);
  assert.match(r.text, /<title>Fout:/);

  r = await formPost(worker, `${url}/assign`, { assignee: "mij" });
  assert.equal(r.status, 303);
  assert.equal(r.location, `${url}?gedaan=assign`);
  r = await formPost(worker, `${url}/suspend`, { question: "Stuur een foto van de boom." });
  assert.equal(r.location, `${url}?gedaan=suspend`);
  p = await page(worker, r.location);
  assert.match(p.text, /De termijn staat stil tot de aanvrager antwoordt/);
  assert.match(p.text, /Stuur een foto van de boom\./);
  assert.ok(p.text.includes(`action="${url}/resume"`));
  assert.ok(!p.text.includes(`action="${url}/suspend"`), "only resume while suspended");
  r = await formPost(worker, `${url}/resume`, {});
  assert.equal(r.location, `${url}?gedaan=resume`);

  r = await formPost(worker, `${url}/extend`, { period: "P2W", reason: "" });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#extend-reason">Geef de reden van de verlenging\./);
  r = await formPost(worker, `${url}/extend`, { period: "P2W", reason: "Advies nodig." });
  assert.equal(r.location, `${url}?gedaan=extend`);
  p = await page(worker, r.location);
  assert.ok(!p.text.includes(`action="${url}/extend"`), "extended once");
  assert.match(p.text, /14 dagen: Advies nodig\./);

  const [, middle] = type1.statustypen.map((u) => u.split("/").pop());
  r = await formPost(worker, `${url}/status`, { statusType: middle, explanation: "Wij bekijken uw aanvraag." });
  assert.equal(r.location, `${url}?gedaan=status`);
  p = await page(worker, r.location);
  assert.match(p.text, /In behandeling/);
  assert.match(p.text, /Wij bekijken uw aanvraag\./);

  r = await formPost(worker, `${url}/result`, { resultType: await resultType(), note: "Verleend." });
  assert.equal(r.location, `${url}?gedaan=result`);
  r = await formPost(worker, `${url}/close`, { explanation: "U krijgt de vergunning." });
  assert.equal(r.location, `${url}?gedaan=close`);
  p = await page(worker, r.location);
  assert.match(p.text, /De zaak is afgerond\./);
  assert.ok(p.text.includes(`action="${url}/reopen"`));
  r = await formPost(worker, `${url}/close`, {});
  assert.equal(r.status, 403, "closing again is refused on the page");
  assert.match(r.text, /Dit mag u bij deze zaak niet doen\./);
  r = await formPost(worker, `${url}/reopen`, { explanation: "Opnieuw." });
  assert.equal(r.location, `${url}?gedaan=reopen`);
  assert.equal((await formPost(worker, `${url}/bogus`, {})).status, 404);

  // An administrator reads the case but gets no forms.
  p = await page(admin, url);
  assert.equal(p.status, 200);
  assert.match(p.text, /niet behandelen/);
  assert.ok(!p.text.includes(`action="${url}/suspend"`));
  // English.
  p = await page(worker, `${url}?lang=en`);
  assert.match(p.text, /What can you do\?/);
  await page(worker, `${url}?lang=nl`);
});

test("a staff view of the case page lands in the resident's data tracker", async () => {
  const id = await annasCase();
  const before = (await (await anna.fetch(`${server.url}/api/v1/me/processing-log`)).json());
  await page(worker, `/behandelen/zaken/${id}`);
  const after = (await (await anna.fetch(`${server.url}/api/v1/me/processing-log`)).json());
  const count = (x) => (x.results ?? x.entries ?? []).length;
  assert.ok(count(after) > count(before) || after.count > before.count, "one more entry");
});

test("the dashboard: per product, lead times, within the term, without staff, per week, overdue, as CSV", async () => {
  const a = await annasCase();
  const b = await annasCase();
  // One closed by a case worker within its term, one open.
  await post(worker, `/api/v1/cases/${a}/assign`, { assignee: "me" });
  await post(worker, `/api/v1/cases/${a}/result`, { resultType: await resultType() });
  assert.equal((await post(worker, `/api/v1/cases/${a}/close`, {})).status, 200);
  const p = await page(worker, "/behandelen/inzicht");
  assert.equal(p.status, 200);
  assert.match(p.text, /<h1 class="utrecht-heading-1">Inzicht<\/h1>/);
  assert.match(p.text, /<svg class="bo-chart"/);
  const row = p.text.match(/<th class="utrecht-table__header-cell" scope="row">Kapvergunning aanvragen<\/th>(.*?)<\/tr>/);
  assert.ok(row, "a row for the product");
  const cells = [...row[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.ok(Number(cells[0]) >= 2, "received");
  assert.ok(Number(cells[1]) >= 1, "open now");
  assert.ok(Number(cells[2]) >= 1, "closed");
  assert.equal(cells[3], "0", "median lead time: closed the day it came in");
  const csv = await worker.fetch(`${server.url}/behandelen/inzicht.csv?figuur=producten`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(lines[0], "product,received,open,closed,median_lead_days,p90_lead_days,closed_within_term,closed_without_staff");
  const k = lines.find((l) => l.startsWith('"Kapvergunning aanvragen"')).split(",");
  assert.equal(k[3], cells[2], "the CSV says what the page says");
  assert.equal(Number(k[6]), Number(k[3]), "closed within the term");
  const weeks = (await (await worker.fetch(`${server.url}/behandelen/inzicht.csv?figuur=weken`)).text()).trim().split("\r\n");
  assert.equal(weeks.length, 13);
  assert.ok(Number(weeks[12].split(",")[1]) >= 2, "this week's cases");
  assert.equal((await worker.fetch(`${server.url}/behandelen/inzicht.csv?figuur=x`)).status, 400);
  // Another organisation's staff see none of ORG1's figures.
  const theirs = await page(other, "/behandelen/inzicht");
  assert.ok(!theirs.text.includes("Kapvergunning aanvragen"));
  assert.equal((await page(anna, "/behandelen/inzicht")).status, 403);
  assert.ok(b);
});

test("the counts above the work queue: open cases that are late, mine and nobody's, of the worker's organisation only", async () => {
  // The three counts as the queue page shows them.
  const counts = async (b) => {
    const q = await page(b, "/behandelen");
    assert.equal(q.status, 200);
    const n = (label) => {
      const m = q.text.match(new RegExp(`${label}: <strong>([^<]+)</strong>`));
      assert.ok(m, `a count "${label}"`);
      return Number(m[1]);
    };
    return { late: n("Te laat"), mine: n("Van mij"), nobody: n("Niet toegewezen") };
  };
  const [w0, c0, o0] = [await counts(worker), await counts(colleague), await counts(other)];
  // A ZGW client's case of ORG1 long past its deadline (nobody's), and three of Anna's (due in
  // weeks): one the worker takes on, one the colleague, one nobody.
  const late = await type1.api(`${ZAKEN}/zaken`, {
    method: "POST",
    body: { bronorganisatie: RSIN1, verantwoordelijkeOrganisatie: RSIN1, zaaktype: type1.zaaktype,
      startdatum: "2020-01-06", uiterlijkeEinddatumAfdoening: "2020-02-03", omschrijving: "Te laat" },
  });
  assert.equal(late.status, 201, JSON.stringify(late.json));
  const [a, b] = [await annasCase(), await annasCase(), await annasCase()];
  assert.equal((await post(worker, `/api/v1/cases/${a}/assign`, { assignee: "me" })).status, 200);
  assert.equal((await post(colleague, `/api/v1/cases/${b}/assign`, { assignee: "me" })).status, 200);
  assert.deepEqual(await counts(worker), { late: w0.late + 1, mine: w0.mine + 1, nobody: w0.nobody + 2 });
  assert.deepEqual(await counts(colleague), { late: c0.late + 1, mine: c0.mine + 1, nobody: c0.nobody + 2 });
  assert.deepEqual(await counts(other), o0, "another organisation's counts do not move");
  // A closed case counts in none of them: the worker closes theirs.
  assert.equal((await post(worker, `/api/v1/cases/${a}/result`, { resultType: await resultType() })).status, 200);
  assert.equal((await post(worker, `/api/v1/cases/${a}/close`, {})).status, 200);
  assert.deepEqual(await counts(worker), { late: w0.late + 1, mine: w0.mine, nobody: w0.nobody + 2 });
  // Each count links to the queue it counts.
  const q = await page(worker, "/behandelen?termijn=te-laat");
  assert.ok(q.text.includes(`/behandelen/zaken/${late.json.uuid}`), "the late case is in the late queue");
});
