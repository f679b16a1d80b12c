// Login through a real OpenID Provider, sessions, CSRF, logout and the refusals of bad tokens.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./lib/server.mjs";
import { startProvider, freePort, CLIENT_SECRET } from "./lib/oidc.mjs";
import { Browser } from "./lib/browser.mjs";

const SESSION = "__Host-loket_session";
let op;
let server;
let base;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  op = await startProvider({
    redirectUris: [`${base}/auth/digid/callback`],
    postLogoutUris: [`${base}/`],
    backchannelUri: `${base}/auth/digid/backchannel-logout`,
  });
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    args: ["--public-url", base, "--digid-issuer", op.issuer, "--digid-client-secret", CLIENT_SECRET,
      "--session-idle", "5"],
  });
});

after(async () => {
  await server?.stop();
  await op?.stop();
});

// Runs the login up to Loket's callback; returns the callback URL (not yet visited).
async function toCallback(browser, bsn = "999993653") {
  const start = await browser.fetch(`${base}/auth/digid/login?returnTo=/zaken`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.headers.get("location"));
  assert.equal(authorize.origin, op.issuer);
  assert.equal(authorize.searchParams.get("code_challenge_method"), "S256");
  assert.ok(authorize.searchParams.get("nonce"));
  assert.ok(authorize.searchParams.get("state"));
  authorize.searchParams.set("login_hint", bsn); // the person picks who they are at the provider
  return browser.follow(authorize, (u) => u.origin === base);
}

async function login(browser, bsn) {
  const callback = await toCallback(browser, bsn);
  return { callback, res: await browser.fetch(callback) };
}

async function me(browser) {
  const r = await browser.fetch(`${base}/api/v1/me`);
  return { status: r.status, body: await r.json() };
}

test("no session: /api/v1/me is 401 problem+json", async () => {
  const r = await fetch(`${base}/api/v1/me`);
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  assert.equal((await r.json()).status, 401);
});

test("login through the provider gives a secure session and /me shows the resident", async () => {
  const b = new Browser();
  const { res } = await login(b, "999993653");
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/zaken");
  const line = res.setCookies.find((c) => c.startsWith(`${SESSION}=`));
  assert.ok(line, "session cookie set");
  for (const attr of ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"]) assert.ok(line.includes(attr), attr);
  assert.equal(b.cookie(base, SESSION).length, 43); // 256 bits, base64url
  const m = await me(b);
  assert.equal(m.status, 200);
  assert.equal(m.body.kind, "resident");
  assert.equal(m.body.bsnMasked, "*****3653");
  assert.ok(m.body.csrfToken.length >= 43);
  assert.ok(!JSON.stringify(m.body).includes("999993653"), "the full BSN is not echoed");
  assert.ok(!server.logs().some((l) => JSON.stringify(l).includes("999993653")), "no BSN in the logs");
});

test("a replayed callback (state used twice) is refused", async () => {
  const b = new Browser();
  const { callback, res } = await login(b, "999990019");
  assert.equal(res.status, 303);
  const again = await b.fetch(callback);
  assert.equal(again.status, 401);
});

test("state is bound to the browser that started the login", async () => {
  const b = new Browser();
  const callback = await toCallback(b);
  const other = new Browser();
  const r = await other.fetch(callback);
  assert.equal(r.status, 401);
  assert.equal((await me(other)).status, 401);
});

test("a callback whose iss is not the provider is refused (RFC 9207)", async () => {
  const b = new Browser();
  const callback = await toCallback(b);
  callback.searchParams.set("iss", "http://127.0.0.1:1");
  assert.equal((await b.fetch(callback)).status, 401);
});

for (const mode of ["tampered", "wrong-audience", "expired", "no-nonce", "wrong-nonce", "wrong-issuer",
  "alg-none", "unknown-key"]) {
  test(`an ID token that is ${mode} is refused and makes no session`, async () => {
    await op.setMode(mode);
    try {
      const b = new Browser();
      const { res } = await login(b);
      assert.equal(res.status, 401);
      assert.equal(res.headers.get("content-type"), "application/problem+json");
      assert.ok(!res.setCookies.some((c) => c.startsWith(`${SESSION}=`) && !c.includes("Max-Age=0")));
      assert.equal((await me(b)).status, 401);
      assert.ok(server.logs().some((l) => l.msg === "login refused"));
    } finally {
      await op.setMode("normal");
    }
  });
}

test("logging in again gives a new session id and ends the old one", async () => {
  const b = new Browser();
  await login(b);
  const first = b.cookie(base, SESSION);
  await login(b);
  const second = b.cookie(base, SESSION);
  assert.notEqual(first, second);
  const old = await fetch(`${base}/api/v1/me`, { headers: { cookie: `${SESSION}=${first}` } });
  assert.equal(old.status, 401);
});

test("logout needs the CSRF token and our origin, then kills the session server-side", async () => {
  const b = new Browser();
  await login(b);
  const { body } = await me(b);
  const id = b.cookie(base, SESSION);
  assert.equal((await b.fetch(`${base}/auth/logout`, { method: "POST" })).status, 403);
  const foreign = await b.fetch(`${base}/auth/logout`, {
    method: "POST", headers: { origin: "https://evil.example", "x-csrf-token": body.csrfToken },
  });
  assert.equal(foreign.status, 403);
  const r = await b.fetch(`${base}/auth/logout`, {
    method: "POST", headers: { origin: base, "x-csrf-token": body.csrfToken },
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/auth/digid/end-session");
  const end = await b.fetch(`${base}/auth/digid/end-session`);
  assert.equal(end.status, 302);
  const at = new URL(end.headers.get("location"));
  assert.equal(at.origin, op.issuer, "RP-initiated logout at the provider");
  assert.equal(at.searchParams.get("post_logout_redirect_uri"), `${base}/`);
  const again = await fetch(`${base}/api/v1/me`, { headers: { cookie: `${SESSION}=${id}` } });
  assert.equal(again.status, 401);
});

test("the session ends after the idle timeout", async () => {
  const b = new Browser();
  await login(b);
  assert.equal((await me(b)).status, 200);
  await new Promise((r) => setTimeout(r, 6500));
  assert.equal((await me(b)).status, 401);
});

test("back-channel logout refuses a bad logout token", async () => {
  const r = await fetch(`${base}/auth/digid/backchannel-logout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "logout_token=eyJhbGciOiJub25lIn0.e30.",
  });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error, "invalid_request");
});

test("back-channel logout: a logout_token that decodes to a NUL or invalid UTF-8 is malformed", async () => {
  for (const value of ["%00", "%FF", "eyJhbGciOiJSUzI1NiJ9.e30.%C0%AF"]) {
    const r = await fetch(`${base}/auth/digid/backchannel-logout`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `logout_token=${value}`,
    });
    assert.equal(r.status, 400, value);
    assert.deepEqual(await r.json(), { error: "invalid_request", error_description: "logout_token is malformed" });
  }
});

test("logout at the provider ends the Loket session through back-channel logout", async () => {
  const b = new Browser();
  await login(b);
  assert.equal((await me(b)).status, 200);
  // The person logs out at the provider (e.g. from another site): confirm its logout form.
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
  for (let i = 0; i < 20 && (await me(b)).status === 200; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal((await me(b)).status, 401, op.stderr());
  assert.ok(server.logs().some((l) => l.msg === "back-channel logout" && l.sessions === 1));
});
