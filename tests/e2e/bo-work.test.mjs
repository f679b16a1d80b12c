// In Chromium: a case worker claims a case and asks for information, the resident answers and
// the clock runs again, the worker drafts a decision on a four-eyes product, a second person
// (an approver) approves it from the approvers' list, the resident sees it and objects through
// the form. Then the complaint form and the neighbourhood consultation pages on both sides.
// Every page made for this passes axe (WCAG 2.1 AA) at 320 px and on a desktop, in Dutch and
// English; screenshots land in build/test-results/bo-work/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { addClient, zgwFetch, CATALOGI, zaaktypeBody } from "../integration/lib/zgw.mjs";
import { addStaff, unusedTotp, STAFF_PASSWORD } from "../integration/lib/staff.mjs";
import { demoPerson } from "../integration/lib/browser.mjs";
import { launch, seriousViolations, fitsWidth, demoLogin } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const RSIN = "002220647";
const SHOTS = path.resolve("build/test-results/bo-work");

let server, base, admin, zaaktype, resident;
const accounts = {};


before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({ listen: `127.0.0.1:${port}`, webRoot: path.resolve("web/public"), args: ["--demo", "--public-url", base] });
  admin = zgwFetch({ ...server, url: base }, await addClient(server, { allRights: true }));
  const cat = (await admin(`${CATALOGI}/catalogussen`, { method: "POST", body: { domein: "E2EB", rsin: RSIN, contactpersoonBeheerNaam: "Beheer" } })).json;
  const bt = (await admin(`${CATALOGI}/besluittypen`, {
    method: "POST", body: { catalogus: cat.url, omschrijving: "Toekenning bijstand", publicatieIndicatie: false, beginGeldigheid: "2024-01-01", informatieobjecttypen: [] },
  })).json;
  assert.equal((await admin(`${bt.url}/publish`, { method: "POST", body: {} })).status, 200);
  const zt = (await admin(`${CATALOGI}/zaaktypen`, {
    method: "POST", body: zaaktypeBody(base, cat.url, { identificatie: "E2E-BIJSTAND", omschrijving: "Bijstand aanvragen", besluittypen: [bt.url], opschortingEnAanhoudingMogelijk: true }),
  })).json;
  for (const [volgnummer, omschrijving] of [[1, "Ontvangen"], [2, "Afgehandeld"]]) {
    assert.equal((await admin(`${CATALOGI}/statustypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving, volgnummer } })).status, 201);
  }
  assert.equal((await admin(`${CATALOGI}/roltypen`, { method: "POST", body: { zaaktype: zt.url, omschrijving: "Aanvrager", omschrijvingGeneriek: "initiator" } })).status, 201);
  assert.equal((await admin(`${zt.url}/publish`, { method: "POST", body: {} })).status, 200);
  await server.database.query(`UPDATE zgw_zaaktypen SET four_eyes = 1 WHERE uuid = '${zt.uuid}'`);
  zaaktype = zt;
  resident = await demoPerson(base, "resident:999993653");
  for (const [key, role] of [["worker", "case-worker"], ["approver", "approver"]]) {
    const email = `e2e-${key}@org1.example`;
    const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role, name: key === "worker" ? "Behandelaar Bo" : "Goedkeurder Gea" });
    accounts[key] = { email, totpSecret };
  }
  await mkdir(SHOTS, { recursive: true });
});
after(async () => { await server?.stop(); });

// The staff login is an API (password + TOTP); its session cookie goes into the browser.
async function loggedIn(browser, account) {
  const r = await fetch(`${base}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: STAFF_PASSWORD, code: await unusedTotp(account) }),
  });
  assert.equal(r.status, 200);
  const cookies = r.headers.getSetCookie().map((line) => {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), domain: "localhost", path: "/",
      secure: /;\s*secure/i.test(line), httpOnly: /;\s*httponly/i.test(line), sameSite: "Lax" };
  });
  await browser.context.clearCookies();
  await browser.context.addCookies(cookies);
}

async function residentLogin(page) {
  await page.context().clearCookies();
  await demoLogin(page, base);
}

