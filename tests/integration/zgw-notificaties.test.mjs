// The Notificaties API: kanalen (seeded, list with naam, read, create), abonnementen CRUD with
// the auth header kept write-only, scopes, SSRF refusals of callbacks, and notifications that
// reach a real subscriber: from zaken made through the Zaken API and from POST /notificaties,
// filtered on kenmerken, signed with an HMAC the receiver verifies.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startZgwServer, addClient, zgwFetch, ZAKEN } from "./lib/zgw.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { startSubscriber, until } from "./lib/subscriber.mjs";

const NRC = "/zgw/notificaties/api/v1";
let server, consumer, publisher, outsider, both;

before(async () => {
  server = await startZgwServer({ args: ["--notify-allow-private"] });
  consumer = zgwFetch(server, await addClient(server, { component: "nrc", scopes: ["notificaties.consumeren"] }));
  publisher = zgwFetch(server, await addClient(server, { component: "nrc", scopes: ["notificaties.publiceren"] }));
  both = zgwFetch(server, await addClient(server, { component: "nrc", scopes: ["notificaties.consumeren", "notificaties.publiceren"] }));
  outsider = zgwFetch(server, await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] }));
});
after(async () => server?.stop());

const invalid = (r, name) => {
  assert.equal(r.status, 400, r.text);
  assert.ok(r.json.invalidParams.some((p) => p.name === name), `expected invalidParams ${name} in ${r.text}`);
};

test("kanalen: the standard's four are there, naam filters, read, create, a second with the same naam refused", async () => {
  const all = await consumer(`${NRC}/kanaal`);
  assert.equal(all.status, 200, all.text);
  assert.ok(Array.isArray(all.json), "the standard's list is a plain array");
  for (const naam of ["zaken", "documenten", "besluiten", "autorisaties"]) {
    assert.ok(all.json.some((k) => k.naam === naam), `kanaal ${naam}`);
  }
  const zaken = await consumer(`${NRC}/kanaal?naam=zaken`);
  assert.equal(zaken.json.length, 1);
  assert.deepEqual(zaken.json[0].filters, ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]);
  assert.match(zaken.json[0].url, new RegExp(`^${server.url}${NRC}/kanaal/[0-9a-f-]{36}$`));
  const read = await publisher(zaken.json[0].url);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, zaken.json[0]);

  const made = await publisher(`${NRC}/kanaal`, { method: "POST", body: { naam: "meldingen", filters: ["wijk"] } });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.naam, "meldingen");
  invalid(await publisher(`${NRC}/kanaal`, { method: "POST", body: { naam: "meldingen" } }), "naam");
  invalid(await publisher(`${NRC}/kanaal`, { method: "POST", body: {} }), "naam");
  const unknown = await consumer(`${NRC}/kanaal?wie=x`);
  assert.equal(unknown.status, 400, unknown.text);
});

test("scopes: consumeren for abonnementen, publiceren for kanalen and notificaties, nothing without nrc", async () => {
  const sub = { callbackUrl: "http://127.0.0.1:9/cb", auth: "Bearer x", kanalen: [{ naam: "zaken" }] };
  assert.equal((await outsider(`${NRC}/kanaal`)).status, 403);
  assert.equal((await outsider(`${NRC}/abonnement`)).status, 403);
  assert.equal((await publisher(`${NRC}/abonnement`, { method: "POST", body: sub })).status, 403);
  assert.equal((await consumer(`${NRC}/kanaal`, { method: "POST", body: { naam: "x" } })).status, 403);
  const message = { kanaal: "zaken", hoofdObject: "https://x.example/z/1", resource: "zaak",
    resourceUrl: "https://x.example/z/1", actie: "create", aanmaakdatum: "2026-01-01T00:00:00Z", kenmerken: {} };
  assert.equal((await consumer(`${NRC}/notificaties`, { method: "POST", body: message })).status, 403);
  const anonymous = await fetch(`${server.url}${NRC}/kanaal`);
  assert.equal(anonymous.status, 401);
});

