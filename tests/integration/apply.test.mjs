// Applying (issue 12): the catalogue, the form's steps (each validated, each error naming its
// field), drafts (saved at every step, resumed from another session, expiring with a reminder
// mail), an idempotent submit, hostile input refused with a 400; on SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import { demoPerson, actFor } from "./lib/browser.mjs";

const form = { "content-type": "application/x-www-form-urlencoded" };
const json = { "content-type": "application/json" };
let server;
let smtp;

before(async () => {
  smtp = await startSmtp();
  // A short time to live, so that the reminder and the expiry happen within the test.
  server = await startServer({
    args: ["--demo", "--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--draft-ttl", "6", "--draft-reminder", "4"],
  });
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
});

const enc = (o) => new URLSearchParams(o).toString();
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082", "hex");
async function post(b, path, fields) {
  const r = await b.fetch(`${server.url}${path}`, { method: "POST", headers: { ...form, "x-csrf-token": b.csrf }, body: typeof fields === "string" ? fields : enc({ csrf: b.csrf, ...fields }) });
  return { status: r.status, location: r.headers.get("location"), text: await r.text() };
}
async function get(b, path) {
  const r = await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
  return { status: r.status, location: r.headers.get("location"), text: await r.text() };
}

test("the catalogue: every product with its form, published as a zaaktype", async () => {
  const r = await fetch(`${server.url}/api/v1/products`);
  assert.equal(r.status, 200);
  const list = await r.json();
  assert.ok(list.count >= 19);
  const kap = list.results.find((p) => p.id === "kapvergunning");
  assert.equal(kap.term, "P8W");
  assert.equal(kap.fee.amount, "78.50");
  const one = await (await fetch(`${server.url}/api/v1/products/kapvergunning`)).json();
  assert.equal(one.form.schema.$schema, "http://json-schema.org/draft-07/schema#");
  assert.ok(one.form.steps.length >= 3);
  assert.equal((await fetch(`${server.url}/api/v1/products/bestaat-niet`)).status, 404);
  const page = await (await fetch(`${server.url}/producten`)).text();
  assert.match(page, /Kapvergunning/);
  assert.match(page, /Hoogheemraadschap/);
});

test("each step names the field of a bad answer, keeps the answers, and a draft resumes elsewhere", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  let r = await post(a, "/aanvragen/kapvergunning/locatie", { address: "" });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#vraag-address"/);
  assert.match(r.text, /aria-invalid="true"/);
  r = await post(a, "/aanvragen/kapvergunning/locatie", { address: "Stationsplein 1, Utrecht" });
  assert.equal(r.status, 303);
  assert.equal(r.location, "/aanvragen/kapvergunning/boom");
  r = await post(a, "/aanvragen/kapvergunning/boom", { trees: "veel", species: "eik", diameter: "40" });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#vraag-trees"/);
  assert.doesNotMatch(r.text, /href="#vraag-diameter"/);
  assert.match(r.text, /value="veel"/); // as typed
  r = await post(a, "/aanvragen/kapvergunning/boom", { trees: "2", species: "eik", diameter: "40" });
  assert.equal(r.location, "/aanvragen/kapvergunning/reden");
  // The conditional question is required only when its answer is chosen.
  r = await post(a, "/aanvragen/kapvergunning/reden", { reason: "anders", replant: "ja" });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#vraag-reasonOther"/);

  // Another session of the same person (another device): the draft is there.
  const again = await demoPerson(server.url, "resident:999993653");
  const drafts = await (await again.fetch(`${server.url}/api/v1/me/drafts`)).json();
  assert.equal(drafts.results[0].product, "kapvergunning");
  assert.equal(drafts.results[0].step, "reden");
  assert.equal(drafts.results[0].answers.trees, 2);
  assert.match((await get(again, "/producten")).text, /Ga verder met uw aanvraag/);
  assert.equal((await get(again, "/aanvragen/kapvergunning")).location, "/aanvragen/kapvergunning/reden");
  // Someone else sees none of it.
  const b = await demoPerson(server.url, "resident:999991905");
  assert.equal((await (await b.fetch(`${server.url}/api/v1/me/drafts`)).json()).count, 0);
});

