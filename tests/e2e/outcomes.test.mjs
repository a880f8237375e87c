// The later outcomes the sources give (S6–S12): as precise as the source, with its words
// and date; the status rules for partial dates; data stored by format version 2.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, openEditor, storedRows, storedDataset, until, announced } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

test("a built-in outcome shows as precisely as its source, with the source's words and date", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/harjedalen"));
  assert.equal(await page.getByTestId("status").textContent(), "Antaget");
  const adopted = page.getByTestId("adopted");
  assert.match(await adopted.innerText(), /^november 2008\s/);
  assert.match(await adopted.locator("q").innerText(), /fastställde i november 2008 en energi- och klimatstrategi/);
  assert.equal(await adopted.locator("a.source-ref").innerText(), "S6");
  assert.match(await adopted.innerText(), /källan daterad 25 juni 2013/);

  await page.goto(app.url("/kommun/habo"));
  await page.getByTestId("adopted").waitFor();
  assert.match(await page.getByTestId("adopted").innerText(), /^Antagen, datum inte känt\s.*S10 \(källan är odaterad\)/s);
  assert.equal(await page.getByTestId("status").textContent(), "Antaget");

  // Osby's environmental programme is a note, not the commitment.
  await page.goto(app.url("/kommun/osby"));
  await page.getByTestId("source-notes").waitFor();
  assert.match(await page.getByTestId("source-notes").innerText(), /nytt miljöprogram.*S12 \(källan daterad 15 april 2015\)/s);
  assert.equal(await page.getByTestId("status").textContent(), "Ej påbörjat (ingen avsiktsförklaring registrerad)");
  assert.equal(await page.getByTestId("adopted").innerText(), "ej registrerat");

  // The list counts them with the same rule.
  await page.goto(app.url("/kommuner?status=antaget"));
  await page.getByTestId("showing").filter({ hasText: "Visar 7 av 27." }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("an adoption known to the year is late only when all of the year is after the due date", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/perstorp"));
  assert.match(await page.getByTestId("adopted").innerText(), /^2010\s.*S9/s);
  await openEditor(page);
  const adopted = page.getByLabel("Antagen av kommunfullmäktige", { exact: true });
  assert.equal(await adopted.inputValue(), "2010", "the year, not a day");
  assert.equal(await adopted.getAttribute("type"), "text");
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  assert.equal(await page.getByTestId("status").textContent(), "Antaget, men efter sista dagen");
  assert.match(await page.getByTestId("adopted").innerText(), /S9/, "unchanged, it keeps its source");

  // A month that is not one is refused, and nothing is saved.
  await openEditor(page);
  await adopted.fill("2009-13");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByText("Skriv ett år (2008), en månad (2008-11) eller ett datum (2008-11-20).").waitFor();
  assert.equal(await adopted.getAttribute("aria-invalid"), "true");

  // 2009 holds the due date (15 March 2009): it may have been on time, so it is met.
  await adopted.fill("2009");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  assert.equal(await page.getByTestId("status").textContent(), "Antaget");
  assert.equal(await page.getByTestId("adopted").innerText(), "2009", "a person's entry: no source");

  // Adopted, date not known: the field gives way to the tick.
  await openEditor(page);
  await page.getByLabel("Antagen, men datumet är inte känt").check();
  assert.equal(await adopted.count(), 0);
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  assert.equal(await page.getByTestId("adopted").innerText(), "Antagen, datum inte känt");
  await page.reload();
  await page.getByTestId("adopted").waitFor();
  assert.equal(await page.getByTestId("adopted").innerText(), "Antagen, datum inte känt");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("data stored by format version 2 keeps its edits and gains the sourced outcomes", async () => {
  const page = await app.page();
  const v2 = readFileSync(new URL("../fixtures/dataset-v2.json", import.meta.url), "utf8");
  // Stored once, before the app's first start, as version 2 left it.
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem("stored-v2")) {
      localStorage.setItem("klimatcoachning.data", text);
      sessionStorage.setItem("stored-v2", "1");
    }
  }, v2);
  await open(page, app.url("/kommun/hjo"));
  assert.equal(await page.getByTestId("adopted").innerText(), "1 juni 2008");
  await page.goto(app.url("/kommun/harjedalen"));
  await page.getByTestId("adopted").waitFor();
  assert.equal(await page.getByTestId("adopted").innerText(), "10 januari 2009", "edited there: kept");
  await page.goto(app.url("/kommun/boxholm"));
  await page.getByTestId("adopted").waitFor();
  assert.match(await page.getByTestId("adopted").innerText(), /^2008\s.*S7/s, "never edited: the built-in outcome");
  assert.equal(await page.getByTestId("letter-of-intent").textContent(), "1 februari 2007");
  const stored = await storedDataset(page);
  assert.equal(stored.schema_version, 4, "moved to the browser's database in the current version");
  assert.equal(await page.evaluate(() => localStorage.getItem("klimatcoachning.data")), null, "and only then removed from localStorage");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
