// A real clamd for the tests, with a configuration and a signature database of its own in a
// temporary folder: one body signature for the EICAR test string, written here (no freshclam,
// no download). The same set-up as src/documents/clamd_test.cpp.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

export function clamdBinary() {
  return ["/usr/sbin/clamd", "/usr/local/sbin/clamd"].find((p) => existsSync(p));
}

function ping(socket) {
  return new Promise((resolve) => {
    const c = net.createConnection(socket, () => c.write("zPING\0"));
    let got = "";
    c.on("data", (d) => { got += d; if (got.includes("PONG")) { c.end(); resolve(true); } });
    c.on("error", () => resolve(false));
    c.setTimeout(1000, () => { c.destroy(); resolve(false); });
  });
}

// Starts clamd and waits until it answers PING; returns { address, stop }.
export async function startClamd() {
  const binary = clamdBinary();
  if (!binary) throw new Error("clamd is not installed: scripts/deps.sh installs clamav-daemon");
  const dir = await mkdtemp(path.join(os.tmpdir(), "loket-clamd-"));
  await mkdir(path.join(dir, "db"));
  const hex = Buffer.from(EICAR, "latin1").toString("hex");
  await writeFile(path.join(dir, "db", "loket-test.ndb"), `Loket.Test.EICAR:0:*:${hex}\n`);
  const socket = path.join(dir, "clamd.sock");
  await writeFile(path.join(dir, "clamd.conf"), [
    `LocalSocket ${socket}`, `DatabaseDirectory ${path.join(dir, "db")}`, `TemporaryDirectory ${dir}`,
    `LogFile ${path.join(dir, "clamd.log")}`, "Foreground yes", "StreamMaxLength 1M", "",
  ].join("\n"));
  const proc = spawn(binary, [`--config-file=${path.join(dir, "clamd.conf")}`], { stdio: "ignore" });
  const deadline = Date.now() + 60_000;
  while (!(await ping(socket))) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill("SIGKILL");
      throw new Error("clamd did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    address: `unix:${socket}`,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
