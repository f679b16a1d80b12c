// The documents benchmark (issue 11): upload and download of a 1 MiB document through the ZGW
// Documenten API, each as a ratio to a static file of the same size served by the same server
// in the same run (goal: both ≥ 0.5). Starts its own `loket serve` on a fresh SQLite database
// (or LOKET_BENCH_DATABASE) with a web root holding the static file.
//   node bench/documents.mjs [--seconds 10] [--concurrency 4] [--content text,pdf]
//                            [--bin build/release/loket]
// Prints one JSON line per content: requests per second of each and the two ratios, and the CPU
// time per request of the server and of this client (milliseconds), to see where the time goes.
// Several contents are measured by one server, with one clean-up at the end: on ext4 without a
// journal (this project's machines) creating a file skips every inode freed in the last five
// minutes, one buffer lookup each, so the thousands of blobs a run removes would make the
// uploads of a run that follows soon cost a fifth more CPU.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg("seconds", "10"));
// What is uploaded: "text" (plain text, libmagic's slowest case: it tries every text pattern)
// and/or "pdf" (a PDF head before a megabyte of incompressible bytes, as a scan or a photo is).
const contents = arg("content", "text").split(",");
for (const c of contents) if (!["text", "pdf"].includes(c)) throw new Error(`--content text,pdf, not ${c}`);
const concurrency = Number(arg("concurrency", "4"));
const bin = path.resolve(arg("bin", "build/release/loket"));
const MiB = 1024 * 1024;

const dir = mkdtempSync(path.join(os.tmpdir(), "loket-bench-documents-"));
const web = path.join(dir, "web");
mkdirSync(web);
const payload = Buffer.alloc(MiB, "loket documents benchmark\n");
writeFileSync(path.join(web, "one-mebibyte.txt"), payload);
const database = process.env.LOKET_BENCH_DATABASE ?? `sqlite:${path.join(dir, "loket.db")}`;
const env = { ...process.env, LOKET_KEY_FILE: path.join(dir, "loket.keys") };

execFileSync(bin, ["migrate", "--database", database], { env, cwd: dir });
const id = "bench-documents";
const secret = "bench-documents-secret-0123456789abcdef";
execFileSync(bin, ["clients", "add", "--database", database, "--key-file", env.LOKET_KEY_FILE,
  "--id", id, "--secret", secret, "--all-rights"], { env, cwd: dir });

// A free port first: document URLs are made from --public-url, which must name it.
const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const server = spawn(bin, ["serve", "--listen", `127.0.0.1:${port}`, "--public-url", `http://127.0.0.1:${port}`,
  "--database", database, "--web-root", web,
  "--log-level", "warn", "--max-body", String(2 * MiB), "--max-document-size", String(2 * MiB),
  "--blob-dir", path.join(dir, "blobs")], { env, cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    if (/"msg": *"listening"/.test(out)) resolve(`http://127.0.0.1:${port}`);
  });
  server.on("exit", (code) => reject(new Error(`loket serve exited ${code}`)));
});

const b64url = (b) => Buffer.from(b).toString("base64url");
function token() {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify({ iss: id, client_id: id, iat: Math.floor(Date.now() / 1000), user_id: "bench", user_representation: "bench" }));
  return `${head}.${body}.${createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url")}`;
}
const auth = () => ({ authorization: `Bearer ${token()}` });
async function zgw(p, body) {
  const r = await fetch(`${base}${p}`, {
    method: body ? "POST" : "GET", headers: { ...auth(), "content-type": "application/json" }, body: body && JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

const cat = await zgw("/zgw/catalogi/api/v1/catalogussen", { domein: "BENCH", rsin: "002220647", contactpersoonBeheerNaam: "Bench" });
const iot = await zgw("/zgw/catalogi/api/v1/informatieobjecttypen", {
  catalogus: cat.url, omschrijving: "Bijlage", vertrouwelijkheidaanduiding: "openbaar", beginGeldigheid: "2024-01-01", informatieobjectcategorie: "bijlage",
});

// The server's CPU time so far (user + system), in milliseconds, from /proc (Linux).
const ticksPerSecond = 100; // USER_HZ
function serverCpuMs() {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return NaN;
  }
}

// Runs `op` in `concurrency` loops for `seconds`: requests per second, and the CPU milliseconds
// per request of the server and of this client.
async function measure(op) {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const started = Date.now();
  const serverBefore = serverCpuMs();
  const clientBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      await op();
      done += 1;
    }
  }));
  const client = process.cpuUsage(clientBefore);
  const round = (x) => Math.round(x * 100) / 100;
  return {
    rps: done / ((Date.now() - started) / 1000),
    serverCpuMs: round((serverCpuMs() - serverBefore) / done),
    clientCpuMs: round((client.user + client.system) / 1000 / done),
  };
}

