// In Chromium, with JavaScript switched off: log in (demo), see My cases and My data, log out,
// ask for a password reset link: every step works without a script. With scripts on, every
// page passes axe (WCAG 2.1 AA) at 320 px and 1280 px, in Dutch and English, and fits 320 px;
// screenshots of each go to build/screenshots/ for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startServer, repoRoot } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { publishedZaaktype, registerCase } from "../integration/lib/zgw-cases.mjs";
import { launch, seriousViolations, fitsWidth, demoLogin } from "./lib/chromium.mjs";

let server;
let base;
let zaak;
const shots = path.join(repoRoot, "build/screenshots");

before(async () => {
  const port = await freePort();
  // Opened at 127.0.0.1 while the public URL says localhost, as after make run.
  base = `http://127.0.0.1:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", `http://localhost:${port}`],
  });
  zaak = await registerCase(await publishedZaaktype(server, { rsin: "002220647" }),
    { bsn: "999993653", omschrijving: "<b>Eik</b> in de voortuin" });
  await mkdir(shots, { recursive: true });
});
after(async () => { await server?.stop(); });

test("without JavaScript: log in, my cases, my data, log out, reset form", async () => {
  const browser = await launch({ javaScriptEnabled: false });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${base}/mijn-zaken`);
    await page.getByText("U bent niet ingelogd").waitFor();
    await demoLogin(page, base);
    await page.getByRole("link", { name: "Mijn zaken", exact: true }).click();
    const item = page.getByRole("listitem").filter({ hasText: "Kapvergunning aanvragen" });
    await item.waitFor();
    const text = await item.innerText();
    assert.ok(text.includes(zaak.identificatie));
    assert.match(text, /Uw aanvraag is ontvangen\./);
    assert.ok(text.includes("<b>Eik</b> in de voortuin"), "markup in a description is text");

    await page.getByRole("link", { name: "Mijn gegevens", exact: true }).click();
    await page.getByText("U bent ingelogd met burgerservicenummer *****3653.").waitFor();
    await page.getByRole("row").filter({ hasText: "Ingelogd" }).first().waitFor();
    await page.getByRole("link", { name: "English" }).click();
    await page.getByRole("heading", { name: "My data", exact: true }).waitFor();
    await page.getByRole("link", { name: "Nederlands" }).click();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/mijn-gegevens`);
    await page.getByText("U bent niet ingelogd").waitFor();

    await page.goto(`${base}/wachtwoord-herstellen`);
    await page.getByLabel("E-mailadres").fill("geen adres");
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await page.getByRole("link", { name: "Vul een geldig e-mailadres in." }).waitFor();
    await page.getByLabel("E-mailadres").fill("iemand@org1.example");
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await page.waitForURL(`${base}/wachtwoord-herstellen?verstuurd=1`);
    await page.getByText("ontvangt u binnen een paar minuten een e-mail").waitFor();
    // A reload shows the outcome again without posting again.
    await page.reload();
    await page.getByText("ontvangt u binnen een paar minuten een e-mail").waitFor();

    const missing = await page.goto(`${base}/bestaat-niet`);
    assert.equal(missing.status(), 404);
    await page.getByRole("heading", { name: "Deze pagina bestaat niet" }).waitFor();
  } finally {
    await browser.close();
  }
});

test("every page passes axe at 320 px and 1280 px, in Dutch and English; screenshots", async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const pages = [
      ["home", "/"], ["mijn-zaken-uitgelogd", "/mijn-zaken"], ["mijn-gegevens-uitgelogd", "/mijn-gegevens"],
      ["wachtwoord-herstellen", "/wachtwoord-herstellen"], ["wachtwoord-nieuw", "/wachtwoord-herstellen?token=abc"],
      ["demo-login", "/auth/demo"], ["niet-gevonden", "/bestaat-niet"],
      ["login", null], ["mijn-zaken", "/mijn-zaken"], ["mijn-gegevens", "/mijn-gegevens"],
    ];
    for (const [name, url] of pages) {
      if (!url) { await demoLogin(page, base); continue; }
      for (const lang of ["nl", "en"]) {
        for (const width of [320, 1280]) {
          await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
          const sep = url.includes("?") ? "&" : "?";
          await page.goto(`${base}${url}${sep}lang=${lang}`);
          await page.locator("main h1").waitFor();
          assert.deepEqual(await seriousViolations(page), [], `${url} (${lang}, ${width} px)`);
          if (width === 320) assert.ok(await fitsWidth(page), `${url} (${lang}) scrolls sideways at 320 px`);
          if (lang === "nl") await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
        }
      }
    }
    // The error summary of a refused form, too.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${base}/wachtwoord-herstellen?lang=nl`);
    await page.getByLabel("E-mailadres").fill("geen adres");
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await page.getByRole("heading", { name: "Er is een probleem" }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: path.join(shots, "wachtwoord-fout-320.png"), fullPage: true });
  } finally {
    await browser.close();
  }
});
