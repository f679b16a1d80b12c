// In Chromium: a resident gets an automatic grant of a demolition notification, reads why on the
// case page and asks for a review by a person; the public algorithm register; a contractor
// accepts a work order and reports it done with a note and a photo (JavaScript on and off), the
// case worker sees it and the resident sees the case move on. Each page passes axe (WCAG 2.1 AA)
// at 320 px and on a desktop, in Dutch and English; screenshots land in
// build/test-results/bo-auto/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startServer } from "../integration/lib/server.mjs";
import { freePort } from "../integration/lib/oidc.mjs";
import { addStaff, staffBrowser, totp, freshTotpStep, STAFF_PASSWORD } from "../integration/lib/staff.mjs";
import { demoPerson } from "../integration/lib/browser.mjs";
import { launch, seriousViolations, fitsWidth, demoLogin } from "./lib/chromium.mjs";

const ORG1 = "5f1c2b7e-8d0a-4b6e-9c3f-1a2b3c4d5e01";
const SHOTS = path.resolve("build/test-results/bo-auto");
// A 1×1 PNG: an image by its content.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

let server, base, products, worker, admin, contractorAccount, company;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({
    listen: `127.0.0.1:${port}`,
    webRoot: path.resolve("web/public"),
    args: ["--demo", "--public-url", base],
  });
  products = (await (await fetch(`${base}/api/v1/products`)).json()).results;
  worker = await staffBrowser(server, { email: "e2e-auto-worker@org1.example", organisation: ORG1, role: "case-worker" });
  admin = await staffBrowser(server, { email: "e2e-auto-admin@org1.example", organisation: ORG1, role: "administrator" });
  const email = "e2e-aannemer@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "contractor", name: "Aannemer" });
  contractorAccount = { email, totpSecret };
  const post = (b, p, body) => b.fetch(`${server.url}${p}`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": b.csrf }, body: JSON.stringify(body) });
  let r = await post(admin, "/api/v1/contractors", { organisation: ORG1, name: "Wegenbouw Utrecht BV" });
  const made = await r.text();
  assert.equal(r.status, 201, made);
  company = JSON.parse(made);
  r = await post(admin, `/api/v1/contractors/${company.id}/members`, { email });
  assert.equal(r.status, 200, await r.text());
  await mkdir(SHOTS, { recursive: true });
});
after(async () => { await server?.stop(); });

const addDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
let seq = 0;
async function submit(person, product, answers) {
  const p = products.find((x) => x.id === product);
  const r = await person.fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": person.csrf, "idempotency-key": `e2e-auto-${++seq}` },
    body: JSON.stringify({ caseType: p.caseType, description: p.name.nl, answers }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  return JSON.parse(text).id;
}
async function decided(person, id) {
  for (let i = 0; i < 100; i++) {
    const r = await person.fetch(`${base}/api/v1/cases/${id}/automated-decision`);
    if (r.status === 200) return r.json();
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("the rules did not run");
}

// axe in Dutch and English at 320 px (no sideways scrolling) and 1280 px; screenshots in Dutch.
async function check(page, name) {
  const url = page.url();
  for (const lang of ["nl", "en"]) {
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}${url.includes("?") ? "&" : "?"}lang=${lang}`);
      assert.deepEqual(await seriousViolations(page), [], `${name} ${lang} at ${width} px`);
      assert.ok(await fitsWidth(page), `${name} scrolls sideways at ${width} px (${lang})`);
      if (lang === "nl") await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
  }
  await page.goto(`${url}${url.includes("?") ? "&" : "?"}lang=nl`);
}

// The staff login is an API (password + TOTP); its session cookie goes into the browser.
async function staffSession(browser, account, step = 0) {
  await freshTotpStep();
  const r = await fetch(`${base}/auth/staff/login`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: STAFF_PASSWORD, code: totp(account.totpSecret, step) }),
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

test("a resident reads why the notification was granted automatically and asks for a human review", async () => {
  const api = await demoPerson(base, "resident:999993653");
  const id = await submit(api, "sloopmelding", { address: "Oudegracht 10, Utrecht", start: addDays(45), asbestos: "nee", waste: 12, email: "a@example.nl" });
  assert.equal((await decided(api, id)).outcome, "grant");
  const browser = await launch({ javaScriptEnabled: true });
  try {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await demoLogin(page, base);
    await page.goto(`${base}/mijn-zaken/${id}`);
    await page.getByRole("heading", { name: "Automatisch besloten" }).waitFor();
    await page.getByText("U verwijdert geen asbest en u begint minstens 4 weken na uw melding.").first().waitFor();
    await check(page, "automatisch-besluit");
    await page.getByRole("button", { name: "Vraag om beoordeling door een mens" }).click();
    await page.getByText("U heeft gevraagd om beoordeling door een mens.").waitFor();
    const d = await decided(api, id);
    assert.ok(d.reviewCase);
    await page.getByRole("link", { name: "Bekijk het verzoek" }).click();
    await page.waitForURL(`${base}/mijn-zaken/${d.reviewCase}`);
    await page.getByText(/menselijke beoordeling/).first().waitFor();

    await page.goto(`${base}/algoritmeregister/${ORG1}`);
    await page.getByRole("heading", { name: /Algoritmeregister/ }).waitFor();
    await page.getByRole("heading", { name: "Sloopmelding" }).waitFor();
    await check(page, "algoritmeregister");
  } finally {
    await browser.close();
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`a contractor accepts a work order and reports it done with a photo (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const js = javaScriptEnabled ? "js" : "nojs";
    const resident = await demoPerson(base, "resident:999990019");
    const id = await submit(resident, "melding-openbare-ruimte", { kind: "weg", description: `Gat in de weg (${js})`, location: "Vredenburg 1, Utrecht", email: "b@example.nl" });
    // The case worker gives the order (its page is the last test's).
    const browser = await launch({ javaScriptEnabled });
    try {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(20_000);
      const order = await worker.fetch(`${server.url}/api/v1/cases/${id}/work-orders`, {
        method: "POST", headers: { "content-type": "application/json", "x-csrf-token": worker.csrf },
        body: JSON.stringify({ company: company.id, instructions: "Dicht het gat met asfalt.", location: "Vredenburg 1, Utrecht", dueDate: addDays(7) }),
      });
      const ordered = await order.text();
      assert.equal(order.status, 201, ordered);
      const orderId = JSON.parse(ordered).id;

      await staffSession(browser, contractorAccount, javaScriptEnabled ? 0 : 1);
      await page.goto(`${base}/opdrachten`);
      await page.getByRole("heading", { name: "Werkopdrachten" }).waitFor();
      if (javaScriptEnabled) await check(page, "opdrachten");
      await page.locator(`a[href="/opdrachten/${orderId}"]`).click();
      await page.waitForURL(`${base}/opdrachten/${orderId}`);
      await page.getByText("Dicht het gat met asfalt.").waitFor();
      // The contractor sees the order, never the case.
      assert.equal((await page.content()).includes(id), false);
      if (javaScriptEnabled) await check(page, "opdracht");
      await page.getByRole("button", { name: "Accepteer de opdracht" }).click();
      await page.getByRole("heading", { name: "Meld de opdracht gereed" }).waitFor();
      if (javaScriptEnabled) await check(page, "opdracht-geaccepteerd");
      // The resident sees the case planned.
      const planned = await (await resident.fetch(`${base}/api/v1/cases/${id}`)).json();
      assert.match(JSON.stringify(planned.status), /Ingepland/);

      await page.getByLabel("Wat is er gedaan?").fill("Gat gedicht met koud asfalt.");
      await page.getByLabel("Foto van het resultaat").setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: PNG });
      await page.getByRole("button", { name: "Meld gereed" }).click();
      await page.getByText("Uitgevoerd op").first().waitFor();
      if (javaScriptEnabled) await check(page, "opdracht-gereed");
      const photo = await page.request.get(`${base}/api/v1/work-orders/${orderId}/photo`);
      assert.equal(photo.status(), 200);
      assert.equal(photo.headers()["content-type"], "image/png");

      // The case worker sees it done, with the note; the resident sees the work done.
      const seen = await (await worker.fetch(`${server.url}/api/v1/cases/${id}/work-orders`)).json();
      assert.equal(seen.results[0].state, "done");
      assert.equal(seen.results[0].note, "Gat gedicht met koud asfalt.");
      const theirs = await (await resident.fetch(`${base}/api/v1/cases/${id}/work-orders`)).json();
      assert.equal(theirs.results[0].state, "done");
      assert.equal(theirs.results[0].note, undefined);
    } finally {
      await browser.close();
    }
  });
}