test("submitting twice with the key of the check page makes one case; the case is there before the confirmation", async () => {
  const a = await demoPerson(server.url, "resident:999990019");
  for (const [step, fields] of [["locatie", { address: "Dorpsstraat 3, Utrecht" }], ["boom", { trees: "1", species: "berk", diameter: "30" }],
    ["reden", { reason: "ziek", replant: "nee" }], ["contact", { email: "a@voorbeeld.nl" }]]) {
    assert.equal((await post(a, `/aanvragen/kapvergunning/${step}`, fields)).status, 303, step);
  }
  // The photo the product asks for (tests/integration/apply-uploads.test.mjs tests the step).
  const photo = new FormData();
  photo.append("csrf", a.csrf);
  photo.append("actie", "verder");
  photo.append("bestand-0", new Blob([PNG], { type: "image/png" }), "boom.png");
  const uploaded = await a.fetch(`${server.url}/aanvragen/kapvergunning/documenten`, { method: "POST", body: photo });
  assert.equal(uploaded.status, 303, await uploaded.text());
  const check = await get(a, "/aanvragen/kapvergunning/controleren");
  assert.equal(check.status, 200);
  assert.match(check.text, /Wijzigen/);
  const key = check.text.match(/name="idempotencyKey" value="([^"]+)"/)[1];
  const [one, two] = await Promise.all([1, 2].map(() => post(a, "/aanvragen/kapvergunning/controleren", { idempotencyKey: key })));
  assert.equal(one.status, 303);
  assert.equal(two.status, 303);
  assert.equal(one.location, two.location);
  const cases = await (await a.fetch(`${server.url}/api/v1/cases`)).json();
  assert.equal(cases.count, 1);
  assert.match(cases.results[0].reference, /^UTR-\d{4}-\d{6}$/);
  const sent = await get(a, one.location);
  assert.equal(sent.status, 200);
  assert.match(sent.text, new RegExp(cases.results[0].reference));
  assert.match(sent.text, /U hoort uiterlijk/);
  // The contact details are offered again in the next form.
  const next = await get(a, "/aanvragen/vraag/contact");
  assert.match(next.text, /value="a@voorbeeld.nl"/);
});

test("hostile input is a 400 naming the field, never a crash", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  let r = await post(a, "/aanvragen/sloopvergunning/locatie", `csrf=${a.csrf}&address=a%00b&what=x`);
  assert.equal(r.status, 400);
  r = await post(a, "/aanvragen/sloopmelding/afval", { asbestos: "nee", waste: "9".repeat(400) });
  assert.equal(r.status, 400);
  assert.match(r.text, /href="#vraag-waste"/);
  // A body past the limit is refused (413) before it is read: the server may close the
  // connection while the client still writes, which the client sees as EPIPE or a reset.
  let big;
  try {
    big = (await post(a, "/aanvragen/vraag/vraag", { subject: "x", question: "q".repeat(1 << 20) })).status;
  } catch (e) {
    big = e.cause?.code;
  }
  assert.ok([400, 413, "EPIPE", "ECONNRESET"].includes(big), String(big));
  const put = (body) => a.fetch(`${server.url}/api/v1/me/drafts/kapvergunning`, { method: "PUT", headers: { ...json, "x-csrf-token": a.csrf }, body });
  let p = await put(JSON.stringify({ answers: { trees: 1e300, kleur: "rood" } }));
  assert.equal(p.status, 400);
  const names = (await p.json()).invalidParams.map((x) => x.name);
  assert.ok(names.includes("answers.kleur"), names.join());
  p = await put(JSON.stringify({ answers: { trees: 1e300 } }));
  assert.deepEqual((await p.json()).invalidParams.map((x) => x.name), ["answers.trees"]);
  p = await put(JSON.stringify({ answers: { species: "\u0000".repeat(10) + "x".repeat(9000) } }));
  assert.equal(p.status, 400);
  p = await put("{\"answers\": [1,");
  assert.equal(p.status, 400);
  assert.equal((await (await fetch(`${server.url}/readyz`)).status), 200);
});

