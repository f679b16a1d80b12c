// In Chromium: a resident with a case in the registry logs in (demo), opens "Mijn zaken" and
// sees where the case stands; the page passes axe (WCAG 2.1 AA), fits 320 px and speaks English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { publishedZaaktype, registerCase } from "../integration/lib/zgw-cases.mjs";
import { demoPerson } from "../integration/lib/browser.mjs";
import { launch, seriousViolations, fitsWidth, demoLogin } from "./lib/chromium.mjs";

let server;
let browser;
let base;
let zaak;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base],
  });
  zaak = await registerCase(await publishedZaaktype(server, { rsin: "002220647" }), { bsn: "999993653" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a resident follows their case on Mijn zaken", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/mijn-zaken`);
  await page.getByText("U bent niet ingelogd").waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await demoLogin(page, base);
  await page.getByRole("link", { name: "Mijn zaken", exact: true }).click();
  const item = page.getByRole("listitem").filter({ hasText: "Kapvergunning aanvragen" });
  await item.waitFor();
  const text = await item.innerText();
  assert.match(text, /Uw aanvraag is ontvangen\./);
  assert.ok(text.includes(zaak.identificatie), "the case number is shown");
  assert.match(text, /Gemeente/);
  assert.match(text, /U hoort uiterlijk op/);
  assert.deepEqual(await seriousViolations(page), []);

  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await fitsWidth(page), "Mijn zaken scrolls sideways at 320 px");
  await page.goto(`${base}/mijn-zaken?lang=en`);
  await page.getByRole("heading", { name: "My cases" }).waitFor();
  await page.getByText("You will hear by").waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});

// The cases of whom one acts for are in the same list, saying for whom (SHOTS=dir: screenshots).
test("Mijn zaken lists the cases of whom one acts for, saying for whom", async () => {
  const type = await publishedZaaktype(server, { rsin: "002220647" });
  const childCase = await registerCase(type, { bsn: "999991905" });
  const child = await demoPerson(base, "resident:999991905");
  const m = await child.fetch(`${base}/api/v1/me/mandates`, {
    method: "POST", headers: { "content-type": "application/json", "x-csrf-token": child.csrf },
    body: JSON.stringify({ representativeBsn: "999993653", validUntil: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10) }),
  });
  assert.equal(m.status, 201);
  const page = await browser.context.newPage();
  await page.goto(`${base}/mijn-zaken?lang=nl`);
  const item = page.getByRole("listitem").filter({ hasText: childCase.identificatie });
  await item.waitFor();
  assert.match(await item.innerText(), /Voor\s+de persoon met BSN [*\d-]+, namens wie u optreedt/);
  assert.doesNotMatch(await item.innerText(), /999991905/);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await seriousViolations(page), [], `at ${width} px`);
    assert.ok(await fitsWidth(page), `fits ${width} px`);
    if (process.env.SHOTS) await page.screenshot({ path: path.join(process.env.SHOTS, `my-cases-for-whom-${width}.png`), fullPage: true });
  }
  await page.goto(`${base}/mijn-zaken?lang=en`);
  await page.getByText("for whom you act").first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});

// More than a page: next, previous and first page links, by keyset, with and without JavaScript.
test("Mijn zaken pages forwards and back", async () => {
  const type = await publishedZaaktype(server, { rsin: "002220647" });
  for (let i = 0; i < 22; i++) await registerCase(type, { bsn: "999993653" });
  for (const javaScriptEnabled of [true, false]) {
    const b = await launch({ javaScriptEnabled });
    try {
      const page = await b.context.newPage();
      await demoLogin(page, base);
      await page.goto(`${base}/mijn-zaken?lang=nl`);
      const ids = async () => page.locator('a[href^="/mijn-zaken/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      const first = await ids();
      assert.equal(first.length, 20);
      assert.equal(await page.getByRole("link", { name: "Vorige pagina" }).count(), 0);
      await page.getByRole("link", { name: "Volgende pagina" }).click();
      await page.waitForURL(/na=/);
      const second = await ids();
      assert.ok(second.length > 0 && second.every((id) => !first.includes(id)), "no case on both pages");
      if (javaScriptEnabled) {
        for (const width of [320, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          assert.deepEqual(await seriousViolations(page), [], `the second page at ${width} px`);
          assert.ok(await fitsWidth(page), `the second page fits ${width} px`);
          if (process.env.SHOTS) await page.screenshot({ path: path.join(process.env.SHOTS, `my-cases-page-2-${width}.png`), fullPage: true });
        }
      }
      await page.getByRole("link", { name: "Vorige pagina" }).click();
      await page.waitForURL(/voor=/);
      assert.deepEqual(await ids(), first, "the page before the second is the first");
    } finally {
      await b.close();
    }
  }
});
