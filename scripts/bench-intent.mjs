// What a first visitor's first intent costs (not part of the tests; #34's measure): a fresh
// browser (nothing stored, Swedish, no service worker) opens /kommun/hjo, reads until the
// page's loader has fetched the app ahead, then clicks "Ändra" with a real mouse. Measured:
// pointerdown → the form painted ("intent → answer"), and the click's interaction as the
// Event Timing API reports it (the longest entry of that interaction). Then the same for
// "hjo" typed into /kommuner's search: the first keydown → the list showing Hjo alone.
// Median of RUNS, at 1× and 4× CPU.
//
//   node scripts/bench-intent.mjs <dist>
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

const [dist = "dist"] = process.argv.slice(2);
const RUNS = 5;
const COMMITMENT = "Ändra klimatcoach, åtagande och behovsanalys";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** In the page: the first press, when the app showed `selector` (with `text`) painted, and the Event Timing entries. */
function watch({ selector, text }) {
  window.__down = null;
  window.__answered = null;
  window.__events = [];
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ at: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  for (const type of ["pointerdown", "keydown"]) addEventListener(type, (e) => (window.__down ??= e.timeStamp), true);
  const check = () => {
    const found = document.querySelector(selector);
    return found && (!text || found.textContent === text) && !document.querySelector("[data-prerendered]");
  };
  const look = () => {
    if (window.__answered === null && check()) {
      requestAnimationFrame(() => setTimeout(() => (window.__answered ??= performance.now())));
      return;
    }
    if (window.__answered === null) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push({ name: e.name, duration: e.duration, id: e.interactionId });
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
}

const server = await serve({ dir: dist, port: 0, prefix: "/" });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });

async function visit(cpu, path, done, act) {
  const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(watch, done);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  await page.goto(origin + path, { waitUntil: "load" });
  // Read until the code is fetched ahead.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("_bg.wasm")));
  await page.waitForTimeout(500);
  await act(page);
  await page.waitForFunction(() => window.__answered !== null, null, { timeout: 20_000 });
  await page.waitForTimeout(300);
  const { down, answered, events, long } = await page.evaluate(() => ({ down: window.__down, answered: window.__answered, events: window.__events, long: window.__long }));
  await context.close();
  const first = events[0]?.id;
  const interaction = Math.max(0, ...events.filter((e) => e.id === first).map((e) => e.duration));
  const start = long.filter((t) => t.at >= down).map((t) => t.duration);
  return { answer: answered - down, interaction, longest: Math.max(0, ...start), blocked: start.reduce((sum, d) => sum + Math.max(0, d - 50), 0) };
}

console.log("| intent | CPU | intent → answer painted | first interaction (Event Timing) | the start's longest task | its tasks' excess over 50 ms |");
console.log("|---|---|---|---|---|---|");
const cells = (runs) =>
  ["answer", "interaction", "longest", "blocked"].map((k) => `${median(runs.map((r) => r[k])).toFixed(0)} ms`).join(" | ");
for (const cpu of [1, 4]) {
  const clicks = [];
  for (let i = 0; i < RUNS; i++) {
    clicks.push(
      await visit(cpu, "/kommun/hjo", { selector: ".edit-in-place > *" }, (page) =>
        page.getByRole("button", { name: COMMITMENT, exact: true }).click(),
      ),
    );
  }
  console.log(`| click "Ändra" on /kommun/hjo | ${cpu}× | ${cells(clicks)} |`);
  const typed = [];
  for (let i = 0; i < RUNS; i++) {
    typed.push(
      await visit(
        cpu,
        "/kommuner",
        { selector: "[data-testid=showing]", text: "Visar 1 av 27." },
        async (page) => {
          await page.getByLabel("Sök").click();
          await page.keyboard.type("hjo");
        },
      ),
    );
  }
  console.log(`| "hjo" into /kommuner's search | ${cpu}× | ${cells(typed)} |`);
}
await browser.close();
server.close();
