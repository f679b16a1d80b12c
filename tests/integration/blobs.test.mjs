// `loket blobs gc` and `loket blobs scan` on each database: gc removes the files and rows that
// no document names once they are older than the grace period, and leaves young ones (an
// upload in flight); it removes the part files of an upload in parts (bestandsdelen) once they
// are older than --parts-max-age, and the client can send such a part again; scan records
// nothing while clamd is unreachable and says so.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir, mkdtemp, rm, writeFile, utimes, readdir, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { createDatabase, runLoket } from "./lib/server.mjs";
import { startZgwServer, addClient, zgwFetch, CATALOGI } from "./lib/zgw.mjs";

const sha256 = (s) => createHash("sha256").update(s).digest("hex");
const exists = (p) => access(p).then(() => true, () => false);
const hoursAgo = (h) => new Date(Date.now() - h * 3600_000);

describe("loket blobs", () => {
  let db;
  let blobDir;
  const blobPath = (content) => { const h = sha256(content); return path.join(blobDir, h.slice(0, 2), h); };

  // A blob file in the store, with its modification time `age` hours ago.
  async function putFile(content, age) {
    const file = blobPath(content);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    await utimes(file, hoursAgo(age), hoursAgo(age));
  }
  // A blob row (and a document naming it when `named`), last used `age` hours ago.
  async function putRows(content, age, { named = false, status = "clean" } = {}) {
    const at = hoursAgo(age).getTime();
    const h = sha256(content);
    await db.query(`INSERT INTO blobs (sha256, size, media_type, scan_status, created_at, touched_at)
      VALUES ('${h}', ${content.length}, 'text/plain', '${status}', ${at}, ${at})`);
    if (named) {
      await db.query(`INSERT INTO documents (uuid, version, blob_sha256, title, filename,
        declared_media_type, confidentiality, created_at)
        VALUES ('${h.slice(0, 8)}-0000-4000-8000-000000000000', 1, '${h}', 't', 'f.txt', '', 'openbaar', ${at})`);
    }
  }
  const blobs = (...args) => runLoket(["blobs", ...args, "--database", db.url, "--blob-dir", blobDir]);

  before(async () => {
    db = await createDatabase();
    blobDir = path.join(db.dir, "blobs");
    const r = await runLoket(["migrate", "--database", db.url]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => { await db?.drop(); });

  test("gc removes old unreferenced files and rows, keeps named and young ones", async () => {
    await putFile("named\n", 5);
    await putRows("named\n", 5, { named: true });
    await putFile("row without document\n", 5);
    await putRows("row without document\n", 5);
    await putFile("orphan file\n", 5);
    await putFile("upload in flight\n", 0);
    await mkdir(blobDir, { recursive: true });
    await writeFile(path.join(blobDir, ".tmp-crashed"), "half");
    await utimes(path.join(blobDir, ".tmp-crashed"), hoursAgo(5), hoursAgo(5));

    const r = await blobs("gc", "--grace", "3600");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").at(-1)), {
      rowsRemoved: 1, filesRemoved: 2, bytesRemoved: 21 + 12, tempFilesRemoved: 1, keptYoung: 1,
      partsRemoved: 0,
    });
    assert.ok(await exists(blobPath("named\n")));
    assert.ok(await exists(blobPath("upload in flight\n")));
    assert.ok(!(await exists(blobPath("row without document\n"))));
    assert.ok(!(await exists(blobPath("orphan file\n"))));
    assert.ok(!(await readdir(blobDir)).includes(".tmp-crashed"));
    const rows = await db.query("SELECT count(*) FROM blobs");
    assert.equal(rows.trim(), "1");
  });

  test("gc refuses a grace period under a minute, naming --grace", async () => {
    const r = await blobs("gc", "--grace", "0");
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /--grace/);
    const parts = await blobs("gc", "--parts-max-age", "-5");
    assert.notEqual(parts.code, 0);
    assert.match(parts.stderr, /--parts-max-age/);
  });

  test("scan needs --clamd and a valid address", async () => {
    const none = await blobs("scan");
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /--clamd/);
    const bad = await blobs("scan", "--clamd", "nonsense");
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--clamd/);
  });

  test("scan with clamd unreachable exits 1 and leaves the blob pending", async () => {
    await putFile("waiting\n", 0);
    await putRows("waiting\n", 0, { named: true, status: "pending" });
    const r = await blobs("scan", "--clamd", `unix:${path.join(db.dir, "no-clamd.sock")}`);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout.trim().split("\n").at(-1));
    assert.equal(out.scanned, 0);
    assert.match(out.unavailable, /cannot connect/);
    const status = await db.query(`SELECT scan_status FROM blobs WHERE sha256 = '${sha256("waiting\n")}'`);
    assert.equal(status.trim(), "pending");
  });
});

