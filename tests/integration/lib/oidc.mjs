// Starts the test OpenID Provider (tests/oidc/provider.mjs) for one test file.
import { spawn } from "node:child_process";
import net from "node:net";

export const CLIENT_SECRET = "loket-test-secret-0123456789abcdef";

export async function startProvider({ redirectUris, postLogoutUris = [], backchannelUri }) {
  const args = ["tests/oidc/provider.mjs", "--client-secret", CLIENT_SECRET];
  for (const u of redirectUris) args.push("--redirect-uri", u);
  for (const u of postLogoutUris) args.push("--post-logout-uri", u);
  if (backchannelUri) args.push("--backchannel-uri", backchannelUri);
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr.on("data", (d) => { err += d; });
  const issuer = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`provider did not start: ${err}`)), 20000);
    proc.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) { clearTimeout(timer); resolve(JSON.parse(out.slice(0, nl)).issuer); }
    });
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`provider exited ${code}: ${err}`)); });
  });
  return {
    issuer,
    stderr: () => err,
    async setMode(mode) {
      const r = await fetch(`${issuer}/__test/mode`, { method: "POST", body: JSON.stringify({ mode }) });
      if (!r.ok) throw new Error(`mode ${mode}: ${r.status}`);
    },
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.on("exit", r));
    },
  };
}

// A port that was free a moment ago: Loket's address must be known before the provider starts.
export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}
