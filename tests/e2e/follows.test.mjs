// Every page follows its data. With a route open, another tab's save, an undo, a redo and a
// switch of language each show on it without a reload: the page then reads, word for word,
// as a fresh load of the same route reads. A page that drew a row, a label or a date once
// keeps its old text and fails here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor, announced } from "./harness.mjs";

const ROUTES = ["/", "/program", "/kommuner", "/kommun/hjo", "/kommun/lund", "/kommun/lansstyrelsen-i-skane", "/mentorer", "/pilotlan", "/handelser", "/rapport", "/data", "/om"];

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/**
 * What a reader reads in <main> (the words, in order; white space as laid out). The space
 * the browser's database takes is the browser's own estimate, which it revises as its files
 * settle, so two measurements a moment apart may differ: that line is left out.
 */
const mainText = async (page) =>
  (await page.locator("main").innerText()).replace(/^.*(MB används|MB used).*$/m, "(space used)");

/** What `path` reads when it is loaded afresh in `context` (storage as it is now). */
async function fresh(context, path) {
  const page = await context.newPage();
  await open(page, app.url(path));
  const text = await mainText(page);
  await page.close();
  return text;
}

/** Waits until `page` reads as a fresh load of its route; else says which line differs first. */
async function readsAsFresh(page, path, when) {
  const expected = await fresh(page.context(), path);
  let actual = "";
  for (let tries = 0; tries < 40; tries++) {
    actual = await mainText(page);
    if (actual === expected) return [];
    await page.waitForTimeout(100);
  }
  const [a, e] = [actual.split("\n"), expected.split("\n")];
  const at = a.findIndex((line, i) => line !== e[i]);
  return [`${path} ${when}: line ${at + 1} reads "${a[at]}", a fresh load reads "${e[at]}"`];
}

/** Three changes that between them show on every route: a mentor, a date, an event. */
async function change(page) {
  await open(page, app.url("/mentorer"));
  const row = page.getByTestId("pair-participation-coaching-1497");
  await page.getByLabel("Mentor för Hjo").selectOption({ index: 1 });
  await row.getByRole("button", { name: "Tilldela" }).click();
  await row.getByTestId("mentor").getByRole("link").waitFor();

  await open(page, app.url("/kommun/hjo"));
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");

  await open(page, app.url("/handelser"));
  const first = page.getByTestId("event").first();
  await first.getByRole("button", { name: /^Ändra/ }).click();
  await first.getByLabel("Plats").fill("Hjo stadshus");
  await first.getByRole("button", { name: "Spara händelsen" }).click();
  await page.getByTestId("event").filter({ hasText: "Hjo stadshus" }).waitFor();
}

test("another tab's save shows on every open route without a reload", async () => {
  const context = await app.browser.newContext({ locale: "en-GB" });
  const pages = [];
  for (const path of ROUTES) {
    const page = await context.newPage();
    await open(page, app.url(path));
    pages.push([path, page]);
  }
  const before = await Promise.all(pages.map(([, page]) => mainText(page)));
  await change(await context.newPage());
  const stale = [];
  for (const [path, page] of pages) stale.push(...(await readsAsFresh(page, path, "after another tab's save")));
  assert.deepEqual(stale, []);
  const after = await Promise.all(pages.map(([, page]) => mainText(page)));
  const changed = ROUTES.filter((_, i) => before[i] !== after[i]);
  assert.deepEqual(changed, ["/", "/kommuner", "/kommun/hjo", "/mentorer", "/handelser", "/rapport", "/data"], "the routes the changes touch");
  await context.close();
});

test("an undo and a redo show on the open route, whichever it is", async () => {
  const context = await app.browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await change(page);
  const stale = [];
  for (const path of ROUTES) {
    // The undo history is kept with the data: a route opened afresh can undo the changes.
    await open(page, app.url(path));
    for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Ångra", exact: true }).click();
    stale.push(...(await readsAsFresh(page, path, "after undo")));
    for (let step = 0; step < 3; step++) await page.getByRole("button", { name: "Gör om", exact: true }).click();
    stale.push(...(await readsAsFresh(page, path, "after redo")));
  }
  assert.deepEqual(stale, []);
  await context.close();
});

test("after “In English” no Swedish word is left on any route", async () => {
  const stale = [];
  for (const path of ROUTES) {
    const context = await app.browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await open(page, app.url(path));
    await page.getByRole("button", { name: "In English" }).click();
    await page.locator("html[lang=en]").waitFor();
    stale.push(...(await readsAsFresh(page, path, "after “In English”")));
    await page.getByRole("button", { name: "På svenska" }).click();
    await page.locator("html[lang=sv]").waitFor();
    stale.push(...(await readsAsFresh(page, path, "after “På svenska”")));
    await context.close();
  }
  assert.deepEqual(stale, []);
});

test("a form open on a page keeps what was typed through another tab's save, and saving keeps both", async () => {
  const context = await app.browser.newContext({ locale: "en-GB" });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await open(a, app.url("/kommun/hjo"));
  await openEditor(a);
  await a.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");

  // Another tab gives Hjo a mentor meanwhile.
  await open(b, app.url("/mentorer"));
  await b.getByLabel("Mentor för Hjo").selectOption({ index: 1 });
  await b.getByTestId("pair-participation-coaching-1497").getByRole("button", { name: "Tilldela" }).click();
  await a.locator("article").getByRole("link", { name: "Lund" }).waitFor();

  assert.equal(await a.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").inputValue(), "2007-03-15", "the form is still open, as typed");
  await a.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(a, "Ändringen är sparad.");
  await open(a, app.url("/kommun/hjo"));
  assert.equal(await a.getByTestId("letter-of-intent").textContent(), "15 mars 2007");
  assert.equal(await a.locator("article").getByRole("link", { name: "Lund" }).count(), 1, "the other tab's mentor is kept");
  await context.close();
});
