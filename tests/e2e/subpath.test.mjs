// The build made with `--public-url /klimat/`, served under /klimat/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./harness.mjs";

let app;
before(async () => (app = await start({ dir: "dist-klimat", prefix: "/klimat/" })));
after(async () => app.stop());

test("under /klimat/ the app loads, links stay under the prefix, and deep links reload", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  assert.equal(await page.getByTestId("listed").textContent(), "22");
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  assert.equal(await nav.getByRole("link", { name: "Om", exact: true }).getAttribute("href"), "/klimat/om");
  const source = page.locator(".discrepancy a.source-ref");
  assert.equal(await source.getAttribute("href"), "/klimat/om#kalla-s2");
  await nav.getByRole("link", { name: "Om", exact: true }).click();
  await page.waitForURL(app.url("/om"));
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.locator("h1").textContent(), "Om Klimatcoachning-registret");
  assert.deepEqual(page.problems, []);
});

test("an unknown path under /klimat/ shows the not-found page", async () => {
  const page = await app.page();
  await open(page, app.url("/finns-inte"));
  assert.equal(await page.locator("h1").textContent(), "Sidan finns inte");
  assert.match(await page.getByTestId("not-found").textContent(), /finns-inte/);
});

test("under /klimat/ the published schema is linked and served, and /mentorer and /pilotlan load", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const href = await page.getByTestId("schema-link").getAttribute("href");
  assert.equal(href, "/klimat/schema/klimatcoachning-v4.json");
  const response = await page.request.get(app.origin + href);
  assert.equal(response.status(), 200);
  assert.equal((await response.json()).title, "Klimatcoachning dataset, format version 1");
  for (const path of ["/mentorer", "/pilotlan?typ=kommun"]) {
    await open(page, app.url(path));
  }
  assert.equal(await page.locator(".pilot-row").count(), 4);
  assert.deepEqual(page.problems, []);
});
