// The register keeps what people enter: across reloads, between tabs, through
// undo, and when what is stored cannot be read or stored at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, open, saveNotes, storedDataset, until, announced } from "./harness.mjs";

const DATA_KEY = "klimatcoachning.data";
let app;
before(async () => (app = await start()));
after(async () => app.stop());

const coachingNotes = (page) => page.getByLabel("Anteckningar om Klimatcoachning 2007–2008");
const pilotNotes = (page) => page.getByLabel("Anteckningar om pilotlänsprojektet");

test("an edit is saved at once: a reload right after it shows it", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  await saveNotes(page, coachingNotes(page), "Möte med coacherna i mars.");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await coachingNotes(page).inputValue(), "Möte med coacherna i mars.");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a change saved in one tab appears in the other, and neither overwrites the other", async () => {
  const context = await app.browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await open(a, app.url("/"));
  await open(b, app.url("/"));
  await saveNotes(a, coachingNotes(a), "Från flik A");
  await b.waitForFunction(() => document.querySelector("#notes-coaching").value === "Från flik A");
  await saveNotes(b, pilotNotes(b), "Från flik B");
  await a.waitForFunction(() => document.querySelector("#notes-pilotlan").value === "Från flik B");
  assert.equal(await coachingNotes(a).inputValue(), "Från flik A");
  assert.equal(await coachingNotes(b).inputValue(), "Från flik A");
  await context.close();
});

test("a change made on data another tab has since changed is refused, not written over theirs", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await open(page, app.url("/"));
  await saveNotes(page, pilotNotes(page), "första");
  // Another tab's save whose message has not arrived: written to the database behind this
  // page's back, the count of saves moved on as every save moves it.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("klimatcoachning");
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["records", "state"], "readwrite");
          const records = tx.objectStore("records");
          const state = tx.objectStore("state");
          records.getAllKeys().onsuccess = (ev) => {
            const key = ev.target.result.find((k) => k.startsWith("coaches/"));
            records.get(key).onsuccess = (got) => {
              const coach = JSON.parse(got.target.result);
              coach.contact = "sparat i en annan flik";
              records.put(JSON.stringify(coach), key);
            };
          };
          state.get("saves").onsuccess = (ev) => state.put(ev.target.result + 1, "saves");
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const mine = coachingNotes(page);
  await mine.fill("min ändring");
  await mine.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await page.getByRole("alert").filter({ hasText: "en annan flik har just sparat" }).waitFor();
  const stored = await storedDataset(page);
  assert.equal(stored.coaches[0].contact, "sparat i en annan flik", "theirs is kept");
  assert.equal(stored.programmes[0].notes, "", "mine was not written");
  // The page now shows theirs, and the same change made again is saved on top of it.
  await saveNotes(page, mine, "min ändring");
  const after = await storedDataset(page);
  assert.equal(after.coaches[0].contact, "sparat i en annan flik");
  assert.equal(after.programmes[0].notes, "min ändring");
  assert.equal(after.programmes[1].notes, "första");
  await context.close();
});

