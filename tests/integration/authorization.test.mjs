// The authorisation matrix: every route × every role, with the expected outcome. A route that
// `loket routes` lists without an entry here fails the test, so no endpoint goes unreviewed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runLoket } from "./lib/server.mjs";
import { startZgwServer } from "./lib/zgw.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import { Browser } from "./lib/browser.mjs";
import { staffBrowser } from "./lib/staff.mjs";
import { zgwTable } from "./lib/zgw-matrix.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const ORG2 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e02";
// representative: a resident acting for resident A under A's mandate.
// caseWorker, contractor: ORG1 (where resident A's case is); otherCaseWorker, otherAdmin: ORG2.
// paperRepresentative: a resident acting for A under a paper mandate that ORG2's case worker
// registered, which holds for ORG2's cases only (issue 8, F4): A's ORG1 case is not theirs to see.
const ROLES = ["anonymous", "residentA", "residentB", "representative", "business", "caseWorker", "contractor",
  "otherCaseWorker", "otherAdmin", "paperRepresentative"];

const json = { "content-type": "application/json" };
const IN_A_YEAR = new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const form = { "content-type": "application/x-www-form-urlencoded" };

// method + route pattern → a concrete request and the expected status per role ("*": any role).
const MATRIX = {
  "GET /healthz": { expect: { "*": 200 } },
  "GET /readyz": { expect: { "*": 200 } },
  // Served on the main listener only with --metrics-token (not set here); operators scrape
  // --metrics-listen. Coming from 127.0.0.1 proves nothing behind a reverse proxy.
  "GET /metrics": { expect: { "*": 404 } },
  "GET /api/v1/openapi.json": { expect: { "*": 200 } },
  "GET /api/v1/organisations": { expect: { "*": 200 } },
  "GET /api/v1/organisations/{id}": { path: `/api/v1/organisations/${ORG1}`, expect: { "*": 200 } },
  // No DigiD or eHerkenning broker is configured on this server: the provider is unknown.
  "GET /auth/{provider}/login": { path: "/auth/digid/login", expect: { "*": 404 } },
  "GET /auth/{provider}/end-session": { path: "/auth/digid/end-session", expect: { "*": 404 } },
  "GET /auth/{provider}/callback": { path: "/auth/digid/callback?code=x&state=y", expect: { "*": 404 } },
  "POST /auth/{provider}/backchannel-logout": {
    path: "/auth/digid/backchannel-logout", headers: form, body: "logout_token=x", expect: { "*": 404 },
  },
  // Without the CSRF token: nothing to end for anonymous, refused for everyone with a session.
  "POST /auth/logout": { expect: { "*": 403, anonymous: 303 } },
  "POST /auth/staff/login": { headers: json, body: "{}", expect: { "*": 400 } },
  // Anyone may ask for a reset link: the same 202 whether the address has an account or not.
  "POST /auth/staff/password-reset": {
    headers: json, body: JSON.stringify({ email: "nobody@org1.example" }), expect: { "*": 202 },
  },
  "POST /auth/staff/password-reset/confirm": { headers: json, body: "{}", expect: { "*": 400 } },
  "GET /api/v1/me": { expect: { "*": 200, anonymous: 401 } },
  "GET /api/v1/me/processing-log": { expect: { "*": 200, anonymous: 401 } },
  "GET /api/v1/me/export": { expect: { "*": 200, anonymous: 401 } },
  "GET /api/v1/me/mandates": { expect: { "*": 200, anonymous: 401 } },
  // These carry each role's own CSRF token, so the policy itself decides.
  "POST /api/v1/me/mandates": {
    csrf: true, headers: json, body: JSON.stringify({ representativeBsn: "999991905", validUntil: IN_A_YEAR }),
    expect: { anonymous: 401, residentA: 201, residentB: 201, business: 201, "*": 403 },
  },
  "DELETE /api/v1/me/mandates/{id}": {
    csrf: true, path: `/api/v1/me/mandates/${UNKNOWN}`, expect: { "*": 404, anonymous: 401 },
  },
  "PUT /api/v1/me/acting-for": {
    csrf: true, headers: json, body: JSON.stringify({ mandateId: UNKNOWN }), expect: { "*": 404, anonymous: 401 },
  },
  "DELETE /api/v1/me/acting-for": { csrf: true, expect: { "*": 204, anonymous: 401 } },
  "POST /api/v1/mandates": {
    csrf: true, headers: json,
    body: JSON.stringify({ subjectBsn: "999993653", representativeBsn: "999991905", validUntil: IN_A_YEAR }),
    expect: { anonymous: 401, caseWorker: 201, otherCaseWorker: 201, otherAdmin: 201, "*": 403 },
  },
  "GET /api/v1/cases": { expect: { "*": 200, anonymous: 401 } },
  // Applying: residents and businesses for themselves, a representative for A under A's own
  // mandate; the paper mandate holds for ORG2 only, and the case type is ORG1's; staff apply
  // for no one.
  "POST /api/v1/cases": {
    csrf: true, headers: { ...json, "idempotency-key": "matrix-1" },
    body: () => JSON.stringify({ caseType: typeOfA.uuid }),
    expect: { anonymous: 401, residentA: 201, residentB: 201, business: 201, representative: 201, "*": 403 },
  },
  // Resident A's case at ORG1: A and ORG1's case worker see it; for everyone else it does not exist.
  "GET /api/v1/cases/{id}": {
    path: () => `/api/v1/cases/${caseOfA.uuid}`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200, caseWorker: 200 },
  },
  // Decisions (issue 11, the besluiten helper). The staff door: a resident is no staff (403);
  // staff of ORG1 who handle the case get past the policy (the unknown decision type is then
  // refused, 400); a contractor and staff of ORG2 do not learn the case exists (404).
  "POST /api/v1/staff/cases/{id}/decisions": {
    csrf: true, path: () => `/api/v1/staff/cases/${caseOfA.uuid}/decisions`, headers: json,
    body: JSON.stringify({ decisionType: UNKNOWN }),
    expect: { anonymous: 401, caseWorker: 400, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /api/v1/staff/cases/{id}/decisions": {
    path: () => `/api/v1/staff/cases/${caseOfA.uuid}/decisions`,
    expect: { anonymous: 401, caseWorker: 200, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // Approving and discarding are staff's; which staff, decisions.test.mjs shows on real drafts.
  "POST /api/v1/staff/decisions/{id}/approve": {
    csrf: true, path: `/api/v1/staff/decisions/${UNKNOWN}/approve`,
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "DELETE /api/v1/staff/decisions/{id}": {
    csrf: true, path: `/api/v1/staff/decisions/${UNKNOWN}`,
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // A case's decisions that took effect: whoever may read the case.
  "GET /api/v1/cases/{id}/decisions": {
    path: () => `/api/v1/cases/${caseOfA.uuid}/decisions`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200, caseWorker: 200 },
  },
  "GET /auth/demo": { expect: { "*": 200 } },
  "POST /auth/demo/login": { headers: form, body: "subject=nobody", expect: { "*": 400 } },
  // The pages (src/web): public; a page that needs a session says how to log in instead.
  "GET /": { expect: { "*": 200 } },
  "GET /mijn-zaken": { expect: { "*": 200 } },
  "GET /mijn-gegevens": { expect: { "*": 200 } },
  "GET /wachtwoord-herstellen": { expect: { "*": 200 } },
  "POST /wachtwoord-herstellen": { headers: form, body: "email=niemand%40org1.example", expect: { "*": 303 } },
  "POST /wachtwoord-herstellen/bevestigen": { headers: form, body: "token=x", expect: { "*": 400 } },
  "GET /index.html": { expect: { "*": 301 } },
  "GET /mijn-zaken.html": { expect: { "*": 301 } },
  "GET /mijn-gegevens.html": { expect: { "*": 301 } },
  "GET /wachtwoord-herstellen.html": { expect: { "*": 301 } },
  "GET /assets/utrecht/design-tokens.css": { expect: { "*": 200 } },
  "GET /assets/utrecht/component-library.css": { expect: { "*": 200 } },
  // The back office (issue 13), on resident A's ORG1 case: staff only (a resident 403), ORG1's
  // case worker acts, everyone else of staff finds no case (404: the contractor sees no cases,
  // ORG2 not ORG1's). Bodies the policy lets through only to be refused on their content (400)
  // leave the case as it was, so the rows do not depend on their order.
  ...Object.fromEntries([
    ["status", { statusType: UNKNOWN }], ["suspend", { question: "" }], ["resume", {}],
    ["extend", { period: "P0D", reason: "x" }], ["result", { resultType: UNKNOWN }], ["close", {}], ["reopen", {}],
  ].map(([action, body]) => [`POST /api/v1/cases/{id}/${action}`, {
    csrf: true, path: () => `/api/v1/cases/${caseOfA.uuid}/${action}`, headers: json, body: JSON.stringify(body),
    expect: { anonymous: 401, caseWorker: 400, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  }])),
  "POST /api/v1/cases/{id}/assign": {
    csrf: true, path: () => `/api/v1/cases/${caseOfA.uuid}/assign`, headers: json, body: JSON.stringify({ assignee: null }),
    expect: { anonymous: 401, caseWorker: 200, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /api/v1/cases/assign": {
    csrf: true, headers: json, body: () => JSON.stringify({ cases: [caseOfA.uuid], assignee: null }),
    expect: { anonymous: 401, caseWorker: 200, contractor: 400, otherCaseWorker: 400, otherAdmin: 400, "*": 403 },
  },
  // Logged out: the page says how staff log in.
  "GET /behandelen": {
    expect: { anonymous: 200, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "GET /behandelen/inzicht": {
    expect: { anonymous: 200, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "GET /behandelen/inzicht.csv": {
    expect: { anonymous: 401, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "POST /behandelen/toewijzen": {
    csrf: true, headers: form, body: () => `oppakken=${caseOfA.uuid}`,
    expect: { anonymous: 401, caseWorker: 303, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /behandelen/zaken/{id}": {
    path: () => `/behandelen/zaken/${caseOfA.uuid}`,
    expect: { anonymous: 200, caseWorker: 200, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /behandelen/zaken/{id}/{action}": {
    csrf: true, path: () => `/behandelen/zaken/${caseOfA.uuid}/reopen`, headers: form, body: "explanation=x",
    expect: { anonymous: 401, caseWorker: 400, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // Applying (issue 12, src/web/apply_pages.cpp, product_routes.cpp): the catalogue is public;
  // drafts and the form's steps are for residents and businesses (and whom they act for), not
  // for staff accounts. Each draft row uses its own product, so the rows do not meet.
  "GET /api/v1/products": { expect: { "*": 200 } },
  "GET /api/v1/products/{id}": { path: "/api/v1/products/kapvergunning", expect: { "*": 200 } },
  // My cases (portal): own and represented parties' cases; staff have the work queue instead.
  // A document sent with an application: no such case/document for anyone here (404), as the
  // case page is; the resident's own download is tested in apply-uploads.test.mjs.
  "GET /mijn-zaken/{id}/documenten/{document}": {
    path: "/mijn-zaken/00000000-0000-4000-8000-000000000000/documenten/00000000-0000-4000-8000-000000000001",
    expect: { "*": 404, anonymous: 401 },
  },
  "GET /api/v1/me/cases": {
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /api/v1/me/drafts": {
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /api/v1/me/drafts/{product}": {
    path: "/api/v1/me/drafts/vraag",
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "PUT /api/v1/me/drafts/{product}": {
    csrf: true, path: "/api/v1/me/drafts/klacht", headers: json, body: JSON.stringify({ answers: { what: "Niet teruggebeld." } }),
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "DELETE /api/v1/me/drafts/{product}": {
    csrf: true, path: "/api/v1/me/drafts/bezwaar",
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /producten": { expect: { "*": 200 } },
  "GET /producten/{product}": { path: "/producten/kapvergunning", expect: { "*": 200 } },
  "GET /aanvragen/{product}": {
    path: "/aanvragen/kapvergunning",
    expect: { "*": 303, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /aanvragen/{product}/{step}": {
    path: "/aanvragen/kapvergunning/locatie",
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "POST /aanvragen/{product}/{step}": {
    csrf: true, path: "/aanvragen/sloopvergunning/locatie", headers: form,
    body: "address=Stationsplein+1%2C+Utrecht&what=Een+schuur",
    expect: { "*": 303, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  // Following a case (follow): A's case is A's (and their representative's) to read and write
  // in; ORG1's case worker reads and writes through the API; for everyone else it does not exist.
  "GET /api/v1/cases/{id}/messages": {
    path: () => `/api/v1/cases/${caseOfA.uuid}/messages`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200, caseWorker: 200 },
  },
  "POST /api/v1/cases/{id}/messages": {
    csrf: true, headers: json, body: JSON.stringify({ body: "Een bericht." }),
    path: () => `/api/v1/cases/${caseOfA.uuid}/messages`,
    expect: { "*": 404, anonymous: 401, residentA: 201, representative: 201, caseWorker: 201 },
  },
  "GET /mijn-zaken/{id}": {
    path: () => `/mijn-zaken/${caseOfA.uuid}`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200 },
  },
  "POST /mijn-zaken/{id}/bericht": {
    csrf: true, headers: form, body: "body=Een+bericht.", path: () => `/mijn-zaken/${caseOfA.uuid}/bericht`,
    expect: { "*": 404, anonymous: 401, residentA: 303, representative: 303 },
  },
  // Nothing is asked of A now: answering is a conflict, for whom may see the case.
  "POST /mijn-zaken/{id}/antwoord": {
    csrf: true, headers: form, body: "body=Een+antwoord.", path: () => `/mijn-zaken/${caseOfA.uuid}/antwoord`,
    expect: { "*": 404, anonymous: 401, residentA: 409, representative: 409 },
  },
  "GET /berichten": {
    expect: { "*": 200, anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404 },
  },
  "POST /berichten/voorkeuren": {
    csrf: true, headers: form, body: "email=",
    expect: { "*": 303, anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404 },
  },
  // Case work (issue 13, bo-work): drafting, reviewing and messages are for staff of the case's
  // organisation (a refused form goes back to the case page: 303); a contractor and staff of
  // ORG2 do not learn the case or decision exists; residents are no staff. Which approver may
  // approve or send back, bo-work.test.mjs shows on real drafts.
  "POST /behandelen/zaken/{id}/besluit": {
    csrf: true, path: () => `/behandelen/zaken/${caseOfA.uuid}/besluit`, headers: form, body: "decisionType=",
    expect: { anonymous: 401, caseWorker: 303, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /behandelen/zaken/{id}/bericht": {
    csrf: true, path: () => `/behandelen/zaken/${caseOfA.uuid}/bericht`, headers: form, body: "body=Een+bericht.",
    expect: { anonymous: 401, caseWorker: 303, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // Documents on the staff case page (staff-documents.test.mjs): the form without a file goes back
  // to the case page (303), a download of an unknown document is a 404; a contractor and staff
  // of ORG2 do not learn the case exists; residents are no staff.
  "POST /behandelen/zaken/{id}/documenten": {
    csrf: true, path: () => `/behandelen/zaken/${caseOfA.uuid}/documenten`, headers: form, body: "titel=x",
    expect: { anonymous: 401, caseWorker: 303, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /behandelen/zaken/{id}/documenten/{document}": {
    path: () => `/behandelen/zaken/${caseOfA.uuid}/documenten/${UNKNOWN}`,
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /api/v1/cases/{id}/documents": {
    csrf: true, path: () => `/api/v1/cases/${caseOfA.uuid}/documents`, headers: json, body: "{}",
    expect: { anonymous: 401, caseWorker: 400, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /behandelen/goedkeuren": {
    expect: { anonymous: 401, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "POST /behandelen/besluiten/{id}/goedkeuren": {
    csrf: true, path: `/behandelen/besluiten/${UNKNOWN}/goedkeuren`, headers: form, body: "",
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /behandelen/besluiten/{id}/terugsturen": {
    csrf: true, path: `/behandelen/besluiten/${UNKNOWN}/terugsturen`, headers: form, body: "reason=x",
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /api/v1/staff/approvals": {
    expect: { anonymous: 401, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "POST /api/v1/staff/decisions/{id}/reject": {
    csrf: true, path: `/api/v1/staff/decisions/${UNKNOWN}/reject`, headers: json, body: JSON.stringify({ reason: "x" }),
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // Objecting is a party's (or whoever acts for one): A's case has no decision by this id (404,
  // as for everyone who is no party); staff do not object (403).
  "POST /api/v1/cases/{case}/decisions/{decision}/objections": {
    csrf: true, path: () => `/api/v1/cases/${caseOfA.uuid}/decisions/${UNKNOWN}/objections`, headers: json,
    body: JSON.stringify({ grounds: "x", email: "a@example.nl" }),
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /mijn-zaken/{case}/besluiten/{decision}/bezwaar": {
    path: () => `/mijn-zaken/${caseOfA.uuid}/besluiten/${UNKNOWN}/bezwaar`,
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  // A complaint about A's case: the party (and whoever acts for them) gets past the policy to
  // the field check (400: nothing written); staff do not complain (403).
  "POST /api/v1/cases/{case}/complaints": {
    csrf: true, path: () => `/api/v1/cases/${caseOfA.uuid}/complaints`, headers: json,
    body: JSON.stringify({ email: "a@example.nl" }),
    expect: { "*": 404, anonymous: 401, residentA: 400, representative: 400, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /mijn-zaken/{case}/klacht": {
    path: () => `/mijn-zaken/${caseOfA.uuid}/klacht`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "POST /mijn-zaken/{case}/klacht": {
    csrf: true, path: () => `/mijn-zaken/${caseOfA.uuid}/klacht`, headers: form, body: "what=&email=a%40example.nl",
    expect: { "*": 404, anonymous: 401, residentA: 400, representative: 400, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  // Revising a decision is deciding an objection: A's case is no objection case (404 for the
  // case worker who may see it), residents are no staff.
  "POST /behandelen/zaken/{id}/herzien": {
    csrf: true, path: () => `/behandelen/zaken/${caseOfA.uuid}/herzien`, headers: form, body: "decisionType=",
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /api/v1/staff/cases/{id}/revise": {
    csrf: true, path: () => `/api/v1/staff/cases/${caseOfA.uuid}/revise`, headers: json, body: JSON.stringify({ decisionType: UNKNOWN }),
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  // Neighbourhood consultations: staff who handle cases open and close them (the contractor and
  // the administrator handle none: no organisation to open one for, 403); an unknown one is 404
  // for staff; residents see those of their area (the demo person register: resident A lives in
  // 3511AB), businesses none.
  "GET /behandelen/raadplegingen": {
    expect: { anonymous: 401, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "POST /behandelen/raadplegingen": {
    csrf: true, headers: form, body: "title=&proposal=&areas=&opensOn=&closesOn=",
    expect: { anonymous: 401, caseWorker: 303, otherCaseWorker: 303, contractor: 403, otherAdmin: 403, "*": 403 },
  },
  "GET /behandelen/raadplegingen/{id}": {
    path: `/behandelen/raadplegingen/${UNKNOWN}`,
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "POST /behandelen/raadplegingen/{id}/sluiten": {
    csrf: true, path: `/behandelen/raadplegingen/${UNKNOWN}/sluiten`, headers: form, body: "summary=x",
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /api/v1/staff/consultations": {
    expect: { anonymous: 401, caseWorker: 200, contractor: 200, otherCaseWorker: 200, otherAdmin: 200, "*": 403 },
  },
  "POST /api/v1/staff/consultations": {
    csrf: true, headers: json, body: JSON.stringify({ title: "" }),
    expect: { anonymous: 401, caseWorker: 400, otherCaseWorker: 400, contractor: 403, otherAdmin: 403, "*": 403 },
  },
  "POST /api/v1/staff/consultations/{id}/close": {
    csrf: true, path: `/api/v1/staff/consultations/${UNKNOWN}/close`, headers: json, body: JSON.stringify({ summary: "x" }),
    expect: { anonymous: 401, caseWorker: 404, contractor: 404, otherCaseWorker: 404, otherAdmin: 404, "*": 403 },
  },
  "GET /raadplegingen": {
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /raadplegingen/{id}": {
    path: `/raadplegingen/${UNKNOWN}`,
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "POST /raadplegingen/{id}/reactie": {
    csrf: true, path: `/raadplegingen/${UNKNOWN}/reactie`, headers: form, body: "body=x",
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "GET /api/v1/consultations": {
    expect: { "*": 200, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "POST /api/v1/consultations/{id}/responses": {
    csrf: true, path: `/api/v1/consultations/${UNKNOWN}/responses`, headers: json, body: JSON.stringify({ body: "x" }),
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  "POST /mijn-zaken/{case}/besluiten/{decision}/bezwaar": {
    csrf: true, path: () => `/mijn-zaken/${caseOfA.uuid}/besluiten/${UNKNOWN}/bezwaar`, headers: form,
    body: "grounds=x&email=a%40example.nl",
    expect: { "*": 404, anonymous: 401, caseWorker: 403, contractor: 403, otherCaseWorker: 403, otherAdmin: 403 },
  },
  // ---- bo-auto (issue 13): automatic decisions, the algorithm register, contractors ----
  // The register is public. A's case was registered through ZGW (no rules ran): its automatic
  // decision is a 404 for whoever may see the case, and for everyone else the case does not exist.
  "GET /api/v1/algorithm-register/{org}": { path: `/api/v1/algorithm-register/${ORG1}`, expect: { "*": 200 } },
  "GET /algoritmeregister": { expect: { "*": 200 } },
  "GET /algoritmeregister/{org}": { path: `/algoritmeregister/${ORG1}`, expect: { "*": 200 } },
  "GET /api/v1/cases/{id}/automated-decision": {
    path: () => `/api/v1/cases/${caseOfA.uuid}/automated-decision`, expect: { "*": 404, anonymous: 401 },
  },
  // Asking for a human review is the applicant's (staff who see the case: 403); A's case has no
  // automatic decision to review (404).
  "POST /api/v1/cases/{id}/automated-decision/review": {
    csrf: true, headers: json, body: "{}", path: () => `/api/v1/cases/${caseOfA.uuid}/automated-decision/review`,
    expect: { "*": 404, anonymous: 401, caseWorker: 403 },
  },
  "POST /mijn-zaken/{id}/menselijke-beoordeling": {
    csrf: true, headers: form, body: "", path: () => `/mijn-zaken/${caseOfA.uuid}/menselijke-beoordeling`,
    expect: { "*": 404, anonymous: 401, caseWorker: 403 },
  },
  // Only staff who handle a review case judge it; A's case is none.
  "POST /api/v1/cases/{id}/review-outcome": {
    csrf: true, headers: json, body: JSON.stringify({ outcome: "upheld" }), path: () => `/api/v1/cases/${caseOfA.uuid}/review-outcome`,
    expect: { "*": 404, anonymous: 401 },
  },
  // Contractor companies: staff of the organisation see them, its administrators manage them.
  "GET /api/v1/contractors": {
    expect: { "*": 403, anonymous: 401, caseWorker: 200, otherCaseWorker: 200, otherAdmin: 200 },
  },
  "POST /api/v1/contractors": {
    csrf: true, headers: json, body: JSON.stringify({ organisation: ORG2, name: "Matrix Groen BV" }),
    expect: { "*": 403, anonymous: 401, otherAdmin: 201 },
  },
  "POST /api/v1/contractors/{id}/members": {
    csrf: true, headers: json, body: JSON.stringify({ email: "contractor@org1.example" }), path: `/api/v1/contractors/${UNKNOWN}/members`,
    expect: { "*": 404, anonymous: 401 },
  },
  // A case's work orders: whoever may see the case reads them; its case worker gives one (the
  // unknown company is then refused, 400). A contractor never reaches the case.
  "GET /api/v1/cases/{id}/work-orders": {
    path: () => `/api/v1/cases/${caseOfA.uuid}/work-orders`,
    expect: { "*": 404, anonymous: 401, residentA: 200, representative: 200, caseWorker: 200 },
  },
  "POST /api/v1/cases/{id}/work-orders": {
    csrf: true, headers: json, path: () => `/api/v1/cases/${caseOfA.uuid}/work-orders`,
    body: JSON.stringify({ company: UNKNOWN, instructions: "Gat dichten.", location: "Oudegracht 1", dueDate: IN_A_YEAR }),
    expect: { "*": 404, anonymous: 401, caseWorker: 400 },
  },
  // The contractor's own orders (its company's): nobody else has any.
  "GET /api/v1/work-orders": { expect: { "*": 403, anonymous: 401, contractor: 200 } },
  "GET /api/v1/work-orders/{id}": { path: `/api/v1/work-orders/${UNKNOWN}`, expect: { "*": 403, anonymous: 401, contractor: 404 } },
  "POST /api/v1/work-orders/{id}/accept": {
    csrf: true, path: `/api/v1/work-orders/${UNKNOWN}/accept`, expect: { "*": 403, anonymous: 401, contractor: 404 },
  },
  "POST /api/v1/work-orders/{id}/done": {
    csrf: true, headers: json, body: JSON.stringify({ note: "Klaar.", photo: "" }), path: `/api/v1/work-orders/${UNKNOWN}/done`,
    expect: { "*": 403, anonymous: 401, contractor: 400 },
  },
  "GET /api/v1/work-orders/{id}/photo": { path: `/api/v1/work-orders/${UNKNOWN}/photo`, expect: { "*": 404, anonymous: 401 } },
  "GET /opdrachten": { expect: { "*": 403, anonymous: 401, contractor: 200 } },
  "GET /opdrachten/{id}": { path: `/opdrachten/${UNKNOWN}`, expect: { "*": 403, anonymous: 401, contractor: 404 } },
  "POST /opdrachten/{id}/accepteren": {
    csrf: true, headers: form, body: "", path: `/opdrachten/${UNKNOWN}/accepteren`, expect: { "*": 403, anonymous: 401, contractor: 404 },
  },
  "POST /opdrachten/{id}/gereed": {
    csrf: true, headers: form, body: "note=x", path: `/opdrachten/${UNKNOWN}/gereed`, expect: { "*": 403, anonymous: 401, contractor: 400 },
  },
  "GET /behandelen/werkopdrachten/{id}": {
    path: () => `/behandelen/werkopdrachten/${caseOfA.uuid}`, expect: { "*": 404, anonymous: 401, caseWorker: 200 },
  },
  "POST /behandelen/werkopdrachten/{id}": {
    csrf: true, headers: form, body: "company=x", path: () => `/behandelen/werkopdrachten/${caseOfA.uuid}`,
    expect: { "*": 404, anonymous: 401, caseWorker: 303 },
  },
  // Administrators manage their own organisation's staff (ORG2's administrator here).
  "GET /api/v1/organisations/{id}/staff": {
    path: `/api/v1/organisations/${ORG2}/staff`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 },
  },
  "POST /api/v1/organisations/{id}/staff/roles": {
    csrf: true, headers: json, body: JSON.stringify({ email: "worker@org2.example", role: "approver" }),
    path: `/api/v1/organisations/${ORG2}/staff/roles`, expect: { "*": 403, anonymous: 401, otherAdmin: 201 },
  },
  "DELETE /api/v1/organisations/{id}/staff/{account}/roles/{role}": {
    csrf: true, path: `/api/v1/organisations/${ORG2}/staff/${UNKNOWN}/roles/approver`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "GET /beheer/{id}/medewerkers": { path: `/beheer/${ORG2}/medewerkers`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 } },
  "POST /beheer/{id}/medewerkers": {
    csrf: true, headers: form, body: "email=niemand%40org2.example&role=approver", path: `/beheer/${ORG2}/medewerkers`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 303 },
  },
  // Adding, blocking and unblocking staff (issue 13): ORG2's administrator only. The setup link's
  // page is anyone's: the token is the key (none here, so 404 and 400 for all).
  "POST /api/v1/organisations/{id}/staff": {
    csrf: true, headers: json, body: JSON.stringify({ email: "matrix.nieuw@org2.example", name: "Matrix", roles: ["approver"] }),
    path: `/api/v1/organisations/${ORG2}/staff`, expect: { "*": 403, anonymous: 401, otherAdmin: 201 },
  },
  "PATCH /api/v1/organisations/{id}/staff/{account}": {
    csrf: true, headers: json, body: JSON.stringify({ active: false }),
    path: `/api/v1/organisations/${ORG2}/staff/${UNKNOWN}`, expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "POST /beheer/{id}/medewerkers/nieuw": {
    csrf: true, headers: form, body: "name=Matrix&email=matrix.formulier%40org2.example&role-approver=1",
    path: `/beheer/${ORG2}/medewerkers/nieuw`, expect: { "*": 403, anonymous: 401, otherAdmin: 303 },
  },
  "POST /api/v1/organisations/{id}/staff/{account}/setup-link": {
    csrf: true, path: `/api/v1/organisations/${ORG2}/staff/${UNKNOWN}/setup-link`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "POST /beheer/{id}/medewerkers/{account}/link": {
    csrf: true, headers: form, body: "", path: `/beheer/${ORG2}/medewerkers/${UNKNOWN}/link`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "POST /beheer/{id}/medewerkers/{account}/actief": {
    csrf: true, headers: form, body: "active=0", path: `/beheer/${ORG2}/medewerkers/${UNKNOWN}/actief`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  // Administrators manage their own organisation's products (ORG2's administrator, ORG2's
  // product); the checks refuse these bodies (400), so no version is published here.
  "GET /beheer/{id}/producten": { path: `/beheer/${ORG2}/producten`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 } },
  "GET /beheer/{id}/producten/{product}": {
    path: `/beheer/${ORG2}/producten/ontheffing-provinciale-weg`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 },
  },
  "POST /beheer/{id}/producten/{product}": {
    csrf: true, headers: form, body: "action=voorbeeld&term=P8W", path: `/beheer/${ORG2}/producten/ontheffing-provinciale-weg`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 400 },
  },
  "GET /api/v1/organisations/{id}/products/{product}/versions": {
    path: `/api/v1/organisations/${ORG2}/products/ontheffing-provinciale-weg/versions`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 200 },
  },
  "POST /api/v1/organisations/{id}/products/{product}/versions": {
    csrf: true, headers: json, body: JSON.stringify({ term: 5 }),
    path: `/api/v1/organisations/${ORG2}/products/ontheffing-provinciale-weg/versions`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 400 },
  },
  // ... and its teams (ORG2's administrator; the bodies are refused or the team unknown, so
  // nothing is written here; teams.test.mjs covers the writes).
  "GET /beheer/{id}/teams": { path: `/beheer/${ORG2}/teams`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 } },
  "POST /beheer/{id}/teams": {
    csrf: true, headers: form, body: "name=", path: `/beheer/${ORG2}/teams`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 400 },
  },
  "POST /beheer/{id}/teams/{team}": {
    csrf: true, headers: form, body: "name=Team", path: `/beheer/${ORG2}/teams/${UNKNOWN}`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "GET /api/v1/organisations/{id}/teams": {
    path: `/api/v1/organisations/${ORG2}/teams`, expect: { "*": 403, anonymous: 401, otherAdmin: 200 },
  },
  "POST /api/v1/organisations/{id}/teams": {
    csrf: true, headers: json, body: JSON.stringify({ name: 5 }), path: `/api/v1/organisations/${ORG2}/teams`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 400 },
  },
  "PUT /api/v1/organisations/{id}/teams/{team}": {
    csrf: true, headers: json, body: JSON.stringify({ name: "Team" }), path: `/api/v1/organisations/${ORG2}/teams/${UNKNOWN}`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "DELETE /api/v1/organisations/{id}/teams/{team}": {
    csrf: true, path: `/api/v1/organisations/${ORG2}/teams/${UNKNOWN}`,
    expect: { "*": 403, anonymous: 401, otherAdmin: 404 },
  },
  "GET /medewerker-activeren": { path: "/medewerker-activeren?token=x", expect: { "*": 404 } },
  "POST /medewerker-activeren": {
    headers: form, body: "token=x&password=a+long+enough+password&code=123456", expect: { "*": 400 },
  },
};

// The ZGW APIs authenticate clients by their JWT: zgw-authorization.test.mjs holds their matrix
// (ZGW clients × every ZGW route, on real objects). Here each ZGW route that matrix covers gets
// the browser roles' row: a session, whoever it belongs to, is no ZGW client (401), except on the
// public routes (OpenAPI documents, reference lists). A ZGW route missing from that matrix gets no
// entry here either, so the completeness test below fails for it too.
const ZGW_TABLE = zgwTable();
const ZGW_UUID = "00000000-0000-4000-8000-000000000001";
function zgwEntry(method, pattern) {
  const entry = ZGW_TABLE[`${method} ${pattern}`];
  if (!entry) return undefined;
  if (entry.public) return { path: entry.probes[0].request({}, null).path, expect: { "*": entry.public } };
  // Authentication comes before any lookup or body check: any uuid and body will do.
  const path = pattern.replace(/\{[a-z_]+\}/g, ZGW_UUID);
  return method === "GET" || method === "DELETE"
    ? { path, expect: { "*": 401 } }
    : { path, headers: json, body: "{}", expect: { "*": 401 } };
}

const listed = await runLoket(["routes", "--demo"]);
if (listed.code !== 0) throw new Error(`loket routes failed: ${listed.stderr}`);
const ROUTES = listed.stdout.trim().split("\n").map((l) => JSON.parse(l)).map((x) => `${x.method} ${x.path}`);
for (const k of ROUTES.filter((x) => x.split(" ")[1].startsWith("/zgw/"))) {
  const entry = zgwEntry(...k.split(" "));
  if (entry) MATRIX[k] ??= entry;
}

let server;
let typeOfA;
let caseOfA;
let mandateOfA;
let paperMandateOfA;
const browsers = {};

async function demo(subject) {
  const b = new Browser();
  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST", headers: form, body: `subject=${encodeURIComponent(subject)}`,
  });
  assert.equal(r.status, 303);
  return b;
}

before(async () => {
  server = await startZgwServer({ args: ["--demo"] });
  typeOfA = await publishedZaaktype(server, { rsin: "002220647" });
  caseOfA = await registerCase(typeOfA, { bsn: "999993653" });
  browsers.anonymous = new Browser();
  browsers.residentA = await demo("resident:999993653");
  browsers.residentB = await demo("resident:999990019");
  browsers.business = await demo("business:12345678");
  browsers.caseWorker = await staffBrowser(server, { email: "worker@org1.example", organisation: ORG1, role: "case-worker" });
  browsers.contractor = await staffBrowser(server, { email: "contractor@org1.example", organisation: ORG1, role: "contractor" });
  browsers.otherCaseWorker = await staffBrowser(server, { email: "worker@org2.example", organisation: ORG2, role: "case-worker" });
  browsers.otherAdmin = await staffBrowser(server, { email: "admin@org2.example", organisation: ORG2, role: "administrator" });
  browsers.representative = await demo("resident:999991905");
  browsers.paperRepresentative = await demo("resident:999991905");
  for (const role of ROLES.slice(1)) {
    browsers[role].csrf = (await (await browsers[role].fetch(`${server.url}/api/v1/me`)).json()).csrfToken;
  }
  const m = await browsers.residentA.fetch(`${server.url}/api/v1/me/mandates`, {
    method: "POST", headers: { ...json, "x-csrf-token": browsers.residentA.csrf },
    body: JSON.stringify({ representativeBsn: "999991905", validUntil: IN_A_YEAR }),
  });
  assert.equal(m.status, 201);
  mandateOfA = (await m.json()).id;
  const paper = await browsers.otherCaseWorker.fetch(`${server.url}/api/v1/mandates`, {
    method: "POST", headers: { ...json, "x-csrf-token": browsers.otherCaseWorker.csrf },
    body: JSON.stringify({ subjectBsn: "999993653", representativeBsn: "999991905", validUntil: IN_A_YEAR }),
  });
  assert.equal(paper.status, 201);
  paperMandateOfA = (await paper.json()).id;
  // bo-auto: the contractor works for a company of ORG1 (its own orders are then a list).
  await server.database.query("INSERT INTO contractor_companies (id, organisation_id, name, created_at) VALUES"
    + ` ('${UNKNOWN.replace("0000-4000", "0000-4aaa")}', '${ORG1}', 'Matrix Wegen BV', 0)`);
  await server.database.query("INSERT INTO contractor_members (staff_id, company_id) SELECT id,"
    + ` '${UNKNOWN.replace("0000-4000", "0000-4aaa")}' FROM staff_accounts WHERE email = 'contractor@org1.example'`);
});
after(async () => { await server?.stop(); });

test("every route has an entry in the matrix, and every entry a route", async () => {
  const routes = ROUTES;
  const missing = routes.filter((k) => !(k in MATRIX));
  assert.deepEqual(missing, [], "routes without an authorisation entry");
  const stale = Object.keys(MATRIX).filter((k) => !routes.includes(k));
  assert.deepEqual(stale, [], "matrix entries for routes that no longer exist");
});

for (const [key, spec] of Object.entries(MATRIX)) {
  test(`${key}: each role gets what the policy says`, async () => {
    const [method, pattern] = key.split(" ");
    const target = typeof spec.path === "function" ? spec.path() : spec.path ?? pattern;
    // The representatives act for A in every test (an entry may have stopped it).
    for (const [role, mandateId] of [["representative", mandateOfA], ["paperRepresentative", paperMandateOfA]]) {
      const acting = await browsers[role].fetch(`${server.url}/api/v1/me/acting-for`, {
        method: "PUT", headers: { ...json, "x-csrf-token": browsers[role].csrf },
        body: JSON.stringify({ mandateId }),
      });
      assert.equal(acting.status, 200);
    }
    const outcome = {};
    const want = {};
    for (const role of ROLES) {
      const b = browsers[role];
      const headers = { ...spec.headers, ...(spec.csrf && b.csrf ? { "x-csrf-token": b.csrf } : {}) };
      const body = typeof spec.body === "function" ? spec.body() : spec.body;
      const r = await b.fetch(`${server.url}${target}`, { method, headers, body });
      await r.arrayBuffer();
      outcome[role] = r.status;
      want[role] = spec.expect[role] ?? spec.expect["*"];
    }
    assert.deepEqual(outcome, want);
  });
}

test("each person sees only themselves at /api/v1/me", async () => {
  const a = await (await browsers.residentA.fetch(`${server.url}/api/v1/me`)).json();
  const b = await (await browsers.residentB.fetch(`${server.url}/api/v1/me`)).json();
  assert.equal(a.bsnMasked, "*****3653");
  assert.equal(b.bsnMasked, "*****0019");
  const w = await (await browsers.caseWorker.fetch(`${server.url}/api/v1/me`)).json();
  assert.deepEqual(w.roles, [{ organisation: ORG1, role: "case-worker" }]);
  const o = await (await browsers.otherAdmin.fetch(`${server.url}/api/v1/me`)).json();
  assert.deepEqual(o.roles, [{ organisation: ORG2, role: "administrator" }]);
});
