// In Chromium, with JavaScript on and off: a case worker logs in (staff login), claims a case in
// the work queue, asks the applicant for information (the term stands still), resumes, sets the
// next status, records a result and closes the case. Each page passes axe (WCAG 2.1 AA) at
// 320 px and on a desktop, in Dutch and English; screenshots land in build/test-results/backoffice/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { publishedZaaktype } from "../integration/lib/zgw-cases.mjs";
import { addStaff, totp, freshTotpStep, STAFF_PASSWORD } from "../integration/lib/staff.mjs";
import { demoPerson } from "../integration/lib/browser.mjs";
import { launch, seriousViolations, fitsWidth } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const SHOTS = path.resolve("build/test-results/backoffice");

let server;
let base;
let type;
let resident;
const accounts = [];

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base],
  });
  type = await publishedZaaktype(server, {
    rsin: "002220647", resultaattype: true,
    statussen: [[1, "Ontvangen"], [2, "In behandeling"], [3, "Afgehandeld"]],
  });
  resident = await demoPerson(base, "resident:999993653");
  for (const n of [1, 2]) {
    const email = `e2e-worker${n}@org1.example`;
    const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker", name: `Behandelaar ${n}` });
    accounts.push({ email, totpSecret });
  }
  await mkdir(SHOTS, { recursive: true });
});
after(async () => { await server?.stop(); });

async function apply() {
  const r = await resident.fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": resident.csrf, "idempotency-key": `e2e-${Math.random()}` },
    body: JSON.stringify({ caseType: type.uuid, description: "Een eik kappen", answers: { boom: "eik", stamomtrek: 120, monument: false } }),
  });
  assert.equal(r.status, 201);
  return (await r.json()).id;
}

