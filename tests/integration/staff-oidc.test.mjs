// Staff login through the organisation's OpenID Connect provider (a real npm oidc-provider):
// the verified e-mail claim names an existing staff account; no TOTP is asked. Unknown
// addresses, unverified addresses, tampered state and tampered tokens are refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { startProvider, freePort, CLIENT_SECRET } from "./lib/oidc.mjs";
import { Browser } from "./lib/browser.mjs";
import { addStaff } from "./lib/staff.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const SESSION = "__Host-loket_session";
const EMAIL = "behandelaar@org1.example";
let op;
let server;
let base;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  op = await startProvider({
    redirectUris: [`${base}/auth/staff-oidc/callback`],
    postLogoutUris: [`${base}/`],
    backchannelUri: `${base}/auth/staff-oidc/backchannel-logout`,
  });
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    args: ["--public-url", base, "--staff-oidc-issuer", op.issuer, "--staff-oidc-client-secret", CLIENT_SECRET],
  });
  await addStaff(server, { email: EMAIL, organisation: ORG1, role: "case-worker", name: "Bea Behandelaar" });
});

after(async () => {
  await server?.stop();
  await op?.stop();
});

// Runs the login up to Loket's callback as `who`; returns the callback URL (not yet visited).
async function toCallback(browser, who) {
  const start = await browser.fetch(`${base}/auth/staff-oidc/login?returnTo=/werkbak`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.headers.get("location"));
  assert.equal(authorize.origin, op.issuer);
  assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
  assert.ok(authorize.searchParams.get("code_challenge"));
  assert.ok(authorize.searchParams.get("nonce"));
  assert.ok(authorize.searchParams.get("state"));
  assert.equal(authorize.searchParams.get("scope"), "openid email");
  authorize.searchParams.set("login_hint", who);
  return browser.follow(authorize, (u) => u.origin === base);
}

test("a known address gets a staff session without a TOTP code; /api/v1/me shows the staff member", async () => {
  const b = new Browser();
  const callback = await toCallback(b, EMAIL.toUpperCase());
  const res = await b.fetch(callback);
  assert.equal(res.status, 303, await res.text());
  assert.equal(res.headers.get("location"), "/werkbak");
  const line = res.setCookies.find((c) => c.startsWith(`${SESSION}=`));
  for (const attr of ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"]) assert.ok(line.includes(attr), attr);
  const me = await b.fetch(`${base}/api/v1/me`);
  assert.equal(me.status, 200);
  const body = await me.json();
  assert.equal(body.kind, "staff");
  assert.equal(body.provider, "staff-oidc");
  assert.equal(body.email, EMAIL);
  assert.equal(body.name, "Bea Behandelaar");
  assert.deepEqual(body.roles, [{ organisation: ORG1, role: "case-worker" }]);
  const events = await server.database.query("SELECT outcome FROM login_events");
  assert.match(events, /success-oidc/);

  // Logout ends the session and goes on to the provider's end-session endpoint.
  const out = await b.fetch(`${base}/auth/logout`, { method: "POST", headers: { "x-csrf-token": body.csrfToken } });
  assert.equal(out.status, 303);
  assert.equal(out.headers.get("location"), "/auth/staff-oidc/end-session");
  assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 401);
});

test("logout at the provider ends the staff session through back-channel logout", async () => {
  const b = new Browser();
  const res = await b.fetch(await toCallback(b, EMAIL));
  assert.equal(res.status, 303);
  assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 200);
  const page = await b.fetch(`${op.issuer}/session/end?client_id=loket`);
  const html = await page.text();
  const action = html.match(/action="([^"]+)"/)[1];
  const xsrf = html.match(/name="xsrf" value="([^"]+)"/)[1];
  const confirm = await b.fetch(new URL(action, op.issuer), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `xsrf=${encodeURIComponent(xsrf)}&logout=yes`,
  });
  assert.ok(confirm.status < 400, `logout confirm ${confirm.status}`);
  let status = 200;
  for (let i = 0; i < 20 && status === 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await b.fetch(`${base}/api/v1/me`)).status;
  }
  assert.equal(status, 401, op.stderr());
  assert.ok(server.logs().some((l) => l.msg === "back-channel logout" && l.provider === "staff-oidc" && l.sessions === 1));
});

test("an address without a staff account is refused with a clear problem, and logged", async () => {
  const b = new Browser();
  const callback = await toCallback(b, "stranger@org1.example");
  const res = await b.fetch(callback);
  assert.equal(res.status, 403);
  assert.match(res.headers.get("content-type"), /problem\+json/);
  const problem = await res.json();
  assert.match(problem.detail, /medewerkersaccount/);
  assert.ok(!res.setCookies.some((c) => c.startsWith(`${SESSION}=`) && !/Max-Age=0/i.test(c)), "no session");
  assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 401);
  await server.waitForLog((l) => l.msg === "login refused" && l.reason === "oidc-unknown-email");
  assert.ok(!server.stdout().includes("stranger@org1.example"), "no address in the log");
  assert.match(await server.database.query("SELECT outcome FROM login_events"), /oidc-unknown-email/);
});

test("an address the provider has not verified is refused", async () => {
  const b = new Browser();
  const res = await b.fetch(await toCallback(b, `unverified:${EMAIL}`));
  assert.equal(res.status, 401);
  assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 401);
});

test("a tampered state is refused", async () => {
  const b = new Browser();
  const callback = new URL(await toCallback(b, EMAIL));
  callback.searchParams.set("state", callback.searchParams.get("state").replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  const res = await b.fetch(callback);
  assert.equal(res.status, 401);
  assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 401);
});

test("a state from another browser is refused", async () => {
  const b = new Browser();
  const callback = await toCallback(b, EMAIL);
  const res = await new Browser().fetch(callback);
  assert.equal(res.status, 401);
});

test("a tampered ID token is refused", async () => {
  await op.setMode("tampered");
  try {
    const b = new Browser();
    const res = await b.fetch(await toCallback(b, EMAIL));
    assert.equal(res.status, 401);
    assert.equal((await b.fetch(`${base}/api/v1/me`)).status, 401);
  } finally {
    await op.setMode("normal");
  }
});

test("staff login through the provider does not exist when it is not configured", async () => {
  const plain = await startServer({ seed: false });
  try {
    const r = await fetch(`${plain.url}/auth/staff-oidc/login`, { redirect: "manual" });
    assert.equal(r.status, 404);
    await r.arrayBuffer();
  } finally {
    await plain.stop();
  }
});
