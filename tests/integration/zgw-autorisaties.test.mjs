// The Autorisaties API: applicaties CRUD and the clientIds filter, /applicaties/consumer, the
// rules (unique clientIds, heeftAlleAutorisaties xor autorisaties, scopes per component, type
// and maxVertrouwelijkheidaanduiding for zrc/drc/brc), immediate effect of a change on a
// client's access to the Catalogi API, `loket clients secret`, scopes and the audit trail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runLoket } from "./lib/server.mjs";
import { startZgwServer, addClient, zgwFetch, AUTORISATIES, CATALOGI } from "./lib/zgw.mjs";

let server, admin, reader, outsider, adminClient;
let seq = 0;

before(async () => {
  server = await startZgwServer();
  adminClient = await addClient(server, { component: "ac", scopes: ["autorisaties.lezen", "autorisaties.bijwerken"] });
  admin = zgwFetch(server, adminClient);
  reader = zgwFetch(server, await addClient(server, { component: "ac", scopes: ["autorisaties.lezen"] }));
  outsider = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] }));
});
after(async () => server?.stop());

const invalid = (r, name, code) => {
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.code, "invalid", r.text);
  const p = r.json.invalidParams.find((x) => x.name === name && (!code || x.code === code));
  assert.ok(p, `expected invalidParams ${name}${code ? ` (${code})` : ""} in ${r.text}`);
};

const uniqueId = () => `app-${process.pid}-${++seq}`;
const ztcReader = (clientIds) => ({
  clientIds, label: `Zaaksysteem ${seq}`,
  autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen"] }],
});

async function create(body) {
  const r = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// Gives a client_id made through the API a secret with the CLI, as an administrator would.
async function setSecret(id, secret) {
  return runLoket(["clients", "secret", "--database", server.database.url, "--key-file",
    `${server.database.dir}/loket.keys`, "--id", id, "--secret", secret], { cwd: server.database.dir });
}

test("applicaties: create, read, list with clientIds, PUT, PATCH, DELETE", async () => {
  const id = uniqueId();
  const zaaktype = `${server.url}${CATALOGI}/zaaktypen/00000000-0000-4000-8000-000000000001`;
  const created = await create({
    clientIds: [id, `${id}-b`], label: "Zaaksysteem",
    autorisaties: [
      { component: "zrc", scopes: ["zaken.lezen", "zaken.bijwerken"], zaaktype, maxVertrouwelijkheidaanduiding: "zaakvertrouwelijk" },
      { component: "ztc", scopes: ["catalogi.lezen"] },
    ],
  });
  assert.match(created.url, new RegExp(`^${server.url}${AUTORISATIES}/applicaties/[0-9a-f-]{36}$`));
  assert.deepEqual(created.clientIds, [id, `${id}-b`]);
  assert.equal(created.heeftAlleAutorisaties, false);
  assert.equal(created.alleenIsGereedVoorPublicatie, false);
  assert.equal(created.autorisaties.length, 2);
  assert.equal(created.autorisaties[0].zaaktype, zaaktype, "a type URL comes back absolute");
  assert.equal(created.autorisaties[0].componentWeergave, "Zaken API");
  assert.equal(created.autorisaties[1].componentWeergave, "Catalogi API");

  const read = await reader(created.url);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, created);
  assert.ok(read.headers.get("etag"));

  const byId = await reader(`${AUTORISATIES}/applicaties?clientIds=${id}-b`);
  assert.equal(byId.status, 200, byId.text);
  assert.equal(byId.json.count, 1);
  assert.equal(byId.json.results[0].url, created.url);
  const either = await reader(`${AUTORISATIES}/applicaties?clientIds=nobody,${id}`);
  assert.equal(either.json.count, 1);
  const none = await reader(`${AUTORISATIES}/applicaties?clientIds=nobody`);
  assert.equal(none.json.count, 0);
  const all = await reader(`${AUTORISATIES}/applicaties`);
  assert.ok(all.json.count >= 4, "the CLI's clients are applicaties too");
  const unknown = await reader(`${AUTORISATIES}/applicaties?label=x`);
  invalid(unknown, "nonFieldErrors", "unknown-parameters");

  const put = await admin(created.url, {
    method: "PUT", body: { clientIds: [id], label: "Zaaksysteem 2", heeftAlleAutorisaties: true },
  });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.label, "Zaaksysteem 2");
  assert.deepEqual(put.json.clientIds, [id]);
  assert.equal(put.json.heeftAlleAutorisaties, true);
  assert.deepEqual(put.json.autorisaties, []);
  // The removed client_id is free again and no longer finds this applicatie.
  assert.equal((await reader(`${AUTORISATIES}/applicaties?clientIds=${id}-b`)).json.count, 0);

  const patch = await admin(created.url, {
    method: "PATCH",
    body: { heeftAlleAutorisaties: false, autorisaties: [{ component: "ac", scopes: ["autorisaties.lezen"] }] },
  });
  assert.equal(patch.status, 200, patch.text);
  assert.equal(patch.json.label, "Zaaksysteem 2", "PATCH keeps what it does not name");
  assert.equal(patch.json.autorisaties[0].component, "ac");

  const gone = await admin(created.url, { method: "DELETE" });
  assert.equal(gone.status, 204, gone.text);
  const again = await reader(created.url);
  assert.equal(again.status, 404);
  assert.equal(again.json.code, "not_found");
  assert.equal((await reader(`${AUTORISATIES}/applicaties?clientIds=${id}`)).json.count, 0);
  // Its client_id can be given to a new applicatie.
  await create(ztcReader([id]));
});

