// What a keystroke in /kommuner's search costs at scale, against what the browser itself
// costs for a keystroke (not part of the tests; #34's measure). A generated register (290
// municipalities × 20 events) is imported through /data; then the same words are typed and
// erased letter by letter into the search and into a field the bench adds that does nothing.
// Each keystroke: keydown → the first task after the next frame. Both fields in one run, in
// turns, so the machine's state is the same for both.
//
//   node scripts/bench-search.mjs <dist> <generated.json>
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { CHROMIUM, QUIET } from "./chromium.mjs";

const [dist = "dist", generated] = process.argv.slice(2);
if (!generated) throw new Error("usage: node scripts/bench-search.mjs <dist> <generated.json>");
const WORDS = ["kalix", "malung", "arjeplog", "sala", "tanum", "hjo", "boxholm", "ale", "habo", "lund"];
const ROUNDS = 2;

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await serve({ dir: dist, port: 0 });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
try {
  const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(origin + "/data");
  await page.evaluate(() => window.kcLoader?.start());
  await page.waitForFunction(() => document.querySelector("main h1") && !document.querySelector("[data-prerendered]"));
  await page.getByLabel("Välj fil att importera").setInputFiles({ name: "generated.json", mimeType: "application/json", buffer: await readFile(generated) });
  await page.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
  await page.getByTestId("import-done").waitFor({ timeout: 60_000 });
  await page.goto(origin + "/kommuner");
  await page.waitForFunction(() => document.querySelector("main h1") && !document.querySelector("[data-prerendered]"));
  const rows = await page.locator("main table tbody tr").count();
  await page.evaluate(() => {
    const idle = document.createElement("input");
    idle.id = "bench-noop";
    idle.setAttribute("aria-label", "bench");
    document.body.prepend(idle);
    window.__keys = [];
    document.addEventListener(
      "keydown",
      (e) => {
        const start = e.timeStamp;
        const field = e.target.id;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => window.__keys.push({ field, ms: performance.now() - start });
          ch.port2.postMessage(0);
        });
      },
      true,
    );
  });
  const type = async (selector, word) => {
    await page.locator(selector).focus();
    for (const key of [...word, ...Array(word.length).fill("Backspace")]) {
      const before = await page.evaluate(() => window.__keys.length);
      await page.keyboard.press(key);
      await page.waitForFunction((n) => window.__keys.length > n, before);
      // Past the URL's write (300 ms after the last key), as a person types, unevenly.
      await page.waitForTimeout(60 + Math.random() * 60);
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const word of WORDS) {
      await type("#list-q", word);
      await type("#bench-noop", word);
    }
  }
  const keys = await page.evaluate(() => window.__keys);
  const of = (field) => keys.filter((k) => k.field === field).map((k) => k.ms);
  const search = of("list-q");
  const noop = of("bench-noop");
  const p95 = quantile(search, 0.95);
  const floor = quantile(noop, 0.95);
  console.log(`| field (${rows} rows) | keystrokes | median | p95 |`);
  console.log("|---|---|---|---|");
  console.log(`| /kommuner's search | ${search.length} | ${ms(quantile(search, 0.5))} | ${ms(p95)} |`);
  console.log(`| a field that does nothing | ${noop.length} | ${ms(quantile(noop, 0.5))} | ${ms(floor)} |`);
  console.log(`p95 over the floor: ${ms(p95 - floor)} (goal ≤ 4 ms)`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