async function check(page, name) {
  for (const [width, height] of [[320, 640], [1280, 900]]) {
    await page.setViewportSize({ width, height });
    assert.deepEqual(await seriousViolations(page), [], `${name} at ${width} px`);
    if (width === 320) assert.ok(await fitsWidth(page), `${name} scrolls sideways at 320 px`);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("claim, ask, the resident answers, four-eyes decision, the resident sees it and objects", async () => {
  const r = await resident.fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": resident.csrf, "idempotency-key": `e2e-bo-${Math.random()}` },
    body: JSON.stringify({ caseType: zaaktype.uuid, description: "Bijstand", answers: { inkomen: 0 } }),
  });
  assert.equal(r.status, 201);
  const id = (await r.json()).id;
  const browser = await launch();
  try {
    await loggedIn(browser, accounts.worker);
    const page = await browser.context.newPage();
    await page.goto(`${base}/behandelen/zaken/${id}`);
    await page.getByRole("button", { name: /Oppakken/ }).click();
    await page.getByLabel("Wat heeft u nodig?").fill("Stuur uw laatste loonstrook.");
    await page.getByRole("button", { name: "Vraag versturen" }).click();
    await page.getByText("De termijn staat stil tot de aanvrager antwoordt.").waitFor();
    // A message to the resident from the case page.
    await page.getByLabel("Uw bericht").fill("U kunt de loonstrook ook als foto sturen.");
    await page.getByRole("button", { name: "Bericht versturen" }).click();
    await page.getByText("Uw bericht is verstuurd.").waitFor();
    await check(page, "case-suspended");

    // The resident answers in the portal: the clock runs again.
    const answer = await resident.fetch(`${base}/mijn-zaken/${id}/antwoord`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: resident.csrf, body: "Hierbij mijn loonstrook." }).toString(), redirect: "manual",
    });
    assert.equal(answer.status, 303);
    await page.goto(`${base}/behandelen/zaken/${id}`);
    assert.doesNotMatch(await page.locator(".bo-facts").innerText(), /opgeschort/);
    assert.match(await page.locator("#berichten ~ ol").innerText(), /Hierbij mijn loonstrook\./);

    // A draft decision: the resident does not see it.
    await page.getByLabel("Soort besluit").selectOption({ label: "Toekenning bijstand" });
    await page.getByLabel("Toelichting", { exact: true }).fill("U krijgt bijstand vanaf 1 december.");
    await page.getByRole("button", { name: "Besluit opslaan" }).click();
    await page.getByText("Het besluit is opgeslagen als concept.").waitFor();
    await page.getByText("U stelde dit besluit op.").waitFor();
    await check(page, "case-draft");
    const seen = await (await resident.fetch(`${base}/api/v1/cases/${id}/decisions`)).json();
    assert.equal(seen.count, 0);

    // The approver: the list, the case, approve.
    await loggedIn(browser, accounts.approver);
    await page.goto(`${base}/behandelen/goedkeuren`);
    await page.getByRole("heading", { name: "Te beoordelen besluiten" }).waitFor();
    await check(page, "approvals");
    await page.locator(`a[href="/behandelen/zaken/${id}#besluiten"]`).click();
    await page.getByRole("button", { name: "Besluit goedkeuren" }).click();
    await page.getByText("Het besluit is goedgekeurd en gaat nu in.").waitFor();
    const facts = await page.locator("#besluiten ~ section").first().innerText();
    assert.match(facts, /Behandelaar Bo/);
    assert.match(facts, /Goedgekeurd door\s+Ik|Goedgekeurd door\s+ik|Goedgekeurd door/);
    await check(page, "case-approved");
    await page.goto(`${base}/behandelen/goedkeuren?lang=en`);
    await page.getByRole("heading", { name: "Decisions to review" }).waitFor();
    await check(page, "approvals-en");
    await page.goto(`${base}/behandelen/zaken/${id}?lang=en`);
    await page.getByRole("heading", { name: "Decisions" }).waitFor();
    await check(page, "case-approved-en");

    // The resident sees it and objects through the form.
    const decisions = await (await resident.fetch(`${base}/api/v1/cases/${id}/decisions`)).json();
    assert.equal(decisions.count, 1);
    await residentLogin(page);
    await page.goto(`${base}/mijn-zaken/${id}/besluiten/${decisions.results[0].id}/bezwaar`);
    await page.getByRole("heading", { name: "Bezwaar maken" }).waitFor();
    await check(page, "objection");
    await page.getByRole("button", { name: "Bezwaar indienen" }).click();
    await page.getByText("Schrijf waarom u bezwaar maakt").waitFor();
    await check(page, "objection-error");
    await page.getByLabel("Waarom bent u het niet eens met dit besluit?").fill("Het bedrag is te laag.");
    await page.getByLabel("Uw e-mailadres").fill("anna@example.nl");
    await page.getByRole("button", { name: "Bezwaar indienen" }).click();
    await page.waitForURL(/\/mijn-zaken\/[0-9a-f-]{36}\?gedaan=bezwaar$/);
    await page.goto(`${base}/mijn-zaken/${id}/besluiten/${decisions.results[0].id}/bezwaar?lang=en`);
    await page.getByRole("heading", { name: "Object to a decision" }).waitFor();
    await check(page, "objection-en");
    await page.goto(`${base}/mijn-zaken/${id}/klacht?lang=nl`);
    await page.getByRole("heading", { name: "Klacht indienen" }).waitFor();
    await check(page, "complaint");
    await page.goto(`${base}/mijn-zaken/${id}/klacht?lang=en`);
    await check(page, "complaint-en");
    await page.close();
  } finally {
    await browser.close();
  }
});