test("clientIds are unique across applicaties and within one", async () => {
  const id = uniqueId();
  const first = await create(ztcReader([id]));
  const clash = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: ztcReader([`${id}-new`, id]) });
  invalid(clash, "clientIds", "clientId-exists");
  // The CLI's client_ids count too.
  const cli = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: ztcReader([adminClient.id]) });
  invalid(cli, "clientIds", "clientId-exists");
  const twice = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: ztcReader([`${id}-x`, `${id}-x`]) });
  invalid(twice, "clientIds", "unique");
  // Taking another applicatie's id on PUT is refused too, and nothing changes.
  const other = await create(ztcReader([`${id}-other`]));
  const steal = await admin(other.url, { method: "PATCH", body: { clientIds: [`${id}-other`, id] } });
  invalid(steal, "clientIds", "clientId-exists");
  assert.deepEqual((await reader(other.url)).json.clientIds, [`${id}-other`]);
  assert.deepEqual((await reader(first.url)).json.clientIds, [id]);
  // Keeping one's own ids on PUT is fine.
  const same = await admin(first.url, { method: "PUT", body: { ...ztcReader([id]), label: "Zelfde" } });
  assert.equal(same.status, 200, same.text);
});

test("ac-rules: heeftAlleAutorisaties xor autorisaties; required fields; bad values", async () => {
  const both = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST",
    body: { ...ztcReader([uniqueId()]), heeftAlleAutorisaties: true },
  });
  invalid(both, "nonFieldErrors", "ambiguous-authorizations-specified");
  const neither = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: { clientIds: [uniqueId()], label: "Leeg", autorisaties: [] },
  });
  invalid(neither, "nonFieldErrors", "missing-authorizations");
  const falseOnly = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: { clientIds: [uniqueId()], label: "Leeg", heeftAlleAutorisaties: false },
  });
  invalid(falseOnly, "nonFieldErrors", "missing-authorizations");
  const allOnly = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: { clientIds: [uniqueId()], label: "Alles", heeftAlleAutorisaties: true },
  });
  assert.equal(allOnly.status, 201, allOnly.text);

  const missing = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: { heeftAlleAutorisaties: true } });
  invalid(missing, "clientIds", "required");
  invalid(missing, "label", "required");
  const types = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST",
    body: { clientIds: "x", label: "", heeftAlleAutorisaties: "ja", alleenIsGereedVoorPublicatie: 1 },
  });
  invalid(types, "clientIds", "not_a_list");
  invalid(types, "label", "blank");
  invalid(types, "heeftAlleAutorisaties", "invalid");
  invalid(types, "alleenIsGereedVoorPublicatie", "invalid");
  const long = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: { clientIds: ["x".repeat(51), ""], label: "y".repeat(101), heeftAlleAutorisaties: true },
  });
  invalid(long, "clientIds.0", "invalid");
  invalid(long, "clientIds.1", "invalid");
  invalid(long, "label", "max_length");
  const notJson = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: "{nope" });
  assert.equal(notJson.status, 400);
  assert.equal(notJson.json.code, "parse_error");
  const notAnObject = await admin(`${AUTORISATIES}/applicaties`, { method: "POST", body: "[]" });
  invalid(notAnObject, "nonFieldErrors");
  // Nothing of the refused requests was stored.
  assert.equal((await reader(`${AUTORISATIES}/applicaties?clientIds=x`)).json.count, 0);
});

