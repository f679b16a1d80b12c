// In Chromium, with JavaScript on and with it off: log in with DigiD through the test OpenID
// provider, apply for a tree-felling permit, leave half-way, go on in a new browser (another
// device), upload the photo the product asks for (a refused file first), send, see the
// confirmation, then the case in My cases and the photo on its page; a photo past the upload
// limit is named at its field (JavaScript) or answered with the site's page. Every page passes axe (WCAG
// 2.1 AA) at 320 px and at desktop width, in Dutch and in English; SHOTS=dir saves screenshots
// of the documents step and the case page at 320 and 1280 px there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { startProvider, freePort, CLIENT_SECRET } from "../integration/lib/oidc.mjs";
import { mkdir } from "node:fs/promises";
import { launch, seriousViolations, fitsWidth } from "./lib/chromium.mjs";

// The smallest PNG (1×1), and a page that calls itself a photo.
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082", "hex");

async function shots(page, name) {
  if (!process.env.SHOTS) return;
  await mkdir(process.env.SHOTS, { recursive: true });
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(process.env.SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

let server;
let op;
let base;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  op = await startProvider({ redirectUris: [`${base}/auth/digid/callback`], postLogoutUris: [`${base}/`] });
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--public-url", base, "--digid-issuer", op.issuer, "--digid-client-secret", CLIENT_SECRET,
      "--max-body", "65536", "--max-upload-body", "262144"],
  });
});
after(async () => {
  await server?.stop();
  await op?.stop();
});

