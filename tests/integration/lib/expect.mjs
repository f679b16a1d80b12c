// Shared assertions on the contract every response keeps.
import assert from "node:assert/strict";
import { rawGet } from "./raw.mjs";

// A header from a fetch Headers object or a raw response's lower-case header map.
export function header(headers, name) {
  if (typeof headers.get === "function") return headers.get(name);
  return headers[name.toLowerCase()] ?? null;
}

// Security headers that every response carries.
export function assertSecurityHeaders(headers, where = "") {
  const csp = header(headers, "content-security-policy");
  assert.ok(csp, `content-security-policy missing ${where}`);
  assert.match(csp, /frame-ancestors 'none'/, `CSP without frame-ancestors 'none' ${where}`);
  assert.equal(header(headers, "x-content-type-options"), "nosniff", `x-content-type-options ${where}`);
  assert.ok(header(headers, "referrer-policy"), `referrer-policy missing ${where}`);
  assert.match(header(headers, "strict-transport-security") ?? "", /max-age=\d+/,
    `strict-transport-security missing ${where}`);
  assert.ok(header(headers, "permissions-policy"), `permissions-policy missing ${where}`);
}

// An RFC 9457 problem: content type, the five members, status matching the response.
export function assertProblem(status, headers, body, expectedStatus, where = "") {
  assert.equal(status, expectedStatus, `status ${where}: ${JSON.stringify(body)}`);
  assert.match(header(headers, "content-type") ?? "", /^application\/problem\+json/,
    `content-type ${where}`);
  assert.equal(typeof body, "object", `problem body ${where}`);
  for (const k of ["type", "title", "detail"]) {
    assert.equal(typeof body[k], "string", `problem.${k} ${where}: ${JSON.stringify(body)}`);
    assert.ok(body[k].length > 0, `problem.${k} empty ${where}`);
  }
  assert.equal(body.status, expectedStatus, `problem.status ${where}`);
  assert.ok("instance" in body, `problem.instance missing ${where}: ${JSON.stringify(body)}`);
}

// fetch + JSON body; returns { res, body, text }.
export async function getJson(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { res, body, text, status: res.status, headers: res.headers };
}

// The server still answers /healthz (on a new connection) and its process is alive.
export async function assertHealthy(server) {
  assert.ok(server.alive, `server process died: ${server.stderr().slice(-4000)}`);
  const r = await rawGet(server.port, "/healthz", { timeout: 5000 });
  assert.equal(r?.status, 200, `healthz: ${r?.status} ${r?.body}`);
  assert.deepEqual(r.json(), { status: "ok" });
}
