// In Chromium: log in with DigiD through a real OpenID Provider, see the session end after the
// idle timeout, log in again and log out (at Loket and at the provider).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { startProvider, freePort, CLIENT_SECRET } from "../integration/lib/oidc.mjs";
import { launch } from "./lib/chromium.mjs";

let server;
let op;
let browser;
let base;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  op = await startProvider({ redirectUris: [`${base}/auth/digid/callback`], postLogoutUris: [`${base}/`] });
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--public-url", base, "--digid-issuer", op.issuer, "--digid-client-secret", CLIENT_SECRET,
      "--session-idle", "6"],
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await op?.stop();
});

async function loginWithDigid(page) {
  await page.goto(`${base}/mijn-gegevens`);
  await page.getByRole("link", { name: "Inloggen met DigiD" }).click();
  // The test provider logs in its default test resident without a form, as a broker would
  // after DigiD, and sends the browser back to where the login started.
  await page.waitForURL(`${base}/mijn-gegevens`);
  await page.getByText("U bent ingelogd met burgerservicenummer *****3653.").waitFor();
}

test("DigiD login, idle timeout, login again, logout", async () => {
  const page = await browser.context.newPage();
  await loginWithDigid(page);
  await page.getByRole("row").filter({ hasText: "Ingelogd" }).first().waitFor();

  // No activity for longer than --session-idle: the next page load finds no session.
  await new Promise((r) => setTimeout(r, 7500));
  await page.reload();
  await page.getByText("U bent niet ingelogd").waitFor();

  await loginWithDigid(page);
  await page.getByRole("button", { name: "Uitloggen" }).click();
  // RP-initiated logout: the provider confirms and sends the browser back to Loket.
  await page.waitForURL(`${base}/`);
  await page.goto(`${base}/mijn-gegevens`);
  await page.getByText("U bent niet ingelogd").waitFor();
  const logins = server.logs().filter((l) => l.msg === "login" && l.provider === "digid");
  assert.equal(logins.length, 2);
  await page.close();
});
