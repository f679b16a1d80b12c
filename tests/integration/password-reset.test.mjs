// Staff password reset by a one-time link, delivered by the outbox to a real SMTP server:
// request, mail, link, new password, login; reuse, expiry, wrong code, unknown address, rate
// limit; and the outbox's retry when the mail server is down, and its rows surviving a restart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createDatabase, freePort } from "./lib/server.mjs";
import { startSmtp } from "./lib/smtp.mjs";
import { addStaff, totp, freshTotpStep } from "./lib/staff.mjs";
import { Browser } from "./lib/browser.mjs";
import { sleep } from "./lib/raw.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const json = { "content-type": "application/json" };
const NEW_PASSWORD = "a brand new long password";
let smtp;
let server;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({
    args: ["--smtp-url", `smtp://127.0.0.1:${smtp.port}`, "--mail-from", "Loket <loket@gemeente.example>",
      "--public-url", "http://127.0.0.1:9"],
  });
});
after(async () => {
  await server?.stop();
  await smtp?.stop();
});

function post(srv, path, body, browser) {
  const init = { method: "POST", headers: json, body: JSON.stringify(body) };
  return browser ? browser.fetch(`${srv.url}${path}`, init) : fetch(`${srv.url}${path}`, init);
}

async function requestReset(srv, email) {
  const r = await post(srv, "/auth/staff/password-reset", { email });
  const body = await r.json();
  assert.equal(r.status, 202, JSON.stringify(body));
  return body;
}

// The token in the link of the mail to `email`.
async function tokenFor(email, box = smtp) {
  const mail = await box.waitForMail((m) => m.envelope.to.includes(email), 15_000);
  const m = /\/wachtwoord-herstellen\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  assert.ok(m, `link in the mail: ${mail.text}`);
  return { token: m[1], mail };
}

async function login(email, password, code) {
  const b = new Browser();
  const r = await post(server, "/auth/staff/login", { email, password, code }, b);
  await r.arrayBuffer();
  return { b, status: r.status };
}

test("request, mail, link, new password, log in with it; old sessions and the old password end", async () => {
  const email = "reset.flow@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker", name: "Ria Reset" });
  await freshTotpStep();
  const before = await login(email, "a long enough password", totp(totpSecret, -1));
  assert.equal(before.status, 200);

  const accepted = await requestReset(server, email.toUpperCase());
  assert.equal(accepted.status, "accepted");
  const { token, mail } = await tokenFor(email);
  assert.equal(token.length, 43, "256-bit token, base64url");
  assert.equal(mail.subject, "Wachtwoord herstellen (Reset your password)");
  assert.equal(mail.from.value[0].address, "loket@gemeente.example");
  assert.equal(mail.envelope.from, "loket@gemeente.example");
  assert.match(mail.text, /Beste Ria Reset/);
  assert.match(mail.text, /30 minuten/);
  assert.match(mail.text, /http:\/\/127\.0\.0\.1:9\/wachtwoord-herstellen\?token=/, "a link to PUBLIC_URL");
  const stored = await server.database.query("SELECT token_hash FROM staff_password_resets");
  assert.ok(!stored.includes(token), "only the token's hash is stored");
  assert.ok(!server.stdout().includes(token), "the token is not logged");

  const done = await post(server, "/auth/staff/password-reset/confirm",
    { token, password: NEW_PASSWORD, code: totp(totpSecret, 0) });
  assert.equal(done.status, 200, await done.text());

  const old = await before.b.fetch(`${server.url}/api/v1/me`);
  assert.equal(old.status, 401, "the session from before the reset has ended");
  const after = await login(email, NEW_PASSWORD, totp(totpSecret, 1));
  assert.equal(after.status, 200, "the new password works");
  const me = await (await after.b.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(me.email, email);

  const again = await post(server, "/auth/staff/password-reset/confirm",
    { token, password: "yet another long password", code: totp(totpSecret, 1) });
  assert.equal(again.status, 400, "a link works once");
  assert.equal((await again.json()).invalidParams[0].name, "token");

  const events = await server.database.query(
    "SELECT outcome FROM login_events WHERE outcome IN ('reset-requested', 'password-reset') ORDER BY at");
  assert.match(events, /reset-requested/);
  assert.match(events, /password-reset/);
});

test("a wrong TOTP code is refused and counted; the link still works with the right one", async () => {
  const email = "reset.code@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker" });
  await requestReset(server, email);
  const { token } = await tokenFor(email);
  const right = totp(totpSecret, 0);
  const wrong = right === "000000" ? "111111" : "000000";
  const r = await post(server, "/auth/staff/password-reset/confirm", { token, password: NEW_PASSWORD, code: wrong });
  assert.equal(r.status, 400);
  const problem = await r.json();
  assert.equal(problem.invalidParams[0].name, "code");
  const failures = await server.database.query("SELECT COUNT(*) FROM login_failures WHERE subject LIKE 'account:%'");
  assert.ok(Number(failures) >= 1, "the failure counts toward the account lockout");
  const ok = await post(server, "/auth/staff/password-reset/confirm", { token, password: NEW_PASSWORD, code: right });
  assert.equal(ok.status, 200, await ok.text());
});

