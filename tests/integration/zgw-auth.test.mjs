// The ZGW engine's authentication and authorisation through HTTP, against the Catalogi API:
// every way a bearer token can be wrong (format, signature, algorithm, claims, age, clock),
// scopes, the problem+json body, and the CLI's refusals of a bad `loket clients add`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { runLoket } from "./lib/server.mjs";
import { startZgwServer, addClient, zgwFetch, token, CATALOGI, AUTORISATIES } from "./lib/zgw.mjs";

let server, strict, writer, readerClient, acClient;
const now = () => Math.floor(Date.now() / 1000);
const b64url = (x) => Buffer.from(x).toString("base64url");

before(async () => {
  [server, strict] = await Promise.all([
    startZgwServer(),
    startZgwServer({ args: ["--zgw-token-max-age", "30"] }),
  ]);
  writer = await addClient(server, { component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven"] });
  readerClient = await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] });
  acClient = await addClient(server, { component: "ac", scopes: ["autorisaties.lezen", "autorisaties.bijwerken"] });
});
after(async () => Promise.all([server?.stop(), strict?.stop()]));

// A GET of the catalogussen with the Authorization header as given.
async function get(authorization, { on = server, path = `${CATALOGI}/catalogussen`, headers = {} } = {}) {
  const h = { ...headers };
  if (authorization !== undefined) h.authorization = authorization;
  const res = await fetch(`${on.url}${path}`, { headers: h });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

// The problem+json every refusal must be: status, code, title, detail.
function problem(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get("content-type"), /^application\/problem\+json/);
  assert.equal(r.json.status, status);
  assert.equal(r.json.code, code, r.text);
  assert.ok(r.json.title && r.json.title !== "Fout.", `a real title: ${r.text}`);
  assert.ok(r.json.detail, r.text);
  assert.ok(r.json.instance, r.text);
}

const unauthenticated = (r) => {
  problem(r, 401, "not_authenticated");
  assert.equal(r.headers.get("www-authenticate"), "Bearer");
};

// A JWT with any header and claims, signed HMAC-SHA256 with `secret`.
function jwt(header, claims, secret) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
const claimsOf = (c, extra = {}) => ({ iss: c.id, iat: now(), client_id: c.id, ...extra });

test("a valid token is accepted; the scheme is case-insensitive", async () => {
  const r = await get(`Bearer ${token(readerClient.id, readerClient.secret)}`);
  assert.equal(r.status, 200, r.text);
  assert.equal((await get(`bearer ${token(readerClient.id, readerClient.secret)}`)).status, 200);
});

test("no token, another scheme, or an empty bearer: 401 not_authenticated", async () => {
  unauthenticated(await get(undefined));
  unauthenticated(await get(""));
  unauthenticated(await get("Bearer"));
  unauthenticated(await get("Bearer "));
  unauthenticated(await get(`Basic ${b64url(`${readerClient.id}:${readerClient.secret}`)}`));
  unauthenticated(await get(token(readerClient.id, readerClient.secret))); // no scheme at all
});

test("malformed JWTs: 401, never 500", async () => {
  const good = token(readerClient.id, readerClient.secret);
  const [h, p] = good.split(".");
  for (const bad of ["abc", "a.b", "a.b.c.d", "...", `${h}.${p}`, `${h}.${p}.${"x".repeat(5)}.extra`,
    `${h}.!!!.sig`, `${b64url("{not json")}.${p}.sig`, `${h}.${b64url("[1,2]")}.sig`, `${h}.${b64url("null")}.sig`,
    "x".repeat(4000)]) {
    unauthenticated(await get(`Bearer ${bad}`));
  }
  // A header beyond the server's limit is refused before authentication, still as a problem.
  const huge = await get(`Bearer ${"x".repeat(20000)}`);
  assert.equal(huge.status, 431, huge.text);
});

