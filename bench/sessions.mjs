// Logs the benchmark in the way people do, through the server's own login routes, and prints
// the sessions as JSON for bench/run.sh: the demo login of `serve --demo` for the test
// residents and the business (their cases come from `seed --dataset large`), and the staff
// login (e-mail, password, TOTP code) for an account made with `loket staff add`.
//   node bench/sessions.mjs BASE_URL [STAFF_EMAIL STAFF_PASSWORD TOTP_SECRET]
// Output: {"parties": [{"subject", "cookie", "csrf"}…], "staff": {"cookie", "csrf"} | null}
import { createHmac } from "node:crypto";

const [base, staffEmail, staffPassword, totpSecret] = process.argv.slice(2);
if (!base) {
  console.error("usage: node bench/sessions.mjs BASE_URL [STAFF_EMAIL STAFF_PASSWORD TOTP_SECRET]");
  process.exit(2);
}

// The demo login's test persons (src/identity/auth.cpp).
const DEMO = ["resident:999993653", "resident:999990019", "resident:999991905", "business:12345678"];

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// RFC 6238 with SHA-1, 30-second steps, 6 digits (what `loket staff add` hands out).
function totp(secret) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const o = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, "0");
}

function sessionCookie(res) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    if (pair.startsWith("__Host-loket_session=") && pair.length > "__Host-loket_session=".length) return pair;
  }
  throw new Error(`no session cookie (status ${res.status})`);
}

async function csrfOf(cookie) {
  const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/v1/me answered ${me.status}`);
  return (await me.json()).csrfToken;
}

const parties = [];
for (const subject of DEMO) {
  const res = await fetch(`${base}/auth/demo/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `subject=${encodeURIComponent(subject)}`,
  });
  if (res.status !== 303) throw new Error(`demo login as ${subject} answered ${res.status}; is the server started with --demo?`);
  const cookie = sessionCookie(res);
  parties.push({ subject, cookie, csrf: await csrfOf(cookie) });
}

let staff = null;
if (staffEmail) {
  const res = await fetch(`${base}/auth/staff/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: staffEmail, password: staffPassword, code: totp(totpSecret) }),
  });
  if (res.status !== 200) throw new Error(`staff login answered ${res.status}: ${await res.text()}`);
  staff = { cookie: sessionCookie(res), csrf: (await res.json()).csrfToken };
}
console.log(JSON.stringify({ parties, staff }));
