// Spreadsheets both ways (issue #20): /kommuner's list downloaded as a workbook and as CSV
// in Swedish (semicolons) and English (commas), read back with an independent reader
// (SheetJS); "Importera från kalkylark" on /data: a workbook of mentor pairings and a
// Swedish-Excel CSV of events, mapped, previewed with their problems, applied as one
// change and undone; files that are no sheet refused; a 290-row sheet timed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import XLSX from "xlsx";
import { open, start, announced, generated290, replaceAllWith } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** A workbook's first sheet as rows of cells (SheetJS: dates as Date, numbers as numbers). */
function sheetOf(bytes) {
  const book = XLSX.read(bytes, { type: "buffer", cellDates: true, cellStyles: true, cellNF: true });
  const sheet = book.Sheets[book.SheetNames[0]];
  return { names: book.SheetNames, sheet, rows: XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true, defval: "" }) };
}

const day = (d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

async function pickSheet(page, name, buffer, mimeType = "application/octet-stream") {
  await page.getByLabel("Välj ett kalkylark (.xlsx eller .csv)").setInputFiles({ name, mimeType, buffer });
}

function workbook(rows, sheetName = "Blad1") {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), sheetName);
  return XLSX.write(book, { type: "buffer", bookType: "xlsx" });
}

test("/kommuner downloads the list as a workbook and as CSV, in Swedish and English, and both read back as the list", async () => {
  const page = await app.page({ serviceWorkers: "block" });
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, app.url("/kommuner?lan=12"));
  const shown = Number((await page.getByTestId("showing").textContent()).match(/Visar (\d+)/)[1]);
  assert.match(await page.locator(".list-download + .hint").textContent(), /semikolon/);

  const csv = await download(page, "Ladda ner listan som CSV");
  assert.match(csv.name, /^klimatcoachning-kommuner-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = csv.bytes.toString("utf8");
  assert.ok(text.startsWith("\ufeffNamn;Län;Kommunkod;Projekt;"), text.slice(0, 80));
  const csvRows = XLSX.utils.sheet_to_json(XLSX.read(text.slice(1), { type: "string", FS: ";", raw: true }).Sheets.Sheet1, { header: 1, raw: true, defval: "" });
  assert.equal(csvRows.length, 1 + shown);
  const goinge = csvRows.find((r) => r[0] === "Östra Göinge");
  assert.equal(String(goinge[2]), "1256");

  assert.ok(!fetched.some((p) => p.includes("-split_xlsx_writer-")), "the workbook code waits for the button");
  const xlsx = await download(page, "Ladda ner listan som Excel-arbetsbok");
  assert.ok(fetched.some((p) => p.includes("-split_xlsx_writer-")), "and comes with it");
  assert.match(xlsx.name, /^klimatcoachning-kommuner-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = sheetOf(xlsx.bytes);
  assert.deepEqual(book.names, ["Kommuner"]);
  assert.deepEqual(book.rows[0], csvRows[0], "the same header");
  assert.equal(book.rows.length, csvRows.length);
  for (let i = 1; i < book.rows.length; i++) {
    assert.deepEqual(book.rows[i].map((c) => String(day(c))), csvRows[i].map(String), `row ${i}`);
  }
  // Typed cells: a kommunkod is text (a leading zero would stay), a population a number, its day a date.
  const at = (col, row) => book.sheet[XLSX.utils.encode_cell({ c: col, r: row })];
  const r = book.rows.findIndex((row) => row[0] === "Östra Göinge");
  assert.equal(at(2, r).t, "s");
  assert.equal(at(4, r).t, "n");
  assert.equal(at(5, r).t, "d");
  assert.equal(at(10, r).t, "n", "the grant in kronor is a number");
  assert.match(at(10, r).z, /kr/, "shown with its unit");
  assert.ok(book.sheet["!cols"]?.some((c) => c.wch > 10 || c.width > 10), "columns as wide as their text");

  await page.getByRole("button", { name: "In English" }).click();
  await page.locator("html[lang=en]").waitFor();
  assert.match(await page.locator(".list-download + .hint").textContent(), /commas/);
  const en = await download(page, "Download the list as CSV");
  const enText = en.bytes.toString("utf8");
  assert.ok(enText.startsWith("\ufeffName,County,Code,Programme,"), enText.slice(0, 80));
  const enRows = XLSX.utils.sheet_to_json(XLSX.read(enText.slice(1), { type: "string", raw: true }).Sheets.Sheet1, { header: 1, raw: true, defval: "" });
  assert.equal(enRows.length, 1 + shown);
  const enBook = sheetOf((await download(page, "Download the list as an Excel workbook")).bytes);
  assert.deepEqual(enBook.names, ["Municipalities"]);
  assert.deepEqual(enBook.rows[0], enRows[0]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a workbook of mentor pairings: proposed columns, problems by row and column, applied as one change, undone in one step", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  await pickSheet(
    page,
    "mentorer.xlsx",
    workbook([
      ["Kommun", "Mentor", "Avsiktsförklaring", "Kommentar"],
      ["Hjo", "Lund", new Date(Date.UTC(2007, 2, 15)), "klar"],
      ["Osby", "Lund", "", ""],
      ["Boxholm", "Lundd", "", ""],
      ["Malmö", "Lund", "", ""],
    ]),
  );
  const plan = page.getByTestId("sheet-plan");
  await plan.getByText("Vad mentorer.xlsx skulle ändra").waitFor();
  assert.ok(await plan.getByLabel("Deltagare: klimatcoach, mentor, avsiktsförklaring och strategidatum").isChecked());
  assert.equal(await plan.getByLabel("A Kommun").inputValue(), "Municipality");
  assert.equal(await plan.getByLabel("C Avsiktsförklaring").inputValue(), "LetterOfIntent");
  assert.equal(await plan.getByLabel("D Kommentar").inputValue(), "", "a column no field claims is not read");
  assert.equal(await plan.getByTestId("sheet-summary").textContent(), "Rader: 4. Ändras: 2. Oförändrade: 0. Med problem: 2.");
  const problems = await plan.getByTestId("sheet-problems").locator("li").allTextContents();
  assert.deepEqual(problems, [
    "Rad 4, kolumn B (Mentor): ”Lundd” är ingen av Sveriges kommuner. Menade du Lund, Kinda, Luleå?",
    "Rad 5, kolumn A (Kommun): ”Malmö” deltar inte i Klimatcoachning. Lägg till kommunen på sidan Kommuner först.",
  ]);
  const hjo = plan.getByTestId("sheet-rows").getByRole("row", { name: /Hjo/ });
  assert.match(await hjo.textContent(), /Mentor: –\s*→\s*Lund/);
  assert.match(await hjo.textContent(), /Avsiktsförklaring: –\s*→\s*15 mars 2007/);

  // Nothing applies while rows have problems, until the user says to skip them.
  const apply = plan.getByRole("button", { name: "För in ändringarna" });
  assert.ok(await apply.isDisabled());
  await plan.getByLabel("Hoppa över raderna med problem (2) och för in resten").check();
  await apply.click();
  await page.getByTestId("sheet-done").getByText("mentorer.xlsx är infört: 2 rader ändrade.").waitFor();
  await announced(page, "Ändringen är sparad.");

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mentorer" }).click();
  await page.locator("main h1", { hasText: "Mentorer" }).waitFor();
  const mentorOf = (kod) => page.getByTestId(`pair-participation-coaching-${kod}`).getByTestId("mentor");
  assert.match(await mentorOf("1497").textContent(), /Lund/);
  assert.match(await mentorOf("1273").textContent(), /Lund/);
  // One undo takes the whole sheet back.
  await page.getByRole("button", { name: "Ångra", exact: true }).click();
  await announced(page, "Ändringen är ångrad.");
  assert.doesNotMatch(await mentorOf("1497").textContent(), /Lund/);
  assert.doesNotMatch(await mentorOf("1273").textContent(), /Lund/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a CSV of events as Swedish Excel saves it (semicolons, Windows-1252): mapping changed, applied, undone from /data", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const text =
    "Datum;Titel;Typ;Plats;Deltagare\r\n" +
    "2007-10-04;Workshop om energi;Workshop;Hjo;Hjo, Osby\r\n" +
    "2008-05;Tårta till Osby;Månadens tårta;;Osby\r\n" +
    "2008-01-10;Fikamöte;Fika;;\r\n";
  await pickSheet(page, "händelser.csv", Buffer.from(text, "latin1"), "text/csv");
  const plan = page.getByTestId("sheet-plan");
  await plan.getByText("Vad händelser.csv skulle ändra").waitFor();
  assert.ok(await plan.getByLabel("Händelser", { exact: true }).isChecked(), "the kind proposed from the header");
  assert.equal(await plan.getByTestId("sheet-summary").textContent(), "Rader: 3. Ändras: 2. Oförändrade: 0. Med problem: 1.");
  assert.deepEqual(await plan.getByTestId("sheet-problems").locator("li").allTextContents(), [
    "Rad 4, kolumn C (Typ): ”Fika” är ingen typ av händelse. Skriv Workshop, Seminarium, Föreläsning eller Månadens tårta.",
  ]);
  assert.match(await plan.getByTestId("sheet-rows").getByRole("row", { name: /Tårta till Osby/ }).textContent(), /maj 2008/);

  // Without a date column the sheet cannot be applied; mapped again, it can.
  await plan.getByLabel("A Datum").selectOption("");
  await plan.getByTestId("sheet-unmapped").getByText("Välj en kolumn för: Datum.", { exact: false }).waitFor();
  await plan.getByLabel("Hoppa över raderna med problem", { exact: false }).check();
  assert.ok(await plan.getByRole("button", { name: "För in ändringarna" }).isDisabled());
  await plan.getByLabel("A Datum").selectOption({ label: "Datum" });
  await plan.getByTestId("sheet-unmapped").waitFor({ state: "detached" });
  await plan.getByRole("button", { name: "För in ändringarna" }).click();
  const done = page.getByTestId("sheet-done");
  await done.getByText("händelser.csv är infört: 2 rader ändrade.").waitFor();

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Händelser" }).click();
  await page.getByText("Workshop om energi").first().waitFor();
  await page.getByText("Tårta till Osby").first().waitFor();
  await page.goBack();
  await page.locator("main h1").first().waitFor();
  await page.getByRole("button", { name: "Ångra", exact: true }).click();
  await announced(page, "Ändringen är ångrad.");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Händelser" }).click();
  await page.locator("main h1").first().waitFor();
  assert.equal(await page.getByText("Workshop om energi").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("files that hold no sheet are refused in words and change nothing", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const refused = page.getByTestId("sheet-refused");
  await pickSheet(page, "gammal.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  await refused.getByText("Det är ett äldre Excel-format (.xls)", { exact: false }).waitFor();
  await pickSheet(page, "trasig.xlsx", Buffer.from("Kommun;Mentor\r\n"));
  await refused.getByText("Filen heter .xlsx men är ingen Excel-arbetsbok", { exact: false }).waitFor();
  await pickSheet(page, "bild.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await refused.getByText("Filen är varken en Excel-arbetsbok eller en CSV-fil.", { exact: false }).waitFor();
  await pickSheet(page, "tom.csv", Buffer.from("\ufeff;;\r\n"), "text/csv");
  await refused.getByText("Arket är tomt.").waitFor();
  await pickSheet(page, "rubrik.csv", Buffer.from("Kommun;Mentor\r\n"), "text/csv");
  await refused.getByText("Arket har en rubrikrad men inga rader under den.").waitFor();
  await pickSheet(page, "citat.csv", Buffer.from('Kommun;Mentor\r\nHjo;"Lund\r\n'), "text/csv");
  await refused.getByText("Ett citattecken öppnas men stängs aldrig", { exact: false }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Ångra", exact: true }).isDisabled(), true, "nothing to undo");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a 290-row sheet on the 290-municipality dataset is previewed and applied in seconds", async () => {
  const body = generated290();
  const page = await app.page();
  await open(page, app.url("/data"));
  await replaceAllWith(page, body);
  const names = JSON.parse(body).organisations.filter((o) => o.kommunkod).map((o) => o.name);
  assert.equal(names.length, 290);
  const rows = [["Kommun", "Klimatcoach", "Avsiktsförklaring"], ...names.map((n, i) => [n, `Coach ${i % 40}`, `2007-03-${String((i % 28) + 1).padStart(2, "0")}`])];
  const t0 = Date.now();
  await pickSheet(page, "alla.xlsx", workbook(rows));
  await page.getByTestId("sheet-summary").waitFor({ timeout: 60_000 });
  const previewed = Date.now() - t0;
  const summary = await page.getByTestId("sheet-summary").textContent();
  assert.match(summary, /^Rader: 290\./);
  const t1 = Date.now();
  const apply = page.getByTestId("sheet-plan").getByRole("button", { name: "För in ändringarna" });
  if (await apply.isDisabled()) await page.getByLabel("Hoppa över raderna med problem", { exact: false }).check();
  await apply.click();
  await page.getByTestId("sheet-done").waitFor({ timeout: 60_000 });
  const applied = Date.now() - t1;
  console.log(`290-row sheet: ${previewed} ms from picking the workbook to its preview, ${applied} ms to apply (${summary})`);
  assert.ok(previewed < 10_000, `${previewed} ms`);
  assert.ok(applied < 10_000, `${applied} ms`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
