// Building blocks of the hostile-input suite (hostile.test.mjs): a seeded PRNG, hostile values
// and byte-level JSON encoding, mutations of bodies, queries and path parameters, raw HTTP
// requests, and a fingerprint of the database to prove that a refused request stored nothing.
import { spawn } from "node:child_process";
import { rawRequest } from "./raw.mjs";
import { backend } from "./server.mjs";

// sfc32: small, fast and the same on every Node version, so a seed replays a run exactly.
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
  return rng;
}

// JSON text written byte by byte: Raw holds bytes sent as they are (1e400, invalid UTF-8, a raw
// NUL), Dup an object whose entries may repeat a key.
export class Raw { constructor(bytes) { this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, "latin1"); } }
export class Dup { constructor(entries) { this.entries = entries; } }
const raw = (x) => new Raw(x);

export function encode(value) {
  const parts = [];
  const walk = (v) => {
    if (v instanceof Raw) parts.push(v.bytes);
    else if (v instanceof Dup) {
      parts.push(Buffer.from("{"));
      v.entries.forEach(([k, x], i) => {
        parts.push(Buffer.from(`${i ? "," : ""}${JSON.stringify(k)}:`));
        walk(x);
      });
      parts.push(Buffer.from("}"));
    } else if (Array.isArray(v)) {
      parts.push(Buffer.from("["));
      v.forEach((x, i) => { if (i) parts.push(Buffer.from(",")); walk(x); });
      parts.push(Buffer.from("]"));
    } else if (v && typeof v === "object") {
      parts.push(Buffer.from("{"));
      Object.entries(v).forEach(([k, x], i) => {
        parts.push(Buffer.from(`${i ? "," : ""}${JSON.stringify(k)}:`));
        walk(x);
      });
      parts.push(Buffer.from("}"));
    } else {
      parts.push(Buffer.from(JSON.stringify(v) ?? "null"));
    }
  };
  walk(value);
  return Buffer.concat(parts);
}

const nested = (depth, open, close) => raw(open.repeat(depth) + close.repeat(depth));

