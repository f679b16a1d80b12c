// Staff accounts made by an organisation's administrator (issue 13): the new account gets a
// one-time setup link by mail (a real SMTP server), the link's page sets the password and enrols
// TOTP, then the person logs in; the link works once and expires; an address with an account
// elsewhere gets roles, not a second account; blocking ends sessions and refuses the login; bad
// input names the field; through the JSON API and the plain forms; on SQLite and PostgreSQL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startServer } from "./lib/server.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import { staffBrowser, addStaff, totp, unusedTotp, freshTotpStep, STAFF_PASSWORD } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
const html = { accept: "text/html" };
const NEW_PASSWORD = "my own long password";
let smtp, server, admin, otherAdmin;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({
    args: ["--demo", "--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--mail-from", "Loket <loket@gemeente.example>",
      "--public-url", "http://127.0.0.1:9"],
  });
  admin = await staffBrowser(server, { email: "beheer@org1.example", organisation: ORG1, role: "administrator", name: "Beheerder" });
  otherAdmin = await staffBrowser(server, { email: "beheer@org2.example", organisation: ORG2, role: "administrator", name: "Beheerder 2" });
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
});

const call = (b, method, path, body) => b.fetch(`${server.url}${path}`, {
  method, headers: { ...json, "x-csrf-token": b.csrf }, body: body === undefined ? undefined : JSON.stringify(body),
});
const postForm = (b, path, fields) => b.fetch(`${server.url}${path}`, {
  method: "POST", headers: { ...form, ...html }, body: new URLSearchParams(fields).toString(),
});
// The setup page as a browser without a session navigates to it or posts its form (fetch always
// says Sec-Fetch-Mode: cors, which the server answers as a program: problem+json).
function navigate(path, { method = "GET", fields } = {}) {
  const body = fields ? new URLSearchParams(fields).toString() : undefined;
  const headers = { accept: "text/html", "sec-fetch-mode": "navigate", ...(body ? form : {}) };
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`${server.url}${path}`), { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => { text += d; });
      res.on("end", () => resolve({
        status: res.statusCode, headers: { get: (n) => res.headers[n.toLowerCase()] ?? null }, text: async () => text,
      }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const activate = (fields) => navigate("/medewerker-activeren", { method: "POST", fields });

async function login(email, password, code) {
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/staff/login`, { method: "POST", headers: json, body: JSON.stringify({ email, password, code }) });
  await r.arrayBuffer();
  return { b, status: r.status };
}

// The token in the setup link of the mail to `email`.
async function setupToken(email) {
  const mail = await smtp.waitForMail((m) => m.envelope.to.includes(email), 15_000);
  const m = /http:\/\/127\.0\.0\.1:9\/medewerker-activeren\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  assert.ok(m, `setup link in the mail: ${mail.text}`);
  return { token: m[1], mail };
}

// The TOTP secret the setup page shows (as text), or null when it shows none.
async function secretOnPage(token) {
  const r = await navigate(`/medewerker-activeren?token=${token}`);
  const page = await r.text();
  const m = /id="totp-secret">([A-Z2-7]+)</.exec(page);
  return { status: r.status, page, secret: m ? m[1] : null };
}

async function staffList(org = ORG1, b = admin) {
  const r = await call(b, "GET", `/api/v1/organisations/${org}/staff`);
  assert.equal(r.status, 200);
  return (await r.json()).results;
}

test("an administrator adds a member; the mail's link sets password and TOTP; the member logs in", async () => {
  const email = "nieuw.lid@org1.example";
  const r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "Nieuw.Lid@org1.example", name: "Nora Nieuw", roles: ["case-worker", "approver"] });
  assert.equal(r.status, 201, await r.clone().text());
  const added = await r.json();
  assert.equal(added.status, "created");
  const member = (await staffList()).find((m) => m.email === email);
  assert.equal(member.id, added.account);
  assert.deepEqual(member.roles.sort(), ["approver", "case-worker"]);

  const { token, mail } = await setupToken(email);
  assert.equal(token.length, 43, "256-bit token, base64url");
  assert.match(mail.subject, /activeren/);
  assert.match(mail.text, /Beste Nora Nieuw/);
  assert.match(mail.text, /3 dagen/);
  const stored = await server.database.query("SELECT token_hash, purpose FROM staff_password_resets");
  assert.ok(!stored.includes(token), "only the token's hash is stored");
  assert.match(stored, /setup/);
  assert.ok(!server.stdout().includes(token), "the token is not logged");

  // Before activation no password works (there is none the person knows).
  await freshTotpStep();
  const { status, page, secret } = await secretOnPage(token);
  assert.equal(status, 200);
  assert.ok(secret, page);
  assert.match(page, /otpauth:\/\/totp\//);
  assert.match(page, /name="csrf"|name="token"/);

  // A wrong code is named; the link still works afterwards.
  const valid = new Set([-1, 0, 1].map((o) => totp(secret, o)));
  const wrong = ["000000", "111111", "222222", "333333"].find((c) => !valid.has(c));
  let post = await activate({ token, password: NEW_PASSWORD, code: wrong });
  assert.equal(post.status, 400);
  assert.match(await post.text(), /href="#code"/);
  post = await activate({ token, password: "kort", code: totp(secret) });
  assert.equal(post.status, 400);
  assert.match(await post.text(), /href="#password"/);

  const account = { totpSecret: secret };
  post = await activate({ token, password: NEW_PASSWORD, code: await unusedTotp(account) });
  assert.equal(post.status, 303, await post.text());
  assert.equal(post.headers.get("location"), "/medewerker-activeren?klaar=1");

  const ok = await login(email, NEW_PASSWORD, await unusedTotp(account));
  assert.equal(ok.status, 200);
  const me = await (await ok.b.fetch(`${server.url}/api/v1/me`)).json();
  assert.ok(me.roles.some((x) => x.role === "approver" && x.organisation === ORG1), JSON.stringify(me.roles));

  // The link works once.
  assert.equal((await secretOnPage(token)).secret, null);
  const again = await fetch(`${server.url}/auth/staff/password-reset/confirm`, {
    method: "POST", headers: json, body: JSON.stringify({ token, password: NEW_PASSWORD, code: totp(secret) }),
  });
  assert.equal(again.status, 400);
  assert.deepEqual((await again.json()).invalidParams.map((p) => p.name), ["token"]);
  const againPage = await activate({ token, password: NEW_PASSWORD, code: totp(secret) });
  assert.equal(againPage.status, 400);
  assert.match(await againPage.text(), /verlopen of al gebruikt/);
});

test("an expired setup link is refused; a password reset link never shows the TOTP secret", async () => {
  const email = "verlopen@org1.example";
  const r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email, name: "Vera Verlopen", roles: ["contractor"] });
  assert.equal(r.status, 201);
  const { account } = await r.json();
  const { token } = await setupToken(email);
  assert.ok((await secretOnPage(token)).secret);
  await server.database.query(`UPDATE staff_password_resets SET expires_at = created_at - 1 WHERE account_id = '${account}'`);
  const shown = await secretOnPage(token);
  assert.equal(shown.status, 404);
  assert.equal(shown.secret, null);
  assert.match(shown.page, /verlopen of al gebruikt/);
  const confirm = await fetch(`${server.url}/auth/staff/password-reset/confirm`, {
    method: "POST", headers: json, body: JSON.stringify({ token, password: NEW_PASSWORD, code: "123456" }),
  });
  assert.equal(confirm.status, 400);
  assert.deepEqual((await confirm.json()).invalidParams.map((p) => p.name), ["token"]);

  // A reset link of an existing account opens no setup page: the secret stays secret.
  const resetEmail = "herstel@org1.example";
  await addStaff(server, { email: resetEmail, organisation: ORG1, role: "case-worker" });
  const asked = await fetch(`${server.url}/auth/staff/password-reset`, { method: "POST", headers: json, body: JSON.stringify({ email: resetEmail }) });
  assert.equal(asked.status, 202);
  const mail = await smtp.waitForMail((m) => m.envelope.to.includes(resetEmail), 15_000);
  const resetToken = /wachtwoord-herstellen\?token=([A-Za-z0-9_-]+)/.exec(mail.text)[1];
  const page = await secretOnPage(resetToken);
  assert.equal(page.status, 404);
  assert.equal(page.secret, null);
});

test("an address with an account: here a conflict naming email, elsewhere the roles, never a second account", async () => {
  const here = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "BEHEER@org1.example", name: "Dubbel", roles: ["approver"] });
  assert.equal(here.status, 409);
  assert.deepEqual((await here.json()).invalidParams.map((p) => p.name), ["email"]);

  const email = "twee.gemeenten@org2.example";
  await addStaff(server, { email, organisation: ORG2, role: "case-worker", name: "Tineke Twee" });
  const before = Number(await server.database.query("SELECT COUNT(*) FROM staff_accounts"));
  const r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email, name: "Andere naam", roles: ["approver"] });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).status, "roles-granted");
  assert.equal(Number(await server.database.query("SELECT COUNT(*) FROM staff_accounts")), before);
  const member = (await staffList()).find((m) => m.email === email);
  assert.deepEqual(member.roles, ["approver"]);
  assert.equal(member.name, "Tineke Twee", "the account keeps its name");
  assert.deepEqual((await staffList(ORG2, otherAdmin)).find((m) => m.email === email).roles, ["case-worker"]);
  // Such an account is not ORG1's to block: it works for ORG2 too.
  const block = await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/${member.id}`, { active: false });
  assert.equal(block.status, 409);
});