// The staff login is an API (password + TOTP); its session cookie goes into the browser.
async function loggedIn(browser, account, step = 0) {
  await freshTotpStep();
  const r = await fetch(`${base}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: STAFF_PASSWORD, code: totp(account.totpSecret, step) }),
  });
  assert.equal(r.status, 200);
  const cookies = r.headers.getSetCookie().map((line) => {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    // __Host- cookies are Secure with Path=/ and no domain; Chromium treats localhost as secure.
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), domain: "localhost", path: "/",
      secure: /;\s*secure/i.test(line), httpOnly: /;\s*httponly/i.test(line), sameSite: "Lax" };
  });
  await browser.context.clearCookies();
  await browser.context.addCookies(cookies);
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

for (const javaScriptEnabled of [true, false]) {
  test(`a case worker handles a case from claim to close (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const id = await apply();
    const browser = await launch({ javaScriptEnabled });
    try {
      await loggedIn(browser, accounts[javaScriptEnabled ? 0 : 1], javaScriptEnabled ? 0 : 1);
      const page = await browser.context.newPage();
      const js = javaScriptEnabled ? "js" : "nojs";
      await page.goto(`${base}/behandelen?behandelaar=niemand`);
      await page.getByRole("heading", { name: "Werkvoorraad" }).waitFor();
      if (javaScriptEnabled) await check(page, `queue-${js}`);

      // Claim: the row's own button.
      const row = page.getByRole("row").filter({ hasText: "Kapvergunning aanvragen" }).filter({ has: page.locator(`a[href="/behandelen/zaken/${id}"]`) });
      await row.getByRole("button", { name: /Oppakken/ }).click();
      await page.getByText("1 zaak of zaken toegewezen.").waitFor();
      await page.goto(`${base}/behandelen?behandelaar=mij`);
      await page.locator(`a[href="/behandelen/zaken/${id}"]`).click();
      await page.waitForURL(`${base}/behandelen/zaken/${id}`);
      await page.getByRole("heading", { name: "Wat kunt u doen?" }).waitFor();
      const deadlineBefore = await page.locator(".bo-facts").innerText();
      if (javaScriptEnabled) await check(page, `case-${js}`);

      // Ask for information: first without a question (the error), then with one.
      await page.getByRole("button", { name: "Vraag versturen" }).click();
      await page.getByRole("link", { name: "Schrijf op welke informatie u nodig heeft." }).waitFor();
      assert.equal(await page.getByLabel("Wat heeft u nodig?").getAttribute("aria-invalid"), "true");
      if (javaScriptEnabled) await check(page, `case-error-${js}`);
      await page.getByLabel("Wat heeft u nodig?").fill("Stuur een foto van de boom.");
      await page.getByRole("button", { name: "Vraag versturen" }).click();
      await page.getByText("De termijn staat stil tot de aanvrager antwoordt.").waitFor();
      const facts = await page.locator(".bo-facts").innerText();
      assert.match(facts, /Informatie gevraagd, termijn opgeschort/);
      assert.match(facts, /Stuur een foto van de boom\./);
      assert.ok(facts.includes("Uiterlijk klaar op"), deadlineBefore);
      // The resident sees the case suspended.
      const mine = await (await resident.fetch(`${base}/api/v1/cases/${id}`)).json();
      assert.equal(mine.suspended, true);

      await page.getByRole("button", { name: "Termijn laten doorlopen" }).click();
      await page.getByText("De termijn loopt weer.").waitFor();

      // Extend once: the deadline moves by two weeks.
      const before = (await (await resident.fetch(`${base}/api/v1/cases/${id}`)).json()).deadline;
      await page.getByLabel("Met hoeveel weken?").selectOption("P2W");
      await page.getByLabel("Reden").fill("Wij vragen advies aan de bomendeskundige.");
      await page.getByRole("button", { name: "Termijn verlengen" }).click();
      await page.getByText("De termijn is verlengd.").waitFor();
      const after = (await (await resident.fetch(`${base}/api/v1/cases/${id}`)).json()).deadline;
      assert.equal((Date.parse(after) - Date.parse(before)) / 86400e3, 14, "the deadline moved by the extension");

      await page.getByLabel("Nieuwe status").selectOption({ label: "In behandeling" });
      await page.getByLabel("Toelichting voor de aanvrager (optioneel)").first().fill("Wij bekijken uw aanvraag.");
      await page.getByRole("button", { name: "Status zetten" }).click();
      await page.getByText("De status is gezet.").waitFor();
      assert.match(await page.locator(".bo-timeline").innerText(), /Wij bekijken uw aanvraag\./);

      await page.getByLabel("Resultaat", { exact: true }).selectOption({ label: "Verleend" });
      await page.getByRole("button", { name: "Resultaat vastleggen" }).click();
      await page.getByText("Het resultaat is vastgelegd.").waitFor();
      await page.getByRole("button", { name: "Zaak afronden" }).click();
      await page.getByText("De zaak is afgerond.").waitFor();
      assert.equal((await (await resident.fetch(`${base}/api/v1/cases/${id}`)).json()).closed, true);
      if (javaScriptEnabled) {
        await check(page, `case-closed-${js}`);
        await page.goto(`${base}/behandelen/zaken/${id}?lang=en`);
        await page.getByRole("heading", { name: "What can you do?" }).waitFor();
        await check(page, `case-en-${js}`);
        await page.goto(`${base}/behandelen?stand=alle&lang=en`);
        await page.getByRole("heading", { name: "Work queue" }).waitFor();
        await check(page, `queue-en-${js}`);
        await page.goto(`${base}/behandelen/inzicht?lang=en`);
        await page.getByRole("heading", { name: "Insight" }).waitFor();
        await check(page, `insight-en-${js}`);
        await page.goto(`${base}/behandelen/inzicht?lang=nl`);
        await page.getByRole("heading", { name: "Inzicht" }).waitFor();
        await check(page, `insight-${js}`);
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });
}

test("logged out, /behandelen says to log in as staff and passes axe", async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${base}/behandelen`);
    await page.getByText("U bent niet ingelogd. Log in als medewerker").waitFor();
    await check(page, "logged-out");
    await page.close();
  } finally {
    await browser.close();
  }
});
