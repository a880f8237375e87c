// /mentorer: mark a member, pair it by keyboard, reload and find the pairing kept;
// accept a suggestion; a forbidden pairing refused with its message; the CSV export.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import XLSX from "xlsx";
import { start, open, openEditor, storedRows, storedDataset, until } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const pairRow = (page, kod) => page.getByTestId(`pair-participation-coaching-${kod}`);

test("mark a member, assign it by keyboard, reload: the pairing is kept and undo takes it back", async () => {
  const page = await app.page();
  await open(page, app.url("/mentorer"));
  assert.match(await page.getByTestId("pair-counts").textContent(), /^0 av 22 deltagare har en mentor\. Medlemmar som kan vara mentorer: 1\./);

  // Mark Ale (not a participant) as a member since 2006, by keyboard only.
  await page.getByLabel("Kommun", { exact: true }).fill("Ale (1440)");
  await page.getByLabel("Medlem sedan (år)").fill("2006");
  await page.getByLabel("Medlem sedan (år)").press("Enter");
  const members = page.getByTestId("members");
  await members.getByRole("rowheader", { name: /Ale/ }).waitFor();
  assert.match(await members.textContent(), /Ale.*2006/);

  // Hjo (Västra Götaland) gets Ale, by keyboard.
  const select = page.getByLabel("Mentor för Hjo");
  await select.focus();
  await select.selectOption({ label: "Ale (Västra Götalands län) – adepter: 0" });
  // A select does not submit its form on Enter: Tab to the button, press it.
  await select.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Tilldela");
  await page.keyboard.press("Enter");
  await pairRow(page, "1497").getByTestId("mentor").getByRole("link", { name: "Ale" }).waitFor();
  assert.match(await pairRow(page, "1497").getByTestId("mentor").textContent(), /Ale – Samma län/);

  await page.reload();
  await page.locator("main h1").waitFor();
  await pairRow(page, "1497").getByTestId("mentor").getByRole("link", { name: "Ale" }).waitFor();
  assert.match(await page.getByTestId("pair-counts").textContent(), /^1 av 22/);
  await open(page, app.url("/kommun/hjo"));
  assert.equal(await page.getByRole("link", { name: "Ale" }).count(), 1, "the municipality page shows the mentor");

  await open(page, app.url("/mentorer"));
  await pairRow(page, "1497").getByRole("button", { name: "Ta bort mentor för Hjo" }).click();
  await pairRow(page, "1497").getByText("Ingen mentor").waitFor();
  await until(() => page.evaluate(() => document.activeElement.id), "mentor-for-participation-coaching-1497", "focus stays in the row");
  await page.getByRole("button", { name: "Ångra" }).click();
  await pairRow(page, "1497").getByTestId("mentor").getByRole("link", { name: "Ale" }).waitFor();
  await page.getByRole("button", { name: "Ångra" }).click();
  await pairRow(page, "1497").getByText("Ingen mentor").waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a forbidden pairing is refused with its message and nothing changes", async () => {
  const page = await app.page();
  await open(page, app.url("/mentorer"));
  // Osby takes part in the programme: mark it a member, then try it as Boxholm's mentor.
  await page.getByLabel("Kommun", { exact: true }).fill("Osby");
  await page.getByRole("button", { name: "Markera som medlem" }).click();
  await page.getByTestId("members").getByRole("rowheader", { name: /Osby/ }).waitFor();
  const before = JSON.stringify(await storedRows(page));

  const select = page.getByLabel("Mentor för Boxholm");
  await select.selectOption({ label: "Osby (Skåne län) – adepter: 0" });
  await pairRow(page, "0560").getByRole("button", { name: "Tilldela" }).click();
  assert.equal(await select.getAttribute("aria-invalid"), "true");
  const describedBy = await select.getAttribute("aria-describedby");
  assert.match(
    await page.locator(`[id="${describedBy}"]`).textContent(),
    /Kommunen deltar själv i Klimatcoachning och kan inte vara mentor i projektet\./,
  );
  // Osby for Osby: a municipality cannot mentor itself.
  await page.getByLabel("Mentor för Osby").selectOption({ label: "Osby (Skåne län) – adepter: 0" });
  await pairRow(page, "1273").getByRole("button", { name: "Tilldela" }).click();
  assert.match(await pairRow(page, "1273").locator(".field-error").textContent(), /En kommun kan inte vara mentor för sig själv\./);
  assert.equal(JSON.stringify(await storedRows(page)), before, "nothing saved");

  // A bad year is refused too.
  await page.getByLabel("Kommun", { exact: true }).fill("Ale");
  await page.getByLabel("Medlem sedan (år)").fill("1999");
  await page.getByRole("button", { name: "Markera som medlem" }).click();
  assert.match(await page.locator("#member-since-error").textContent(), /från 2003 till 2040/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("suggestions say why; accept one, reject one, accept all; a load above the maximum is flagged", async () => {
  const page = await app.page();
  await open(page, app.url("/mentorer"));
  const suggestions = page.getByTestId("suggestion");
  assert.equal(await suggestions.count(), 22, "Lund is the only member and may mentor everyone");
  // Boxholm (Östergötland) first in Swedish order; Lund is in Götaland too, with no border.
  assert.match(await suggestions.first().textContent(), /Boxholm → Lund.*Samma landsdel \(Skåne län\)\. Adepter hos Lund före förslaget: 0/);

  // With so few members the page says so, and takes the reader to the form to mark more.
  const few = page.getByTestId("few-members");
  assert.match(await few.textContent(), /Kända medlemmar: 1\. .*Förslagen blir bättre med fler kandidater/);
  await few.getByRole("button", { name: "Markera fler medlemmar" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "member-municipality");

  // Mark Kinda (Östergötland) a member: Boxholm now gets a mentor in its own län.
  await page.keyboard.type("Kinda");
  await page.getByRole("button", { name: "Markera som medlem" }).click();
  await page.getByTestId("members").getByRole("rowheader", { name: /Kinda/ }).waitFor();
  assert.match(await suggestions.first().textContent(), /Boxholm → Kinda.*Samma län \(Östergötlands län\)/);

  await page.getByRole("button", { name: "Avvisa förslaget Kinda som mentor för Boxholm" }).click();
  await suggestions.first().filter({ hasText: /Boxholm → Lund/ }).waitFor();
  await page.getByRole("button", { name: "Godta förslaget Lund som mentor för Boxholm" }).click();
  await pairRow(page, "0560").getByTestId("mentor").getByRole("link", { name: "Lund" }).waitFor();
  assert.equal(await suggestions.count(), 21);

  await page.getByRole("button", { name: /Godta alla förslag \(21\)/ }).click();
  await page.getByTestId("no-suggestions").waitFor();
  assert.match(await page.getByTestId("pair-counts").textContent(), /^22 av 22/);
  const loads = await page.getByTestId("members").getByTestId("load").allTextContents();
  assert.ok(loads.some((t) => /Fler än högsta antalet \(2\)/.test(t)), loads.join(" | "));
  // One undo takes the whole "accept all" back.
  await page.getByRole("button", { name: "Ångra" }).click();
  await page.getByTestId("pair-counts").filter({ hasText: /^1 av 22/ }).waitFor();

  // The maximum is a setting: refused out of range, kept after a reload.
  await page.getByLabel("Högsta antal adepter per mentor").fill("0");
  await page.getByRole("button", { name: "Spara inställningen" }).click();
  assert.match(await page.locator("#max-load-error").textContent(), /från 1 till 50/);
  await page.getByLabel("Högsta antal adepter per mentor").fill("30");
  await page.getByRole("button", { name: "Spara inställningen" }).click();
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.getByLabel("Högsta antal adepter per mentor").inputValue(), "30");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the pairs download as CSV with a BOM, one row per participant, and as a workbook with the same rows", async () => {
  const page = await app.page();
  await open(page, app.url("/mentorer"));
  await page.getByRole("button", { name: "Godta förslaget Lund som mentor för Hjo" }).click();
  await pairRow(page, "1497").getByTestId("mentor").getByRole("link", { name: "Lund" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Ladda ner paren som CSV" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^klimatcoachning-mentorer-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), "utf8");
  assert.ok(text.startsWith("\ufeff"), "byte-order mark");
  const lines = text.slice(1).trimEnd().split("\r\n");
  assert.equal(lines.length, 23);
  assert.equal(lines[0], "Deltagare;Kommunkod;Län;Mentor;Mentorns kommunkod;Mentorns län;Närhet;Konflikt");
  assert.ok(lines.includes("Hjo;1497;Västra Götalands län;Lund;1281;Skåne län;Samma landsdel;"), lines.join("\n"));
  const [book] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Ladda ner paren som Excel-arbetsbok" }).click(),
  ]);
  assert.match(book.suggestedFilename(), /^klimatcoachning-mentorer-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const read = XLSX.read(await readFile(await book.path()), { type: "buffer" });
  assert.deepEqual(read.SheetNames, ["Mentorer"]);
  const rows = XLSX.utils.sheet_to_json(read.Sheets.Mentorer, { header: 1, defval: "" });
  assert.deepEqual(rows.map((r) => r.join(";")), lines);
  await page.context().close();
});

test("a municipality's own page marks it a member, and /mentorer lists it", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  await openEditor(page, "Ändra medlemskap i Klimatkommunerna");
  await page.getByLabel("Medlem i Klimatkommunerna (kan vara mentor)").check();
  const year = page.getByLabel("Medlem sedan (år)");
  await year.fill("20x5");
  await year.press("Enter");
  assert.equal(await year.getAttribute("aria-invalid"), "true");
  await year.fill("2005");
  await year.press("Enter");
  await page.getByText("Ja, sedan 2005").first().waitFor();
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mentorer" }).click();
  await page.getByTestId("members").getByRole("rowheader", { name: /Hjo/ }).waitFor();
  // Hjo is a participant: listed as a member, but refused as a mentor in its own programme.
  await page.getByLabel("Mentor för Dals-Ed").selectOption({ label: "Hjo (Västra Götalands län) – adepter: 0" });
  await pairRow(page, "1438").getByRole("button", { name: "Tilldela" }).click();
  assert.match(await pairRow(page, "1438").locator(".field-error").textContent(), /deltar själv/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