test("bad input names the field, in the API and on the page", async () => {
  let r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "geen-adres", name: "", roles: ["koning"] });
  assert.equal(r.status, 400);
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name).sort(), ["email", "name", "roles"]);
  r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "x@org1.example", name: "X", roles: [], extra: 1 });
  assert.equal(r.status, 400);
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name).sort(), ["extra"]);
  r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "x@org1.example", name: "X", roles: [] });
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name), ["roles"]);
  r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "x@org1.example", name: "X", roles: [3] });
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name), ["roles"]);
  r = await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/00000000-0000-4000-8000-000000000000`, { active: "nee" });
  assert.equal(r.status, 400);
  assert.deepEqual((await r.json()).invalidParams.map((p) => p.name), ["active"]);
  r = await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/00000000-0000-4000-8000-000000000000`, { active: false });
  assert.equal(r.status, 404);

  const page = await postForm(admin, `/beheer/${ORG1}/medewerkers/nieuw`, { csrf: admin.csrf, name: "Piet", email: "geen-adres" });
  assert.equal(page.status, 400);
  const text = await page.text();
  assert.match(text, /href="#new-email"/);
  assert.match(text, /href="#new-role-case-worker"/);
  assert.doesNotMatch(text, /href="#new-name"/);
  assert.match(text, /value="Piet"/, "the answers are kept");
  assert.match(text, /aria-invalid="true" aria-describedby="new-email-error"/);
  // Without the CSRF field nothing happens.
  const forged = await postForm(admin, `/beheer/${ORG1}/medewerkers/nieuw`, { name: "Piet", email: "piet@org1.example", "role-approver": "1" });
  assert.equal(forged.status, 403);
});

