// Key rotation: add a key, old data still decrypts, rotate re-encrypts it with the new key.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { startServer, createDatabase, runLoket } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";
import { startZgwServer, addClient, zgwFetch, ZAKEN, CATALOGI } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";

test("keys add, then rotate; sessions survive both, and a missing old key stops rotation", async () => {
  const db = await createDatabase();
  const keyFile = path.join(db.dir, "loket.keys");
  const env = { LOKET_KEY_FILE: keyFile };
  try {
    let server = await startServer({ database: db, args: ["--demo"] });
    const b = new Browser();
    const login = await b.fetch(`${server.url}/auth/demo/login`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "subject=resident%3A999993653",
    });
    assert.equal(login.status, 303);
    const cookie = `__Host-loket_session=${b.cookie(server.url, "__Host-loket_session")}`;
    await server.stop();

    const added = await runLoket(["keys", "add", "--key-file", keyFile]);
    assert.equal(added.code, 0, added.stderr);
    const text = await readFile(keyFile, "utf8");
    assert.match(text, /^k2:/m);

    server = await startServer({ database: db, seed: false });
    assert.equal((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status, 200);
    await server.stop();

    // Without k1 nothing can be re-encrypted, and nothing is written.
    const withoutK1 = path.join(db.dir, "without-k1.keys");
    await writeFile(withoutK1, text.split("\n").filter((l) => !l.startsWith("k1:")).join("\n"));
    const refused = await runLoket(["keys", "rotate", "--database", db.url, "--key-file", withoutK1]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /old key missing/);
    assert.match(await db.query("SELECT subject_enc FROM sessions"), /v1\.k1\./);

    const rotated = await runLoket(["keys", "rotate", "--database", db.url, "--key-file", keyFile], { env });
    assert.equal(rotated.code, 0, rotated.stderr);
    const sessions = await db.query("SELECT subject_enc FROM sessions");
    assert.doesNotMatch(sessions, /v1\.k1\./);
    assert.match(sessions, /v1\.k2\./);

    server = await startServer({ database: db, seed: false });
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).bsnMasked, "*****3653");
    await server.stop();
  } finally {
    await db.drop();
  }
});

test("rotate re-encrypts the registry's BSNs and KvK numbers and the ZGW client secrets", async () => {
  const db = await createDatabase();
  const keyFile = path.join(db.dir, "loket.keys");
  try {
    let server = await startZgwServer({ database: db });
    const type = await publishedZaaktype(server, { rsin: "002220647" });
    const person = await registerCase(type, { bsn: "999993653" });
    const business = await registerCase(type, { kvk: "12345678" });
    // A client whose applicatie is gone keeps its secret (keyed by client_id); rotate covers it.
    const orphan = await addClient(server, { component: "ztc", scopes: ["catalogi.lezen"] });
    await db.query(`DELETE FROM zgw_client_ids WHERE client_id = '${orphan.id}'`);
    await server.stop();
    assert.equal((await runLoket(["keys", "add", "--key-file", keyFile])).code, 0);
    const rotated = await runLoket(["keys", "rotate", "--database", db.url, "--key-file", keyFile]);
    assert.equal(rotated.code, 0, rotated.stderr);
    const sealed = await db.query("SELECT bsn_enc, kvk_enc FROM zgw_rollen");
    const secrets = await db.query("SELECT secret_enc FROM zgw_client_secrets");
    for (const text of [sealed, secrets]) {
      assert.doesNotMatch(text, /v1\.k1\./);
      assert.match(text, /v1\.k2\./);
    }
    assert.doesNotMatch(sealed, /999993653|12345678/);

    // The client's secret still signs, and the numbers read back and still find their cases.
    server = await startZgwServer({ database: db, seed: false });
    const api = zgwFetch(server, type.client);
    const orphaned = await zgwFetch(server, orphan)(`${CATALOGI}/catalogussen`);
    assert.equal(orphaned.status, 403, `the orphaned secret still decrypts: ${orphaned.text}`);
    const found = await api(`${ZAKEN}/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=999993653`);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.json.results.map((z) => z.uuid), [person.uuid]);
    const rollen = await api(`${ZAKEN}/rollen?zaak=${encodeURIComponent(found.json.results[0].url)}`);
    assert.equal(rollen.json.results[0].betrokkeneIdentificatie.inpBsn, "999993653");
    const shop = (await api(`${ZAKEN}/rollen`)).json.results.find((r) => r.betrokkeneType === "vestiging");
    assert.equal(shop.betrokkeneIdentificatie.kvkNummer, "12345678");
    assert.ok(shop.zaak.endsWith(business.uuid));
    await server.stop();
  } finally {
    await db.drop();
  }
});
