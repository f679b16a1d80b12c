// In Chromium without JavaScript: an administrator adds a staff member on /beheer/{id}/medewerkers,
// the member opens the mailed setup link (a real SMTP server), enrols the TOTP secret shown as
// text, sets a password, and the administrator blocks the account; each page passes axe
// (WCAG 2.1 AA) and fits 320 px. Screenshots in build/test-results/staff-accounts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { startSmtp } from "../integration/lib/smtp.mjs";
import { addStaff, totp, freshTotpStep, STAFF_PASSWORD } from "../integration/lib/staff.mjs";
import { launch, seriousViolations, fitsWidth } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const SHOTS = path.resolve("build/test-results/staff-accounts");
const EMAIL = "e2e.nieuw@org1.example";
let server, smtp, base, browser;

before(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base, "--smtp-url", `smtp://127.0.0.1:${smtp.port}`],
  });
  await mkdir(SHOTS, { recursive: true });
  browser = await launch({ javaScriptEnabled: false });
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

async function logIn(account) {
  await freshTotpStep();
  const r = await fetch(`${base}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: STAFF_PASSWORD, code: totp(account.totpSecret) }),
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

async function check(page, name) {
  for (const [width, height] of [[320, 640], [1280, 900]]) {
    await page.setViewportSize({ width, height });
    assert.deepEqual(await seriousViolations(page), [], `${name} at ${width} px`);
    if (width === 320) assert.ok(await fitsWidth(page), `${name} scrolls sideways at 320 px`);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("add a member, activate the account from the mail, block it", async () => {
  const admin = { email: "e2e.beheer@org1.example" };
  admin.totpSecret = (await addStaff(server, { ...admin, organisation: ORG1, role: "administrator", name: "Bea Beheer" })).totpSecret;
  await logIn(admin);
  const page = await browser.context.newPage();
  await page.goto(`${base}/beheer/${ORG1}/medewerkers`);
  await page.getByRole("heading", { name: "Medewerker toevoegen" }).waitFor();

  // Nothing filled in: the problems, named, in the summary and next to the fields.
  await page.getByRole("button", { name: "Medewerker toevoegen" }).click();
  await page.getByText("Kies minstens een rol.").first().waitFor();
  assert.equal(await page.locator("#new-email").getAttribute("aria-invalid"), "true");
  await check(page, "staff-errors");

  await page.locator("#new-name").fill("Nina Nieuw");
  await page.locator("#new-email").fill(EMAIL);
  await page.getByLabel("Behandelaar").check();
  await page.getByRole("button", { name: "Medewerker toevoegen" }).click();
  await page.getByText("De medewerker is toegevoegd.").waitFor();
  await check(page, "staff-added");

  const mail = await smtp.waitForMail((m) => m.envelope.to.includes(EMAIL), 15_000);
  const link = /http:\/\/localhost:\d+\/medewerker-activeren\?token=[A-Za-z0-9_-]+/.exec(mail.text)[0];
  const member = await browser.context.newPage();
  await browser.context.clearCookies();
  await member.goto(link);
  await member.getByRole("heading", { name: "Uw medewerkersaccount activeren" }).waitFor();
  await check(member, "activate");
  const secret = (await member.locator("#totp-secret").textContent()).trim();
  await freshTotpStep(12);
  await member.getByLabel("Nieuw wachtwoord").fill("een lang eigen wachtwoord");
  await member.getByLabel("Code uit uw app (6 cijfers)").fill(totp(secret));
  await member.getByRole("button", { name: "Account activeren" }).click();
  await member.getByText("Uw account is klaar.").waitFor();
  await check(member, "activated");

  await logIn(admin);
  await page.goto(`${base}/beheer/${ORG1}/medewerkers`);
  await page.getByRole("button", { name: "Blokkeren Nina Nieuw" }).click();
  await page.getByText("Het account is geblokkeerd.").waitFor();
  await page.getByRole("button", { name: "Weer actief maken Nina Nieuw" }).waitFor();
  await check(page, "staff-blocked");
});
