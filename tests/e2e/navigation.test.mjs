// Moving around: the navigation, deep links on a static host, unknown paths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

test("the navigation leads to the about page and back, and titles follow", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  assert.deepEqual(await nav.getByRole("link").allInnerTexts(), ["Översikt", "Program", "Kommuner", "Mentorer", "Pilotlän", "Händelser", "Rapport", "Data", "Om"]);
  await nav.getByRole("link", { name: "Om", exact: true }).click();
  await page.waitForURL(app.url("/om"));
  assert.equal(await page.locator("h1").textContent(), "Om Klimatcoachning-registret");
  assert.equal(await page.title(), "Om – Klimatcoachning");
  assert.equal(await nav.getByRole("link", { name: "Om", exact: true }).getAttribute("aria-current"), "page");
  await nav.getByRole("link", { name: "Översikt" }).click();
  await page.waitForURL(app.url("/"));
  assert.equal(await page.getByTestId("applied").textContent(), "34");
  assert.deepEqual(page.problems, []);
});

test("a deep link loads and reloads: the host answers with the route's own page", async () => {
  const page = await app.page();
  const response = await open(page, app.url("/om"));
  assert.equal(response.status(), 200, "the prerendered om/index.html, after the folder redirect");
  assert.equal(await page.locator("h1").textContent(), "Om Klimatcoachning-registret");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.locator("h1").textContent(), "Om Klimatcoachning-registret");
  assert.match(await page.getByTestId("version").textContent(), /^Appens version: \d+\.\d+\.\d+$/);
  assert.deepEqual(page.problems, []);
});

test("a source link opens that source on the about page", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  await page.locator(".discrepancy a.source-ref").click();
  await page.waitForURL(app.url("/om#kalla-s2"));
  assert.equal(await page.locator("#kalla-s2").textContent(), "S2");
  assert.match(await page.locator("#kalla-s2 + dd").innerText(), /Klimatcoachen får kommunerna att jobba/);
});

test("an unknown path shows the not-found page inside the normal navigation", async () => {
  const page = await app.page();
  const response = await open(page, app.url("/nonexistent"));
  assert.equal(response.status(), 404);
  assert.equal(await page.locator("h1").textContent(), "Sidan finns inte");
  assert.equal(await page.title(), "Sidan finns inte – Klimatcoachning");
  assert.equal(await page.getByTestId("not-found").textContent(), "Det finns ingen sida på adressen /nonexistent.");
  assert.equal(await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link").count(), 9);
  await page.getByRole("link", { name: "Till översikten" }).click();
  await page.waitForURL(app.url("/"));
  assert.equal(await page.getByTestId("listed").textContent(), "22");
});

test("the skip link moves focus to the main content and stays on the page", async () => {
  const page = await app.page();
  await open(page, app.url("/om"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
  assert.equal(page.url(), app.url("/om"));
  assert.equal(await page.locator("h1").textContent(), "Om Klimatcoachning-registret");
});

test("no page scrolls sideways on a 360 px phone", async () => {
  const page = await app.page();
  await page.setViewportSize({ width: 360, height: 640 });
  for (const path of ["/", "/program", "/kommuner", "/kommun/osby", "/mentorer", "/pilotlan", "/handelser", "/data", "/om"]) {
    await open(page, app.url(path));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width} px wide`);
  }
});