test("the plain forms add and block a member (post/redirect/get)", async () => {
  const email = "formulier@org1.example";
  let r = await postForm(admin, `/beheer/${ORG1}/medewerkers/nieuw`,
    { csrf: admin.csrf, name: "Fleur Formulier", email, "role-case-worker": "1" });
  assert.equal(r.status, 303, await r.text());
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?toegevoegd=1`);
  await setupToken(email);
  const page = await (await admin.fetch(`${server.url}/beheer/${ORG1}/medewerkers?toegevoegd=1`, { headers: html })).text();
  assert.match(page, /Fleur Formulier/);
  assert.match(page, /Medewerker toevoegen/);
  const member = (await staffList()).find((m) => m.email === email);
  r = await postForm(admin, `/beheer/${ORG1}/medewerkers/${member.id}/actief`, { csrf: admin.csrf, active: "0" });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?geblokkeerd=1`);
  assert.equal((await staffList()).find((m) => m.email === email).disabled, true);
  r = await postForm(admin, `/beheer/${ORG1}/medewerkers/${member.id}/actief`, { csrf: admin.csrf, active: "1" });
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?gedeblokkeerd=1`);
  assert.equal((await staffList()).find((m) => m.email === email).disabled, false);
  const self = (await staffList()).find((m) => m.email === "beheer@org1.example");
  r = await postForm(admin, `/beheer/${ORG1}/medewerkers/${self.id}/actief`, { csrf: admin.csrf, active: "0" });
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?fout=zelf`);
});