test("a wrong signature is refused: another secret, a tampered payload, a stripped signature", async () => {
  unauthenticated(await get(`Bearer ${token(readerClient.id, "not-the-secret-at-all-0123")}`));
  // Another client's secret with this client_id.
  unauthenticated(await get(`Bearer ${token(readerClient.id, writer.secret)}`));
  const [h, , s] = token(readerClient.id, readerClient.secret).split(".");
  const forged = b64url(JSON.stringify(claimsOf(writer)));
  unauthenticated(await get(`Bearer ${h}.${forged}.${s}`));
  const [h2, p2] = token(readerClient.id, readerClient.secret).split(".");
  unauthenticated(await get(`Bearer ${h2}.${p2}.`));
  // The detail names the cause without quoting the token.
  const r = await get(`Bearer ${token(readerClient.id, "not-the-secret-at-all-0123")}`);
  assert.match(r.json.detail, /signature/);
});

test("alg none and every algorithm but HS256 are refused", async () => {
  const claims = claimsOf(readerClient);
  // alg none: no signature at all, as RFC 7519 unsecured JWTs are sent.
  unauthenticated(await get(`Bearer ${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.`));
  for (const alg of ["none", "None", "HS384", "HS512", "RS256", "ES256", "PS256", "hs256"]) {
    // Even with a valid HMAC over the input: the algorithm alone disqualifies it.
    const r = await get(`Bearer ${jwt({ alg, typ: "JWT" }, claims, readerClient.secret)}`);
    unauthenticated(r);
    assert.match(r.json.detail, /HS256/, alg);
  }
  unauthenticated(await get(`Bearer ${jwt({ typ: "JWT" }, claims, readerClient.secret)}`));
});

test("client_id: missing, not a string, or unknown is refused", async () => {
  const { client_id: _, ...noClient } = claimsOf(readerClient);
  unauthenticated(await get(`Bearer ${jwt({ alg: "HS256" }, noClient, readerClient.secret)}`));
  unauthenticated(await get(`Bearer ${jwt({ alg: "HS256" }, claimsOf(readerClient, { client_id: 42 }), readerClient.secret)}`));
  unauthenticated(await get(`Bearer ${jwt({ alg: "HS256" }, claimsOf(readerClient, { client_id: "" }), readerClient.secret)}`));
  const unknown = await get(`Bearer ${token("nobody-knows-me", "some-secret-0123456789")}`);
  unauthenticated(unknown);
  assert.match(unknown.json.detail, /client_id/);
  // A known client on another server (another database) is unknown here.
  unauthenticated(await get(`Bearer ${token(readerClient.id, readerClient.secret)}`, { on: strict }));
});

test("iss and a numeric iat are required", async () => {
  const { iss: _i, ...noIss } = claimsOf(readerClient);
  unauthenticated(await get(`Bearer ${jwt({ alg: "HS256" }, noIss, readerClient.secret)}`));
  const { iat: _t, ...noIat } = claimsOf(readerClient);
  unauthenticated(await get(`Bearer ${jwt({ alg: "HS256" }, noIat, readerClient.secret)}`));
  unauthenticated(await get(`Bearer ${token(readerClient.id, readerClient.secret, { iat: String(now()) })}`));
});

test("iat: in the future beyond the clock skew (60 s) refused; within it accepted", async () => {
  assert.equal((await get(`Bearer ${token(readerClient.id, readerClient.secret, { iat: now() + 30 })}`)).status, 200);
  const r = await get(`Bearer ${token(readerClient.id, readerClient.secret, { iat: now() + 300 })}`);
  unauthenticated(r);
  assert.match(r.json.detail, /future/);
});

