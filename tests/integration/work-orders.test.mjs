// Contractors and work orders (issue 13): a case worker orders work from a company of the case's
// organisation; the company's contractor sees only its own orders (never the case), accepts
// (the case moves on to its next status) and reports done with a note and a photo, which must
// be an image by its content and at most 600 KiB; another company's contractor sees nothing; the
// case worker sees the progress and the resident the state. On SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { demoPerson } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const json = { "content-type": "application/json" };
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
let server, admin, worker, otherWorker, roads, greens, resident, caseId, companyA, companyB;

const call = (b, method, path, body) => b.fetch(`${server.url}${path}`, {
  method, headers: { ...json, "x-csrf-token": b.csrf }, body: body === undefined ? undefined : JSON.stringify(body),
});
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  server = await startServer({ args: ["--demo"] });
  admin = await staffBrowser(server, { email: "wo-admin@org1.example", organisation: ORG1, role: "administrator" });
  worker = await staffBrowser(server, { email: "wo-worker@org1.example", organisation: ORG1, role: "case-worker" });
  otherWorker = await staffBrowser(server, { email: "wo-worker@org2.example", organisation: ORG2, role: "case-worker" });
  roads = await staffBrowser(server, { email: "wegen@aannemer.example", organisation: ORG1, role: "contractor" });
  greens = await staffBrowser(server, { email: "groen@aannemer.example", organisation: ORG1, role: "contractor" });
  let r = await call(admin, "POST", "/api/v1/contractors", { organisation: ORG1, name: "Wegen BV" });
  const made = await r.text();
  assert.equal(r.status, 201, made);
  companyA = JSON.parse(made);
  companyB = await (await call(admin, "POST", "/api/v1/contractors", { organisation: ORG1, name: "Groen BV" })).json();
  assert.equal((await call(admin, "POST", "/api/v1/contractors", { organisation: ORG1, name: "Wegen BV" })).status, 409);
  assert.equal((await call(admin, "POST", `/api/v1/contractors/${companyA.id}/members`, { email: "wegen@aannemer.example" })).status, 200);
  assert.equal((await call(admin, "POST", `/api/v1/contractors/${companyB.id}/members`, { email: "groen@aannemer.example" })).status, 200);
  // Only a contractor account of the organisation joins a company.
  r = await call(admin, "POST", `/api/v1/contractors/${companyA.id}/members`, { email: "wo-worker@org1.example" });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).invalidParams[0].name, "email");
  resident = await demoPerson(server.url, "resident:999993653");
  const products = (await (await fetch(`${server.url}/api/v1/products`)).json()).results;
  const melding = products.find((p) => p.id === "melding-openbare-ruimte");
  r = await resident.fetch(`${server.url}/api/v1/cases`, {
    method: "POST", headers: { ...json, "x-csrf-token": resident.csrf, "idempotency-key": `wo-${process.pid}` },
    body: JSON.stringify({ caseType: melding.caseType, answers: { kind: "weg", description: "Gat in de weg", location: "Vredenburg 1, Utrecht", email: "a@example.nl" } }),
  });
  assert.equal(r.status, 201);
  caseId = (await r.json()).id;
});
after(async () => { await server?.stop(); });

