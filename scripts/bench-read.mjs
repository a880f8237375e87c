// What a first visitor who only reads costs the main thread (not part of the tests; #34's
// measure): for each route, a fresh browser (nothing stored, Swedish) at 4× CPU reads the page
// for 5 s without touching it; the long tasks from the navigation on, each one's excess over
// 50 ms summed ("blocked"), and the longest. Median of RUNS visits per route.
//
//   node scripts/bench-read.mjs <dist> [route…]
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

const [dist = "dist", ...asked] = process.argv.slice(2);
const ROUTES = asked.length > 0 ? asked : ["/", "/kommuner", "/kommun/hjo"];
const RUNS = 3;
const READ_MS = 5_000;
const CPU = 4;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// Long tasks from the very start of the page (buffered), kept in the page.
const WATCH = () => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
};

const server = await serve({ dir: dist, port: 0, prefix: "/" });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });

console.log(`| route | blocked (sum of excess over 50 ms) | longest task | long tasks |`);
console.log(`|---|---|---|---|`);
for (const route of ROUTES) {
  const blocked = [], longest = [], counts = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
    await page.goto(origin + route, { waitUntil: "load" });
    await page.waitForTimeout(READ_MS);
    const tasks = await page.evaluate(() => window.__long);
    blocked.push(tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0));
    longest.push(Math.max(0, ...tasks));
    counts.push(tasks.length);
    await context.close();
  }
  console.log(`| ${route} | ${median(blocked).toFixed(0)} ms | ${median(longest).toFixed(0)} ms | ${median(counts)} |`);
}
await browser.close();
server.close();