test("a youth care application is sent by a parent acting for the child", async () => {
  const child = await demoPerson(server.url, "resident:999991905");
  const parent = await demoPerson(server.url, "resident:999990019");
  await actFor(server.url, child, parent, "999990019");
  for (const [step, fields] of [["hulp", { help: "school", situation: "Moeite met lezen." }], ["verwijzing", { referral: "nee" }], ["contact", { email: "ouder@voorbeeld.nl" }]]) {
    assert.equal((await post(parent, `/aanvragen/jeugdhulp/${step}`, fields)).status, 303, step);
  }
  const check = await get(parent, "/aanvragen/jeugdhulp/controleren");
  const key = check.text.match(/name="idempotencyKey" value="([^"]+)"/)[1];
  const r = await post(parent, "/aanvragen/jeugdhulp/controleren", { idempotencyKey: key });
  assert.equal(r.status, 303, r.text);
  // The child is the applicant: the case is the child's.
  const theirs = await (await child.fetch(`${server.url}/api/v1/cases`)).json();
  assert.ok(theirs.results.some((c) => c.title.startsWith("Jeugdhulp")));
});

test("a draft gets a reminder mail before it expires, then it is gone", async () => {
  const a = await demoPerson(server.url, "resident:999991905");
  const put = await a.fetch(`${server.url}/api/v1/me/drafts/klacht`, {
    method: "PUT", headers: { ...json, "x-csrf-token": a.csrf },
    body: JSON.stringify({ answers: { what: "Niet teruggebeld.", email: "herinner@voorbeeld.nl" }, step: "contact" }),
  });
  assert.equal(put.status, 200);
  const mail = await smtp.waitForMail((m) => m.envelope.to.includes("herinner@voorbeeld.nl"), 15_000);
  assert.match(mail.subject, /nog niet verstuurd/);
  assert.match(mail.text, /\/aanvragen\/klacht/);
  let left;
  for (let i = 0; i < 40; i++) {
    left = (await (await a.fetch(`${server.url}/api/v1/me/drafts/klacht`)).status);
    if (left === 404) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(left, 404);
});

test("POST /api/v1/cases checks the answers against the product's form, naming each field", async () => {
  const a = await demoPerson(server.url, "resident:999993653");
  const kap = await (await fetch(`${server.url}/api/v1/products/kapvergunning`)).json();
  const send = (answers, key) => a.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { ...json, "x-csrf-token": a.csrf, "idempotency-key": key },
    body: JSON.stringify({ caseType: kap.caseType, description: "Kapvergunning", answers }),
  });
  let r = await send({ trees: "veel", kleur: "rood" }, "api-schema-1");
  assert.equal(r.status, 400);
  assert.match(r.headers.get("content-type"), /problem\+json/);
  const problems = (await r.json()).invalidParams;
  const named = Object.fromEntries(problems.map((p) => [p.name, p.code]));
  assert.equal(named["answers.kleur"], "unknown");
  assert.equal(named["answers.trees"], "invalid");
  assert.equal(named["answers.address"], "required");
  r = await send({}, "api-schema-2");
  assert.equal(r.status, 400);
  assert.ok((await r.json()).invalidParams.some((p) => p.name === "answers.address"));
  // Nothing was stored for either.
  assert.equal((await (await a.fetch(`${server.url}/api/v1/cases`)).json()).count, 0);
  // The answers the pages would accept are accepted.
  r = await send({ address: "Dorpsstraat 3, Utrecht", trees: 1, species: "berk", diameter: 30, reason: "ziek", replant: "nee", email: "a@voorbeeld.nl" }, "api-schema-3");
  assert.equal(r.status, 201, await r.text());
});