// axe at desktop width and at 320 px (which must not scroll sideways); `english`: the same page
// again with ?lang=en (GET pages only), then back to Dutch.
// axe runs its script in the page, which a browser without JavaScript does not: the run with
// JavaScript checks the same server-rendered pages.
async function accessible(page, what, { english = true } = {}) {
  if (!page.context()._loketScripts) return;
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await seriousViolations(page), [], `${what} at ${width} px`);
    if (width === 320) assert.ok(await fitsWidth(page), `${what} scrolls sideways at 320 px`);
  }
  if (english) {
    const url = new URL(page.url());
    url.searchParams.set("lang", "en");
    await page.goto(url.toString());
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.deepEqual(await seriousViolations(page), [], `${what} in English at 320 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.deepEqual(await seriousViolations(page), [], `${what} in English`);
    url.searchParams.set("lang", "nl");
    await page.goto(url.toString());
  }
}

for (const javaScriptEnabled of [true, false]) {
  test(`apply for a tree-felling permit, leave, resume elsewhere, send (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const first = await launch({ javaScriptEnabled });
    first.context._loketScripts = javaScriptEnabled;
    let page = await first.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/producten`);
    await accessible(page, "the catalogue");
    await page.getByRole("link", { name: "Kapvergunning" }).click();
    await page.getByRole("heading", { name: "Kapvergunning" }).waitFor();
    await accessible(page, "the product page");
    await page.getByRole("link", { name: "Inloggen en aanvragen" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/locatie`);
    await page.getByText("Stap 1 van 4").waitFor();
    await accessible(page, "step 1");
    await page.getByLabel("Adres").fill("Stationsplein 1, Utrecht");
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/boom`);
    await page.getByLabel("Hoeveel bomen wilt u kappen?").fill("veel");
    await page.getByLabel("Soort boom").fill("eik");
    await page.getByRole("button", { name: "Volgende" }).click();
    // Refused: the summary at the top links to each field, the message sits next to it.
    await page.getByRole("heading", { name: "Er is een probleem" }).waitFor();
    const summary = page.locator(".error-summary");
    assert.match(await summary.innerText(), /Vul een aantal in van 1 tot 50\./);
    assert.match(await summary.innerText(), /Dikte van de stam in cm/);
    assert.equal(await page.getByLabel("Hoeveel bomen wilt u kappen?").inputValue(), "veel");
    await accessible(page, "a refused step", { english: false });
    await page.getByLabel("Hoeveel bomen wilt u kappen?").fill("2");
    await page.getByLabel("Dikte van de stam in cm").fill("45");
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/reden`);
    await first.close(); // leave half-way

    // Another device: log in again, the product page offers to go on.
    const second = await launch({ javaScriptEnabled });
    second.context._loketScripts = javaScriptEnabled;
    page = await second.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/producten/kapvergunning`);
    await page.getByRole("link", { name: "Inloggen en aanvragen" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/reden`);
    await page.goto(`${base}/producten`);
    await page.getByRole("link", { name: /Ga verder met uw aanvraag/ }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/reden`);
    await page.getByLabel("De boom is ziek of dood").check();
    await page.getByLabel("Ja", { exact: true }).check();
    await accessible(page, "step 3");
    await page.getByLabel("De boom is ziek of dood").check();
    await page.getByLabel("Ja", { exact: true }).check();
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/contact`);
    await page.getByLabel("E-mailadres").fill("boom@voorbeeld.nl");
    await page.getByRole("button", { name: "Volgende" }).click();
    // The photo: a plain file input; a file that is no photo is refused next to the field.
    await page.waitForURL(`${base}/aanvragen/kapvergunning/documenten`);
    await page.getByRole("heading", { name: "Documenten toevoegen" }).waitFor();
    await accessible(page, "the documents step");
    const js = javaScriptEnabled ? "js" : "nojs";
    // A photo past the limit (--max-upload-body, 256 kB here): with JavaScript named at its field
    // before sending; without, the server's page says what to do, and Back returns to the step.
    await page.getByLabel("Foto van de boom").setInputFiles({ name: "groot.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(300_000)]) });
    await page.getByRole("button", { name: "Volgende" }).click();
    if (javaScriptEnabled) {
      await page.locator("#document-0-error").waitFor();
      assert.match(await page.locator("#document-0-error").innerText(), /groot\.png.*te groot/);
    } else {
      await page.getByRole("heading", { name: "Wat u stuurde is te groot" }).waitFor();
      assert.match(await page.locator("main").innerText(), /kies een kleiner bestand/);
      await shots(page, "upload-too-large-nojs");
      await page.goBack();
      await page.getByRole("heading", { name: "Documenten toevoegen" }).waitFor();
    }
    await page.getByLabel("Foto van de boom").setInputFiles({ name: "boom.png", mimeType: "image/png", buffer: Buffer.from("<html>geen foto</html>") });
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.getByRole("heading", { name: "Er is een probleem" }).waitFor();
    assert.match(await page.locator(".error-summary").innerText(), /Het bestand boom\.png is geen PDF, foto/);
    assert.match(await page.locator(".utrecht-form-field--invalid").innerText(), /is geen PDF, foto/);
    await accessible(page, "a refused upload", { english: false });
    await shots(page, `apply-documents-refused-${js}`);
    await page.getByLabel("Foto van de boom").setInputFiles({ name: "de-eik.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Bestand toevoegen en hier blijven" }).click();
    await page.getByText("de-eik.png").waitFor();
    await shots(page, `apply-documents-${js}`);
    await page.getByRole("button", { name: "Volgende" }).click();
    await page.waitForURL(`${base}/aanvragen/kapvergunning/controleren`);
    assert.match(await page.locator("main").innerText(), /de-eik\.png/);
    await page.getByRole("heading", { name: "Controleer uw antwoorden" }).waitFor();
    assert.match(await page.locator("main").innerText(), /Stationsplein 1, Utrecht/);
    await accessible(page, "check your answers");
    await page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await page.getByRole("heading", { name: "Uw aanvraag is verstuurd" }).waitFor();
    const reference = await page.locator(".reference").innerText();
    assert.match(reference, /^UTR-\d{4}-\d{6}$/);
    assert.match(await page.locator("main").innerText(), /U hoort uiterlijk/);
    await accessible(page, "the confirmation");
    await page.goto(`${base}/mijn-zaken`);
    await page.getByText(reference).waitFor();
    // The case page lists the photo sent with the application.
    await page.locator(".cases__item", { hasText: reference }).getByRole("link").click();
    await page.getByText("de-eik.png").waitFor();
    await accessible(page, "the case page");
    await shots(page, `case-page-${js}`);
    await second.close();
  });
}