test("an expired link is refused", async () => {
  const email = "reset.expired@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker" });
  await requestReset(server, email);
  const { token } = await tokenFor(email);
  await server.database.query("UPDATE staff_password_resets SET expires_at = created_at - 1");
  const r = await post(server, "/auth/staff/password-reset/confirm",
    { token, password: NEW_PASSWORD, code: totp(totpSecret, 0) });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).invalidParams[0].name, "token");
  const old = await login(email, "a long enough password", totp(totpSecret, 1));
  assert.equal(old.status, 200, "the password did not change");
});

test("bad input names the field; a short password is refused", async () => {
  const r = await post(server, "/auth/staff/password-reset/confirm", {});
  assert.equal(r.status, 400);
  const names = (await r.json()).invalidParams.map((p) => p.name).sort();
  assert.deepEqual(names, ["code", "password", "token"]);
  const short = await post(server, "/auth/staff/password-reset/confirm", { token: "x", password: "short", code: "123456" });
  assert.equal(short.status, 400);
  assert.equal((await short.json()).invalidParams[0].name, "password");
  const notEmail = await post(server, "/auth/staff/password-reset", { email: "nope" });
  assert.equal(notEmail.status, 400);
  const bogus = await post(server, "/auth/staff/password-reset/confirm",
    { token: "A".repeat(43), password: NEW_PASSWORD, code: "123456" });
  assert.equal(bogus.status, 400);
  const other = await fetch(`${server.url}/auth/staff/password-reset`, {
    method: "POST", headers: { ...json, origin: "https://evil.example" }, body: JSON.stringify({ email: "a@b.nl" }),
  });
  assert.equal(other.status, 403, "another site's request is refused");
});

test("an unknown address gets the same 202 and no mail; requests are capped per address", async () => {
  const before = smtp.mails.length;
  const queued = await server.database.query("SELECT COUNT(*) FROM outbox");
  const body = await requestReset(server, "nobody@org1.example");
  const known = await (async () => {
    const email = "reset.same@org1.example";
    await addStaff(server, { email, organisation: ORG1, role: "case-worker" });
    return requestReset(server, email);
  })();
  assert.deepEqual(body, known, "the same answer for a known and an unknown address");
  await sleep(2000);
  assert.equal(smtp.mails.filter((m) => m.envelope.to.includes("nobody@org1.example")).length, 0);
  assert.equal(Number(await server.database.query("SELECT COUNT(*) FROM outbox")), Number(queued) + 1);
  assert.ok(smtp.mails.length >= before);

  for (let i = 0; i < 10; i++) await requestReset(server, "capped@org1.example");
  const capped = await post(server, "/auth/staff/password-reset", { email: "capped@org1.example" });
  assert.equal(capped.status, 429);
  assert.ok(Number(capped.headers.get("retry-after")) > 0);
  await capped.arrayBuffer();
});

test("the outbox retries while the mail server is down and delivers when it is up", async () => {
  const port = await freePort();
  const srv = await startServer({ args: ["--smtp-url", `smtp://127.0.0.1:${port}`] });
  let box;
  try {
    const email = "reset.retry@org1.example";
    await addStaff(srv, { email, organisation: ORG1, role: "case-worker" });
    await requestReset(srv, email);
    const failed = await srv.waitForLog((l) => l.msg === "outbox delivery failed; will retry", 10_000);
    assert.equal(failed.attempts, 1);
    assert.ok(!JSON.stringify(failed).includes(email), "no address in the log");
    box = await startSmtp({ port });
    await box.waitForMail((m) => m.envelope.to.includes(email), 20_000);
    await srv.waitForLog((l) => l.msg === "outbox delivered", 5000);
    const row = await srv.database.query("SELECT attempts, sent_at IS NOT NULL FROM outbox");
    const [attempts, sent] = row.trim().split("|");
    assert.ok(Number(attempts) >= 2, `attempts ${attempts}`);
    assert.ok(sent === "1" || sent === "t", `sent ${row}`);
  } finally {
    await srv.stop();
    await box?.stop();
  }
});

test("without --smtp-url mail stays queued (logged once), and is sent after a restart with it", async () => {
  const database = await createDatabase();
  const box = await startSmtp();
  try {
    const a = await startServer({ database });
    const email = "reset.restart@org1.example";
    await addStaff(a, { email, organisation: ORG1, role: "case-worker" });
    await requestReset(a, email);
    await sleep(1500);
    const notices = a.logs().filter((l) => /mail is not configured/.test(l.msg));
    assert.equal(notices.length, 1, "logged once");
    assert.equal(await a.database.query("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").then((s) => s.trim()), "1");
    assert.equal(await a.stop(), 0);
    const b = await startServer({ database, seed: false, args: ["--smtp-url", `smtp://127.0.0.1:${box.port}`] });
    try {
      await tokenFor(email, box);
    } finally {
      await b.stop();
    }
  } finally {
    await box.stop();
    await database.drop();
  }
});
