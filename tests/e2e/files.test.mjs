// Sharing by file: export is deterministic and valid against the published schema;
// a bad file is refused with its reasons and changes nothing; replace, merge with a
// conflict decided, and undo of an import also after a reload; merging files from
// several browsers asks only about edits neither had seen (#17).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { start, open, openEditor, storedRows, storedDataset, until, announced, exportFile, importText } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/** Every stored row, as one text. */
const stored = async (page) => JSON.stringify(await storedRows(page));

async function setLetterOfIntent(page, slug, date) {
  await open(page, app.url(`/kommun/${slug}`));
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill(date);
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByTestId("letter-of-intent").filter({ hasNotText: "ej registrerat" }).waitFor();
}

test("the export is deterministic, named by date, and valid against the served JSON Schema", async () => {
  const page = await app.page();
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  // An edit and a removal, so that versions, context and removed records are checked too.
  await setLetterOfIntent(page, "hjo", "2007-03-15");
  await open(page, app.url("/kommun/boxholm"));
  await page.getByRole("button", { name: "Ta bort ur Klimatcoachning" }).click();
  await page.getByTestId("letter-of-intent").waitFor({ state: "detached" });
  await open(page, app.url("/data"));
  const a = await exportFile(page);
  const b = await exportFile(page);
  assert.equal(a.name, "klimatcoachning-2026-11-27.json");
  assert.equal(a.text, b.text, "the same data gives the same bytes");
  const data = JSON.parse(a.text);
  assert.equal(data.format, "klimatcoachning");
  assert.equal(data.schema_version, 4);
  assert.equal(data.exported_at, "2026-11-27T10:00:00Z");
  assert.ok(a.text.startsWith('{\n  "format": "klimatcoachning",\n  "schema_version": 4,\n  "exported_at"'));
  assert.equal(data.removed.length, 1);
  assert.match(data.participations.find((p) => p.id === "participation-coaching-1497").versions["detail.letter_of_intent"], /^\w+\.\d+@2026-11-27T10:00:00/);

  // The schema is served with the app and linked from /data; an independent validator accepts the export.
  const href = await page.getByTestId("schema-link").getAttribute("href");
  assert.equal(await page.getByTestId("schema-link").textContent(), href.split("/").pop(), "the link names the file it opens");
  const schema = await (await page.request.get(app.origin + href)).json();
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  // schemars names the Rust integer types as formats; check them as what they are.
  const integer = (min, max) => ({ type: "number", validate: (n) => Number.isInteger(n) && n >= min && n <= max });
  ajv.addFormat("uint32", integer(0, 2 ** 32 - 1));
  ajv.addFormat("int32", integer(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat("uint", integer(0, Number.MAX_SAFE_INTEGER));
  ajv.addFormat("uint64", integer(0, Number.MAX_SAFE_INTEGER));
  const validate = ajv.compile(schema);
  assert.ok(validate(data), JSON.stringify(validate.errors));
  data.organisations[0].population[0].count = "många";
  assert.equal(validate(data), false, "the schema is not a rubber stamp");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a bad file is refused whole with every problem listed, and nothing changes", async () => {
  const page = await app.page();
  await setLetterOfIntent(page, "hjo", "2007-03-15");
  await open(page, app.url("/data"));
  const before = await stored(page);
  const exported = JSON.parse((await exportFile(page)).text);

  await importText(page, "");
  await page.getByTestId("import-refused").getByText("Filen är tom.").waitFor();
  await importText(page, '{"format": ');
  await page.getByTestId("import-refused").getByText(/inte giltig JSON: något är fel på rad 1/).waitFor();
  await importText(page, JSON.stringify({ ...exported, schema_version: 9 }));
  await page.getByTestId("import-refused").getByText(/nyare version av appen \(formatversion 9\)/).waitFor();

  exported.organisations[2].population[0].count = "många";
  exported.participations[0].detail.mentor_id = "org-9999";
  delete exported.organisations[5].name;
  await importText(page, JSON.stringify(exported), "trasig.json");
  const refused = page.getByTestId("import-refused");
  await refused.getByText(/trasig\.json importerades inte, och inget har ändrats\. Problem i filen: 3\./).waitFor();
  const items = await refused.locator("li").allTextContents();
  assert.ok(items.includes("organisations[2].population[0].count: här ska det stå ett tal, men filen har en text."), items.join("\n"));
  assert.ok(items.includes('organisations[5]: fältet "name" saknas.'), items.join("\n"));
  assert.ok(items.includes('participations[0].detail.mentor_id: hänvisar till "org-9999", som inte finns i filen.'), items.join("\n"));
  assert.equal(await stored(page), before, "nothing changed");
  assert.equal(await page.getByTestId("import-preview").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("export A, import B (replace), undo after a reload: the export holds A's data again", async () => {
  const page = await app.page();
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  await setLetterOfIntent(page, "hjo", "2007-03-15");
  await open(page, app.url("/data"));
  const a = (await exportFile(page)).text;

  const b = JSON.parse(a);
  b.participations = b.participations.filter((p) => p.id !== "participation-coaching-1497");
  b.coaches.push({ ...b.coaches[0], id: "coach-ny", name: "Ny Coach" });
  await importText(page, JSON.stringify(b));
  const preview = page.getByTestId("import-preview");
  await preview.waitFor();
  assert.equal(await preview.getByTestId("replace-summary").textContent(), "Tillkommer: 1. Ändras: 0. Tas bort: 1.");
  await preview.getByRole("button", { name: "Ersätt allt med filen" }).click();
  await page.getByTestId("import-done").waitFor();
  assert.equal(await page.getByTestId("announcer").textContent(), "Filen importerades. Ångra återställer det du hade innan.");
  assert.ok(!(await stored(page)).includes("participation-coaching-1497"), "Hjo's participation is gone");

  await page.reload();
  await page.locator("main h1").waitFor();
  await page.getByRole("button", { name: "Ångra importen" }).click();
  await page.getByTestId("import-done").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("announcer").textContent(), "Importen ångrades: allt är som före importen.");
  // Undo puts back every value as a new edit of this browser (its versions move on).
  const data = (text) => JSON.stringify(JSON.parse(text), (k, v) => (["versions", "context", "removed"].includes(k) ? undefined : v));
  const undone = (await exportFile(page)).text;
  assert.equal(data(undone), data(a), "undo restores exactly what was there");
  assert.notEqual(undone, a, "as a new edit");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** Opens /data in `page` and picks `text` as the file: the preview that follows. */
async function preview(page, text) {
  await open(page, app.url("/data"));
  await importText(page, text);
  const shown = page.getByTestId("import-preview");
  await shown.waitFor();
  return shown;
}

async function mergeIn(page, text) {
  const shown = await preview(page, text);
  await shown.getByRole("button", { name: "Slå ihop med filen" }).click();
  await shown.waitFor({ state: "detached" });
}

async function exported(page) {
  await open(page, app.url("/data"));
  return (await exportFile(page)).text;
}

// Two people in two browsers (#17): A shares, B takes A's file, corrects a date A set,
// sets another and removes a participation; A merges B's file back.
test("a correction made after seeing the other's value is no question, and a removal travels", async () => {
  const a = await app.page();
  await setLetterOfIntent(a, "hjo", "2007-03-15");
  const fromA = await exported(a);

  const b = await app.page();
  const replace = await preview(b, fromA);
  await replace.getByRole("button", { name: "Ersätt allt med filen" }).click();
  await b.getByTestId("import-done").waitFor();
  await setLetterOfIntent(b, "hjo", "2007-04-01");
  await setLetterOfIntent(b, "osby", "2007-05-20");
  await open(b, app.url("/kommun/boxholm"));
  await b.getByRole("button", { name: "Ta bort ur Klimatcoachning" }).click();
  await b.getByTestId("letter-of-intent").waitFor({ state: "detached" });
  const fromB = await exported(b);

  const shown = await preview(a, fromB);
  assert.equal(await shown.getByTestId("merge-summary").textContent(), "Tillkommer: 0. Ändras: 2. Tas bort: 1. Konflikter: 0.");
  assert.equal(await shown.getByTestId("conflict").count(), 0, "nothing to ask");
  const removed = shown.getByTestId("merge-removed");
  assert.match(await removed.textContent(), /Behåll Boxholm \(deltagande\)/);
  assert.equal(await removed.getByRole("checkbox").isChecked(), false, "removed unless kept");
  await shown.getByRole("button", { name: "Slå ihop med filen" }).click();
  await shown.waitFor({ state: "detached" });
  await open(a, app.url("/kommun/hjo"));
  assert.equal(await a.getByTestId("letter-of-intent").textContent(), "1 april 2007", "B's correction wins");
  await open(a, app.url("/kommun/osby"));
  assert.equal(await a.getByTestId("letter-of-intent").textContent(), "20 maj 2007", "Osby's date arrives");
  await open(a, app.url("/kommun/boxholm"));
  assert.equal(await a.getByTestId("letter-of-intent").count(), 0, "the removal reached A");
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.context().close();
  await b.context().close();
});

test("edits of one field neither had seen are exactly one question, with when and where each was made", async () => {
  const a = await app.page();
  const b = await app.page();
  await setLetterOfIntent(a, "hjo", "2007-03-15");
  await setLetterOfIntent(b, "hjo", "2007-03-20");
  await setLetterOfIntent(b, "osby", "2007-05-20");
  // B names its browser: the name travels with its file.
  await open(b, app.url("/data"));
  await b.getByLabel("Den här webbläsarens namn").fill("  Kansliet ");
  await b.getByRole("button", { name: "Spara namnet" }).click();
  await announced(b, "Inställningen sparades.");
  const shown = await preview(a, await exported(b));
  assert.equal(await shown.getByTestId("merge-summary").textContent(), "Tillkommer: 0. Ändras: 2. Tas bort: 0. Konflikter: 1.");
  const conflict = shown.getByTestId("conflict");
  assert.equal(await conflict.count(), 1);
  const text = await conflict.textContent();
  assert.match(text, /Hjo – Avsiktsförklaring godkänd av kommunstyrelsen/, "the field as the page names it");
  assert.match(text, /Behåll min: 15 mars 2007.*ändrat .*2026.*webbläsare: den här\)/s, "the date as the pages write dates; A's own edit by this browser");
  assert.match(text, /Ta filens: 20 mars 2007.*webbläsare: Kansliet\)/s, "B's edit, by B's name");
  assert.equal(await conflict.getByLabel(/Ta filens/).isChecked(), true, "the later edit is preselected");
  await conflict.getByLabel(/Behåll min/).check();
  await shown.getByRole("button", { name: "Slå ihop med filen" }).click();
  await shown.waitFor({ state: "detached" });
  await open(a, app.url("/kommun/hjo"));
  assert.equal(await a.getByTestId("letter-of-intent").textContent(), "15 mars 2007", "A's choice");
  await open(a, app.url("/kommun/osby"));
  assert.equal(await a.getByTestId("letter-of-intent").textContent(), "20 maj 2007", "the rest merged");

  // A's choice was made after seeing B's date: B takes it without a question.
  const back = await preview(b, await exported(a));
  assert.equal(await back.getByTestId("merge-summary").textContent(), "Tillkommer: 0. Ändras: 1. Tas bort: 0. Konflikter: 0.");
  await back.getByRole("button", { name: "Slå ihop med filen" }).click();
  await back.waitFor({ state: "detached" });
  await open(b, app.url("/kommun/hjo"));
  assert.equal(await b.getByTestId("letter-of-intent").textContent(), "15 mars 2007");
  assert.deepEqual(a.problems, []);
  await a.context().close();
  await b.context().close();
});

test("merging the same files in the orders A, B, C and C, B, A gives the same export", async () => {
  const files = [];
  for (const [slug, date] of [["hjo", "2007-03-15"], ["osby", "2007-04-01"], ["hjo", "2007-05-05"]]) {
    const page = await app.page();
    await setLetterOfIntent(page, slug, date);
    files.push(await exported(page));
    await page.context().close();
  }
  const results = [];
  for (const order of [[0, 1, 2], [2, 1, 0]]) {
    const page = await app.page();
    await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
    for (const i of order) await mergeIn(page, files[i]);
    results.push(await exported(page));
    // A file merged a second time changes nothing.
    await mergeIn(page, files[order[0]]);
    assert.equal(await exported(page), results.at(-1), "merging a file again");
    await page.context().close();
  }
  assert.equal(results[0], results[1]);
  assert.match(results[0], /"letter_of_intent": "2007-05-05"/, "the latest edit of Hjo's date");
});

test("the participant list downloads as CSV with a BOM and the semicolons Swedish spreadsheets expect", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner?lan=12"));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Ladda ner listan som CSV" }).click(),
  ]);
  const text = await readFile(await download.path(), "utf8");
  assert.ok(text.startsWith("\ufeffNamn;Län;Kommunkod;"));
  const lines = text.slice(1).trimEnd().split("\r\n");
  assert.equal(lines.length, 1 + Number((await page.getByTestId("showing").textContent()).match(/Visar (\d+)/)[1]));
  assert.ok(lines.some((l) => l.startsWith("Östra Göinge;Skåne län;1256;")), lines.join("\n"));
  await page.context().close();
});

