// A first visitor reads the written pages without the app; the app starts on their first
// intent and carries out what they did meanwhile (index.html's loader, src/ui/carry_over.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, appRunning, COMMITMENT } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/** Whether the app's code has run in this page (Trunk's loader sets this once it has). */
const started = () => window.wasmBindings !== undefined || window.kcLoader.starting === true;

/** In the page from its start: when the first pointer or key went down, and when `selector` first showed. */
function watch(selector) {
  window.__busy = false;
  window.__down = null;
  window.__answered = null;
  for (const type of ["pointerdown", "keydown"]) {
    addEventListener(type, () => (window.__down ??= performance.now()), true);
  }
  new MutationObserver(() => {
    if (document.querySelector("[data-prerendered] [aria-busy=true]")) window.__busy = true;
    if (window.__answered === null && document.querySelector(selector)) window.__answered = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

async function firstVisit(cpu) {
  const page = await app.page({ plain: true, serviceWorkers: "block" });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  return page;
}

test("a first visitor reads without the app: its code fetched ahead, the service worker registered, links plain", async () => {
  const page = await app.page({ plain: true });
  await page.goto(app.url("/kommun/hjo"));
  await page.evaluate(() => navigator.serviceWorker.ready);
  const ahead = await page.evaluate(() => document.documentElement.dataset.ahead.split(" ").filter(Boolean));
  assert.ok(ahead.length > 0, "the route's chunks are named");
  await page.waitForFunction(
    (names) => {
      const fetched = performance.getEntriesByType("resource").map((e) => e.name);
      return fetched.some((n) => n.endsWith("_bg.wasm")) && names.every((name) => fetched.some((n) => n.endsWith(name)));
    },
    ahead,
  );
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(started), false, "the app has not started");
  assert.equal(await page.getByRole("button", { name: COMMITMENT, exact: true }).isEnabled(), true, "no control waits disabled");

  // A link is a plain navigation to the next written page, which reads without the app too.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
  await page.waitForURL(/\/kommuner\/?$/);
  assert.equal(await page.locator("main h1").textContent(), "Deltagare i båda projekten");
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(started), false);

  // Offline: every page from the service worker the loader registered; still no app.
  await page.context().setOffline(true);
  await page.goto(app.url("/kommun/hjo"));
  assert.equal(await page.locator("main h1").textContent(), "Hjo");
  assert.equal(await page.evaluate(started), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const cpu of [1, 4]) {
  test(`at ${cpu}× CPU a click on "Ändra" the moment it shows opens its form`, async () => {
    const page = await firstVisit(cpu);
    await page.addInitScript(watch, ".edit-in-place > *");
    await page.goto(app.url("/kommun/hjo"), { waitUntil: "commit" });
    await page.getByRole("button", { name: COMMITMENT, exact: true }).click();
    await page.waitForFunction(() => document.activeElement?.closest(".edit-in-place") != null);
    assert.equal(await page.evaluate(appRunning), true);
    const { busy, down, answered } = await page.evaluate(() => ({ busy: window.__busy, down: window.__down, answered: window.__answered }));
    assert.ok(busy, "the button showed it was starting");
    // The figure is measured by scripts/bench-intent.mjs; here only that it is not lost in a wait.
    assert.ok(answered - down < 3000 * cpu, `intent → form ${answered - down} ms`);
    assert.equal(await page.locator(".edit-in-place > *").count(), 1, "one form, opened once");
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`at ${cpu}× CPU "hjo" typed into /kommuner's search the moment it shows is kept and applied`, async () => {
    const page = await firstVisit(cpu);
    await page.goto(app.url("/kommuner"), { waitUntil: "commit" });
    const search = page.getByLabel("Sök");
    await search.click();
    await page.keyboard.type("hjo");
    await page.waitForFunction(appRunning);
    await page.getByTestId("showing").filter({ hasText: "Visar 1 av 27." }).waitFor();
    assert.equal(await search.inputValue(), "hjo");
    const caret = await page.evaluate(() => [document.activeElement.labels?.[0]?.textContent, document.activeElement.selectionStart]);
    assert.deepEqual(caret, ["Sök", 3], "focus and caret stay in the field");
    // Typing goes on in the app's field.
    await page.keyboard.press("Backspace");
    await page.getByTestId("showing").filter({ hasText: "Visar 1 av 27." }).waitFor();
    assert.equal(await search.inputValue(), "hj");
    await page.waitForURL(/q=hj(&|$)/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("a filter chosen before the app runs applies once it does", async () => {
  const page = await firstVisit(1);
  await page.goto(app.url("/kommuner"), { waitUntil: "commit" });
  const county = page.getByLabel("Län", { exact: true });
  await county.focus();
  await county.selectOption("12");
  await page.waitForFunction(appRunning);
  await page.getByTestId("showing").filter({ hasText: /^Visar \d+ av 27\.$/ }).waitFor();
  assert.notEqual(await page.getByTestId("showing").textContent(), "Visar 27 av 27.");
  assert.equal(await county.inputValue(), "12");
  await page.waitForURL(app.url("/kommuner?lan=12"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