test("the case worker's work order page passes axe and gives an order", async () => {
  const resident = await demoPerson(base, "resident:999991905");
  const id = await submit(resident, "melding-openbare-ruimte", { kind: "verlichting", description: "Lamp kapot", location: "Neude 1, Utrecht", email: "c@example.nl" });
  const email = "e2e-auto-worker2@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "case-worker", name: "Behandelaar" });
  const browser = await launch({ javaScriptEnabled: false });
  try {
    await staffSession(browser, { email, totpSecret });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/behandelen/werkopdrachten/${id}`);
    await page.getByRole("heading", { name: /Werkopdrachten bij zaak/ }).waitFor();
    await page.getByLabel("Aannemer").selectOption({ label: "Wegenbouw Utrecht BV" });
    await page.getByLabel("Locatie").fill("Neude 1, Utrecht");
    await page.getByLabel("Klaar uiterlijk op").fill(addDays(3));
    await page.getByLabel("Wat er moet gebeuren").fill("Vervang de lamp.");
    await page.getByRole("button", { name: "Geef de opdracht" }).click();
    await page.getByRole("heading", { name: /Wegenbouw Utrecht BV: Nieuw/ }).waitFor();
    const browser2 = await launch({ javaScriptEnabled: true });
    try {
      await staffSession(browser2, { email, totpSecret }, 1);
      const p2 = await browser2.context.newPage();
      await p2.goto(`${base}/behandelen/werkopdrachten/${id}`);
      await check(p2, "werkopdrachten-behandelaar");
    } finally {
      await browser2.close();
    }
  } finally {
    await browser.close();
  }
});

test("an administrator's staff page passes axe and gives a role with a plain form", async () => {
  const email = "e2e-auto-beheer@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "administrator", name: "Beheerder" });
  const browser = await launch({ javaScriptEnabled: true });
  try {
    await staffSession(browser, { email, totpSecret });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/beheer/${ORG1}/medewerkers`);
    await page.getByRole("heading", { name: /Medewerkers/ }).waitFor();
    await check(page, "medewerkers");
    await page.getByLabel("E-mailadres", { exact: true }).fill("e2e-aannemer@org1.example");
    await page.getByLabel("Rol", { exact: true }).selectOption("case-worker");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByText("De rol is gewijzigd.").waitFor();
    const row = page.getByRole("listitem").filter({ hasText: "e2e-aannemer@org1.example" });
    assert.match(await row.innerText(), /Aannemer, Behandelaar|Behandelaar, Aannemer/);
  } finally {
    await browser.close();
  }
});

