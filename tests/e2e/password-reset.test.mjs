// In Chromium: a staff member asks for a reset link on /wachtwoord-herstellen, receives it
// through a real SMTP server, opens it, sets a new password with a TOTP code; the page passes axe
// (WCAG 2.1 AA), fits 320 px and keeps the link's token when switching to English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { startSmtp } from "../integration/lib/smtp.mjs";
import { addStaff, totp, freshTotpStep } from "../integration/lib/staff.mjs";
import { launch, seriousViolations, fitsWidth } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const EMAIL = "pagina@org1.example";
let server;
let smtp;
let browser;
let base;

before(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--public-url", base, "--smtp-url", `smtp://127.0.0.1:${smtp.port}`],
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

test("ask for a link, open it, set a new password", async () => {
  const { totpSecret } = await addStaff(server, { email: EMAIL, organisation: ORG1, role: "case-worker" });
  const page = await browser.context.newPage();
  await page.goto(`${base}/wachtwoord-herstellen`);
  await page.getByRole("heading", { name: "Wachtwoord herstellen" }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel("E-mailadres").fill(EMAIL);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await page.getByText("ontvangt u binnen een paar minuten een e-mail").waitFor();

  const mail = await smtp.waitForMail((m) => m.envelope.to.includes(EMAIL), 15_000);
  const link = /http:\/\/localhost:\d+\/wachtwoord-herstellen\?token=[A-Za-z0-9_-]+/.exec(mail.text)[0];
  await page.goto(link);
  await page.getByLabel("Nieuw wachtwoord").waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await freshTotpStep(12);
  await page.getByLabel("Nieuw wachtwoord").fill("kort");
  await page.getByLabel("Code uit uw app (6 cijfers)").fill(totp(totpSecret));
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  // The form again, from the server: the problem in the summary and next to the field.
  await page.getByText("Kies een wachtwoord van minstens 12 tekens.", { exact: true }).first().waitFor();
  assert.equal(await page.getByLabel("Nieuw wachtwoord").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByLabel("Nieuw wachtwoord").fill("een nieuw en lang wachtwoord");
  await page.getByLabel("Code uit uw app (6 cijfers)").fill(totp(totpSecret));
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await page.getByText("Uw wachtwoord is gewijzigd.").waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  const login = await fetch(`${base}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: "een nieuw en lang wachtwoord", code: totp(totpSecret, 1) }),
  });
  assert.equal(login.status, 200);
  await page.close();
});

test("the page works at 320 px wide and in English, keeping the token", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of ["/wachtwoord-herstellen", "/wachtwoord-herstellen?token=abc"]) {
    await page.goto(`${base}${url}`);
    await page.getByRole("heading", { name: "Wachtwoord herstellen" }).waitFor();
    assert.ok(await fitsWidth(page), `${url} scrolls sideways at 320 px`);
  }
  await page.getByRole("link", { name: "English" }).click();
  await page.getByRole("heading", { name: "Reset your password" }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("token"), "abc");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.getByLabel("New password").waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});
