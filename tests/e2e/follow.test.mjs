// In Chromium, with JavaScript on and off: a resident logs in (demo), sees the case in My cases
// with its status and deadline, opens it, reads the message a case worker wrote through the API
// and answers the question asked; the case page and the inbox pass axe at 320 px and desktop
// width, in Dutch and English. Also: what the first page costs in CSS and JavaScript.
// SHOTS=dir saves screenshots of each page at 320 and 1280 px there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { publishedZaaktype, registerCase } from "../integration/lib/zgw-cases.mjs";
import { staffBrowser } from "../integration/lib/staff.mjs";
import { ZAKEN } from "../integration/lib/zgw.mjs";
import { launch, seriousViolations, fitsWidth, demoLogin } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
let server;
let base;
let type;
let worker;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base],
  });
  type = await publishedZaaktype(server, { rsin: "002220647", informeren: true });
  worker = await staffBrowser(server, { email: "e2e-follow@org1.example", organisation: ORG1, role: "case-worker" });
});
after(async () => { await server?.stop(); });

async function shot(page, name) {
  if (!process.env.SHOTS) return;
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(process.env.SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

async function checkEverywhere(page, url, name) {
  for (const lang of ["nl", "en"]) {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}${url.includes("?") ? "&" : "?"}lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${name} ${lang} ${width}`);
      assert.ok(await fitsWidth(page), `${name} scrolls sideways at ${width} px (${lang})`);
    }
  }
  await page.goto(`${url}${url.includes("?") ? "&" : "?"}lang=nl`);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a resident follows, reads and answers (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const zaak = await registerCase(type, { bsn: "999993653", omschrijving: `Boom ${javaScriptEnabled}` });
    const msg = await worker.fetch(`${server.url}/api/v1/cases/${zaak.uuid}/messages`, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": worker.csrf },
      body: JSON.stringify({ body: "Wilt u een foto van de boom sturen?" }),
    });
    assert.equal(msg.status, 201);
    const pause = await type.api(`${ZAKEN}/zaken/${zaak.uuid}`, {
      method: "PATCH", body: { opschorting: { indicatie: true, reden: "Stuur ons een foto van de boom." } },
    });
    assert.equal(pause.status, 200);

    const browser = await launch({ javaScriptEnabled });
    try {
      const page = await browser.context.newPage();
      await demoLogin(page, base);
      await page.getByRole("link", { name: "Mijn zaken", exact: true }).click();
      const item = page.getByRole("listitem").filter({ hasText: `Boom ${javaScriptEnabled}` });
      await item.waitFor();
      assert.match(await item.innerText(), /Uw aanvraag is ontvangen\./);
      assert.match(await item.innerText(), /U hoort uiterlijk op/);
      if (javaScriptEnabled) await shot(page, "mijn-zaken");

      await item.getByRole("link").click();
      await page.getByText("Wilt u een foto van de boom sturen?").waitFor();
      await page.getByText("Stuur ons een foto van de boom.").waitFor();
      if (javaScriptEnabled) await shot(page, "zaak");
      if (javaScriptEnabled) await checkEverywhere(page, page.url(), "case page");

      await page.getByLabel("Uw antwoord").fill("De foto komt per post.");
      await page.getByRole("button", { name: "Antwoord versturen" }).click();
      await page.getByText("Uw antwoord is verstuurd").waitFor();
      await page.getByText("De foto komt per post.").waitFor();
      await page.getByText("Op dit moment hoeft u niets te doen.").waitFor();

      await page.getByRole("link", { name: /Berichten/ }).first().click();
      await page.getByRole("heading", { name: "Berichten", level: 1 }).waitFor();
      if (javaScriptEnabled) {
        await shot(page, "berichten");
        await checkEverywhere(page, `${base}/berichten`, "inbox");
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });
}

test("the first page a resident sees loads at most 120 KB of CSS and JavaScript as transferred", async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const sizes = [];
    page.on("requestfinished", async (request) => {
      const t = request.resourceType();
      if (t !== "stylesheet" && t !== "script") return;
      const s = await request.sizes();
      sizes.push({ url: request.url(), bytes: s.responseBodySize });
    });
    await page.goto(`${base}/`, { waitUntil: "networkidle" });
    const total = sizes.reduce((n, s) => n + s.bytes, 0);
    console.log(`first page CSS+JS transferred: ${total} bytes`, sizes);
    assert.ok(total <= 120 * 1024, `${total} bytes of CSS and JavaScript: ${JSON.stringify(sizes)}`);
  } finally {
    await browser.close();
  }
});
