// Layout as a person sees it: on every route, at 360, 768 and 1280 px, in both languages,
// no element of <main> sticks out of the viewport and none clips its content, open
// disclosures included; the only exception is a labelled region the keyboard can scroll.
// Screenshots of every route at 360 and 1280 px, light and dark, are kept as files for a
// person to look at (test-results/screenshots/), not compared.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { start, open, saveNotes, openRoute } from "./harness.mjs";

const ROUND = "/program/klimatcoachning-2027";
const ROUTES = ["/", "/program", ROUND, `${ROUND}/kommuner`, `${ROUND}/mentorer`, `${ROUND}/handelser`, `${ROUND}/rapport`, "/kommuner", "/kommun/hjo", "/kommun/lund", "/kommun/lansstyrelsen-i-skane", "/mentorer", "/pilotlan", "/handelser", "/rapport", "/data", "/om", "/finns-inte"];
const SHOTS = "test-results/screenshots";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/** What in <main> sticks out of the viewport or clips its content (in the page). */
function misfits() {
  const width = document.documentElement.clientWidth;
  const found = [];
  const describe = (e) =>
    `<${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? ` class="${e.className}"` : ""}> "${(e.textContent || "").trim().slice(0, 40)}"`;
  const labelledScroller = (e) => {
    const s = getComputedStyle(e);
    return /auto|scroll/.test(s.overflowX) && e.getAttribute("role") === "region" && e.tabIndex >= 0 &&
      !!(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"));
  };
  const inScroller = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (labelledScroller(a)) return true;
    return false;
  };
  // Visually hidden text (1 px, clipped, absolute) is for screen readers: it clips on purpose.
  const hiddenText = (e) => {
    for (let a = e; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.position === "absolute" && s.clip === "rect(0px, 0px, 0px, 0px)") return true;
    }
    return false;
  };
  for (const e of document.querySelectorAll("main *")) {
    const s = getComputedStyle(e);
    if (s.display === "none" || s.visibility === "hidden" || hiddenText(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > width + 0.5 || r.left < -0.5) && !inScroller(e)) {
      found.push(`sticks out (${Math.round(r.left)}–${Math.round(r.right)} px of ${width}): ${describe(e)}`);
    }
    const clips = !/visible/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
    if (clips && !labelledScroller(e) && !["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName)) {
      found.push(`clips its content (${e.scrollWidth} > ${e.clientWidth} px): ${describe(e)}`);
    }
  }
  if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  return found;
}

for (const language of ["sv", "en"]) {
  test(`nothing out of place on any route at 360, 768 and 1280 px (${language})`, async () => {
    const found = [];
    for (const width of [360, 768, 1280]) {
      const page = await app.page({ viewport: { width, height: 800 } });
      if (language === "en") {
        await open(page, app.url("/"));
        const menu = page.getByRole("button", { name: "Meny" });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole("button", { name: "In English" }).click();
        await page.locator("html[lang=en]").waitFor();
      }
      for (const path of ROUTES) {
        await openRoute(app, page, path);
        found.push(...(await page.evaluate(misfits)).map((m) => `${width} px ${path}: ${m}`));
        // Open what opens: disclosures (the filters on a phone, a pilot row) and details.
        const closed = page.locator("main button[aria-expanded=false]:visible");
        for (let n = await closed.count(); n > 0; n--) await closed.first().click();
        await page.evaluate(() => document.querySelectorAll("main details").forEach((d) => (d.open = true)));
        found.push(...(await page.evaluate(misfits)).map((m) => `${width} px ${path} (opened): ${m}`));
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
    assert.deepEqual(found, []);
  });
}

// A phone's first screen: the header one line high on every route (its links behind
// "Meny"), and on /kommuner a whole municipality before any scrolling.
test("at 360 × 780 the header is at most 64 px high on every route and /kommuner shows a municipality at once", async () => {
  const found = [];
  for (const [language, menuName, english] of [["sv", "Meny", false], ["en", "Menu", true]]) {
    const page = await app.page({ viewport: { width: 360, height: 780 } });
    // The header's links (a round's pages have their own tabs, which show).
    await open(page, app.url("/"));
    if (english) {
      await page.getByRole("button", { name: "Meny" }).click();
      await page.getByRole("button", { name: "In English" }).click();
      await page.locator("html[lang=en]").waitFor();
    }
    for (const path of ROUTES) {
      await openRoute(app, page, path);
      const height = await page.locator(".site-header").evaluate((e) => e.getBoundingClientRect().height);
      if (height > 64) found.push(`${language} ${path}: the header is ${height} px high`);
      if (await page.locator(".site-header").getByRole("navigation").isVisible()) found.push(`${language} ${path}: the links show before the menu is opened`);
    }
    await open(page, app.url("/kommuner"));
    const first = await page.locator(".participants-table tbody tr").first().evaluate((e) => e.getBoundingClientRect().bottom);
    if (first > 780) found.push(`${language} /kommuner: the first municipality ends at ${first} px`);

    // The menu: opened, its links and the language switch show; a link followed closes it;
    // Esc closes it and gives focus back to its button.
    const menu = page.getByRole("button", { name: menuName });
    await menu.click();
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    // The third link is the page open (/kommuner): the address stays, the menu closes all the same.
    await page.locator(".site-header").getByRole("navigation").getByRole("link").nth(2).click();
    await page.locator(".site-header").getByRole("navigation").waitFor({ state: "hidden" });
    assert.equal(await menu.getAttribute("aria-expanded"), "false", `${language}: a link followed closes the menu`);
    await menu.click();
    await page.locator(".site-header").getByRole("navigation").getByRole("link").first().focus();
    await page.keyboard.press("Escape");
    await page.locator(".site-header").getByRole("navigation").waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-controls")), "site-menu", `${language}: Esc gives focus back to the menu button`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  assert.deepEqual(found, []);
});

test("at 1280 px the header is one line on every route, in both languages, with unexported changes counted", async () => {
  const page = await app.page({ viewport: { width: 1280, height: 800 } });
  await open(page, app.url("/"));
  await saveNotes(page, page.locator("textarea").first(), "En anteckning");
  const found = [];
  for (const english of [false, true]) {
    if (english) {
      await page.getByRole("button", { name: "In English" }).click();
      await page.locator("html[lang=en]").waitFor();
    }
    for (const path of ROUTES) {
      await openRoute(app, page, path);
      await page.getByTestId("unexported-count").waitFor();
      const height = await page.locator(".site-header").evaluate((e) => e.getBoundingClientRect().height);
      if (height > 64) found.push(`${english ? "en" : "sv"} ${path}: the header is ${height} px high`);
    }
  }
  assert.deepEqual(found, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("screenshots of every route at 360 and 1280 px, light and dark, kept as files", async () => {
  await mkdir(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"]) {
    for (const [width, height] of [[360, 740], [1280, 900]]) {
      const page = await app.page({ viewport: { width, height }, colorScheme: scheme });
      for (const path of ROUTES) {
        await openRoute(app, page, path);
        const name = (path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "oversikt") + `-${width}-${scheme}.png`;
        await page.screenshot({ path: `${SHOTS}/${name}`, fullPage: true });
      }
      await page.context().close();
    }
  }
});