describe("loket blobs gc and the parts of an abandoned upload in parts", () => {
  const DRC = "/zgw/documenten/api/v1";
  let server, admin, blobDir, partsDir;
  const created = (r) => {
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  async function putPart(url, inhoud, lock) {
    const boundary = "----loket-part-boundary-gc";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n${lock}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${inhoud}\r\n--${boundary}--\r\n`;
    return admin(url, { method: "PUT", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
  }

  before(async () => {
    blobDir = await mkdtemp(path.join(tmpdir(), "loket-it-parts-"));
    partsDir = path.join(blobDir, ".parts");
    server = await startZgwServer({ args: ["--document-part-size", "1000", "--blob-dir", blobDir] });
    admin = zgwFetch(server, await addClient(server, { allRights: true }));
  });
  after(async () => {
    await server?.stop();
    await rm(blobDir, { recursive: true, force: true });
  });

  test("parts older than --parts-max-age are removed, young ones kept; a removed part can be sent again", async () => {
    const cat = created(await admin(`${CATALOGI}/catalogussen`, {
      method: "POST", body: { domein: "GC", rsin: "002220647", contactpersoonBeheerNaam: "Beheer" },
    }));
    const iot = created(await admin(`${CATALOGI}/informatieobjecttypen`, {
      method: "POST",
      body: { catalogus: cat.url, omschrijving: "Bijlage", vertrouwelijkheidaanduiding: "openbaar",
        beginGeldigheid: "2024-01-01", informatieobjectcategorie: "bijlage" },
    }));
    const doc = created(await admin(`${DRC}/enkelvoudiginformatieobjecten`, {
      method: "POST",
      body: { bronorganisatie: "002220647", creatiedatum: "2026-01-10", titel: "Groot", auteur: "A", taal: "dut",
        informatieobjecttype: iot.url, bestandsnaam: "groot.txt", inhoud: null, bestandsomvang: 1500 },
    }));
    const [p1, p2] = doc.bestandsdelen.map((p) => p.url);
    const first = "a".repeat(1000);
    const second = "b".repeat(500);
    assert.equal((await putPart(p1, first, doc.lock)).status, 200);
    assert.equal((await putPart(p2, second, doc.lock)).status, 200);
    const partFile = (url) => path.join(partsDir, url.split("/").at(-1));
    assert.ok(await exists(partFile(p1)));
    // The first part was written two days ago (an upload abandoned then), and a part's write
    // that died left its temporary file as long ago; the second part is fresh.
    await utimes(partFile(p1), hoursAgo(48), hoursAgo(48));
    await writeFile(path.join(partsDir, ".tmp-crashed"), "half");
    await utimes(path.join(partsDir, ".tmp-crashed"), hoursAgo(48), hoursAgo(48));

    const gc = (...args) => runLoket(["blobs", "gc", "--database", server.database.url,
      "--blob-dir", blobDir, ...args]);
    // The default age (a week) keeps them.
    let r = await gc();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.trim().split("\n").at(-1)).partsRemoved, 0);
    assert.ok(await exists(partFile(p1)));

    r = await gc("--parts-max-age", String(24 * 3600));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.trim().split("\n").at(-1)).partsRemoved, 2);
    assert.ok(!(await exists(partFile(p1))));
    assert.ok(!(await exists(path.join(partsDir, ".tmp-crashed"))));
    assert.ok(await exists(partFile(p2)));

    // A client that comes back: unlock says a part is missing; sent again, the upload completes.
    const early = await admin(`${doc.url}/unlock`, { method: "POST", body: { lock: doc.lock } });
    assert.equal(early.status, 400, early.text);
    assert.equal(early.json.invalidParams?.find((p) => p.name === "nonFieldErrors")?.code, "incomplete-upload", early.text);
    assert.equal((await putPart(p1, first, doc.lock)).status, 200);
    const unlocked = await admin(`${doc.url}/unlock`, { method: "POST", body: { lock: doc.lock } });
    assert.equal(unlocked.status, 204, unlocked.text);
    const got = await admin(`${doc.url}/download`);
    assert.equal(got.status, 200);
    assert.equal(got.text, first + second);
  });
});