test("undo and redo by keyboard and button, announced; a reset is undoable after a reload", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const undo = page.getByRole("button", { name: "Ångra" });
  const redo = page.getByRole("button", { name: "Gör om" });
  assert.equal(await undo.isDisabled(), true);
  await saveNotes(page, coachingNotes(page), "ett");
  await saveNotes(page, coachingNotes(page), "två");
  await page.locator("h1").click();
  await page.keyboard.press("Control+z");
  await announced(page, "Ändringen är ångrad.");
  assert.equal(await coachingNotes(page).inputValue(), "ett");
  await page.keyboard.press("Control+Shift+z");
  await announced(page, "Ändringen är gjord igen.");
  assert.equal(await coachingNotes(page).inputValue(), "två");
  await undo.click();
  await undo.click();
  await until(() => coachingNotes(page).inputValue(), "");
  await redo.click();
  await until(() => coachingNotes(page).inputValue(), "ett");

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Data" }).click();
  await page.getByRole("button", { name: "Återställ till den inbyggda datan" }).click();
  await announced(page, "återställt");
  await page.reload();
  await page.locator("main h1").waitFor();
  await page.getByRole("button", { name: "Ångra" }).click();
  await announced(page, "Återställningen är ångrad");
  await page.getByRole("link", { name: "Översikt" }).first().click();
  assert.equal(await coachingNotes(page).inputValue(), "ett");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the data page says where the register is kept, and the space used and given", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  assert.match(await page.getByTestId("storage-kept").textContent(), /sparas i den här webbläsarens databas \(IndexedDB\)/);
  assert.match(await page.getByTestId("storage-used").textContent(), /^[\d\s,]+\sMB används av de [\d\s,]+\sMB som webbläsaren ger den här webbplatsen\.$/);
  const [used, given] = await page.evaluate(async () => {
    const { usage, quota } = await navigator.storage.estimate();
    return [usage, quota];
  });
  const shown = (await page.getByTestId("storage-used").textContent()).match(/de ([\d\s]+),(\d)\sMB/);
  // The quota follows the disk's free space, which other programs change between two reads:
  // within a hundredth of it, but not a MB-of-a-million-bytes off (4.9 %).
  const shownMb = Number(shown[1].replace(/\s/g, "")) + Number(shown[2]) / 10;
  assert.ok(Math.abs(shownMb - given / 1048576) <= given / 1048576 / 100, `shown ${shownMb} MB, quota ${given} B, usage ${used}`);
  await page.context().close();

  // Where the browser refuses its database, the register is kept in localStorage, against its 5 MB.
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
  });
  const refused = await context.newPage();
  await open(refused, app.url("/data"));
  assert.match(await refused.getByTestId("storage-kept").textContent(), /lokala lagring \(localStorage\), eftersom webbläsaren inte tillåter databasen IndexedDB här \(SecurityError\)/);
  assert.match(await refused.getByTestId("storage-used").textContent(), /^0 byte används, 0,0 % av budgeten på 5 MB\.$/);
  await refused.getByRole("link", { name: "Översikt" }).first().click();
  await saveNotes(refused, coachingNotes(refused), "något");
  await refused.reload();
  await refused.locator("main h1").waitFor();
  assert.equal(await coachingNotes(refused).inputValue(), "något", "kept across a reload");
  assert.ok((await refused.evaluate(() => localStorage.getItem("klimatcoachning.data"))).includes("något"));
  await refused.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Data" }).click();
  const bytes = Number((await refused.getByTestId("storage-used").textContent()).match(/^([\d\u00a0]+) byte/)[1].replace(/\u00a0/g, ""));
  const expected = await refused.evaluate(() =>
    Object.keys(localStorage).reduce((n, k) => n + 2 * (k.length + localStorage.getItem(k).length), 0),
  );
  assert.equal(bytes, expected);
  await context.close();
});

test("unreadable stored data is kept, offered for download, and only removed on the user's word", async () => {
  const page = await app.page();
  await open(page, app.url("/"));
  const raw = '{"format": "klimatcoachning", "schema_version": 1, "programmes": [tru';
  await page.evaluate(([key, raw]) => localStorage.setItem(key, raw), [DATA_KEY, raw]);
  await page.reload();
  const banner = page.getByTestId("store-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /inte giltig JSON/);
  assert.match(await banner.innerText(), /Appen visar nu den inbyggda datan/, "said as it is: this start set it aside");
  assert.equal(await page.getByTestId("listed").textContent(), "22", "the built-in data is shown");
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("klimatcoachning.unreadable.")).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, [raw]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    banner.getByRole("button", { name: "Ladda ner det sparade" }).click(),
  ]);
  assert.equal(await readFile(await download.path(), "utf8"), raw);
  await banner.getByRole("button", { name: "Behåll den nya starten" }).click();
  await banner.waitFor({ state: "detached" });
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("klimatcoachning.unreadable.")));
  assert.deepEqual(left, []);
  await page.context().close();
});

test("with storage disabled by the browser the app works and says nothing will be kept", async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    // Blocked storage blocks both: IndexedDB and localStorage.
    IDBFactory.prototype.open = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await open(page, app.url("/"));
  assert.match(await page.getByTestId("store-banner").innerText(), /Inget du gör här sparas om du inte exporterar det till en fil/);
  await saveNotes(page, coachingNotes(page), "bara i minnet");
  assert.equal(await coachingNotes(page).inputValue(), "bara i minnet");
  assert.equal(await page.getByTestId("unexported-count").textContent(), "Ej exporterat: 1", "counted in memory too");
  assert.deepEqual(problems, []);
  await context.close();
});
