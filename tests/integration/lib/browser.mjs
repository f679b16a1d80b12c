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