test("a blocked account cannot log in and its sessions end; unblocked it can again", async () => {
  const email = "blokkeer@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker", name: "Bram Blok" });
  const account = { totpSecret };
  const session = await login(email, STAFF_PASSWORD, await unusedTotp(account));
  assert.equal(session.status, 200);
  assert.equal((await session.b.fetch(`${server.url}/api/v1/me`)).status, 200);
  const id = (await staffList()).find((m) => m.email === email).id;

  // Not by another organisation's administrator, nor by the member, nor of oneself.
  assert.equal((await call(otherAdmin, "PATCH", `/api/v1/organisations/${ORG1}/staff/${id}`, { active: false })).status, 403);
  assert.equal((await call(otherAdmin, "PATCH", `/api/v1/organisations/${ORG2}/staff/${id}`, { active: false })).status, 404);
  const self = (await staffList()).find((m) => m.email === "beheer@org1.example");
  assert.equal((await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/${self.id}`, { active: false })).status, 409);

  let r = await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/${id}`, { active: false });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).disabled, true);
  assert.equal((await session.b.fetch(`${server.url}/api/v1/me`)).status, 401, "the session ended");
  assert.equal((await login(email, STAFF_PASSWORD, await unusedTotp(account))).status, 401);

  r = await call(admin, "PATCH", `/api/v1/organisations/${ORG1}/staff/${id}`, { active: true });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).disabled, false);
  assert.equal((await login(email, STAFF_PASSWORD, await unusedTotp(account))).status, 200);
});

test("another organisation's administrator cannot add members here", async () => {
  const r = await call(otherAdmin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email: "indringer@org1.example", name: "I", roles: ["administrator"] });
  assert.equal(r.status, 403);
  const p = await postForm(otherAdmin, `/beheer/${ORG1}/medewerkers/nieuw`, { csrf: otherAdmin.csrf, name: "I", email: "indringer@org1.example", "role-administrator": "1" });
  assert.equal(p.status, 403);
  assert.equal((await server.database.query("SELECT COUNT(*) FROM staff_accounts WHERE email = 'indringer@org1.example'")).trim(), "0");
});

test("the setup page answers a program that is not a browser with problem+json, naming the token", async () => {
  const page = await fetch(`${server.url}/medewerker-activeren?token=niet-geldig`);
  assert.equal(page.status, 404);
  assert.match(page.headers.get("content-type"), /^application\/problem\+json/);
  const post = await fetch(`${server.url}/medewerker-activeren`, {
    method: "POST", headers: form, body: new URLSearchParams({ token: "niet-geldig", password: "x", code: "1" }).toString(),
  });
  assert.equal(post.status, 400);
  assert.match(post.headers.get("content-type"), /^application\/problem\+json/);
  assert.deepEqual((await post.json()).invalidParams.map((p) => p.name), ["token"]);
});

