// ZGW clients for the tests: HS256 JWTs (made with node:crypto, independent of the server's
// code), `loket clients add`, and a fetch wrapper that signs every call.
import { createHmac } from "node:crypto";
import { startServer, runLoket, freePort } from "./server.mjs";

const b64url = (x) => Buffer.from(x).toString("base64url");

// A JWT signed HS256; `claims` override the defaults (iss, iat, client_id).
export function token(clientId, secret, claims = {}, header = { alg: "HS256", typ: "JWT" }) {
  const payload = { iss: clientId, iat: Math.floor(Date.now() / 1000), client_id: clientId, ...claims };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

// `loket serve` with --public-url matching its real address, so ZGW URLs resolve.
export async function startZgwServer({ args = [], env = {}, database, seed } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startServer({ listen: `127.0.0.1:${port}`, args: ["--public-url", url, ...args], env, database, seed });
}

let counter = 0;
// Creates a client with `loket clients add`; options: allRights, component, scopes (array),
// zaaktypen (array of URLs), maxLevel. Returns { id, secret }.
export async function addClient(server, { allRights = false, component, scopes = [], zaaktypen = [],
  maxLevel } = {}) {
  const id = `client-${process.pid}-${++counter}`;
  const secret = `secret-${id}-0123456789abcdef`;
  // The server's key file (startServer puts it beside the database), or the secret is unreadable.
  const args = ["clients", "add", "--database", server.database.url, "--key-file", `${server.database.dir}/loket.keys`,
    "--id", id, "--secret", secret];
  if (allRights) args.push("--all-rights");
  if (component) args.push("--component", component, "--scopes", scopes.join(","));
  for (const z of zaaktypen) args.push("--zaaktype", z);
  if (maxLevel) args.push("--max-vertrouwelijkheid", maxLevel);
  const r = await runLoket(args, { cwd: server.database.dir });
  if (r.code !== 0) throw new Error(`loket clients add failed: ${r.stderr}`);
  return { id, secret };
}

// fetch with a fresh token per call, JSON bodies, and Accept-Crs/Content-Crs for geometry.
export function zgwFetch(server, client) {
  return async (path, { method = "GET", body, headers = {}, claims } = {}) => {
    const h = { authorization: `Bearer ${token(client.id, client.secret, claims)}`, "accept-crs": "EPSG:4326", ...headers };
    let payload;
    if (body !== undefined) {
      h["content-type"] ??= "application/json";
      h["content-crs"] ??= "EPSG:4326";
      payload = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await fetch(path.startsWith("http") ? path : `${server.url}${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, headers: res.headers, text, json };
  };
}

export const CATALOGI = "/zgw/catalogi/api/v1";
export const ZAKEN = "/zgw/zaken/api/v1";
export const AUTORISATIES = "/zgw/autorisaties/api/v1";

// A valid concept zaaktype for a permit (the reference lists' procestype "vergunning"), for
// tests to override what they are about; `identificatie` must be given, unique per catalogus.
export function zaaktypeBody(serverUrl, catalogusUrl, overrides) {
  return {
    omschrijving: "Aanvraag vergunning", vertrouwelijkheidaanduiding: "openbaar",
    doel: "Een vergunning verlenen", aanleiding: "Een aanvraag", indicatieInternOfExtern: "extern",
    handelingInitiator: "aanvragen", onderwerp: "Vergunning", handelingBehandelaar: "behandelen",
    doorlooptijd: "P8W", opschortingEnAanhoudingMogelijk: false, verlengingMogelijk: false,
    publicatieIndicatie: false, productenOfDiensten: [], referentieproces: { naam: "vergunning" },
    verantwoordelijke: "Team Vergunningen", catalogus: catalogusUrl, besluittypen: [], gerelateerdeZaaktypen: [],
    beginGeldigheid: "2024-01-01",
    selectielijstProcestype: `${serverUrl}/zgw/referentielijsten/api/v1/procestypen/7d0f1a2e-1c1d-4b0a-9a51-000000000005`,
    ...overrides,
  };
}
