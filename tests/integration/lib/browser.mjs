// Just enough of a browser for login flows: a cookie jar per origin and manual redirects.
export class Browser {
  constructor() {
    this.jar = new Map(); // origin -> Map(name -> value)
  }

  cookies(origin) {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    return this.jar.get(origin);
  }

  cookie(url, name) {
    return this.cookies(new URL(url).origin).get(name);
  }

  async fetch(url, { method = "GET", headers = {}, body } = {}) {
    const u = new URL(url);
    const jar = this.cookies(u.origin);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(u, {
      method,
      body,
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    res.setCookies = res.headers.getSetCookie();
    for (const line of res.setCookies) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  // Follows redirects until `stop(url)` is true for the next location; returns that URL.
  async follow(url, stop, { limit = 20 } = {}) {
    let current = new URL(url);
    for (let i = 0; i < limit; i++) {
      if (stop(current)) return current;
      const res = await this.fetch(current);
      await res.arrayBuffer();
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) {
        throw new Error(`stopped at ${current} with ${res.status}`);
      }
      current = new URL(location, current);
    }
    throw new Error("too many redirects");
  }
}

// A resident or business logged in through the demo login of `serve --demo` ("resident:<bsn>",
// "business:<kvk>"), with the session's CSRF token at hand as `csrf`.
export async function demoPerson(serverUrl, subject) {
  const b = new Browser();
  const r = await b.fetch(`${serverUrl}/auth/demo/login`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `subject=${encodeURIComponent(subject)}`,
  });
  if (r.status !== 303) throw new Error(`demo login of ${subject}: ${r.status}`);
  b.csrf = (await (await b.fetch(`${serverUrl}/api/v1/me`)).json()).csrfToken;
  return b;
}

// `principal` registers a mandate for the resident `representativeBsn` for a year, and
// `representative` starts acting for them under it.
export async function actFor(serverUrl, principal, representative, representativeBsn) {
  const until = new Date(Date.now() + 365 * 86400e3).toISOString().slice(0, 10);
  const m = await principal.fetch(`${serverUrl}/api/v1/me/mandates`, {
    method: "POST", headers: { "content-type": "application/json", "x-csrf-token": principal.csrf },
    body: JSON.stringify({ representativeBsn, validUntil: until }),
  });
  if (m.status !== 201) throw new Error(`mandate: ${m.status}`);
  const acting = await representative.fetch(`${serverUrl}/api/v1/me/acting-for`, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-csrf-token": representative.csrf },
    body: JSON.stringify({ mandateId: (await m.json()).id }),
  });
  if (acting.status !== 200) throw new Error(`acting for: ${acting.status}`);
}