test("an administrator changes a product: the pages pass axe, the preview shows the form, publishing makes version 2", async () => {
  const email = "e2e-auto-producten@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "administrator", name: "Productbeheer" });
  // axe runs in the page: JavaScript on (the pages use none).
  const browser = await launch({ javaScriptEnabled: true });
  try {
    await staffSession(browser, { email, totpSecret });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/behandelen`);
    await page.getByRole("link", { name: "Producten", exact: true }).click();
    await page.getByRole("heading", { name: /Producten/ }).waitFor();
    await check(page, "producten");
    await page.getByRole("link", { name: "Een vraag stellen" }).click();
    await page.getByRole("heading", { name: "Een vraag stellen" }).waitFor();
    await check(page, "product");
    // With JavaScript the preview follows the form while it is typed, without the button.
    const form = JSON.parse(await page.getByLabel("Formulier (JSON)").inputValue());
    form.steps[0].title = { nl: "Uw vraag, live bekeken", en: "Your question, seen live" };
    await page.getByLabel("Formulier (JSON)").fill(JSON.stringify(form));
    await page.locator(".admin-product__preview").getByText("Uw vraag, live bekeken").waitFor();
    await page.getByLabel("Formulier (JSON)").fill("{");
    await page.locator(".admin-product__no-preview").getByRole("link", { name: /^Formulier:/ }).waitFor();
    await page.getByLabel("Formulier (JSON)").fill(JSON.stringify(form));
    await page.locator(".admin-product__preview").getByText("Uw vraag, live bekeken").waitFor();
    await page.getByLabel("Termijn", { exact: true }).fill("P3W");
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await page.getByRole("heading", { name: "Voorbeeld van het formulier" }).waitFor();
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      assert.deepEqual(await seriousViolations(page), [], `the preview at ${width} px`);
      assert.ok(await fitsWidth(page), `the preview scrolls sideways at ${width} px`);
      await page.screenshot({ path: path.join(SHOTS, `product-voorbeeld-${width}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: "Publiceren als nieuwe versie" }).click();
    await page.getByText("Versie 2 is gepubliceerd.").waitFor();
    assert.equal(await page.getByLabel("Termijn", { exact: true }).inputValue(), "P3W");
    // A refused change names the field in the summary and at the field.
    await page.getByLabel("Termijn", { exact: true }).fill("drie weken");
    await page.getByRole("button", { name: "Voorbeeld bekijken" }).click();
    await page.getByRole("heading", { name: "Controleer deze velden" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "the refused change");
    assert.equal(await page.getByRole("link", { name: /^Termijn:/ }).getAttribute("href"), "#product-term");
    assert.equal(await page.getByLabel("Termijn", { exact: true }).getAttribute("aria-invalid"), "true");
  } finally {
    await browser.close();
  }
});

test("an administrator makes a team and its case worker filters the queue on it: the pages pass axe", async () => {
  const email = "e2e-auto-teams@org1.example";
  const { totpSecret } = await addStaff(server, { email, organisation: ORG1, role: "administrator", name: "Teambeheer" });
  const workerEmail = "e2e-auto-teamlid@org1.example";
  const worker = await addStaff(server, { email: workerEmail, organisation: ORG1, role: "case-worker", name: "Tessa Teamlid" });
  const browser = await launch({ javaScriptEnabled: true });
  try {
    await staffSession(browser, { email, totpSecret });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/behandelen`);
    await page.getByRole("link", { name: "Teams", exact: true }).click();
    await page.getByRole("heading", { name: /^Teams/ }).waitFor();
    // A new team without a name is refused, named in the summary and at the field.
    await page.locator("#team-nieuw").getByRole("button", { name: "Team opslaan" }).click();
    await page.getByRole("heading", { name: "Controleer deze velden" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "the refused team");
    assert.equal(await page.getByRole("link", { name: /^Naam:/ }).getAttribute("href"), "#team-nieuw-name");
    assert.equal(await page.locator("#team-nieuw-name").getAttribute("aria-invalid"), "true");
    await page.locator("#team-nieuw-name").fill("Team Bomen");
    await page.locator("#team-nieuw-member-" + worker.id).check();
    await page.locator("#team-nieuw-product-kapvergunning").check();
    await page.locator("#team-nieuw").getByRole("button", { name: "Team opslaan" }).click();
    await page.getByText("Het team is opgeslagen.").waitFor();
    await page.getByRole("heading", { name: "Team Bomen" }).waitFor();
    await check(page, "teams");
  } finally {
    await browser.close();
  }
  const second = await launch({ javaScriptEnabled: true });
  try {
    await staffSession(second, { email: workerEmail, totpSecret: worker.totpSecret });
    const page = await second.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/behandelen`);
    await page.getByLabel("Team", { exact: true }).selectOption({ label: "Mijn teams" });
    await page.getByRole("button", { name: "Toon zaken" }).click();
    await page.waitForURL(/team=mijn/);
    assert.equal(await page.getByLabel("Team", { exact: true }).inputValue(), "mijn");
    await check(page, "queue-team");
  } finally {
    await second.close();
  }
});
