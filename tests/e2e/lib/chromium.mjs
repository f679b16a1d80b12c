// Debian's Chromium driven by playwright-core, and axe-core checks, for the browser tests.
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// `javaScriptEnabled: false` for a browser without scripts: every page must work without them.
export async function launch({ javaScriptEnabled = true } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), "loket-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled,
    // A Dutch resident's browser: the pages follow Accept-Language when no choice was made.
    locale: "nl-NL",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// Logs in through the demo login (`serve --demo`) as one of its test persons; returns on the
// home page it leads to.
export async function demoLogin(page, base, person = "Inwoner met BSN 999993653") {
  await page.goto(`${base}/auth/demo`);
  await page.getByLabel(person).check();
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(`${base}/`);
}

// Fails with the list of serious and critical WCAG 2.1 AA violations on the page, if any.
export async function seriousViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// True when the page fits the viewport width (no sideways scrolling).
export async function fitsWidth(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth);
}
