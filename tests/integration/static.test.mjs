// Static files from --web-root: types, caching, conditional requests, and no way out of the root.
import { describe, test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile, symlink, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "./lib/server.mjs";
import { rawGet, rawRequest } from "./lib/raw.mjs";
import { assertHealthy, assertProblem, assertSecurityHeaders } from "./lib/expect.mjs";

const SECRET = "TOP-SECRET-OUTSIDE-THE-WEB-ROOT";

describe("static files", () => {
  let base; // holds www/ (the web root) and files that must never be served
  let root;
  let secretFile;
  let server;

  before(async () => {
    base = await mkdtemp(path.join(tmpdir(), "loket-it-www-"));
    root = path.join(base, "www");
    secretFile = path.join(base, "outside-secret.txt");
    const files = {
      "index.html": "<!doctype html><title>Loket</title><p>home</p>",
      "app.js": "console.log('app');",
      "style.css": "body { margin: 0 }",
      "data.json": '{"a":1}',
      "logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
      "readme.txt": "plain text",
      "noext": "no extension",
      "assets/app-3f2a1b9c.js": "console.log('hashed');",
      "sub/index.html": "<!doctype html><p>sub</p>",
      ".hidden": SECRET,
      ".git/config": SECRET,
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), content);
    }
    await writeFile(secretFile, SECRET);
    await mkdir(path.join(base, "www-evil"));
    await writeFile(path.join(base, "www-evil", "x.txt"), SECRET);
    await symlink(secretFile, path.join(root, "link.txt"));
    await symlink(path.join(base, "www-evil"), path.join(root, "evil"));
    await symlink("..", path.join(root, "up"));
    server = await startServer({ seed: false, webRoot: root });
  });
  afterEach(async () => { if (server) await assertHealthy(server); });
  after(async () => {
    await server?.stop();
    if (base) await rm(base, { recursive: true, force: true });
  });

  // "/" and "/index.html" are the home page (src/web), not a file; a folder's index still is.
  test("GET /sub/ serves sub/index.html as HTML, revalidated, with security headers", async () => {
    const r = await fetch(`${server.url}/sub/`);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "<!doctype html><p>sub</p>");
    assert.match(r.headers.get("content-type"), /^text\/html; charset=utf-8$/i);
    assert.match(r.headers.get("cache-control"), /no-cache|max-age=0/);
    assert.ok(r.headers.get("etag"));
    assertSecurityHeaders(r.headers, "on a static file");
    assert.ok(r.headers.get("traceparent"));
    const same = await fetch(`${server.url}/sub/index.html`);
    assert.equal(await same.text(), "<!doctype html><p>sub</p>");
  });

  test("each file gets the right Content-Type and a Cache-Control", async () => {
    const expected = {
      "/app.js": /^text\/javascript/,
      "/style.css": /^text\/css/,
      "/data.json": /^application\/json/,
      "/logo.svg": /^image\/svg\+xml/,
      "/readme.txt": /^text\/plain/,
      "/noext": /^application\/octet-stream$/,
    };
    for (const [p, type] of Object.entries(expected)) {
      const r = await fetch(`${server.url}${p}`);
      await r.arrayBuffer();
      assert.equal(r.status, 200, p);
      assert.match(r.headers.get("content-type") ?? "", type, p);
      assert.equal(r.headers.get("x-content-type-options"), "nosniff", p);
      assert.match(r.headers.get("cache-control") ?? "", /max-age=\d+|no-cache/, p);
    }
  });

  test("hashed build assets are cached for a long time, immutable", async () => {
    const r = await fetch(`${server.url}/assets/app-3f2a1b9c.js`);
    assert.equal(await r.text(), "console.log('hashed');");
    const cc = r.headers.get("cache-control");
    assert.match(cc, /immutable/);
    assert.ok(Number(/max-age=(\d+)/.exec(cc)?.[1]) >= 86400 * 30, cc);
  });

  test("If-None-Match with the ETag is 304 without a body; another tag is 200", async () => {
    const first = await fetch(`${server.url}/app.js`);
    await first.arrayBuffer();
    const etag = first.headers.get("etag");
    assert.ok(etag);
    const res = await rawGet(server.port, "/app.js", { headers: { "If-None-Match": etag } });
    assert.equal(res.status, 304);
    assert.equal(res.body, "");
    assert.equal(res.headers.etag, etag);
    assert.ok(res.headers["cache-control"]);
    const other = await fetch(`${server.url}/app.js`, { headers: { "if-none-match": '"something-else"' } });
    assert.equal(other.status, 200);
    assert.equal(await other.text(), "console.log('app');");
  });

  test("the ETag changes when the file changes", async () => {
    const file = path.join(root, "readme.txt");
    const before = await fetch(`${server.url}/readme.txt`);
    await before.arrayBuffer();
    const oldTag = before.headers.get("etag");
    await writeFile(file, "plain text, changed");
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const after = await fetch(`${server.url}/readme.txt`, { headers: { "if-none-match": oldTag } });
    assert.equal(after.status, 200);
    assert.equal(await after.text(), "plain text, changed");
    assert.notEqual(after.headers.get("etag"), oldTag);
  });

  test("HEAD of a static file: headers, no body", async () => {
    const res = await rawRequest(server.port,
      "HEAD /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", { head: true });
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"], /^text\/css/);
    assert.equal(Number(res.headers["content-length"]), "body { margin: 0 }".length);
    assert.equal(res.body, "");
  });

  test("a missing file is a 404 problem", async () => {
    const r = await fetch(`${server.url}/nothing-here.js`);
    assertProblem(r.status, r.headers, await r.json(), 404, "missing file");
  });

  // Targets sent byte for byte (fetch would normalise most of them). None may reveal the secret.
  const traversal = () => [
    ["/../outside-secret.txt", [404]],
    ["/%2e%2e/outside-secret.txt", [404]],
    ["/%2E%2E/outside-secret.txt", [404]],
    ["/%2e%2e%2foutside-secret.txt", [404]],
    ["/..%2foutside-secret.txt", [404]],
    ["/.%2e/outside-secret.txt", [404]],
    ["/sub/../../outside-secret.txt", [404]],
    ["/sub/%2e%2e/%2e%2e/outside-secret.txt", [404]],
    ["/sub/..%2f..%2foutside-secret.txt", [404]],
    ["/%5c..%5coutside-secret.txt", [404]],
    ["/..\\outside-secret.txt", [400, 404]],
    ["/%c0%ae%c0%ae/outside-secret.txt", [400, 404]],
    ["//etc/passwd", [404]],
    ["/etc/passwd", [404]],
    ["/%2fetc%2fpasswd", [404]],
    [secretFile, [404]], // the secret's absolute path as the target
    [`/${encodeURIComponent(secretFile)}`, [404]],
    ["/a%00b", [400, 404]],
    ["/index.html%00.txt", [400, 404]],
    ["/link.txt", [404]], // a symbolic link to a file outside the root
    ["/evil/x.txt", [404]], // a link to a sibling folder whose name starts like the root's
    ["/up/outside-secret.txt", [404]], // a link to the parent
    ["/.hidden", [404]],
    ["/%2ehidden", [404]],
    ["/.git/config", [404]],
    [`http://127.0.0.1/../outside-secret.txt`, [400, 404]],
  ];
  test("path traversal and escapes from the web root are refused and never leak a byte", async () => {
    const failures = [];
    for (const [target, statuses] of traversal()) {
      const res = await rawGet(server.port, target, { timeout: 3000 });
      if (!res) { failures.push(`${target}: closed without a response`); continue; }
      if (!statuses.includes(res.status)) failures.push(`${target}: status ${res.status}, expected ${statuses}`);
      if (res.body.includes(SECRET) || res.body.includes("root:x:0:0")) failures.push(`${target}: LEAKED the file`);
      if (!/^application\/problem\+json/.test(res.headers["content-type"] ?? "")) {
        failures.push(`${target}: content-type ${res.headers["content-type"]}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