test("a file dropped onto /data is checked and previewed like a picked one", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  const text = (await exportFile(page)).text;
  await page.evaluate((json) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([json], "dragen.json", { type: "application/json" }));
    const zone = document.querySelector("section.import");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  const preview = page.getByTestId("import-preview");
  await preview.getByText("Vad dragen.json skulle göra").waitFor();
  assert.equal(await preview.getByTestId("merge-summary").textContent(), "Tillkommer: 0. Ändras: 0. Tas bort: 0. Konflikter: 0.");
  await preview.getByRole("button", { name: "Avbryt" }).click();
  assert.equal(await page.getByTestId("import-preview").count(), 0);
  await page.context().close();
});

test("where the browser can share files, Share hands the export to the share sheet", async () => {
  const page = await app.page();
  // Desktop Chromium on Linux has no share sheet: stand in for it at the browser's boundary.
  await page.addInitScript(() => {
    window.__shared = [];
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.every((f) => f instanceof File);
    navigator.share = (data) => {
      window.__shared.push(data.files.map((f) => [f.name, f.type, f.size]));
      return Promise.resolve();
    };
  });
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  await open(page, app.url("/data"));
  await page.getByRole("button", { name: "Dela filen" }).click();
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.length, 1);
  assert.equal(shared[0][0][0], "klimatcoachning-2026-11-27.json");
  assert.equal(shared[0][0][1], "application/json");
  assert.ok(shared[0][0][2] > 10_000);

  // Without the API the button is not offered at all; Export still downloads.
  const plain = await app.page();
  await open(plain, app.url("/data"));
  assert.equal(await plain.getByRole("button", { name: "Dela filen" }).count(), 0);
  await page.context().close();
  await plain.context().close();
});