// Hostile JSON values, one per kind; `big` ones are expensive and drawn less often.
export const VALUES = [
  ["null", () => null], ["true", () => true], ["zero", () => 0], ["minus one", () => -1],
  ["fraction", () => 1.5], ["empty string", () => ""], ["string", () => "x"], ["empty array", () => []],
  ["empty object", () => ({})], ["array of mixed", () => [1, "a", null, {}]], ["object", () => ({ a: 1 })],
  ["2^63", () => raw("9223372036854775808")], ["-2^63-1", () => raw("-9223372036854775809")],
  ["2^64", () => raw("18446744073709551616")], ["1e308", () => raw("1e308")], ["1e400", () => raw("1e400")],
  ["-1e400", () => raw("-1e400")], ["1e-400", () => raw("1e-400")], ["long digits", () => raw("1".repeat(400))],
  ["-0", () => raw("-0")], ["2^53+1", () => raw("9007199254740993")],
  ["numeric string 2^63", () => "9223372036854775808"], ["numeric string 1e400", () => "1e400"],
  ["NUL escaped", () => "a\u0000b"], ["only NUL", () => "\u0000"], ["NUL raw", () => raw("\"a\u0000b\"")],
  ["invalid UTF-8 0xff", () => raw(Buffer.from([0x22, 0x61, 0xff, 0xfe, 0x62, 0x22]))],
  ["invalid UTF-8 truncated", () => raw(Buffer.from([0x22, 0xc3, 0x22]))],
  ["UTF-8 surrogate", () => raw(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))],
  ["UTF-8 overlong", () => raw(Buffer.from([0x22, 0xc0, 0xaf, 0x22]))],
  ["lone surrogate escape", () => raw("\"\\ud800\"")], ["control characters", () => "\u0001\u001f\u007f\u0085"],
  ["bidi and emoji", () => "\u202etxt.exe 😀 \ufeff"], ["newlines", () => "a\r\nb\nc"],
  ["long string 4 KiB", () => "a".repeat(4096)], ["long string 64 KiB", () => "é".repeat(32768)],
  ["long string ~1 MiB", () => "b".repeat(1_000_000), "big"],
  ["deep arrays 5000", () => nested(5000, "[", "]"), "big"],
  ["deep objects 5000", () => raw("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)), "big"],
  ["deep arrays 100", () => nested(100, "[", "]")],
  ["wide array", () => Array.from({ length: 20000 }, (_, i) => i), "big"],
  ["date overflow", () => "99999-12-31"], ["bad date", () => "2026-02-30"], ["zero date", () => "0000-00-00"],
  ["datetime bad", () => "2026-01-01T25:61:61+99:00"], ["duration huge", () => "P99999999999999999999D"],
  ["duration bad", () => "P"], ["url outside", () => "http://169.254.169.254/latest/meta-data/"],
  ["url file", () => "file:///etc/passwd"], ["url javascript", () => "javascript:alert(1)"],
  ["url long", () => `http://127.0.0.1/${"x".repeat(5000)}`], ["sql", () => "'; DROP TABLE zgw_zaken; --"],
  ["percent", () => "%00%ff%"], ["uuid nil", () => "00000000-0000-0000-0000-000000000000"],
  ["bsn zeros", () => "000000000"], ["bsn long", () => "9".repeat(40)],
];

// Text that a database may refuse (NUL, invalid UTF-8) is drawn more often than its share: it
// is what slips past a validator that only checks types and lengths.
const TEXT_ATTACKS = VALUES.filter(([name]) => /NUL|UTF-8|surrogate|control/.test(name));

export function hostileValue(rng, { allowBig = true } = {}) {
  for (;;) {
    const [name, make, big] = rng.chance(0.25) ? rng.pick(TEXT_ATTACKS) : rng.pick(VALUES);
    if (big && !allowBig) continue;
    return { name, value: make() };
  }
}

// Paths of the fields in a body (nested objects too, and the first element of an array).
export function fieldPaths(body, prefix = []) {
  const out = [];
  if (body && typeof body === "object") {
    for (const [k, v] of Array.isArray(body) ? (body.length ? [[0, body[0]]] : []) : Object.entries(body)) {
      out.push([...prefix, k]);
      if (v && typeof v === "object") out.push(...fieldPaths(v, [...prefix, k]));
    }
  }
  return out;
}

function setAt(obj, path, value) {
  const copy = structuredClone(obj);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  if (value === undefined) {
    if (Array.isArray(o)) o.splice(path.at(-1), 1);
    else delete o[path.at(-1)];
  } else o[path.at(-1)] = value;
  return copy;
}

// One mutation of a valid JSON body: a field replaced by a hostile value, removed, given twice,
// or an unknown field. Returns { what, body: Buffer }.
export function mutateField(base, rng, { allowBig = true } = {}) {
  const paths = fieldPaths(base);
  const kind = rng.int(10);
  if (!paths.length || kind === 9) {
    const v = hostileValue(rng, { allowBig });
    return { what: `unknown field = ${v.name}`, body: encode({ ...base, zzUnknown: v.value }) };
  }
  const path = rng.pick(paths);
  const name = path.join(".");
  if (kind === 8) return { what: `${name} removed`, body: encode(setAt(base, path, undefined)) };
  const v = hostileValue(rng, { allowBig });
  if (kind === 7 && path.length === 1) {
    const entries = Object.entries(base);
    const hostileFirst = rng.chance(0.5);
    const dup = hostileFirst ? [[path[0], v.value], ...entries] : [...entries, [path[0], v.value]];
    return { what: `${name} twice (${hostileFirst ? "hostile first" : "hostile last"}: ${v.name})`, body: encode(new Dup(dup)) };
  }
  return { what: `${name} = ${v.name}`, body: encode(setAt(base, path, v.value)) };
}

// Whole-body mutations, independent of the route.
export const BODIES = [
  ["empty body", () => Buffer.alloc(0)], ["null", () => Buffer.from("null")], ["array", () => Buffer.from("[]")],
  ["number", () => Buffer.from("1e400")], ["string", () => Buffer.from("\"x\"")], ["unterminated", () => Buffer.from("{\"a\":")],
  ["garbage", () => Buffer.from([0xff, 0x00, 0xfe, 0x7b, 0x0a])], ["trailing garbage", () => Buffer.from("{} {}")],
  ["BOM", () => Buffer.from("\ufeff{}")], ["UTF-16", () => Buffer.from("{\"a\":1}", "utf16le")],
  ["NUL raw", () => Buffer.from("{\"a\":\"\u0000\"}")], ["spaces then object", () => Buffer.concat([Buffer.alloc(200_000, 0x20), Buffer.from("{}")])],
  ["deep arrays 5000", () => Buffer.from("[".repeat(5000) + "]".repeat(5000))],
  ["deep objects 5000", () => Buffer.from("{\"a\":".repeat(5000) + "1" + "}".repeat(5000))],
  ["over max body", () => Buffer.alloc(1024 * 1024 + 10, 0x20), "big"],
];

export const CONTENT_TYPES = [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
  "application/json; charset=latin1", "application/json; charset=utf-16", "a/b/c", "", "application/problem+json",
  "application/json;;;", "APPLICATION/JSON"];

// Hostile path parameters; `existing` is an id that exists (or undefined).
export function hostileSegment(rng, existing) {
  const options = [
    ["existing", existing ?? "00000000-0000-4000-8000-000000000001"],
    ["random uuid", randomUuid(rng)], ["uppercase", (existing ?? randomUuid(rng)).toUpperCase()],
    ["huge number", "9223372036854775808"], ["negative", "-1"], ["NUL escaped", "%00"],
    ["NUL raw", Buffer.from([0x61, 0x00, 0x62])], ["invalid UTF-8 escaped", "%ff%fe%c3%28"],
    ["invalid UTF-8 raw", Buffer.from([0xff, 0xfe, 0xc3, 0x28])], ["very long", "a".repeat(8000)],
    ["dot dot", "..%2F..%2Fetc%2Fpasswd"], ["uuid plus", `${existing ?? randomUuid(rng)}x`],
    ["sql", "1%27%20OR%20%271%27%3D%271"], ["empty", ""], ["spaces", "%20%20"],
  ];
  const [name, value] = rng.chance(0.3) ? options[0] : rng.pick(options);
  return { name, value: Buffer.isBuffer(value) ? value : Buffer.from(value, "latin1") };
}

export function randomUuid(rng) {
  const hex = Array.from({ length: 32 }, () => "0123456789abcdef"[rng.int(16)]).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Hostile query values (already percent-encoded where they should be).
export const QUERY_VALUES = [
  ["2^63", "9223372036854775808"], ["2^63-1", "9223372036854775807"], ["2^63/100", "92233720368547760"], ["-2^63-1", "-9223372036854775809"],
  ["huge digits", "9".repeat(400)], ["1e400", "1e400"], ["zero", "0"], ["negative", "-1"], ["fraction", "1.5"],
  ["text", "abc"], ["empty", ""], ["NUL", "%00"], ["NUL inside", "a%00b"], ["invalid UTF-8", "%ff%fe"],
  ["truncated UTF-8", "%c3"], ["surrogate", "%ed%a0%80"], ["long", "q".repeat(6000)], ["bad escape", "%zz%"],
  ["many commas", ",".repeat(3000)], ["list", Array.from({ length: 500 }, (_, i) => `v${i}`).join(",")],
  ["url", "http%3A%2F%2F169.254.169.254%2F"], ["date overflow", "99999-12-31"], ["datetime bad", "2026-13-45T99:99:99Z"],
  ["bool", "true"], ["uuid", "00000000-0000-4000-8000-000000000000"], ["sql", "%27%20OR%201%3D1--"],
  ["plus and spaces", "a+b%20c"], ["unicode", "%E2%80%AE%F0%9F%98%80"],
];

// Paging past every bound: page and pageSize at and around 2^63, negative, enormous.
export const PAGING = ["page=9223372036854775808", "page=9223372036854775807", "page=92233720368547760",
  "page=92233720368547760&pageSize=100", "pageSize=9223372036854775807", "pageSize=1000000000", "page=-9223372036854775809",
  "page=1e400", "page=0&pageSize=0", "page=2&page=9223372036854775807"];

// A query string with one to three hostile parameters, from the route's own parameter names
// (so that the value reaches the parser of that parameter) and a few unknown ones.
export function hostileQuery(rng, names) {
  const pool = [...names, "page", "pageSize", "expand", "fields", "ordering", "zzUnknown", "page[0]", "%00", "%ff"];
  const n = 1 + rng.int(3);
  const parts = [];
  const what = [];
  for (let i = 0; i < n; i++) {
    const name = rng.pick(pool);
    const [vname, value] = rng.pick(QUERY_VALUES);
    parts.push(`${name}=${value}`);
    what.push(`${name}=${vname}`);
    if (rng.chance(0.1)) { parts.push(`${name}=1`); what.push(`${name} twice`); }
  }
  return { what: what.join("&"), query: `?${parts.join("&")}` };
}

// One HTTP/1.1 request on its own connection, exactly as given: target and body are Buffers
// or strings. Resolves { status, headers, body, json() } or null when the connection closed
// without an answer; rejects on a timeout.
export async function send(port, { method, target, headers = {}, body }) {
  const parts = [Buffer.from(`${method} `), Buffer.isBuffer(target) ? target : Buffer.from(target, "latin1"),
    Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`)];
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    parts.push(Buffer.from(`${k}: `), Buffer.isBuffer(v) ? v : Buffer.from(String(v), "latin1"), Buffer.from("\r\n"));
  }
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  if (payload !== undefined) parts.push(Buffer.from(`Content-Length: ${payload.length}\r\n`));
  parts.push(Buffer.from("\r\n"));
  if (payload) parts.push(payload);
  return rawRequest(port, Buffer.concat(parts), { timeout: 30_000, head: method === "HEAD" });
}

// Tables whose rows legitimately change when a request is refused (or on any request), left out
// of the fingerprint:
//   sessions       - every signed-in request may move last_seen_at; logins and logouts add and end them
//   login_events   - a refused staff login or password reset is recorded (audit of failed logins)
//   login_failures - a refused staff login counts toward the lockout
//   processing_log - reads of personal data are logged for the resident, also on a refused write
//   outbox, webhook_deliveries - background threads (the event dispatcher, the webhook worker)
//                    consume events and retry deliveries queued by earlier writes, whatever the
//                    request in flight
export const UNFINGERPRINTED = ["sessions", "login_events", "login_failures", "processing_log", "outbox",
  "webhook_deliveries"];

// A fingerprint of every other table: row count and a hash of all rows, read through one
// long-running sqlite3 or psql process (a spawn per check would cost more than the request).
export class Fingerprint {
  static async open(database) {
    const f = new Fingerprint(database);
    await f.init();
    return f;
  }

  constructor(database) {
    this.database = database;
    this.out = "";
    this.seq = 0;
    const sqlite = backend === "sqlite";
    const file = database.url.replace(/^sqlite:/, "");
    this.proc = sqlite
      ? spawn("sqlite3", ["-batch", "-cmd", ".timeout 10000", file], { stdio: ["pipe", "pipe", "pipe"] })
      : spawn("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0", "-d", database.url], { stdio: ["pipe", "pipe", "pipe"] });
    this.err = "";
    this.proc.stdout.setEncoding("utf8");
    this.proc.stderr.setEncoding("utf8");
    this.proc.stdout.on("data", (d) => { this.out += d; this.waiter?.(); });
    this.proc.stderr.on("data", (d) => { this.err += d; });
    this.proc.on("exit", () => { this.dead = true; this.waiter?.(); });
  }

  // Runs sql and resolves with its output lines.
  query(sql) {
    const marker = `END-OF-QUERY-${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiter = null; reject(new Error(`fingerprint query timed out: ${this.err}`)); }, 30_000);
      this.waiter = () => {
        const at = this.out.indexOf(`${marker}\n`);
        if (at < 0 && !this.dead) return;
        clearTimeout(timer);
        this.waiter = null;
        if (at < 0) { reject(new Error(`fingerprint process ended: ${this.err}`)); return; }
        const text = this.out.slice(0, at);
        this.out = this.out.slice(at + marker.length + 1);
        resolve(text.split("\n").filter(Boolean));
      };
      this.proc.stdin.write(`${sql}\nSELECT '${marker}';\n`);
    });
  }

  async init() {
    const tables = backend === "sqlite"
      ? await this.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;")
      : await this.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name;");
    this.tables = tables.filter((t) => !UNFINGERPRINTED.includes(t));
    if (this.tables.length < 10) throw new Error(`fingerprint: only tables ${tables}; ${this.err}`);
    // One statement, so one round trip to PostgreSQL.
    this.sql = `${(backend === "sqlite"
      ? this.tables.map((t) => `SELECT '${t}', count(*), hex(sha3_query('SELECT * FROM "${t}"')) FROM "${t}"`)
      : this.tables.map((t) => `SELECT '${t}', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x`))
      .join(" UNION ALL ")};`;
  }

  // { table: "count|hash" }
  async take() {
    const rows = await this.query(this.sql);
    const sep = "|";
    const out = {};
    for (const line of rows) {
      const [t, ...rest] = line.split(sep);
      out[t] = rest.join(sep);
    }
    if (Object.keys(out).length !== this.tables.length) throw new Error(`fingerprint: ${rows.length} rows for ${this.tables.length} tables; ${this.err}`);
    return out;
  }

  static diff(a, b) {
    return Object.keys(a).filter((t) => a[t] !== b[t]).map((t) => `${t} (${a[t].split("|")[0]} → ${b[t].split("|")[0]} rows)`);
  }

  close() { this.proc.stdin.end(); }
}