test("a work order goes from the case worker to the company's contractor and back, with a photo", async () => {
  // Bad orders name their field.
  let r = await call(worker, "POST", `/api/v1/cases/${caseId}/work-orders`, { company: companyA.id, instructions: "", location: "x", dueDate: "2000-01-01" });
  assert.equal(r.status, 400);
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name).sort(), ["dueDate", "instructions"]);
  // Staff of another organisation do not see the case.
  assert.equal((await call(otherWorker, "POST", `/api/v1/cases/${caseId}/work-orders`, { company: companyA.id, instructions: "x", location: "x", dueDate: inDays(3) })).status, 404);
  r = await call(worker, "POST", `/api/v1/cases/${caseId}/work-orders`, { company: companyA.id, instructions: "Dicht het gat.", location: "Vredenburg 1, Utrecht", dueDate: inDays(5) });
  const ordered = await r.text();
  assert.equal(r.status, 201, ordered);
  const order = JSON.parse(ordered);
  assert.equal(order.state, "open");

  // The company's contractor sees the order without the case; the other company sees nothing.
  const mine = await (await call(roads, "GET", "/api/v1/work-orders")).json();
  assert.equal(mine.count, 1);
  assert.equal(mine.results[0].case, undefined);
  assert.equal(mine.results[0].instructions, "Dicht het gat.");
  assert.equal((await (await call(greens, "GET", "/api/v1/work-orders")).json()).count, 0);
  assert.equal((await call(greens, "GET", `/api/v1/work-orders/${order.id}`)).status, 404);
  assert.equal((await call(greens, "POST", `/api/v1/work-orders/${order.id}/accept`)).status, 404);
  // A contractor never sees the case itself.
  assert.equal((await call(roads, "GET", `/api/v1/cases/${caseId}`)).status, 404);
  assert.equal((await call(roads, "GET", `/api/v1/cases/${caseId}/work-orders`)).status, 404);

  // Done before accepted is a conflict; accepting moves the case on.
  assert.equal((await call(roads, "POST", `/api/v1/work-orders/${order.id}/done`, { note: "Klaar.", photo: PNG.toString("base64") })).status, 409);
  r = await call(roads, "POST", `/api/v1/work-orders/${order.id}/accept`);
  assert.equal(r.status, 200, await r.text());
  assert.equal((await call(roads, "POST", `/api/v1/work-orders/${order.id}/accept`)).status, 409);
  const planned = await (await resident.fetch(`${server.url}/api/v1/cases/${caseId}`)).json();
  assert.match(JSON.stringify(planned.status), /Ingepland/);

  // The photo is checked by its content and size.
  r = await call(roads, "POST", `/api/v1/work-orders/${order.id}/done`, { note: "Klaar.", photo: Buffer.from("%PDF-1.4 not an image").toString("base64") });
  assert.equal(r.status, 400);
  assert.deepEqual((await r.json()).invalidParams.map((p) => `${p.name}:${p.code}`), ["photo:not-an-image"]);
  const big = Buffer.concat([PNG, Buffer.alloc(610 * 1024)]);
  r = await call(roads, "POST", `/api/v1/work-orders/${order.id}/done`, { note: "Klaar.", photo: big.toString("base64") });
  assert.ok(r.status === 400 || r.status === 413, String(r.status));
  r = await call(roads, "POST", `/api/v1/work-orders/${order.id}/done`, { note: "", photo: PNG.toString("base64") });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).invalidParams[0].name, "note");
  r = await call(roads, "POST", `/api/v1/work-orders/${order.id}/done`, { note: "Gat gedicht.", photo: PNG.toString("base64") });
  const done = await r.text();
  assert.equal(r.status, 200, done);
  assert.equal(JSON.parse(done).state, "done");

  // The photo: for the contractor and the case's staff; nobody else.
  for (const [who, status] of [[roads, 200], [worker, 200], [greens, 404], [otherWorker, 404], [resident, 404]]) {
    const p = await who.fetch(`${server.url}/api/v1/work-orders/${order.id}/photo`);
    assert.equal(p.status, status);
    if (status === 200) {
      assert.equal(p.headers.get("content-type"), "image/png");
      assert.deepEqual(Buffer.from(await p.arrayBuffer()), PNG);
    } else {
      await p.arrayBuffer();
    }
  }
  // The case worker sees the progress; the resident the state, not the notes.
  const staffView = await (await call(worker, "GET", `/api/v1/cases/${caseId}/work-orders`)).json();
  assert.equal(staffView.results[0].state, "done");
  assert.equal(staffView.results[0].note, "Gat gedicht.");
  assert.equal(staffView.results[0].case, caseId);
  const residentView = await (await resident.fetch(`${server.url}/api/v1/cases/${caseId}/work-orders`)).json();
  assert.deepEqual(Object.keys(residentView.results[0]).sort(), ["doneAt", "dueDate", "id", "state"]);
  const page = await (await resident.fetch(`${server.url}/mijn-zaken/${caseId}`, { headers: { accept: "text/html" } })).text();
  assert.match(page, /Uitvoering/);
  assert.match(page, /Uitgevoerd/);
});

test("the contractor's pages and the case worker's page", async () => {
  const list = await roads.fetch(`${server.url}/opdrachten`, { headers: { accept: "text/html" } });
  assert.equal(list.status, 200);
  assert.match(await list.text(), /Vredenburg 1, Utrecht/);
  assert.equal((await worker.fetch(`${server.url}/opdrachten`, { headers: { accept: "text/html" } })).status, 403);
  const page = await worker.fetch(`${server.url}/behandelen/werkopdrachten/${caseId}`, { headers: { accept: "text/html" } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Wegen BV/);
  assert.match(html, /Groen BV/);
  // A plain form post gives an order; a bad one comes back naming the field.
  const post = (body) => worker.fetch(`${server.url}/behandelen/werkopdrachten/${caseId}`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${worker.csrf}&${body}`,
  });
  let r = await post(`company=${companyB.id}&location=Neude&dueDate=${inDays(2)}&instructions=Snoei+de+struik.`);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), `/behandelen/werkopdrachten/${caseId}`);
  r = await post(`company=${companyB.id}&location=Neude&dueDate=gisteren&instructions=x`);
  assert.equal(r.headers.get("location"), `/behandelen/werkopdrachten/${caseId}?fout=dueDate`);
  assert.equal((await (await call(greens, "GET", "/api/v1/work-orders")).json()).count, 1);
});