test("a neighbourhood consultation: opened, answered, closed with a summary", async () => {
  // The worker and the resident each in their own browser (a staff login uses up its code).
  const browser = await launch();
  const residentBrowser = await launch();
  try {
    await loggedIn(browser, accounts.worker);
    const page = await browser.context.newPage();
    await page.goto(`${base}/behandelen/raadplegingen`);
    await page.getByRole("heading", { name: "Raadplegingen in de buurt" }).waitFor();
    const day = new Date().toISOString().slice(0, 10);
    await page.getByLabel("Titel").fill("Speeltuin Lucasbolwerk");
    await page.getByLabel("Voorstel").fill("Wij willen een speeltuin aanleggen aan het Lucasbolwerk.");
    await page.getByLabel("Gebied (postcodes)").fill("3511AA-3511ZZ");
    await page.getByLabel("Open vanaf").fill(day);
    await page.getByLabel("Open tot en met").fill(day);
    await page.getByRole("button", { name: "Raadpleging openen" }).click();
    await page.waitForURL(/\/behandelen\/raadplegingen\/[0-9a-f-]{36}$/);
    const staffUrl = page.url();
    await check(page, "consultation-staff");
    await page.goto(`${base}/behandelen/raadplegingen`);
    await check(page, "consultations-staff");
    await page.goto(`${base}/behandelen/raadplegingen?lang=en`);
    await check(page, "consultations-staff-en");

    const mine = await residentBrowser.context.newPage();
    await residentLogin(mine);
    await mine.goto(`${base}/raadplegingen`);
    await mine.getByRole("link", { name: "Speeltuin Lucasbolwerk" }).first().click();
    await check(mine, "consultation-resident");
    await mine.getByLabel("Wat vindt u van dit voorstel?").fill("Graag, met bankjes.");
    await mine.getByRole("button", { name: "Reactie versturen" }).click();
    await mine.getByText("Graag, met bankjes.").waitFor();
    await mine.goto(`${base}/raadplegingen`);
    await check(mine, "consultations-resident");
    await mine.goto(`${base}/raadplegingen?lang=en`);
    await check(mine, "consultations-resident-en");
    await mine.goto(`${base}/raadplegingen?lang=nl`);

    await page.goto(`${staffUrl}?lang=nl`);
    await page.getByText("Graag, met bankjes.").waitFor();
    await page.getByLabel("Samenvatting", { exact: true }).fill("De speeltuin komt er, met bankjes.");
    await page.getByRole("button", { name: "Sluiten en publiceren" }).click();
    await page.getByRole("heading", { name: "Samenvatting" }).waitFor();
    await check(page, "consultation-staff-closed");
    await mine.goto(staffUrl.replace("/behandelen", ""));
    await mine.getByText("De speeltuin komt er, met bankjes.").waitFor();
  } finally {
    await browser.close();
    await residentBrowser.close();
  }
});
