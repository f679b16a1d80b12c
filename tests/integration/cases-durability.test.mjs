// Applications under load while the server is killed with SIGKILL again and again: every case
// whose 201 (or replay 200) reached the applicant exists afterwards, exactly once, and a retry
// of each acknowledged Idempotency-Key returns that same case. Keys whose answer was lost in a
// kill are retried too: each makes at most one case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer, createDatabase, freePort } from "./lib/server.mjs";
import { publishedZaaktype } from "./lib/zgw-cases.mjs";
import { Browser } from "./lib/browser.mjs";

const SUBJECTS = ["resident:999993653", "resident:999990019", "resident:999991905", "business:12345678"];
const ROUNDS = 4;
const ACKS_PER_ROUND = 24; // acknowledged submissions before the next kill
const IN_FLIGHT = 2; // concurrent submissions per client

test("every acknowledged application survives repeated kill -9, once, and its key replays it", async () => {
  const db = await createDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const start = (seed) => startServer({
    database: db, seed, listen: `127.0.0.1:${port}`, args: ["--demo", "--public-url", url],
  });
  let server = await start(true);
  const servers = [server];
  try {
    const type = await publishedZaaktype(server, { rsin: "002220647" });
    const clients = [];
    for (const subject of SUBJECTS) {
      const b = new Browser();
      const r = await b.fetch(`${url}/auth/demo/login`, {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `subject=${encodeURIComponent(subject)}`,
      });
      assert.equal(r.status, 303);
      b.csrf = (await (await b.fetch(`${url}/api/v1/me`)).json()).csrfToken;
      clients.push({ b, subject, acked: new Map(), lost: new Set(), n: 0 });
    }
    const submit = (c, key) => c.b.fetch(`${url}/api/v1/cases`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": c.b.csrf, "idempotency-key": key },
      body: JSON.stringify({ caseType: type.uuid, description: `Aanvraag ${key}`, answers: { key } }),
    });

    for (let round = 0; round < ROUNDS; round++) {
      let acks = 0;
      let killed = false;
      const loop = async (c, lane) => {
        while (!killed) {
          const key = `${c.subject}-${round}-${lane}-${++c.n}`;
          try {
            const r = await submit(c, key);
            const body = await r.json();
            if (r.status === 201 || r.status === 200) {
              c.acked.set(key, body.id);
              if (++acks >= ACKS_PER_ROUND && !killed) {
                killed = true;
                server.proc.kill("SIGKILL"); // requests of other lanes are in flight now
              }
            } else {
              assert.fail(`${key}: ${r.status} ${JSON.stringify(body)}`);
            }
          } catch (e) {
            if (e.code === "ERR_ASSERTION") throw e;
            c.lost.add(key); // the connection died: unknown whether the case was made
            if (!killed) await new Promise((res) => setTimeout(res, 20));
          }
        }
      };
      await Promise.all(clients.flatMap((c) => Array.from({ length: IN_FLIGHT }, (_, lane) => loop(c, lane))));
      await server.exited;
      server = await start(false);
      servers.push(server);
    }

    const lost = clients.reduce((n, c) => n + c.lost.size, 0);
    console.log(`acknowledged ${clients.reduce((n, c) => n + c.acked.size, 0)}, answer lost ${lost}`);
    for (const c of clients) {
      assert.ok(c.acked.size >= 1, `${c.subject} got answers`);
      // Every acknowledged key returns its case, replayed.
      for (const [key, id] of c.acked) {
        const r = await submit(c, key);
        const body = await r.json();
        assert.equal(r.status, 200, `${key}: ${JSON.stringify(body)}`);
        assert.equal(r.headers.get("idempotent-replayed"), "true");
        assert.equal(body.id, id, `${key} returns the same case`);
      }
      // A key whose answer was lost makes its case now or returns the one it made.
      const all = new Map(c.acked);
      for (const key of c.lost) {
        if (c.acked.has(key)) continue;
        const r = await submit(c, key);
        assert.ok(r.status === 200 || r.status === 201, `${key}: ${r.status}`);
        all.set(key, (await r.json()).id);
      }
      // Each case exactly once: the person's list holds one case per key, no more.
      const ids = [];
      for (let next = "/api/v1/cases?pageSize=100"; next;) {
        const page = await (await c.b.fetch(`${url}${next}`)).json();
        ids.push(...page.results.map((x) => x.id));
        next = page.next;
      }
      assert.equal(new Set(ids).size, ids.length, "no case listed twice");
      assert.deepEqual([...ids].sort(), [...new Set(all.values())].sort(), `${c.subject}: one case per key`);
      assert.equal(new Set(all.values()).size, all.size, "no two keys share a case");
    }
  } finally {
    for (const s of servers.reverse()) await s.stop("SIGKILL").catch(() => {});
    await db.drop?.().catch(() => {});
  }
});