// One client for all three, over node:http with kept-alive connections: the body goes out as
// buffers made once and the answer is counted, not gathered, so that the client's own work
// (fetch turned each 1.4 MB body text into bytes again) does not set the pace of the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function request(method, url, headers, chunks = []) {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((sum, c) => sum + c.length, 0);
    const req = http.request(url, { method, agent, headers: { ...headers, "content-length": length } }, (res) => {
      let bytes = 0;
      let text = "";
      res.on("data", (d) => {
        bytes += d.length;
        if (res.statusCode !== 200 || method !== "GET") text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode, bytes, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

let n = 0;
// The upload and the download of one content. Different bytes each time (a real upload, not the
// same blob again), made cheaply: a numbered head (a whole number of base64 groups) in front of
// a tail whose base64 is made once, inside a JSON text made once.
function operations(content) {
  const uploaded = [];
  const [before, after] = JSON.stringify({
    bronorganisatie: "002220647", creatiedatum: "2026-01-10", titel: "Bench", auteur: "Bench", taal: "dut",
    informatieobjecttype: iot.url, bestandsnaam: `bench.${content === "pdf" ? "pdf" : "txt"}`, inhoud: "@",
  }).split('"@"');
  const opening = Buffer.from(`${before}"`);
  const numbered = (i) => (content === "pdf" ? `%PDF-1.7\n%${String(i).padStart(13, "0")}\n` : `${String(i).padStart(11, "0")}\n`);
  const tail = content === "pdf" ? randomBytes(MiB) : payload;
  const closing = Buffer.from(`${tail.subarray(0, MiB - 16 - numbered(0).length).toString("base64")}"${after}`);
  const upload = async () => {
    const head = Buffer.from(Buffer.from(numbered(++n)).toString("base64"));
    const r = await request("POST", `${base}/zgw/documenten/api/v1/enkelvoudiginformatieobjecten`,
      { ...auth(), "content-type": "application/json" }, [opening, head, closing]);
    if (r.status !== 201) throw new Error(`upload: ${r.status} ${r.text}`);
    uploaded.push(JSON.parse(r.text).url);
  };
  const download = async () => {
    const url = uploaded[n++ % uploaded.length];
    const r = await request("GET", `${url}/download`, auth());
    if (r.status !== 200 || r.bytes < MiB - 16) throw new Error(`download: ${r.status}`);
  };
  return { upload, download };
}
const staticFile = async () => {
  const r = await request("GET", `${base}/one-mebibyte.txt`, {});
  if (r.status !== 200 || r.bytes !== MiB) throw new Error(`static: ${r.status}`);
};

try {
  await measure(staticFile); // warm-up
  for (const content of contents) {
    const { upload, download } = operations(content);
    const still = await measure(staticFile); // the baseline next to each, on a noisy machine
    const up = await measure(upload);
    const down = await measure(download);
    const ratio = (x) => Math.round((x.rps / still.rps) * 1000) / 1000;
    const rps = (x) => Math.round(x.rps * 10) / 10;
    console.log(JSON.stringify({
      seconds, concurrency, content, staticRps: rps(still), uploadRps: rps(up), downloadRps: rps(down),
      uploadRatio: ratio(up), downloadRatio: ratio(down), goal: 0.5,
      cpuMsPerRequest: {
        server: { static: still.serverCpuMs, upload: up.serverCpuMs, download: down.serverCpuMs },
        client: { static: still.clientCpuMs, upload: up.clientCpuMs, download: down.clientCpuMs },
      },
    }));
  }
} finally {
  // The uploads are gigabytes of blobs: gone with the server, or a few runs fill the disk.
  const running = server.exitCode === null && server.signalCode === null;
  const gone = new Promise((resolve) => (running ? server.once("exit", resolve) : resolve()));
  server.kill("SIGTERM");
  await gone;
  rmSync(dir, { recursive: true, force: true });
}
