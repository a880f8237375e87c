// Shared set-up for the end-to-end journeys: a static server over a release
// build, and Debian's Chromium driven by playwright-core (no browser download).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM, QUIET } from "../../scripts/chromium.mjs";

export { CHROMIUM, QUIET };

// Every Content-Security-Policy violation in any page of a run; `stop()` fails the run on one.
const violations = [];

/** Records the CSP violations of every page in `context` (the browser's own report and the DOM event). */
export async function watchCsp(context) {
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} at ${location.pathname}`),
    ),
  );
  context.on("console", (m) => {
    if (/CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  return context;
}

/** Fails when any page so far broke the Content-Security-Policy. */
export function assertNoCspViolations() {
  if (violations.length > 0) {
    throw new Error(`Content-Security-Policy violations:\n${[...new Set(violations)].join("\n")}`);
  }
}

/** Serves `dir` under `prefix` on a free port and starts a browser. */
export async function start({ dir = "dist", prefix = "/" } = {}) {
  const server = await serve({ dir, port: 0, prefix });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await watchCsp(await newContext(options));
    await context.addInitScript(MARK_INPUT);
    return context;
  };
  return {
    url: (path = "") => origin + prefix.replace(/\/$/, "") + path,
    origin,
    browser,
    server,
    /** A context that is not watched for CSP violations, for a test that provokes them. */
    unwatchedContext: (options = {}) => newContext({ locale: "en-GB", ...options }),
    /** A page in a new context; `plain`: `goto` and `reload` return without waiting for the app. */
    async page({ plain = false, ...options } = {}) {
      const context = await browser.newContext({ locale: "en-GB", ...options });
      // Every page of the context, the tabs a journey opens later too.
      if (!plain && options.javaScriptEnabled !== false) context.on("page", waitForTheApp);
      const page = await context.newPage();
      page.problems = [];
      page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
      page.on("console", (m) => {
        // A deep link is answered by 404.html with status 404, as static hosts do; that is expected.
        const expected404 = /status of 404/.test(m.text());
        if (m.type() === "error" && !expected404) page.problems.push(`console: ${m.text()}`);
      });
      return page;
    },
    async stop() {
      await browser.close();
      await new Promise((done) => server.close(done));
      assertNoCspViolations();
    },
  };
}

/** Notes, at each press of a key or pointer, which announcement the page was at ([`announced`]). */
const MARK_INPUT = () => {
  for (const type of ["pointerdown", "keydown"]) {
    addEventListener(type, () => (window.__seqAtInput = document.querySelector("[data-testid=announcer]")?.dataset.seq ?? ""), true);
  }
};

/**
 * Waits for the app to announce `text` (a string it contains, or a RegExp) after the last key
 * or pointer press: a save is made in the background, and the same words as the save before
 * must not count.
 */
export async function announced(page, text) {
  const pattern = text instanceof RegExp ? { source: text.source, flags: text.flags } : { source: text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags: "" };
  await page.waitForFunction(
    ({ source, flags }) => {
      const a = document.querySelector("[data-testid=announcer]");
      return a !== null && (a.dataset.seq ?? "") !== (window.__seqAtInput ?? "") && new RegExp(source, flags).test(a.textContent);
    },
    pattern,
  );
}

/** Whether the running app has taken over the prerendered page (src/ui/takeover.rs). */
export const appRunning = () => document.querySelector("main") !== null && document.querySelector("[data-prerendered]") === null;

/**
 * Starts the app now on a page written for a first visitor, whose app would start on their
 * first intent (index.html, `kcLoader`); a journey that is not about that acts on the app.
 * Any other page has started it already.
 */
export const startTheApp = (page) => page.evaluate(() => window.kcLoader?.start()).catch(() => {});

/**
 * Makes `page.goto`, `page.reload`, `page.goBack` and `page.goForward` return once the app
 * runs, started if the page waits for an intent: a prerendered page shows the heading before
 * the wasm has started (and the route's own chunk has arrived), and a journey acts on the
 * app, not on it. Going back past a
 * reload loads a page too. A page without the app (a JSON file) returns as before; not for
 * JavaScript off.
 */
export function waitForTheApp(page) {
  for (const name of ["goto", "reload", "goBack", "goForward"]) {
    const plain = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await plain(...args);
      const isApp = await page.evaluate(() => document.querySelector("main") !== null).catch(() => false);
      if (isApp) {
        await startTheApp(page);
        await page.waitForFunction(appRunning);
      }
      return response;
    };
  }
  return page;
}

/** Opens `url` and waits until the app has taken the page over and rendered its heading. */
export async function open(page, url) {
  const response = await page.goto(url);
  await startTheApp(page);
  await page.waitForFunction(appRunning);
  await page.locator("main h1").first().waitFor();
  return response;
}

/** Saves `text` in a notes field (a form of its own) and waits for the app to say it is saved. */
export async function saveNotes(page, field, text) {
  await field.fill(text);
  await field.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await announced(page, "Ändringen är sparad.");
}

/** The button that opens a municipality page's coach, commitment and needs analysis form. */
export const COMMITMENT = "Ändra klimatcoach, åtagande och behovsanalys";

/** Opens a section's form on a municipality page by its button's full name; focus moves into it. */
export async function openEditor(page, name = COMMITMENT) {
  await page.getByRole("button", { name, exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.closest(".edit-in-place") != null);
}

/** Waits until `read()` returns `expected` (the app saves in the background, then shows). */
export async function until(read, expected, message) {
  let actual;
  for (let tries = 0; tries < 100; tries++) {
    actual = await read();
    if (actual === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(actual, expected, message);
}

/**
 * Every row of the register as the browser's database holds it: { key: parsed JSON }
 * (store/indexed.rs: `head`, `order/<list>`, `<list>/<id>`).
 */
export function storedRows(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("klimatcoachning");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("records")) return db.close(), resolve({});
          const store = db.transaction("records").objectStore("records");
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            db.close();
            resolve(Object.fromEntries(keys.result.map((k, i) => [k, JSON.parse(values.result[i])])));
          };
          values.onerror = () => reject(values.error);
        };
      }),
  );
}

/** The register as stored, as one dataset: each list in its stored order. */
export async function storedDataset(page) {
  const rows = await storedRows(page);
  if (!rows.head) return null;
  const dataset = { ...rows.head };
  for (const list of ["sources", "programmes", "organisations", "participations", "coaches", "events", "removed"]) {
    dataset[list] = (rows[`order/${list}`] ?? []).map((id) => rows[`${list}/${id}`]).filter(Boolean);
  }
  return dataset;
}

const AXE = await readFile(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** axe-core's violations on the page as it is (WCAG 2.1 A and AA, and best practice). */
export async function axeViolations(page) {
  // Through the DevTools protocol, which the page's CSP does not govern; an inline <script> tag it would block.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A port nothing listens on now (for a server a test starts). */
export async function freePort() {
  const probe = createServer().listen(0, "127.0.0.1");
  await new Promise((done) => probe.once("listening", done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** Exports on /data ("Exportera (JSON)"): the downloaded file's name and text. */
export async function exportFile(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Exportera (JSON)" }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

/** Chooses `text` as the file to import on /data. */
/** The generated register, 290 municipalities × 20 events (scripts/test.sh writes it before the suite). */
export function generated290() {
  const file = process.env.KC_GENERATED ?? "target/generated-290x20.json";
  assert.ok(existsSync(file), `${file} is written by scripts/test.sh before this suite`);
  return readFileSync(file);
}

/** On /data: replaces the whole register with the file `body`, and waits until it is done. */
export async function replaceAllWith(page, body, name = "generated.json") {
  await page.getByLabel("Välj fil att importera").setInputFiles({ name, mimeType: "application/json", buffer: body });
  await page.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
  await page.getByTestId("import-done").waitFor({ timeout: 60_000 });
}

export async function importText(page, text, name = "klimatcoachning-import.json") {
  await page.getByLabel("Välj fil att importera").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
}

/**
 * Makes the round "Klimatcoachning 2027" (at most 20 000 inhabitants, 75 000 kr, 3 years)
 * through the form on /program, in either language, registers `applicants` (kommunkoder)
 * and selects the first `selected` of them. Returns the round's address.
 */
export async function makeRound(app, page, { applicants = [], selected = 0 } = {}) {
  await open(page, app.url("/program"));
  await page.locator("#round-add-open").click();
  const form = page.locator("form.round-editor");
  for (const [id, value] of [["name", "Klimatcoachning 2027"], ["start", "2027-01-01"], ["end", "2029-12-31"], ["max-population", "20000"], ["grant", "75000"], ["min-contribution", "75000"], ["years", "3"]]) {
    await form.locator(`#round-${id}`).fill(value);
  }
  await form.locator("button[type=submit]").click();
  await page.locator('[data-round="klimatcoachning-2027"]').waitFor();
  const path = "/program/klimatcoachning-2027";
  await open(page, app.url(path));
  for (const code of applicants) {
    await page.locator("#applicant-municipality").fill(code);
    await page.locator("form.register-applicant button[type=submit]").click();
    await page.locator(`[data-id="participation-klimatcoachning-2027-${code}"]`).waitFor();
  }
  for (const code of applicants.slice(0, selected)) {
    const row = page.locator(`[data-id="participation-klimatcoachning-2027-${code}"]`);
    await row.locator("select").selectOption("selected");
    await row.locator("button[type=submit]").click();
    await row.locator('[data-decided="selected"]').waitFor();
  }
  return path;
}

/** The browser contexts that hold the round `makeRound` makes. */
const withRound = new WeakSet();

/**
 * Opens `path` as `open` does; the address of the round `makeRound` makes is first made, with
 * two applicants of which one is selected, in a context that does not hold it yet.
 */
export async function openRoute(app, page, path) {
  if (path.startsWith("/program/klimatcoachning-2027") && !withRound.has(page.context())) {
    await makeRound(app, page, { applicants: ["2403", "2418"], selected: 1 });
    withRound.add(page.context());
  }
  return open(page, app.url(path));
}
