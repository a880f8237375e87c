// The cost of one edit as the register grows (not part of the tests; #32's measure).
//
//   node scripts/bench-save.mjs <dist> <generated-290x20.json> <generated-290x80.json>
//
// For the built-in data and each generated register (imported on /data with "Ersätt allt
// med filen", as a person would): saving one note on /kommun/hjo, timed as the browser's
// Event Timing API times the click (its interaction duration: input to the next paint),
// median and slowest of RUNS saves; the same click until the note shows as saved (its button
// disabled) and that is painted: a save written in the background (IndexedDB) ends after the
// interaction's first paint; and opening the store: a reload of /kommun/hjo until the app has
// taken the page over, once right after the saves, then RUNS times a few seconds apart. A
// register the browser's storage refuses is reported with the app's own message.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

const [dist = "dist", ...files] = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: node scripts/bench-save.mjs <dist> <generated.json>…");
const RUNS = 10;
const LATER = 3_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => (x < 16 ? "< 16 ms" : `${x.toFixed(0)} ms`);
const running = () => document.querySelector("main") !== null && document.querySelector("[data-prerendered]") === null;

// Every interaction's duration, by interaction id (the longest of its events).
const WATCH = () => {
  window.__interactions = new Map();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.interactionId) continue;
      window.__interactions.set(e.interactionId, Math.max(window.__interactions.get(e.interactionId) ?? 0, e.duration));
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
};

const server = await serve({ dir: dist, port: 0, prefix: "/" });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });

async function measure(name, file) {
  const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  await context.addInitScript(WATCH);
  const page = await context.newPage();
  const go = async (path) => {
    await page.goto(origin + path);
    await page.waitForFunction(running);
    await page.locator("main h1").waitFor();
  };
  if (file) {
    await go("/data");
    await page.getByLabel("Välj fil att importera").setInputFiles({ name: "generated.json", mimeType: "application/json", buffer: readFileSync(file) });
    await page.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
    const outcome = await Promise.race([
      page.getByTestId("import-done").waitFor({ timeout: 120_000 }).then(() => null),
      page.getByText(/lagring är full|sparades inte/).first().waitFor({ timeout: 120_000 }).then(async () => page.getByText(/lagring är full|sparades inte/).first().innerText()),
    ]);
    if (outcome) {
      await context.close();
      return [name, `refused: “${outcome.trim()}”`, "", "", ""];
    }
  }
  const saves = [];
  await go("/kommun/hjo");
  const field = page.locator("textarea").first();
  const button = field.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" });
  const shown = [];
  for (let run = 0; run < RUNS; run++) {
    await field.fill(`Anteckning ${run} ${Date.now()}`);
    await page.evaluate(() => window.__interactions.clear());
    await button.evaluate((b) => {
      window.__shown = null;
      let t0 = 0;
      b.addEventListener("click", (e) => (t0 = e.timeStamp), { capture: true, once: true });
      const seen = new MutationObserver(() => {
        if (!b.disabled) return;
        seen.disconnect();
        requestAnimationFrame(() => setTimeout(() => (window.__shown = performance.now() - t0)));
      });
      seen.observe(b, { attributes: true, attributeFilter: ["disabled"] });
    });
    await button.click();
    await page.getByTestId("announcer").filter({ hasText: "Ändringen är sparad." }).waitFor();
    // The entry is reported after the paint that ends it.
    await page.waitForFunction(() => window.__interactions.size > 0, null, { timeout: 5000 }).catch(() => {});
    const durations = await page.evaluate(() => [...window.__interactions.values()]);
    // Nothing reported: the browser reports no interaction shorter than 16 ms.
    saves.push(durations.length ? Math.max(...durations) : 0);
    await page.waitForFunction(() => window.__shown !== null);
    shown.push(await page.evaluate(() => window.__shown));
  }
  // Opening: once right after the last save, then as a later visit finds it (a few seconds
  // on, when the database's start copy has been taken again: store/indexed.rs).
  const reload = async () => {
    await page.reload();
    await page.waitForFunction(running);
    return page.evaluate(() => performance.now());
  };
  const afterSave = await reload();
  const opens = [];
  for (let run = 0; run < RUNS; run++) {
    await page.waitForTimeout(LATER);
    opens.push(await reload());
  }
  const stored = await page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + 2 * (k.length + localStorage.getItem(k).length), 0));
  const database = await page.evaluate(async () => (await navigator.storage.estimate()).usageDetails?.indexedDB ?? 0);
  await context.close();
  const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
  return [
    name,
    `${ms(median(saves))} (slowest ${ms(Math.max(...saves))})`,
    `${median(shown).toFixed(0)} ms (slowest ${Math.max(...shown).toFixed(0)} ms)`,
    ms(afterSave),
    ms(median(opens)),
    stored < 1e5 ? `${(stored / 1e3).toFixed(1)} KB` : mb(stored),
    mb(database),
  ];
}

const rows = [await measure("built-in data", null)];
for (const file of files) rows.push(await measure(`${basename(file, ".json")} (${(statSync(file).size / 1e6).toFixed(1)} MB of JSON)`, file));
await browser.close();
server.close();

console.log(`| register | save one note on /kommun/hjo: interaction duration, median of ${RUNS} | click → saved note painted, median | reload → app running: right after the last save | the same, ${LATER / 1000} s later, median of ${RUNS} | localStorage (UTF-16) | IndexedDB (browser's estimate) |`);
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