test("abonnementen: create, read without the auth value, list, PATCH, PUT, DELETE; kanaal and filters checked", async () => {
  const body = { callbackUrl: "http://127.0.0.1:9/callback", auth: "Bearer geheim-1234567890",
    kanalen: [{ naam: "zaken", filters: { bronorganisatie: "123456782" } }] };
  const made = await consumer(`${NRC}/abonnement`, { method: "POST", body });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.auth, undefined, "auth is write-only");
  assert.ok(!made.text.includes("geheim"), "the auth value never comes back");
  assert.deepEqual(made.json.kanalen, body.kanalen);
  const read = await consumer(made.json.url);
  assert.equal(read.status, 200, read.text);
  assert.deepEqual(read.json, made.json);
  const list = await consumer(`${NRC}/abonnement`);
  assert.ok(list.json.some((a) => a.url === made.json.url));

  const patched = await consumer(made.json.url, { method: "PATCH", body: { kanalen: [{ naam: "documenten", filters: {} }] } });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.kanalen[0].naam, "documenten");
  const put = await consumer(made.json.url, { method: "PUT", body: { ...body, callbackUrl: "http://127.0.0.1:9/other" } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.callbackUrl, "http://127.0.0.1:9/other");

  invalid(await consumer(`${NRC}/abonnement`, { method: "POST", body: { ...body, kanalen: [{ naam: "bestaatniet" }] } }), "kanalen.0.naam");
  invalid(await consumer(`${NRC}/abonnement`, { method: "POST", body: { ...body, kanalen: [{ naam: "zaken", filters: { kleur: "rood" } }] } }), "kanalen.0.filters.kleur");
  invalid(await consumer(`${NRC}/abonnement`, { method: "POST", body: { ...body, auth: undefined } }), "auth");
  invalid(await consumer(`${NRC}/abonnement`, { method: "POST", body: { ...body, callbackUrl: "ftp://example.org/x" } }), "callbackUrl");

  assert.equal((await consumer(made.json.url, { method: "DELETE" })).status, 204);
  assert.equal((await consumer(made.json.url)).status, 404);
});

test("a callback to a private address is refused unless configured (SSRF)", async () => {
  const strict = await startZgwServer();
  try {
    const c = zgwFetch(strict, await addClient(strict, { component: "nrc", scopes: ["notificaties.consumeren"] }));
    for (const callbackUrl of ["http://127.0.0.1:8080/cb", "http://localhost/cb", "http://10.1.2.3/cb",
      "http://172.16.0.1/cb", "http://192.168.1.1/cb", "http://169.254.169.254/latest/meta-data",
      "http://[::1]/cb", "http://[fd00::1]/cb", "http://0.0.0.0/cb", "http://224.0.0.1/cb", "file:///etc/passwd"]) {
      const r = await c(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl, auth: "Bearer x", kanalen: [{ naam: "zaken" }] } });
      invalid(r, "callbackUrl");
    }
  } finally {
    await strict.stop();
  }
  // An allow-listed host is accepted whatever its address.
  const listed = await startZgwServer({ args: ["--notify-allow-hosts", "127.0.0.1:9"] });
  try {
    const c = zgwFetch(listed, await addClient(listed, { component: "nrc", scopes: ["notificaties.consumeren"] }));
    const ok = await c(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: "http://127.0.0.1:9/cb", auth: "Bearer x", kanalen: [{ naam: "zaken" }] } });
    assert.equal(ok.status, 201, ok.text);
    const other = await c(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: "http://127.0.0.1:10/cb", auth: "Bearer x", kanalen: [{ naam: "zaken" }] } });
    invalid(other, "callbackUrl");
  } finally {
    await listed.stop();
  }
});

