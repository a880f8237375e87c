// Sync through the embedded server (not part of the tests; #33's measures).
//
//   node scripts/bench-sync.mjs <dist> <generated-290x20.json>
//
// Against a fresh pouchdb-server (started and stopped here): browser A takes the register
// (imported on /data with "Ersätt allt med filen") and connects: from "Anslut" until its
// header says "Synkad" with every document on the server (the push). A new browser B
// connects: from "Anslut" until "Synkad" with every record stored (the pull). Then EDITS
// notes saved in A on /kommun/hjo, each timed from the click on "Spara anteckningar" until
// B's open /kommun/hjo shows it: median and 95th percentile.
import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";
import { startCouch } from "./embedded-couch.mjs";

const [dist = "dist", file] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/bench-sync.mjs <dist> <generated.json>");
const EDITS = 20;

const running = () => document.querySelector("main") !== null && document.querySelector("[data-prerendered]") === null;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

const server = await serve({ dir: dist, port: 0, prefix: "/" });
const origin = `http://127.0.0.1:${server.address().port}`;
const dir = await mkdtemp(join(tmpdir(), "bench-sync-"));
const couch = await startCouch({ dir, port: 5995, origin });
const auth = { Authorization: `Basic ${Buffer.from(`${couch.user.name}:${couch.user.password}`).toString("base64")}` };
const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });

async function page() {
  const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const p = await context.newPage();
  p.go = async (path) => {
    await p.goto(origin + path);
    // A first visitor's page waits for an intent before the app starts (#34): start it now.
    await p.evaluate(() => window.kcLoader?.start());
    await p.waitForFunction(running);
    await p.locator("main h1").waitFor();
  };
  return p;
}

/** Connects on /data; milliseconds from the click until the header says "Synkad". */
async function connect(p) {
  await p.go("/data");
  await p.getByLabel("Serveradress").fill(couch.url);
  await p.getByLabel("Användarnamn").fill(couch.user.name);
  await p.getByLabel("Lösenord", { exact: true }).fill(couch.user.password);
  await p.getByLabel("Kom ihåg lösenordet på den här datorn").check();
  const t0 = Date.now();
  await p.getByRole("button", { name: "Anslut" }).click();
  await p.waitForFunction(() => document.querySelector(".sync-status")?.dataset.state === "synced", null, { timeout: 600_000, polling: 20 });
  return Date.now() - t0;
}

const recordsStored = (p) =>
  p.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("klimatcoachning");
        open.onsuccess = () => {
          const keys = open.result.transaction("records").objectStore("records").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.filter((k) => k !== "head" && !k.startsWith("order/")).length);
        };
      }),
  );

const a = await page();
await a.go("/data");
await a.getByLabel("Välj fil att importera").setInputFiles({ name: "generated.json", mimeType: "application/json", buffer: readFileSync(file) });
await a.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
await a.getByTestId("import-done").waitFor({ timeout: 120_000 });
const records = await recordsStored(a);

const pushed = await connect(a);
const onServer = (await (await fetch(`${couch.url}`, { headers: auth })).json()).doc_count;

const b = await page();
const pulled = await connect(b);
const inB = await recordsStored(b);

await a.go("/kommun/hjo");
await b.go("/kommun/hjo");
for (const p of [a, b]) await p.waitForFunction(() => document.querySelector(".sync-status")?.dataset.state === "synced");
const latencies = [];
for (let i = 0; i < EDITS; i++) {
  const text = `Ändring ${i} ${Date.now()}`;
  await a.locator("#notes-organisation").fill(text);
  const t0 = Date.now();
  await a.getByRole("button", { name: "Spara anteckningar" }).click();
  await b.waitForFunction((t) => document.getElementById("notes-organisation")?.value === t, text, { timeout: 60_000, polling: 10 });
  latencies.push(Date.now() - t0);
  await a.waitForTimeout(300);
}

console.log(`register: ${records} records in A (${file})`);
console.log(`push to an empty server: ${(pushed / 1000).toFixed(1)} s (${onServer} documents on the server)`);
console.log(`a new browser pulls it: ${(pulled / 1000).toFixed(1)} s (${inB} records stored in B)`);
console.log(`an edit in A shows in B, ${EDITS} edits: p50 ${quantile(latencies, 0.5)} ms, p95 ${quantile(latencies, 0.95)} ms, slowest ${Math.max(...latencies)} ms`);

await browser.close();
await couch.stop();
await rm(dir, { recursive: true, force: true });
server.close();
