// The server-rendered pages (src/web): rendering without JavaScript, escaping, the CSRF token in
// a hidden form field, post/redirect/get, the demo login from 127.0.0.1, HTML error pages for
// browsers and problem+json for API clients.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { startServer, freePort } from "./lib/server.mjs";
import { Browser } from "./lib/browser.mjs";
import { publishedZaaktype, registerCase } from "./lib/zgw-cases.mjs";
import http from "node:http";

const form = { "content-type": "application/x-www-form-urlencoded" };
const navigate = { accept: "text/html,application/xhtml+xml", "sec-fetch-mode": "navigate" };

// A request as a browser navigating sends it: fetch (undici) always says Sec-Fetch-Mode: cors.
function browse(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const all = Object.fromEntries(Object.entries({ ...navigate, ...headers }).filter(([, v]) => v !== undefined));
    const req = http.request(url, { method, headers: all }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => { text += c; });
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function demoLogin(server, b, bsn = "999993653", origin = server.url) {
  const r = await b.fetch(`${server.url}/auth/demo/login`, {
    method: "POST", headers: { ...form, origin }, body: `subject=resident%3A${bsn}`,
  });
  await r.arrayBuffer();
  return r;
}

describe("pages", () => {
  let server;
  before(async () => {
    const port = await freePort();
    server = await startServer({
      listen: `127.0.0.1:${port}`, args: ["--demo", "--public-url", `http://localhost:${port}`],
    });
  });
  after(async () => { await server?.stop(); });

  test("the home page is rendered on the server, in Dutch or English", async () => {
    const nl = await fetch(`${server.url}/`);
    assert.equal(nl.status, 200);
    assert.match(nl.headers.get("content-type"), /^text\/html; charset=utf-8/);
    assert.match(nl.headers.get("content-security-policy"), /script-src 'self'; style-src 'self'/);
    const html = await nl.text();
    assert.match(html, /<html lang="nl"/);
    assert.match(html, /Regel het zelf, bij elke overheid/);
    assert.match(html, /Gemeente Utrecht \(gemeente\)/);
    assert.match(html, /<a class="utrecht-skip-link[^"]*" href="#main">Direct naar de inhoud<\/a>/);
    assert.match(html, /<main id="main"/);
    assert.doesNotMatch(html, /<script|style="/, "no script needed, no inline style");

    const en = await fetch(`${server.url}/?lang=en`);
    const enHtml = await en.text();
    assert.match(enHtml, /<html lang="en"/);
    assert.match(enHtml, /Arrange it yourself/);
    assert.match(en.headers.get("set-cookie"), /loket_lang=en/);
    // The cookie, then Accept-Language, pick the language when ?lang= does not.
    const again = await (await fetch(`${server.url}/mijn-zaken`, { headers: { cookie: "loket_lang=en" } })).text();
    assert.match(again, /<h1 class="utrecht-heading-1">My cases<\/h1>/);
    const accept = await (await fetch(`${server.url}/mijn-zaken`, { headers: { "accept-language": "en-GB,en;q=0.9" } })).text();
    assert.match(accept, /My cases/);
  });

  test("the old addresses redirect to the pages, keeping the query", async () => {
    for (const [from, to] of [["/index.html", "/"], ["/mijn-zaken.html?lang=en", "/mijn-zaken?lang=en"],
      ["/mijn-gegevens.html", "/mijn-gegevens"], ["/wachtwoord-herstellen.html?token=abc", "/wachtwoord-herstellen?token=abc"]]) {
      const r = await fetch(`${server.url}${from}`, { redirect: "manual" });
      assert.equal(r.status, 301, from);
      assert.equal(r.headers.get("location"), to);
    }
  });

  test("the NL Design System stylesheets are served from the binary", async () => {
    for (const path of ["/assets/utrecht/component-library.css", "/assets/utrecht/design-tokens.css"]) {
      const r = await fetch(`${server.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get("content-type"), /^text\/css/);
      assert.match(await r.text(), /utrecht/);
    }
  });

  test("My cases lists the resident's cases on the server, a description as text", async () => {
    const type = await publishedZaaktype(server, { rsin: "002220647" });
    const zaak = await registerCase(type, { bsn: "999993653", omschrijving: "<script>alert('x')</script> & co" });
    const b = new Browser();
    const out = await (await b.fetch(`${server.url}/mijn-zaken`)).text();
    assert.match(out, /U bent niet ingelogd/);
    assert.match(out, /href="\/auth\/demo"/);
    assert.equal((await demoLogin(server, b)).status, 303);
    const html = await (await b.fetch(`${server.url}/mijn-zaken`)).text();
    assert.ok(html.includes(zaak.identificatie), "the case number is shown");
    assert.match(html, /Kapvergunning aanvragen/);
    assert.match(html, /Uw aanvraag is ontvangen\./);
    assert.match(html, /U hoort uiterlijk op/);
    assert.ok(html.includes("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), "escaped as text");
    assert.doesNotMatch(html, /<script>alert/);
    // Someone else sees none of it.
    const other = new Browser();
    await demoLogin(server, other, "999990019");
    const theirs = await (await other.fetch(`${server.url}/mijn-zaken`)).text();
    assert.ok(!theirs.includes(zaak.identificatie));
    assert.match(theirs, /U heeft nog geen zaken\./);
  });

  test("My data shows who used the data, and logs out with the CSRF token in a hidden field", async () => {
    const b = new Browser();
    await demoLogin(server, b);
    const page = await b.fetch(`${server.url}/mijn-gegevens`);
    const html = await page.text();
    assert.match(html, /U bent ingelogd met burgerservicenummer \*{5}3653\./);
    assert.match(html, /<td class="utrecht-table__cell">Ingelogd<\/td>/);
    const token = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html)?.[1];
    const me = await (await b.fetch(`${server.url}/api/v1/me`)).json();
    assert.equal(token, me.csrfToken, "the form carries the session's token");

    // A browser's post without the token: refused, as a page in the site's style.
    const cookie = [...b.cookies(server.url)].map(([k, v]) => `${k}=${v}`).join("; ");
    const refused = await browse(`${server.url}/auth/logout`, {
      method: "POST", headers: { ...form, origin: server.url, cookie }, body: "",
    });
    assert.equal(refused.status, 403);
    assert.match(refused.headers["content-type"], /^text\/html/);
    assert.match(refused.text, /<h1 class="utrecht-heading-1">Dat mag niet<\/h1>/);
    // The same without navigation (a script, an API client): problem+json.
    const api = await b.fetch(`${server.url}/auth/logout`, { method: "POST", headers: form, body: "" });
    assert.equal(api.status, 403);
    assert.equal(api.headers.get("content-type"), "application/problem+json");
    await api.arrayBuffer();
    // The X-CSRF-Token header keeps working for the JSON API (checked in identity tests); the
    // form field does it without JavaScript.
    const out = await b.fetch(`${server.url}/auth/logout`, {
      method: "POST", headers: { ...form, origin: server.url }, body: `csrf=${encodeURIComponent(token)}`,
    });
    assert.equal(out.status, 303);
    assert.equal((await b.fetch(`${server.url}/api/v1/me`)).status, 401);
  });

  test("the reset form posts, redirects and shows the outcome (post/redirect/get)", async () => {
    const r = await fetch(`${server.url}/wachtwoord-herstellen`, {
      method: "POST", headers: { ...form, ...navigate }, body: "email=iemand%40org1.example", redirect: "manual",
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get("location"), "/wachtwoord-herstellen?verstuurd=1");
    const shown = await (await fetch(`${server.url}/wachtwoord-herstellen?verstuurd=1`)).text();
    assert.match(shown, /ontvangt u binnen een paar minuten een e-mail/);

    // Wrong input: the form again, the answer kept, the problem next to its field and summed up.
    const bad = await browse(`${server.url}/wachtwoord-herstellen`, {
      method: "POST", headers: form, body: "email=geen-adres%22%3E",
    });
    assert.equal(bad.status, 400);
    const html = bad.text;
    assert.match(html, /<a class="utrecht-link" href="#email">Vul een geldig e-mailadres in\.<\/a>/);
    assert.match(html, /id="email-error">Vul een geldig e-mailadres in\./);
    assert.match(html, /value="geen-adres&quot;&gt;"/);
    assert.match(html, /aria-invalid="true"/);

    const link = await (await fetch(`${server.url}/wachtwoord-herstellen?token=abc%22x`)).text();
    assert.match(link, /<input type="hidden" name="token" value="abc&quot;x">/);
    const used = await browse(`${server.url}/wachtwoord-herstellen/bevestigen`, {
      method: "POST", headers: form, body: "token=abc&password=een+lang+wachtwoord&code=123456",
    });
    assert.equal(used.status, 400);
    assert.match(used.text, /Deze link werkt niet meer/);
    // Not a browser at a page: the API's answer, naming the field.
    const api = await fetch(`${server.url}/wachtwoord-herstellen`, { method: "POST", headers: form, body: "email=x" });
    assert.equal(api.status, 400);
    assert.equal(api.headers.get("content-type"), "application/problem+json");
    assert.equal((await api.json()).invalidParams[0].name, "email");
  });

  test("too many reset requests: 429 as a page for a browser", async () => {
    let last;
    for (let i = 0; i < 11; i++) {
      last = await browse(`${server.url}/wachtwoord-herstellen`, {
        method: "POST", headers: form, body: "email=vaak%40org1.example",
      });
    }
    assert.equal(last.status, 429);
    assert.ok(last.headers["retry-after"]);
    assert.match(last.headers["content-type"], /^text\/html/);
    assert.match(last.text, /Te veel pogingen/);
  });

  test("errors: an HTML page for a navigating browser, problem+json for everyone else", async () => {
    const page = await browse(`${server.url}/bestaat-niet?lang=en`);
    assert.equal(page.status, 404);
    assert.match(page.headers["content-type"], /^text\/html/);
    const html = page.text;
    assert.match(html, /This page does not exist/);
    assert.match(html, /<link rel="stylesheet" href="\/assets\/utrecht\/component-library.css">/);
    // Without Fetch Metadata an Accept naming text/html is enough.
    const old = await browse(`${server.url}/bestaat-niet`, { headers: { "sec-fetch-mode": undefined } });
    assert.match(old.text, /Deze pagina bestaat niet/);
    // API clients, scripts and the APIs themselves keep problem+json.
    for (const [path, headers] of [["/bestaat-niet", {}], ["/bestaat-niet", { accept: "application/json" }],
      ["/bestaat-niet", { accept: "text/html", "sec-fetch-mode": "cors" }]]) {
      const r = await fetch(`${server.url}${path}`, { headers });
      assert.equal(r.headers.get("content-type"), "application/problem+json", `${path} ${JSON.stringify(headers)}`);
      await r.arrayBuffer();
    }
    const api = await browse(`${server.url}/api/v1/me`);
    assert.equal(api.status, 401);
    assert.equal(api.headers["content-type"], "application/problem+json");
    const wrong = await browse(`${server.url}/`, { method: "DELETE" });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, "GET, HEAD");
    assert.match(wrong.text, /Dat lukte niet/);
  });
});

describe("make run's loopback address", () => {
  let server;
  let port;
  before(async () => {
    port = await freePort();
    server = await startServer({
      listen: `127.0.0.1:${port}`, args: ["--demo", "--public-url", `http://localhost:${port}`],
    });
  });
  after(async () => { await server?.stop(); });

  test("the demo login works from 127.0.0.1 as from localhost; another site stays refused", async () => {
    const viaIp = new Browser();
    const ip = await viaIp.fetch(`http://127.0.0.1:${port}/auth/demo/login`, {
      method: "POST", headers: { ...form, origin: `http://127.0.0.1:${port}` }, body: "subject=resident%3A999993653",
    });
    assert.equal(ip.status, 303, "127.0.0.1 is this server too");
    assert.equal((await viaIp.fetch(`http://127.0.0.1:${port}/api/v1/me`)).status, 200);

    const viaName = new Browser();
    const name = await viaName.fetch(`http://localhost:${port}/auth/demo/login`, {
      method: "POST", headers: { ...form, origin: `http://localhost:${port}` }, body: "subject=resident%3A999993653",
    });
    assert.equal(name.status, 303);

    for (const origin of ["http://evil.example", `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, "null"]) {
      const r = await new Browser().fetch(`http://127.0.0.1:${port}/auth/demo/login`, {
        method: "POST", headers: { ...form, origin }, body: "subject=resident%3A999993653",
      });
      assert.equal(r.status, 403, origin);
      await r.arrayBuffer();
    }
  });
});