test("--zgw-clock-skew: iat 4 minutes ahead is refused by default, accepted with 300 s (flag or LOKET_ZGW_CLOCK_SKEW)", async () => {
  const ahead = (c) => `Bearer ${token(c.id, c.secret, { iat: now() + 240 })}`;
  const r = await get(ahead(readerClient));
  unauthenticated(r);
  assert.match(r.json.detail, /future/);
  const [flag, env] = await Promise.all([
    startZgwServer({ args: ["--zgw-clock-skew", "300"] }),
    startZgwServer({ env: { LOKET_ZGW_CLOCK_SKEW: "300" } }),
  ]);
  try {
    for (const on of [flag, env]) {
      const c = await addClient(on, { component: "ztc", scopes: ["catalogi.lezen"] });
      assert.equal((await get(ahead(c), { on })).status, 200);
      // Beyond the wider skew it is still refused.
      unauthenticated(await get(`Bearer ${token(c.id, c.secret, { iat: now() + 420 })}`, { on }));
    }
  } finally {
    await Promise.all([flag.stop(), env.stop()]);
  }
});

test("--zgw-clock-skew: a wrong value stops start-up with one line naming it; serve --help lists it", async () => {
  for (const value of ["3601", "-5", "vijf"]) {
    const r = await runLoket(["serve", "--database", server.database.url, "--listen", "127.0.0.1:0",
      "--zgw-clock-skew", value], { cwd: server.database.dir });
    assert.notEqual(r.code, 0, value);
    assert.match(r.stderr, /--zgw-clock-skew/, value);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
  const help = await runLoket(["serve", "--help"]);
  assert.match(help.stdout, /--zgw-clock-skew/);
  assert.match(help.stdout, /LOKET_ZGW_CLOCK_SKEW/);
});

test("iat too old: refused after --zgw-token-max-age (plus skew); exp and nbf honoured", async () => {
  const c = await addClient(strict, { component: "ztc", scopes: ["catalogi.lezen"] });
  const bearer = (claims) => `Bearer ${token(c.id, c.secret, claims)}`;
  assert.equal((await get(bearer({ iat: now() - 20 }), { on: strict })).status, 200);
  const old = await get(bearer({ iat: now() - 200 }), { on: strict });
  unauthenticated(old);
  assert.match(old.json.detail, /expired/);
  // The default maximum age (3600 s) still accepts that age, and refuses what is older.
  assert.equal((await get(`Bearer ${token(readerClient.id, readerClient.secret, { iat: now() - 200 })}`)).status, 200);
  unauthenticated(await get(`Bearer ${token(readerClient.id, readerClient.secret, { iat: now() - 3600 - 120 })}`));
  // exp in the past, nbf in the future.
  unauthenticated(await get(bearer({ exp: now() - 120 }), { on: strict }));
  assert.equal((await get(bearer({ exp: now() + 120 }), { on: strict })).status, 200);
  unauthenticated(await get(bearer({ nbf: now() + 600 }), { on: strict }));
});

// F8: iat/exp at or past 2^63 gave a 500 and nbf: 1e300 was accepted. The numbers are written
// into the payload as JSON text, since JavaScript numbers cannot carry 2^63 exactly.
test("numeric claims out of range (iat/exp >= 2^63, nbf 1e300, negative) are a 401, never a 500", async () => {
  const signed = (name, number) => {
    const payload = JSON.stringify({ ...claimsOf(readerClient), [name]: "__N__" }).replace('"__N__"', number);
    const input = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(payload)}`;
    return `Bearer ${input}.${createHmac("sha256", readerClient.secret).update(input).digest("base64url")}`;
  };
  for (const name of ["iat", "exp", "nbf"]) {
    for (const number of ["9223372036854775808", "18446744073709551615", "9223372036854775807", "1e300",
      "-1e300", "-1", "100000000000000000000000000000"]) {
      const r = await get(signed(name, number));
      unauthenticated(r);
      assert.match(r.json.detail, new RegExp(name), `${name}: ${number}`);
    }
  }
  // A sane exp far ahead is still fine.
  assert.equal((await get(signed("exp", String(now() + 86400 * 365 * 50)))).status, 200);
});

test("a NUL in a signed token's client_id or iss is a 401, never a 500 (found by the hostile suite on PostgreSQL)", async () => {
  for (const name of ["client_id", "iss"]) {
    const payload = JSON.stringify({ ...claimsOf(readerClient), [name]: `${readerClient.id}\u0000x` });
    const input = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(payload)}`;
    const r = await get(`Bearer ${input}.${createHmac("sha256", readerClient.secret).update(input).digest("base64url")}`);
    unauthenticated(r);
  }
});

