// Administrators (issue 13): an organisation's administrator lists its staff and gives and takes
// roles, through the JSON API and the page; never another organisation's, never their own
// administrator role; on SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { staffBrowser, addStaff } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const json = { "content-type": "application/json" };
let server, admin, worker;

before(async () => {
  server = await startServer({ args: ["--demo"] });
  admin = await staffBrowser(server, { email: "beheer@org1.example", organisation: ORG1, role: "administrator", name: "Beheerder" });
  worker = await staffBrowser(server, { email: "behandelaar@org1.example", organisation: ORG1, role: "case-worker", name: "Behandelaar" });
  await addStaff(server, { email: "aannemer@org1.example", organisation: ORG1, role: "contractor", name: "Aannemer" });
});
after(async () => { await server?.stop(); });

const call = (b, method, path, body) => b.fetch(`${server.url}${path}`, {
  method, headers: { ...json, "x-csrf-token": b.csrf }, body: body === undefined ? undefined : JSON.stringify(body),
});

test("an administrator gives and takes roles in their organisation", async () => {
  let r = await call(admin, "GET", `/api/v1/organisations/${ORG1}/staff`);
  assert.equal(r.status, 200);
  let list = await r.json();
  assert.deepEqual(list.results.map((m) => m.email).sort(), ["aannemer@org1.example", "behandelaar@org1.example", "beheer@org1.example"]);
  r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff/roles`, { email: "behandelaar@org1.example", role: "approver" });
  assert.equal(r.status, 201, await r.text());
  list = await (await call(admin, "GET", `/api/v1/organisations/${ORG1}/staff`)).json();
  const w = list.results.find((m) => m.email === "behandelaar@org1.example");
  assert.deepEqual(w.roles.sort(), ["approver", "case-worker"]);
  // The worker's own session sees the new role.
  const me = await (await worker.fetch(`${server.url}/api/v1/me`)).json();
  assert.ok(me.roles.some((x) => x.role === "approver" && x.organisation === ORG1), JSON.stringify(me.roles));
  r = await call(admin, "DELETE", `/api/v1/organisations/${ORG1}/staff/${w.id}/roles/approver`);
  assert.equal(r.status, 204);
  r = await call(admin, "DELETE", `/api/v1/organisations/${ORG1}/staff/${w.id}/roles/approver`);
  assert.equal(r.status, 404);
});

test("bad input names the field; an administrator keeps their own role; other organisations are not theirs", async () => {
  let r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff/roles`, { email: "niemand@org1.example", role: "koning" });
  assert.equal(r.status, 400);
  const names = (await r.json()).invalidParams.map((p) => p.name).sort();
  assert.deepEqual(names, ["email", "role"]);
  const self = (await (await call(admin, "GET", `/api/v1/organisations/${ORG1}/staff`)).json()).results.find((m) => m.email === "beheer@org1.example");
  r = await call(admin, "DELETE", `/api/v1/organisations/${ORG1}/staff/${self.id}/roles/administrator`);
  assert.equal(r.status, 409);
  assert.equal((await call(admin, "GET", `/api/v1/organisations/${ORG2}/staff`)).status, 403);
  assert.equal((await call(admin, "POST", `/api/v1/organisations/${ORG2}/staff/roles`, { email: "behandelaar@org1.example", role: "approver" })).status, 403);
  assert.equal((await call(worker, "GET", `/api/v1/organisations/${ORG1}/staff`)).status, 403);
});

test("the page lists the staff and changes a role with a plain form", async () => {
  const page = await (await admin.fetch(`${server.url}/beheer/${ORG1}/medewerkers`, { headers: { accept: "text/html" } })).text();
  assert.match(page, /behandelaar@org1\\.example|behandelaar@org1.example/);
  assert.match(page, /Behandelaar/);
  const r = await admin.fetch(`${server.url}/beheer/${ORG1}/medewerkers`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual",
    body: `csrf=${admin.csrf}&email=aannemer%40org1.example&role=case-worker&action=grant`,
  });
  assert.equal(r.status, 303);
  assert.match(r.headers.get("location"), /gewijzigd=1/);
  const list = await (await call(admin, "GET", `/api/v1/organisations/${ORG1}/staff`)).json();
  assert.deepEqual(list.results.find((m) => m.email === "aannemer@org1.example").roles.sort(), ["case-worker", "contractor"]);
});
