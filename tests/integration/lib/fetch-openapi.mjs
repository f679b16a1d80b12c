// Starts a server, saves its /api/v1/openapi.json to the file named by argv[2] (for the API lint).
import { writeFile } from "node:fs/promises";
import { startServer } from "./server.mjs";

const out = process.argv[2];
if (!out) {
  console.error("usage: fetch-openapi.mjs OUTPUT.json");
  process.exit(2);
}
const server = await startServer({ seed: false });
try {
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json: ${res.status}`);
  const doc = await res.json();
  await writeFile(out, JSON.stringify(doc, null, 2) + "\n");
  console.error(`saved ${out}`);
} finally {
  await server.stop();
}
