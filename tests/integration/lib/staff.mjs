// Staff accounts for tests: `loket staff add`, TOTP codes (RFC 6238), and a logged-in browser.
import assert from "node:assert/strict";
import path from "node:path";
import { createHmac } from "node:crypto";
import { runLoket } from "./server.mjs";
import { Browser } from "./browser.mjs";

export const STAFF_PASSWORD = "a long enough password";

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// The code for now (offset in 30-second steps).
export function totp(secret, offset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + offset));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const o = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, "0");
}

// Waits for a fresh 30-second step when the current one is nearly over, so that a test using
// codes of neighbouring steps does not see them drift out of the server's one-step window.
export async function freshTotpStep(margin = 8) {
  const into = (Date.now() / 1000) % 30;
  if (into > 30 - margin) await new Promise((r) => setTimeout(r, (30 - into) * 1000 + 100));
}

// A code of a step later than the last one this account used (the server refuses a step it has
// seen, so a second login in the same 30 seconds needs the next step's code), the earliest such
// step within the server's window of one step either side; waits for the next step when the
// account has used them all. `account` keeps `totpSecret` and, from here, `lastStep`.
export async function unusedTotp(account) {
  for (;;) {
    await freshTotpStep();
    const now = Math.floor(Date.now() / 1000 / 30);
    for (const offset of [-1, 0, 1]) {
      if (account.lastStep === undefined || now + offset > account.lastStep) {
        account.lastStep = now + offset;
        return totp(account.totpSecret, offset);
      }
    }
    await new Promise((r) => setTimeout(r, (30 - ((Date.now() / 1000) % 30)) * 1000 + 100));
  }
}

// Runs `loket staff add` against the server's database; resolves with its JSON output.
export async function addStaff(server, { email, organisation, role, password = STAFF_PASSWORD, name = email }) {
  const r = await runLoket(["staff", "add", "--database", server.database.url, "--email", email, "--name", name,
    "--organisation", organisation, "--role", role, "--key-file", path.join(server.database.dir, "loket.keys")],
  { env: { LOKET_STAFF_PASSWORD: password } });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// A browser logged in as a new staff member, with its CSRF token in `.csrf`.
export async function staffBrowser(server, account) {
  const { totpSecret } = await addStaff(server, account);
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/staff/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password ?? STAFF_PASSWORD, code: totp(totpSecret) }),
  });
  assert.equal(r.status, 200);
  b.csrf = (await r.json()).csrfToken;
  return b;
}