test("ac-rules: each autorisatie needs a known component, its own scopes, and type + level for zrc/drc/brc", async () => {
  const post = (autorisaties) => admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: { clientIds: [uniqueId()], label: "Rechten", autorisaties },
  });
  invalid(await post([{ component: "xyz", scopes: ["zaken.lezen"] }]), "autorisaties.0.component", "invalid_choice");
  invalid(await post([{ scopes: ["zaken.lezen"] }]), "autorisaties.0.component", "required");
  invalid(await post([{ component: "ztc" }]), "autorisaties.0.scopes", "required");
  invalid(await post([{ component: "ztc", scopes: ["zaken.lezen"] }]), "autorisaties.0.scopes.0", "invalid_choice");
  invalid(await post([{ component: "ztc", scopes: ["catalogi.lezen", "catalogi.bestaat-niet"] }]), "autorisaties.0.scopes.1", "invalid_choice");
  invalid(await post([{ component: "ztc", scopes: [""] }]), "autorisaties.0.scopes.0", "invalid");
  invalid(await post(["ztc"]), "autorisaties.0", "invalid");

  const zrc = await post([{ component: "zrc", scopes: ["zaken.lezen"] }]);
  invalid(zrc, "autorisaties.0.zaaktype", "required");
  invalid(zrc, "autorisaties.0.maxVertrouwelijkheidaanduiding", "required");
  invalid(await post([{ component: "zrc", scopes: ["zaken.lezen"], zaaktype: "geen url", maxVertrouwelijkheidaanduiding: "openbaar" }]),
    "autorisaties.0.zaaktype", "bad-url");
  invalid(await post([{ component: "zrc", scopes: ["zaken.lezen"], zaaktype: "https://ztc.example/zaaktypen/1", maxVertrouwelijkheidaanduiding: "topgeheim" }]),
    "autorisaties.0.maxVertrouwelijkheidaanduiding", "invalid_choice");
  const drc = await post([{ component: "drc", scopes: ["documenten.lezen"] }]);
  invalid(drc, "autorisaties.0.informatieobjecttype", "required");
  invalid(drc, "autorisaties.0.maxVertrouwelijkheidaanduiding", "required");
  invalid(await post([{ component: "brc", scopes: ["besluiten.lezen"] }]), "autorisaties.0.besluittype", "required");
  // The second autorisatie is named by its position.
  invalid(await post([{ component: "ztc", scopes: ["catalogi.lezen"] }, { component: "brc", scopes: ["besluiten.lezen"] }]),
    "autorisaties.1.besluittype", "required");

  const ok = await post([
    { component: "drc", scopes: ["documenten.lezen"], informatieobjecttype: "https://drc.example/iot/1", maxVertrouwelijkheidaanduiding: "geheim" },
    { component: "brc", scopes: ["besluiten.lezen"], besluittype: "https://ztc.example/besluittypen/1" },
    { component: "nrc", scopes: ["notificaties.consumeren"] },
    { component: "ac", scopes: ["autorisaties.lezen"] },
    // A field another component uses is dropped rather than stored.
    { component: "ztc", scopes: ["catalogi.lezen"], zaaktype: "https://ztc.example/zaaktypen/1" },
  ]);
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.autorisaties[0].maxVertrouwelijkheidaanduiding, "geheim");
  assert.equal(ok.json.autorisaties[1].besluittype, "https://ztc.example/besluittypen/1");
  assert.equal(ok.json.autorisaties[4].zaaktype, undefined);
});

