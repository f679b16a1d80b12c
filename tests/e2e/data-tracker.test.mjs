// In Chromium: a resident logs in (demo), opens "Mijn gegevens", sees who used their data,
// and logs out; every page passes axe (WCAG 2.1 AA) and fits a 320 px wide phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { launch, seriousViolations, fitsWidth } from "./lib/chromium.mjs";

let server;
let browser;
let base;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base],
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("log in as a test resident, see the data tracker, log out", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/mijn-gegevens`);
  await page.getByText("U bent niet ingelogd").waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole("link", { name: "Inloggen als testpersoon (demo)" }).click();
  await page.getByRole("heading", { name: "Inloggen als testpersoon" }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel("Inwoner met BSN 999993653").check();
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(`${base}/`);
  await page.getByRole("listitem").filter({ hasText: "Gemeente Utrecht" }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole("link", { name: "Mijn gegevens", exact: true }).click();
  await page.getByText("U bent ingelogd met burgerservicenummer *****3653.").waitFor();
  const row = page.getByRole("row").filter({ hasText: "Ingelogd" });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /uzelf/);
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.waitForURL(`${base}/`);
  await page.goto(`${base}/mijn-gegevens`);
  await page.getByText("U bent niet ingelogd").waitFor();
  await page.close();
});

test("the pages work at 320 px wide and in English", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of ["/", "/mijn-gegevens", "/auth/demo", "/?lang=en", "/mijn-gegevens?lang=en"]) {
    await page.goto(`${base}${url}`);
    assert.ok(await fitsWidth(page), `${url} scrolls sideways at 320 px`);
  }
  await page.goto(`${base}/mijn-gegevens?lang=en`);
  await page.getByRole("heading", { name: "My data" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});