test("zaken made through the Zaken API notify matching abonnementen: format, filters on kenmerken, auth, HMAC", async () => {
  const secret = "signing-secret-0123456789";
  const all = await startSubscriber({ key: secret });
  const only = await startSubscriber({ key: "Bearer alleen-t1" });
  try {
    const t1 = await publishedZaaktype(server, { rsin: "123456782" });
    const t2 = await publishedZaaktype(server, { rsin: "123456782" });
    let r = await consumer(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: all.url, auth: "Bearer alles",
      secret, kanalen: [{ naam: "zaken", filters: { bronorganisatie: "*" } }] } });
    assert.equal(r.status, 201, r.text);
    r = await consumer(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: only.url, auth: "Bearer alleen-t1",
      kanalen: [{ naam: "zaken", filters: { zaaktype: t1.zaaktype } }] } });
    assert.equal(r.status, 201, r.text);

    const today = new Date().toISOString().slice(0, 10);
    const zaak = async (type) => {
      const z = await type.api(`${ZAKEN}/zaken`, { method: "POST", body: { bronorganisatie: type.rsin,
        verantwoordelijkeOrganisatie: type.rsin, zaaktype: type.zaaktype, startdatum: today, omschrijving: "Boom" } });
      assert.equal(z.status, 201, z.text);
      const s = await type.api(`${ZAKEN}/statussen`, { method: "POST", body: { zaak: z.json.url,
        statustype: type.statustypen[0], datumStatusGezet: new Date().toISOString() } });
      assert.equal(s.status, 201, s.text);
      return { zaak: z.json.url, status: s.json.url };
    };
    const a = await zaak(t1);
    const b = await zaak(t2);

    await until(() => all.received.some((m) => m.json?.resourceUrl === b.status), { what: "notifications to the catch-all subscriber" });
    await until(() => only.received.some((m) => m.json?.resourceUrl === a.status), { what: "notifications to the filtered subscriber" });

    const created = all.received.find((m) => m.json.resourceUrl === a.zaak);
    assert.ok(created, "the zaak's creation");
    assert.deepEqual(Object.keys(created.json).sort(),
      ["aanmaakdatum", "actie", "hoofdObject", "kanaal", "kenmerken", "resource", "resourceUrl"]);
    assert.equal(created.json.kanaal, "zaken");
    assert.equal(created.json.resource, "zaak");
    assert.equal(created.json.actie, "create");
    assert.equal(created.json.hoofdObject, a.zaak);
    assert.deepEqual(created.json.kenmerken, { bronorganisatie: "123456782", zaaktype: t1.zaaktype,
      vertrouwelijkheidaanduiding: "zaakvertrouwelijk" });
    const status = all.received.find((m) => m.json.resourceUrl === a.status);
    assert.equal(status.json.resource, "status");
    assert.equal(status.json.hoofdObject, a.zaak);
    for (const m of all.received) {
      assert.equal(m.auth, "Bearer alles");
      assert.ok(m.signatureOk, "the HMAC of the body verifies with the abonnement's secret");
      assert.match(m.id, /^[0-9a-f-]{36}/);
    }
    for (const m of only.received) {
      assert.ok(m.signatureOk, "without a secret the auth value signs");
      assert.equal(m.json.kenmerken.zaaktype, t1.zaaktype, "only zaaktype t1 passes the filter");
    }
    assert.ok(!only.received.some((m) => m.json.hoofdObject === b.zaak));
    // A deleted zaak still notifies with its kenmerken (its row is gone: the event carries them),
    // so the filter on zaaktype lets it through.
    const del = await t1.api(a.zaak, { method: "DELETE" });
    assert.equal(del.status, 204, del.text);
    await until(() => only.received.some((m) => m.json?.resourceUrl === a.zaak && m.json.actie === "destroy"),
      { what: "the zaak's destroy at the filtered subscriber" });
    const destroyed = only.received.find((m) => m.json.resourceUrl === a.zaak && m.json.actie === "destroy");
    assert.deepEqual(destroyed.json.kenmerken, { bronorganisatie: "123456782", zaaktype: t1.zaaktype,
      vertrouwelijkheidaanduiding: "zaakvertrouwelijk" });
  } finally {
    await all.stop();
    await only.stop();
  }
});

test("POST /notificaties: validated against the kanaal, fanned out to the abonnementen", async () => {
  const sub = await startSubscriber({ key: "Bearer meldingen-abonnee" });
  try {
    await publisher(`${NRC}/kanaal`, { method: "POST", body: { naam: "wijkmeldingen", filters: ["wijk"] } });
    const r = await both(`${NRC}/abonnement`, { method: "POST", body: { callbackUrl: sub.url,
      auth: "Bearer meldingen-abonnee", kanalen: [{ naam: "wijkmeldingen", filters: { wijk: "Noord" } }] } });
    assert.equal(r.status, 201, r.text);
    const message = { kanaal: "wijkmeldingen", hoofdObject: "https://melding.example/m/1", resource: "melding",
      resourceUrl: "https://melding.example/m/1", actie: "create", aanmaakdatum: "2026-01-01T10:00:00Z",
      kenmerken: { wijk: "Noord" } };
    const posted = await publisher(`${NRC}/notificaties`, { method: "POST", body: message });
    assert.equal(posted.status, 201, posted.text);
    const skipped = await publisher(`${NRC}/notificaties`, { method: "POST", body: { ...message, kenmerken: { wijk: "Zuid" },
      resourceUrl: "https://melding.example/m/2" } });
    assert.equal(skipped.status, 201, skipped.text);
    invalid(await publisher(`${NRC}/notificaties`, { method: "POST", body: { ...message, kanaal: "nergens" } }), "kanaal");
    invalid(await publisher(`${NRC}/notificaties`, { method: "POST", body: { ...message, kenmerken: { kleur: "rood" } } }), "kenmerken.kleur");
    invalid(await publisher(`${NRC}/notificaties`, { method: "POST", body: { ...message, hoofdObject: "geen url" } }), "hoofdObject");
    await until(() => sub.received.length >= 1, { what: "the published notification" });
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(sub.received.length, 1, "the filter wijk=Noord lets only the first through");
    assert.deepEqual(sub.received[0].json, message);
    assert.ok(sub.received[0].signatureOk);
  } finally {
    await sub.stop();
  }
});