test("consumer: a client reads its own applicatie; another's needs autorisaties.lezen", async () => {
  const own = await outsider(`${AUTORISATIES}/applicaties/consumer`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.autorisaties[0].component, "ztc");
  assert.deepEqual(own.json.autorisaties[0].scopes, ["catalogi.lezen"]);
  const id = uniqueId();
  const app = await create(ztcReader([id]));
  const byReader = await reader(`${AUTORISATIES}/applicaties/consumer?clientId=${id}`);
  assert.equal(byReader.status, 200, byReader.text);
  assert.equal(byReader.json.url, app.url);
  const byOutsider = await outsider(`${AUTORISATIES}/applicaties/consumer?clientId=${id}`);
  assert.equal(byOutsider.status, 403, byOutsider.text);
  assert.equal(byOutsider.json.code, "permission_denied");
  const missing = await reader(`${AUTORISATIES}/applicaties/consumer?clientId=nobody-${id}`);
  assert.equal(missing.status, 404, missing.text);
  assert.equal(missing.json.code, "not_found");
  invalid(await reader(`${AUTORISATIES}/applicaties/consumer?client=${id}`), "nonFieldErrors", "unknown-parameters");
  const anonymous = await fetch(`${server.url}${AUTORISATIES}/applicaties/consumer`);
  assert.equal(anonymous.status, 401);
});

test("a change takes effect at once: rights granted, narrowed, revoked; client_id removed", async () => {
  const id = uniqueId();
  const secret = `secret-${id}-0123456789abcdef`;
  const app = await create({ clientIds: [id], label: "Later", autorisaties: [{ component: "ac", scopes: ["autorisaties.lezen"] }] });
  // Made through the API, the client has no secret yet: its tokens are refused.
  const client = zgwFetch(server, { id, secret });
  const noSecret = await client(`${CATALOGI}/catalogussen`);
  assert.equal(noSecret.status, 401, noSecret.text);
  const set = await setSecret(id, secret);
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!set.stdout.includes(secret) && !set.stderr.includes(secret), "the secret is not echoed");
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 403, "authenticated, but no ztc rights");

  const patch = (body) => admin(app.url, { method: "PATCH", body }).then((r) => assert.equal(r.status, 200, r.text));
  await patch({ autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen", "catalogi.schrijven"] }] });
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 200, "granted at once");
  const write = await client(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: `A${seq % 1000}`.slice(0, 5), rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
  });
  assert.equal(write.status, 201, write.text);

  await patch({ autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen"] }] });
  const narrowed = await client(`${CATALOGI}/catalogussen`, {
    method: "POST", body: { domein: "B", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
  });
  assert.equal(narrowed.status, 403, "narrowed at once");
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 200);

  await patch({ heeftAlleAutorisaties: true, autorisaties: [] });
  assert.equal((await client(`${AUTORISATIES}/applicaties`)).status, 200, "all rights at once");

  // Removing the client_id revokes its rights at once; the secret stays with the client_id.
  await patch({ clientIds: [`${id}-renamed`] });
  const revoked = await client(`${CATALOGI}/catalogussen`);
  assert.equal(revoked.status, 403, revoked.text);
  assert.equal(revoked.json.code, "permission_denied");
  const reused = await create(ztcReader([id]));
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 200, "given to an applicatie again, the client_id signs with its secret");

  // loket clients secret rotates it.
  const set2 = await setSecret(id, `${secret}-new`);
  assert.equal(set2.code, 0, set2.stderr);
  const renewed = zgwFetch(server, { id, secret: `${secret}-new` });
  assert.equal((await renewed(`${CATALOGI}/catalogussen`)).status, 200);
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 401, "the old secret is replaced");
  // Deleting the applicatie revokes its rights at once, not the secret.
  assert.equal((await admin(reused.url, { method: "DELETE" })).status, 204);
  const deleted = await renewed(`${CATALOGI}/catalogussen`);
  assert.equal(deleted.status, 403, deleted.text);
  assert.equal(deleted.json.code, "permission_denied");
});

