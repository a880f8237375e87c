// Access: axe-core finds no violation on any route, in Swedish and English, light and
// dark; the language switch is remembered and sets <html lang>; keyboard journeys
// (layout and screenshots: layout.test.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor, axeViolations, openRoute } from "./harness.mjs";

const ROUND = "/program/klimatcoachning-2027";
const ROUTES = ["/", "/program", ROUND, `${ROUND}/kommuner`, `${ROUND}/mentorer`, `${ROUND}/handelser`, `${ROUND}/rapport`, "/kommuner", "/kommun/hjo", "/kommun/lansstyrelsen-i-skane", "/mentorer", "/pilotlan", "/handelser", "/rapport", "/data", "/om", "/finns-inte"];

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/**
 * Opens every section's form, one after the other: each takes focus in a later task, so the
 * next is opened (and anything typed) only once it has, or the focus lands in another form.
 */
async function openEveryForm(page) {
  for (const open of await page.locator("button.edit-open").all()) {
    const form = await open.getAttribute("aria-controls");
    await open.click();
    await page.waitForFunction((id) => document.activeElement?.closest(`[id="${id}"]`) != null, form);
  }
}

async function useEnglish(page) {
  await page.getByRole("button", { name: "In English" }).click();
  await page.locator("html[lang=en]").waitFor();
}

for (const scheme of ["light", "dark"]) {
  for (const language of ["sv", "en"]) {
    test(`axe: no violations on any route (${language}, ${scheme})`, async () => {
      const page = await app.page();
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, app.url("/"));
      if (language === "en") await useEnglish(page);
      const found = [];
      for (const path of ROUTES) {
        await openRoute(app, page, path);
        assert.equal(await page.locator("html").getAttribute("lang"), language);
        // Open states too: an expanded pilot row, a refused form.
        if (path === "/pilotlan") await page.locator(".row-toggle").first().click();
        if (path === "/data") {
          // A spreadsheet's preview open, with a problem and a change.
          const buffer = Buffer.from("Kommun;Mentor\r\nHjo;Lund\r\nHjoo;Lund\r\n");
          await page.locator("#sheet-file").setInputFiles({ name: "par.csv", mimeType: "text/csv", buffer });
          await page.getByTestId("sheet-problems").waitFor();
        }
        if (path === "/handelser" || path === `${ROUND}/handelser`) await openEveryForm(page);
        if (path === ROUND) await refuseApplicant(page);
        if (path === "/program") {
          // The new round's form, refused.
          await openEveryForm(page);
          await page.locator("form.round-editor button[type=submit]").click();
          await page.locator("form.round-editor [aria-invalid=true]").first().waitFor();
        }
        if (path === "/kommun/hjo") {
          // Every section's form open, the commitment's link refused.
          await openEveryForm(page);
          const commitment = page.locator("form.editor").filter({ has: page.locator("[id$='-na-link']") });
          await commitment.locator("[id$='-na-link']").fill("javascript:alert(1)");
          await commitment.locator("button[type=submit]").click();
          await commitment.locator("[aria-invalid=true]").waitFor();
        }
        found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
      }
      assert.deepEqual(found, []);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
}

/** Registers Ale (over the round's population limit) and waits for the refusal. */
async function refuseApplicant(page) {
  await page.locator("#applicant-municipality").fill("Ale");
  await page.locator("form.register-applicant button[type=submit]").click();
  await page.locator("#applicant-municipality-error").waitFor();
}

test("axe: /program and a round's pages at 360, 768 and 1280 px, with their forms refused", async () => {
  const found = [];
  for (const width of [360, 768, 1280]) {
    const page = await app.page({ viewport: { width, height: 800 } });
    await openRoute(app, page, ROUND);
    await refuseApplicant(page);
    found.push(...(await axeViolations(page)).map((v) => `${width} px ${ROUND}: ${v}`));
    for (const view of ["kommuner", "mentorer", "handelser", "rapport"]) {
      await open(page, app.url(`${ROUND}/${view}`));
      if (view === "handelser") await openEveryForm(page);
      found.push(...(await axeViolations(page)).map((v) => `${width} px ${ROUND}/${view}: ${v}`));
    }
    await open(page, app.url("/program"));
    await openEveryForm(page);
    await page.locator("form.round-editor button[type=submit]").click();
    await page.locator("form.round-editor [aria-invalid=true]").first().waitFor();
    found.push(...(await axeViolations(page)).map((v) => `${width} px /program: ${v}`));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  assert.deepEqual(found, []);
});

test("the language switch is remembered, sets <html lang>, and writes dates and money the English way", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  assert.equal(await page.locator("html").getAttribute("lang"), "sv");
  assert.equal(await page.getByRole("button", { name: "In English" }).getAttribute("lang"), "en");
  await useEnglish(page);
  assert.equal(await page.getByRole("navigation", { name: "Main menu" }).getByRole("link").first().textContent(), "Overview");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "en", "remembered");
  await open(page, app.url("/kommun/hjo"));
  assert.match(await page.locator("main").textContent(), /SEK\u00a050,000/);
  await page.getByRole("button", { name: "På svenska" }).click();
  await page.locator("html[lang=sv]").waitFor();
  assert.match(await page.locator("main").textContent(), /50\u00a0000\u00a0kr|50 000 kr/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("keyboard: skip link, then a route change puts focus on the new page's heading", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Hoppa till innehållet");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  // Tab into the navigation and follow a link by keyboard.
  const link = page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" });
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(app.url("/kommuner"));
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await page.locator("main h1").textContent());
  // A filter changes only the query: focus stays in the filter.
  await page.getByLabel("Län").focus();
  await page.keyboard.press("ArrowDown");
  await page.waitForURL(/lan=/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "list-lan");
  await page.context().close();
});

test("print: every route hides the navigation and controls, and writes links out", async () => {
  const page = await app.page();
  // A web link to print: Hjo's needs analysis.
  await open(page, app.url("/kommun/hjo"));
  await openEditor(page);
  await page.getByLabel("Länk till behovsanalysen").fill("https://www.hjo.se/klimat");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.locator('main a[href="https://www.hjo.se/klimat"]').waitFor();
  await openRoute(app, page, ROUND);
  await page.emulateMedia({ media: "print" });
  for (const path of ROUTES) {
    await openRoute(app, page, path);
    assert.equal(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible(), false, path);
    assert.equal(await page.locator(".header-tools").isVisible(), false, path);
    const external = await page.evaluate(() =>
      [...document.querySelectorAll('main a[href^="http"]')].map((a) => [a.href, getComputedStyle(a, "::after").content]),
    );
    for (const [href, after] of external) assert.ok(after.includes(href), `${path}: ${href} → ${after}`);
  }
  await open(page, app.url("/kommun/hjo"));
  const after = await page.evaluate(() => getComputedStyle(document.querySelector('main a[href^="http"]'), "::after").content);
  assert.equal(after, '" (https://www.hjo.se/klimat)"');
  await page.context().close();
});
