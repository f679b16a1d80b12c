// A real OpenID Provider (npm oidc-provider) for the tests, standing in for the DigiD and
// eHerkenning brokers and for an organisation's staff identity provider. It logs in whoever
// `login_hint` names (a BSN, "kvk:NUMBER", or a staff e-mail address) without a
// form, and can be told to misbehave (tampered, expired, wrong-audience, alg:none, no-nonce ID
// tokens) through POST /__test/mode, so Loket's refusals are tested against real traffic.
//
// Usage: node tests/oidc/provider.mjs --redirect-uri URL [--post-logout-uri URL]
//        [--backchannel-uri URL] [--client-id loket] [--client-secret SECRET]
// Prints one JSON line {"issuer": "..."} on stdout when it is listening.
import { parseArgs } from "node:util";
import http from "node:http";
import Provider from "oidc-provider";
import * as jose from "jose";

const { values: args } = parseArgs({
  options: {
    "redirect-uri": { type: "string", multiple: true, default: [] },
    "post-logout-uri": { type: "string", multiple: true, default: [] },
    "backchannel-uri": { type: "string" },
    "client-id": { type: "string", default: "loket" },
    "client-secret": { type: "string", default: "loket-test-secret-0123456789abcdef" },
    port: { type: "string", default: "0" },
  },
});

const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: "test-key-1", alg: "RS256", use: "sig" };
let mode = "normal";

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(args.port), "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = {
  client_id: args["client-id"],
  client_secret: args["client-secret"],
  redirect_uris: args["redirect-uri"],
  post_logout_redirect_uris: args["post-logout-uri"],
  response_types: ["code"],
  grant_types: ["authorization_code"],
  token_endpoint_auth_method: "client_secret_basic",
  id_token_signed_response_alg: "RS256",
};
if (args["backchannel-uri"]) {
  client.backchannel_logout_uri = args["backchannel-uri"];
  client.backchannel_logout_session_required = true;
}

const provider = new Provider(issuer, {
  clients: [client],
  jwks: { keys: [signingJwk] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true, logoutSource: autoSubmitLogout },
  },
  // Like most organisation providers (Entra ID, Keycloak), put the scope's claims (email) in the
  // ID token too, not only at the userinfo endpoint.
  conformIdTokenClaims: false,
  claims: { openid: ["sub", "bsn", "kvk", "vestiging"], email: ["email", "email_verified"] },
  cookies: { keys: ["loket-test-cookie-key"] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    async claims() {
      if (id.startsWith("kvk:")) return { sub: id, kvk: id.slice(4), vestiging: "000012345678" };
      // Staff of the organisation: "unverified:" marks an address the provider has not checked.
      if (id.startsWith("unverified:")) return { sub: `staff-${id}`, email: id.slice(11), email_verified: false };
      if (id.includes("@")) return { sub: `staff-${id}`, email: id, email_verified: true };
      return { sub: `digid-${id}`, bsn: id };
    },
  }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // The provider blocks loopback targets against SSRF; here Loket itself is on loopback.
  fetch: (url, options) => {
    delete options.dispatcher;
    return fetch(url, options);
  },
  ttl: { IdToken: 300, AccessToken: 300, Session: 3600, Interaction: 600, Grant: 3600 },
});

async function autoSubmitLogout(ctx, form) {
  // Confirm logout without a click: the form posts itself.
  ctx.body = `<!doctype html><html><body>${form}<script>document.forms[0].submit()</script></body></html>`;
}

// Rewrites the ID token in a token response according to the current test mode.
async function misbehave(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const sign = (payload, header = { alg: "RS256", kid: "test-key-1" }) =>
    new jose.SignJWT(payload).setProtectedHeader(header).sign(privateKey);
  switch (mode) {
    case "tampered": {
      const [h, p, s] = idToken.split(".");
      const forged = { ...claims, bsn: "111222333" };
      return `${h}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${s}`;
    }
    case "wrong-audience": return sign({ ...claims, aud: "someone-else" });
    case "expired": return sign({ ...claims, iat: now - 7200, exp: now - 3600 });
    case "no-nonce": { const { nonce, ...rest } = claims; return sign(rest); }
    case "wrong-nonce": return sign({ ...claims, nonce: "not-the-nonce" });
    case "wrong-issuer": return sign({ ...claims, iss: "http://127.0.0.1:1" });
    case "alg-none": {
      const h = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    }
    case "unknown-key": {
      const { privateKey: other } = await jose.generateKeyPair("RS256");
      return new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key-1" }).sign(other);
    }
    default: return idToken;
  }
}

provider.use(async (ctx, next) => {
  if (ctx.path === "/__test/mode" && ctx.method === "POST") {
    const chunks = [];
    for await (const c of ctx.req) chunks.push(c);
    mode = JSON.parse(Buffer.concat(chunks).toString()).mode;
    ctx.body = { mode };
    return;
  }
  if (ctx.path.startsWith("/interaction/")) {
    const uid = ctx.path.split("/")[2];
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) ctx.throw(400, "interaction mismatch");
    const { prompt, params } = details;
    let result;
    if (prompt.name === "login") {
      const hint = params.login_hint || "999993653";
      result = { login: { accountId: hint } };
    } else {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
      grant.addOIDCScope(params.scope ?? "openid");
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    return;
  }
  await next();
  if (ctx.path === "/token" && ctx.status === 200 && ctx.body?.id_token && mode !== "normal") {
    ctx.body = { ...ctx.body, id_token: await misbehave(ctx.body.id_token) };
  }
});

provider.on("backchannel.error", (ctx, err) => process.stderr.write(`backchannel error: ${err.message}\n`));
server.on("request", provider.callback());
process.stdout.write(JSON.stringify({ issuer }) + "\n");
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)));