test("user_id and user_representation are accepted and recorded in the audit trail", async () => {
  const claims = { user_id: "mdw-12", user_representation: "M. de Werker" };
  const r = await get(`Bearer ${token(readerClient.id, readerClient.secret, claims)}`);
  assert.equal(r.status, 200, r.text);
  // Catalogi keeps no audit trail; the Autorisaties API does, with the user from the token.
  const ac = zgwFetch(server, acClient);
  const created = await ac(`${AUTORISATIES}/applicaties`, {
    method: "POST", claims,
    body: { clientIds: [`audit-${process.pid}`], label: "Audit", autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen"] }] },
  });
  assert.equal(created.status, 201, created.text);
  const rows = await server.database.query(
    `SELECT data FROM zgw_audittrail WHERE hoofd_object = '${new URL(created.json.url).pathname}'`);
  const entry = JSON.parse(rows.trim().split("\n")[0]);
  assert.equal(entry.applicatieId, acClient.id);
  assert.equal(entry.gebruikersId, "mdw-12");
  assert.equal(entry.gebruikersWeergave, "M. de Werker");
  // The audit trail never holds a token or a secret.
  assert.ok(!rows.includes(acClient.secret));
});

test("scopes: catalogi.lezen cannot write; another component's scopes give 403; titles in nl and en", async () => {
  const reader = zgwFetch(server, readerClient);
  const body = { domein: "AUTH", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" };
  const refused = await reader(`${CATALOGI}/catalogussen`, { method: "POST", body });
  problem(refused, 403, "permission_denied");
  assert.match(refused.json.detail, /catalogi\.schrijven/);
  const created = await zgwFetch(server, writer)(`${CATALOGI}/catalogussen`, { method: "POST", body });
  assert.equal(created.status, 201, created.text);
  problem(await reader(created.json.url, { method: "PATCH", body: { naam: "x" } }), 403, "permission_denied");
  assert.equal((await reader(created.json.url)).status, 200);

  const acOnly = `Bearer ${token(acClient.id, acClient.secret)}`;
  problem(await get(acOnly), 403, "permission_denied");
  const nl = await get(acOnly, { headers: { "accept-language": "nl" } });
  const en = await get(acOnly, { headers: { "accept-language": "en" } });
  assert.notEqual(nl.json.title, en.json.title);
  assert.match(en.json.title, /permission/);
  // A catalogi client cannot read the Autorisaties API.
  problem(await reader(`${AUTORISATIES}/applicaties`), 403, "permission_denied");
  // An unauthenticated 401 wins over a missing scope: nothing is revealed to strangers.
  unauthenticated(await get(undefined, { path: `${AUTORISATIES}/applicaties` }));
});

test("the server log never holds a secret or a token", async () => {
  const t = token(readerClient.id, readerClient.secret);
  await get(`Bearer ${t}`);
  await get(`Bearer ${token(readerClient.id, "not-the-secret-at-all-0123")}`);
  const log = server.stdout() + server.stderr();
  for (const c of [writer, readerClient, acClient]) assert.ok(!log.includes(c.secret), "secret in the log");
  assert.ok(!log.includes(t.split(".")[2]), "token signature in the log");
});

// ---- loket clients add: refusals -------------------------------------------------------

async function clientsAdd(args) {
  return runLoket(["clients", "add", "--database", server.database.url, "--key-file",
    `${server.database.dir}/loket.keys`, ...args], { cwd: server.database.dir });
}
async function exists(id) {
  const out = await server.database.query(`SELECT count(*) FROM zgw_client_ids WHERE client_id = '${id}'`);
  return Number(out.trim().split("\n").find((l) => /^\s*\d+\s*$/.test(l))) > 0;
}

test("loket clients add refuses bad input with a clear message and a non-zero exit", async () => {
  const secret = "a-good-secret-0123456789";
  const cases = [
    [["--id", "cli-1", "--all-rights"], /--secret/],
    [["--id", "cli-2", "--secret", "short", "--all-rights"], /--secret: at least 16 characters/],
    [["--id", "cli 3", "--secret", secret, "--all-rights"], /--id: 1 to 100 letters/],
    [["--id", "cli-4", "--secret", secret], /give all rights or at least one autorisatie/],
    [["--id", "cli-5", "--secret", secret, "--all-rights", "--component", "ztc", "--scopes", "catalogi.lezen"],
      /either all rights or specific autorisaties, not both/],
    [["--id", "cli-6", "--secret", secret, "--component", "ztc", "--scopes", "zaken.lezen"], /--scopes: zaken.lezen is not a scope of ztc/],
    [["--id", "cli-7", "--secret", secret, "--component", "ztc", "--scopes", "catalogi.lezen,catalogi.alles"], /catalogi.alles is not a scope/],
    [["--id", "cli-8", "--secret", secret, "--component", "xyz", "--scopes", "catalogi.lezen"], /--component: xyz is not one of/],
    [["--id", "cli-9", "--secret", secret, "--component", "ztc", "--scopes", ""], /--scopes: give at least one scope/],
    [["--id", "cli-10", "--secret", secret, "--component", "zrc", "--scopes", "zaken.lezen", "--max-vertrouwelijkheid", "topgeheim"],
      /--max-vertrouwelijkheid: topgeheim/],
    [["--id", readerClient.id, "--secret", secret, "--all-rights"], /already belongs to an application/],
    // F3: a limited zrc client without its zaaktype, or without its maximum level, read every
    // zaak by URL or up to zeer_geheim; refused as the Autorisaties API refuses it.
    [["--id", "cli-11", "--secret", secret, "--component", "zrc", "--scopes", "zaken.lezen"], /--zaaktype: required/],
    [["--id", "cli-12", "--secret", secret, "--component", "zrc", "--scopes", "zaken.lezen", "--max-vertrouwelijkheid", "openbaar"],
      /--zaaktype: required/],
    [["--id", "cli-13", "--secret", secret, "--component", "zrc", "--scopes", "zaken.lezen",
      "--zaaktype", `${server.url}/zgw/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000001`], /--max-vertrouwelijkheid: required/],
    [["--id", "cli-14", "--secret", secret, "--component", "drc", "--scopes", "documenten.lezen", "--type", "https://ztc.example/iot/1"],
      /--max-vertrouwelijkheid: required/],
    [["--id", "cli-15", "--secret", secret, "--component", "brc", "--scopes", "besluiten.lezen"], /--zaaktype: required/],
    [["--id", "cli-16", "--secret", secret, "--component", "ztc", "--scopes", "catalogi.lezen", "--zaaktype", "https://ztc.example/zt/1"],
      /--zaaktype: ztc is not limited per type/],
    [["--secret", secret, "--all-rights"], /--id/],
  ];
  for (const [args, message] of cases) {
    const r = await clientsAdd(args);
    assert.notEqual(r.code, 0, `${args.join(" ")} should fail:\n${r.stdout}`);
    if (/required|not limited/.test(String(message))) assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message, args.join(" "));
    assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret), "the secret is not echoed");
  }
  for (const id of ["cli-1", "cli-2", "cli-4", "cli-5", "cli-6", "cli-7", "cli-8", "cli-9", "cli-10", "cli-11", "cli-12",
    "cli-13", "cli-14", "cli-15", "cli-16"]) {
    assert.equal(await exists(id), false, `${id} was not created`);
  }
  // The taken id still signs with its own secret.
  assert.equal((await get(`Bearer ${token(readerClient.id, readerClient.secret)}`)).status, 200);
  // And a good one works.
  const ok = await clientsAdd(["--id", "cli-ok", "--secret", secret, "--component", "ztc", "--scopes", "catalogi.lezen"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).clientId, "cli-ok");
  assert.equal((await get(`Bearer ${token("cli-ok", secret)}`)).status, 200);
});
