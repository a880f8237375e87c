// The overview as a first-time visitor sees it, from the release build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

test("the overview shows the programme's figures from the seed", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  assert.equal(await page.locator("html").getAttribute("lang"), "sv");
  assert.equal(await page.title(), "Översikt – Klimatcoachning");
  assert.equal(await page.locator("h1").textContent(), "Klimatcoachning 2007–2008");
  assert.equal(await page.getByTestId("applied").textContent(), "34");
  assert.equal(await page.getByTestId("selected").textContent(), "23");
  assert.equal(await page.getByTestId("listed").textContent(), "22");
  assert.equal(await page.getByTestId("period-start").textContent(), "2007-01-01");
  assert.equal(await page.getByTestId("period-end").textContent(), "2008-09-30");
  assert.equal(await page.getByTestId("grant").textContent(), "50\u00a0000\u00a0kr");
  const body = await page.locator("main").innerText();
  assert.match(body, /Kommuner med högst 15\u00a0000 invånare/);
  assert.match(body, /minst 50\u00a0000\u00a0kr/);
  assert.match(body, /inom 2 år från avsiktsförklaringen/);
  assert.deepEqual(page.problems, []);
});

test("the 23 selected versus 22 listed discrepancy is explained with its sources", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const note = page.locator(".discrepancy");
  assert.match(await note.innerText(), /23 kommuner valdes ut men namnger bara 22; 1 saknas/);
  assert.match(await note.innerText(), /Pressmeddelandet säger att 22 kommuner deltog/);
  assert.equal(await note.locator("a.source-ref").getAttribute("href"), "/om#kalla-s2");
  const names = await page.getByTestId("participants").locator("li").allInnerTexts();
  assert.equal(names.length, 22);
  assert.ok(names[0].startsWith("Boxholm") && names[21].startsWith("Östra Göinge"), names.join());
});

test("the timeline is an inline SVG with the period in words", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const svg = page.locator("figure.timeline svg[role=img]");
  assert.equal(await svg.count(), 1);
  assert.deepEqual(await svg.locator(".tick-label").allTextContents(), ["2007", "2008", "2009"]);
  assert.equal(
    await page.locator("#timeline-caption").textContent(),
    "Projekttiden: 1 januari 2007 – 30 september 2008.",
  );
});

test("the outcome from the press release and the pilot-län follow-up are shown", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const outcome = await page.locator("section[aria-labelledby=outcome-heading]").innerText();
  assert.match(outcome, /hälften av kommunerna en klimatstrategi antagen eller ute på remiss/);
  const pilot = await page.locator("section[aria-labelledby=pilot-heading]").innerText();
  for (const name of ["Kävlinge", "Eslöv", "Kristianstad", "Lund", "Länsstyrelsen i Skåne"]) {
    assert.ok(pilot.includes(name), `${name} in the pilot section`);
  }
  const sources = await page.locator("section[aria-labelledby=sources-heading] dt").allTextContents();
  assert.deepEqual(sources, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12"]);
});
