// /rapport: the programme report from the data, its parameters in the URL, after an
// edit, printed to PDF, and at 290 municipalities × 20 events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor, announced, generated290, replaceAllWith } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const outcome = async (page, name) =>
  Number(await page.getByTestId("outcomes").getByRole("row", { name: new RegExp(`^${name} \\d+$`) }).locator("td").textContent());

test("the report of the built-in data: outcomes, the month-by-month chart with its table, the sources' claim beside the data", async () => {
  const page = await app.page();
  await open(page, app.url("/rapport"));
  assert.equal(await page.locator("main h1").textContent(), "Rapport: Klimatcoachning");
  assert.equal(await page.title(), "Rapport – Klimatcoachning");
  assert.equal(await outcome(page, "Uppfyllt"), 7);
  assert.equal(await outcome(page, "Pågår eller ej påbörjat"), 15);
  assert.equal(await outcome(page, "Försenat"), 0);

  // The chart is an image named by its caption; its figures follow as a table.
  const chart = page.locator("#chart-status");
  assert.equal(await chart.getByRole("img").getAttribute("aria-labelledby"), "chart-status-name");
  assert.equal(await page.locator("#chart-status-name").textContent(), "Åtagandena månad för månad (19 kommuner)");
  const rows = chart.locator("details tbody tr");
  assert.equal(await rows.count(), 48, "January 2007 to December 2010");
  assert.deepEqual(await rows.nth(22).locator("th, td").allTextContents(), ["november 2008", "1", "0", "0", "18"]);
  assert.match(await page.getByTestId("undated-adoptions").textContent(), /Grästorp, Habo, Mullsjö/);

  const table = page.getByTestId("participant-table");
  const harjedalen = table.getByRole("row", { name: /^Härjedalen/ });
  assert.match(await harjedalen.innerText(), /Antaget\s+november 2008\s*S6/);

  // S2's claim, on its own date and on the report's day.
  const claims = await page.getByTestId("claims").innerText();
  assert.match(claims, /hälften av kommunerna en klimatstrategi antagen eller ute på remiss/);
  assert.match(claims, /Datan den 10 september 2008 \(källans datum\): 0 antagna och 0 med förslag lagt, av 22\. Ytterligare 3 har antagit/);
  assert.match(claims, /23 kommuner valdes ut\./);
  assert.match(claims, /Datan har 22 deltagare med namn\./);
  const sources = await page.locator("#r-sources + dl.sources dt").allTextContents();
  assert.equal(sources.length, 12);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("programme, day and language live in the URL: a link gives the same report", async () => {
  const page = await app.page();
  await open(page, app.url("/rapport?program=coaching&per=2008-12-31&lang=en"));
  assert.equal(await page.locator("main h1").textContent(), "Report: Climate coaching");
  assert.equal(await page.getByTestId("report-as-of").textContent(), "As of the end of 31 December 2008.");
  // Härjedalen (November 2008) and Boxholm (2008), and the three adopted on a day not known.
  assert.equal(await outcome(page, "Met"), 5);
  assert.equal(await page.locator("#chart-status details tbody tr").count(), 24);
  assert.equal(
    await page.getByTestId("report-link").getAttribute("href"),
    "/rapport?program=coaching&per=2008-12-31&lang=en",
  );
  // Switching the language rewrites the address, so a copied address gives what is seen.
  await page.getByRole("button", { name: "På svenska" }).click();
  await page.waitForURL(app.url("/rapport?program=coaching&per=2008-12-31&lang=sv"));
  assert.equal(await page.getByTestId("report-as-of").textContent(), "Läget vid slutet av 31 december 2008.");

  // Another day, typed: the address follows; a day that is none is refused in words.
  await page.getByLabel("Läget den").fill("2010-12-31");
  await page.getByRole("button", { name: "Visa rapporten" }).click();
  await page.waitForURL(/per=2010-12-31/);
  assert.equal(await outcome(page, "Uppfyllt"), 7);
  const day = page.getByLabel("Läget den");
  await day.fill("");
  await day.focus();
  await page.keyboard.type("0315");
  await page.getByRole("button", { name: "Visa rapporten" }).click();
  assert.equal(await day.getAttribute("aria-invalid"), "true");
  await page.getByText("Skriv ett riktigt datum som ÅÅÅÅ-MM-DD, till exempel 2007-03-15.").waitFor();
  assert.match(page.url(), /per=2010-12-31/, "the report stays as it was");

  await page.getByLabel("Program", { exact: true }).selectOption("pilotlan");
  await page.waitForURL(/program=pilotlan/);
  assert.equal(await page.locator("main h1").textContent(), "Rapport: Pilotlän");
  assert.equal(await page.getByTestId("participant-table").count(), 0);
  assert.equal(await page.getByTestId("pilot-table").locator("tbody tr").count(), 5);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("after an edit the report follows: a letter of intent gives a due date two years later", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/dals-ed"));
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  await page.getByRole("link", { name: "Rapport" }).click();
  await page.getByTestId("participant-table").waitFor();
  const row = page.getByTestId("participant-table").getByRole("row", { name: /^Dals-Ed/ });
  assert.deepEqual(
    (await row.locator("th, td").allInnerTexts()).slice(0, 4),
    ["Dals-Ed", "15 mars 2007", "15 mars 2009", "Försenat"],
  );
  assert.equal(await outcome(page, "Försenat"), 1);
  assert.match(await page.getByTestId("report-state").textContent(), /Ändringar sedan dess: 1\./);
  // As of a day before the letter, no clock ran.
  await page.getByLabel("Läget den").fill("2007-03-01");
  await page.getByRole("button", { name: "Visa rapporten" }).click();
  await page.waitForURL(/per=2007-03-01/);
  assert.equal(await outcome(page, "Försenat"), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the report prints on A4: a section a page, the figures' tables open, no navigation or controls", async () => {
  const page = await app.page();
  await open(page, app.url("/rapport"));
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await page.getByRole("button", { name: "Skriv ut / spara som PDF" }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.equal(await page.locator("figure.chart details:not([open])").count(), 0, "tables unfolded for print");
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".site-header nav", ".report-controls", ".undo-controls"]) {
    assert.equal(await page.locator(hidden).evaluate((e) => getComputedStyle(e).display), "none", hidden);
  }
  // The programme shares the first page with the head; every later section starts a page.
  const breaks = await page.locator(".report-section").evaluateAll((all) => all.map((s) => getComputedStyle(s).breakBefore));
  assert.equal(breaks[0], "auto");
  assert.ok(breaks.length >= 8 && breaks.slice(1).every((b) => b === "page"), `sections: ${breaks}`);
  assert.match(await page.getByTestId("report-state").textContent(), /Datan har inte exporterats från den här webbläsaren\. Ändringar sedan dess: 0\./);
  const pdf = await page.pdf({ format: "A4", margin: { top: "18mm", bottom: "18mm", left: "18mm", right: "18mm" } });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= breaks.length, `${pages} pages for ${breaks.length} sections`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("at 290 municipalities × 20 events the report renders in seconds", async () => {
  const text = generated290();
  const coaching = JSON.parse(text).participations.filter((p) => p.detail.type === "coaching").length;
  assert.ok(coaching > 280, `${coaching} coaching participants`);
  const page = await app.page();
  await open(page, app.url("/data"));
  await replaceAllWith(page, text);
  const t0 = Date.now();
  await page.getByRole("link", { name: "Rapport" }).click();
  await page.getByTestId("participant-table").locator("tbody tr").nth(coaching - 1).waitFor({ timeout: 60_000 });
  const ms = Date.now() - t0;
  console.log(`report at 290 × 20: ${ms} ms from the click to the last participant row`);
  assert.equal(await page.getByTestId("participant-table").locator("tbody tr").count(), coaching);
  assert.ok(ms < 10_000, `${ms} ms`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