test("a client keeps its secret when its applicatie is deleted and made again through the API", async () => {
  // What integration suites and provisioning scripts do: delete the applicatie, post it again.
  const id = uniqueId();
  const secret = `secret-${id}-0123456789abcdef`;
  const body = { clientIds: [id], label: "Provisioned", autorisaties: [{ component: "ztc", scopes: ["catalogi.lezen"] }] };
  const first = await create(body);
  assert.equal((await setSecret(id, secret)).code, 0);
  const client = zgwFetch(server, { id, secret });
  assert.equal((await client(`${CATALOGI}/catalogussen`)).status, 200);
  assert.equal((await admin(first.url, { method: "DELETE" })).status, 204);
  // Known, but without rights: 403, not 401; its own applicatie is gone.
  const between = await client(`${CATALOGI}/catalogussen`);
  assert.equal(between.status, 403, between.text);
  assert.equal((await client(`${AUTORISATIES}/applicaties/consumer`)).status, 404);
  // The secret can be rotated while no applicatie has the client_id.
  assert.equal((await setSecret(id, `${secret}-2`)).code, 0);
  const rotated = zgwFetch(server, { id, secret: `${secret}-2` });
  const second = await create(body);
  assert.notEqual(second.url, first.url);
  const after = await rotated(`${CATALOGI}/catalogussen`);
  assert.equal(after.status, 200, after.text);
  const own = await rotated(`${AUTORISATIES}/applicaties/consumer`);
  assert.equal(own.json.url, second.url);
  // A client_id that never had a secret stays unknown.
  const unknown = zgwFetch(server, { id: `${id}-never`, secret });
  assert.equal((await unknown(`${CATALOGI}/catalogussen`)).status, 401);
});

test("loket clients secret: refuses unknown client_ids and short secrets", async () => {
  const unknown = await setSecret(`nobody-${uniqueId()}`, "a-long-enough-secret-123");
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /--id: no application has client_id/);
  const short = await setSecret(adminClient.id, "short");
  assert.notEqual(short.code, 0);
  assert.match(short.stderr, /--secret: at least 16 characters/);
  // The admin's secret is unchanged.
  assert.equal((await admin(`${AUTORISATIES}/applicaties`)).status, 200);
});

test("scopes: autorisaties.lezen reads but cannot write; other components' clients get 403", async () => {
  const app = await create(ztcReader([uniqueId()]));
  for (const [method, url, body] of [
    ["POST", `${AUTORISATIES}/applicaties`, ztcReader([uniqueId()])],
    ["PUT", app.url, ztcReader(app.clientIds)],
    ["PATCH", app.url, { label: "x" }],
    ["DELETE", app.url, undefined],
  ]) {
    const r = await reader(url, { method, body });
    assert.equal(r.status, 403, `${method} ${r.text}`);
    assert.equal(r.json.code, "permission_denied");
    assert.ok(r.json.title);
    assert.match(r.headers.get("content-type"), /application\/problem\+json/);
  }
  for (const path of [`${AUTORISATIES}/applicaties`, app.url]) {
    const r = await outsider(path);
    assert.equal(r.status, 403, r.text);
  }
  assert.equal((await reader(app.url)).json.label, app.label, "nothing changed");
  const noToken = await fetch(`${server.url}${AUTORISATIES}/applicaties`);
  assert.equal(noToken.status, 401);
  assert.equal((await noToken.json()).code, "not_authenticated");
});

test("changes to applicaties are in the audit trail with the user from the token", async () => {
  const r = await admin(`${AUTORISATIES}/applicaties`, {
    method: "POST", body: ztcReader([uniqueId()]),
    claims: { user_id: "beheerder-7", user_representation: "B. Heerder" },
  });
  assert.equal(r.status, 201, r.text);
  const rel = new URL(r.json.url).pathname;
  const rows = await server.database.query(`SELECT data FROM zgw_audittrail WHERE hoofd_object = '${rel}'`);
  const entry = JSON.parse(rows.trim().split("\n")[0]);
  assert.equal(entry.bron, "AC");
  assert.equal(entry.actie, "create");
  assert.equal(entry.applicatieId, adminClient.id);
  assert.equal(entry.gebruikersId, "beheerder-7");
  assert.equal(entry.gebruikersWeergave, "B. Heerder");
  assert.deepEqual(entry.wijzigingen.nieuw.clientIds, r.json.clientIds);
});

test("the OpenAPI document lists the applicaties routes", async () => {
  const r = await fetch(`${server.url}${AUTORISATIES}/schema/openapi.json`);
  assert.equal(r.status, 200);
  const doc = await r.json();
  for (const p of ["/applicaties", "/applicaties/{uuid}", "/applicaties/consumer"]) assert.ok(doc.paths[p], p);
  assert.ok(doc.paths["/applicaties/{uuid}"].put && doc.paths["/applicaties/{uuid}"].patch && doc.paths["/applicaties/{uuid}"].delete);
});