test("a member who never activated gets a new setup link; the old one stops working; an account in use gets none", async () => {
  const email = "kwijt@org1.example";
  let r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff`, { email, name: "Karin Kwijt", roles: ["case-worker"] });
  assert.equal(r.status, 201, await r.text());
  const first = await setupToken(email);
  const member = (await staffList()).find((m) => m.email === email);
  assert.equal(member.activated, false);
  assert.equal((await staffList()).find((m) => m.email === "beheer@org1.example").activated, true, "a logged-in administrator");

  // The page says so and offers a new link, with a plain form.
  const page = await (await admin.fetch(`${server.url}/beheer/${ORG1}/medewerkers`, { headers: html })).text();
  assert.match(page, /Karin Kwijt<\/strong> \(nog niet geactiveerd\)/);
  assert.match(page, new RegExp(`action="/beheer/${ORG1}/medewerkers/${member.id}/link"`));
  r = await postForm(admin, `/beheer/${ORG1}/medewerkers/${member.id}/link`, { csrf: admin.csrf });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?link=1`);
  const sent = await (await admin.fetch(`${server.url}${r.headers.get("location")}`, { headers: html })).text();
  assert.match(sent, /Er is een nieuwe activeringslink gemaild/);
  const deadline = Date.now() + 15_000;
  while (smtp.mails.filter((m) => m.envelope.to.includes(email)).length < 2 && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const mails = smtp.mails.filter((m) => m.envelope.to.includes(email));
  assert.equal(mails.length, 2, "a second mail");
  const second = /medewerker-activeren\?token=([A-Za-z0-9_-]+)/.exec(mails[1].text)[1];
  assert.notEqual(second, first.token);
  assert.equal((await secretOnPage(first.token)).secret, null, "the first link no longer works");
  const { secret } = await secretOnPage(second);
  assert.ok(secret, "the new link works");
  const post = await activate({ token: second, password: NEW_PASSWORD, code: await unusedTotp({ totpSecret: secret }) });
  assert.equal(post.status, 303, await post.text());

  // Activated: no more setup links (its owner resets the password); refusals are named.
  r = await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff/${member.id}/setup-link`);
  assert.equal(r.status, 409);
  assert.equal((await r.json()).invalidParams[0].name, "account");
  assert.equal((await staffList()).find((m) => m.email === email).activated, true);
  r = await postForm(admin, `/beheer/${ORG1}/medewerkers/${member.id}/link`, { csrf: admin.csrf });
  assert.equal(r.headers.get("location"), `/beheer/${ORG1}/medewerkers?fout=actief`);
  const refused = await (await admin.fetch(`${server.url}${r.headers.get("location")}`, { headers: html })).text();
  assert.match(refused, /al in gebruik of geblokkeerd/);
  assert.equal((await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff/00000000-0000-4000-8000-000000000000/setup-link`)).status, 404);
  assert.equal((await call(admin, "POST", `/api/v1/organisations/${ORG1}/staff/not-a-uuid/setup-link`)).status, 404);
  // Another organisation's administrator: not theirs to ask for (403), nor through their own organisation (404).
  assert.equal((await call(otherAdmin, "POST", `/api/v1/organisations/${ORG1}/staff/${member.id}/setup-link`)).status, 403);
  assert.equal((await call(otherAdmin, "POST", `/api/v1/organisations/${ORG2}/staff/${member.id}/setup-link`)).status, 404);
  // Without the CSRF token nothing is sent.
  const before = smtp.mails.length;
  r = await admin.fetch(`${server.url}/api/v1/organisations/${ORG1}/staff/${member.id}/setup-link`, { method: "POST", headers: json });
  assert.equal(r.status, 403);
  assert.equal(smtp.mails.length, before);
});
