// The application form as a browser without JavaScript fills it in, for the tests of the
// tree-felling permit (kapvergunning, the demo product that asks for a photo): a resident
// (lib/browser.mjs) posts each step with the CSRF token in a field, and the documents step as a
// multipart form.
import assert from "node:assert/strict";

// The smallest PNG there is (1×1).
export const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
  "1f15c4890000000d49444154789c6300010000050001" + "0d0a2db40000000049454e44ae426082", "hex");

export function applyForm(server, product = "kapvergunning") {
  const page = (text, r) => ({ status: r.status, location: r.headers.get("location"), text });
  const post = async (b, path, fields) => {
    const r = await b.fetch(`${server.url}${path}`, { method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-csrf-token": b.csrf },
      body: new URLSearchParams({ csrf: b.csrf, ...fields }).toString() });
    return page(await r.text(), r);
  };
  const get = async (b, path) => {
    const r = await b.fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
    return page(await r.text(), r);
  };
  // files: [field, filename, bytes, type]
  const upload = async (b, files, fields = {}, headers = {}) => {
    const data = new FormData();
    data.append("csrf", b.csrf);
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    for (const [name, filename, bytes, type] of files) data.append(name, new Blob([bytes], { type }), filename);
    const r = await b.fetch(`${server.url}/aanvragen/${product}/documenten`, { method: "POST",
      headers: { accept: "text/html", ...headers }, body: data });
    return page(await r.text(), r);
  };
  // The questions of the tree-felling permit up to the documents step; returns the last answer.
  const fillIn = async (b, email = "upload@voorbeeld.nl") => {
    for (const [step, fields] of [["locatie", { address: "Dorpsstraat 3, Utrecht" }],
      ["boom", { trees: "1", species: "berk", diameter: "30" }], ["reden", { reason: "ziek", replant: "nee" }]]) {
      assert.equal((await post(b, `/aanvragen/${product}/${step}`, fields)).status, 303, step);
    }
    const last = await post(b, `/aanvragen/${product}/contact`, { email });
    assert.equal(last.status, 303);
    return last;
  };
  // Sends the application from its check page; returns the new case's id.
  const send = async (b) => {
    const check = await get(b, `/aanvragen/${product}/controleren`);
    const key = check.text.match(/name="idempotencyKey" value="([^"]+)"/)[1];
    const sent = await post(b, `/aanvragen/${product}/controleren`, { idempotencyKey: key });
    assert.equal(sent.status, 303, sent.text);
    return new URL(sent.location, server.url).searchParams.get("zaak");
  };
  return { post, get, upload, fillIn, send };
}
