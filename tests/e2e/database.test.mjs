// The register in the browser's database (IndexedDB, #32): past localStorage's 5 MB, one row
// per record, moved over from localStorage without losing anything however the move is cut
// short, tabs in step, a full disk, a record that does not read, an upgrade in another tab.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { start, open, saveNotes, storedRows, storedDataset, until, announced } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const coachingNotes = (page) => page.getByLabel("Anteckningar om Klimatcoachning 2007–2008");
const hjoNotes = (page) => page.getByLabel("Anteckningar om deltagaren");
const localBytes = (page) =>
  page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + 2 * (k.length + localStorage.getItem(k).length), 0));

async function importFile(page, text) {
  await open(page, app.url("/data"));
  await page.getByLabel("Välj fil att importera").setInputFiles({ name: "register.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.getByTestId("import-preview").getByRole("button", { name: "Ersätt allt med filen" }).click();
}

/** A fixture stored in localStorage before the app's first start, as an older version left it. */
function storedBefore(context, data, history = null) {
  return context.addInitScript(
    ([data, history]) => {
      if (sessionStorage.getItem("stored")) return;
      localStorage.setItem("klimatcoachning.data", data);
      if (history) localStorage.setItem("klimatcoachning.history", history);
      sessionStorage.setItem("stored", "1");
    },
    [data, history],
  );
}

test("a register of 290 × 80 (twice localStorage's quota) is imported, kept, edited, and shown in a second tab", { timeout: 300_000 }, async () => {
  const generated = process.env.KC_GENERATED_80;
  if (!generated) return; // written by scripts/test.sh beside the build
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await importFile(page, readFileSync(generated, "utf8"));
  await page.getByTestId("import-done").waitFor({ timeout: 120_000 });
  await page.reload();
  await page.locator("main h1").waitFor({ timeout: 60_000 });
  const events = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("klimatcoachning");
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction("records").objectStore("records").count(IDBKeyRange.bound("events/", "events/\uffff"));
          count.onsuccess = () => (db.close(), resolve(count.result));
        };
      }),
  );
  assert.ok(events >= 290 * 80, `${events} events stored, one row each`);
  const other = await context.newPage();
  await open(other, app.url("/kommun/hjo"));
  await open(page, app.url("/kommun/hjo"));
  await saveNotes(page, hjoNotes(page), "Sparat i ett stort register");
  await until(() => hjoNotes(other).inputValue(), "Sparat i ett stort register", "the other tab shows it without a reload");
  await page.reload();
  await page.locator("main h1").waitFor({ timeout: 60_000 });
  assert.equal(await hjoNotes(page).inputValue(), "Sparat i ett stort register");
  const local = await localBytes(page);
  assert.ok(local < 100_000, `localStorage holds ${local} B`);
  assert.deepEqual(page.problems ?? [], []);
  await context.close();
});

for (const version of [0, 1, 2]) {
  test(`a register stored by format version ${version} in localStorage moves to the database, read back before it leaves`, async () => {
    const context = await app.browser.newContext();
    const text = readFileSync(new URL(`../fixtures/dataset-v${version}.json`, import.meta.url), "utf8");
    await storedBefore(context, text);
    const page = await context.newPage();
    await open(page, app.url("/kommuner"));
    assert.equal(await page.evaluate(() => localStorage.getItem("klimatcoachning.data")), null, "gone from localStorage");
    const stored = await storedDataset(page);
    assert.equal(stored.schema_version, 4);
    const fixture = JSON.parse(text);
    assert.equal(stored.participations.length, fixture.participations.length);
    assert.deepEqual(
      stored.participations.map((p) => p.id),
      fixture.participations.map((p) => p.id),
      "each list in its order",
    );
    await open(page, app.url("/data"));
    assert.match(await page.getByTestId("storage-kept").textContent(), /databas \(IndexedDB\)/);
    await context.close();
  });
}

test("a register kept in the database by format version 3 opens in version 4 with its edits, and is written as version 4", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  await saveNotes(page, hjoNotes(page), "Sparat av version 3");
  // What an app of version 3 leaves: the same rows under a head of version 3, and no copy.
  await page.evaluate(() => new Promise((done, fail) => {
    const request = indexedDB.open("klimatcoachning");
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(["records", "state"], "readwrite");
      const records = tx.objectStore("records");
      const head = records.get("head");
      head.onsuccess = () => records.put(JSON.stringify({ ...JSON.parse(head.result), schema_version: 3 }), "head");
      tx.objectStore("state").delete("copy");
      tx.oncomplete = () => (db.close(), done());
      tx.onerror = () => fail(tx.error);
    };
  }));
  assert.equal((await storedDataset(page)).schema_version, 3);
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await hjoNotes(page).inputValue(), "Sparat av version 3");
  await saveNotes(page, hjoNotes(page), "Sparat av version 4");
  assert.equal((await storedDataset(page)).schema_version, 4);
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await hjoNotes(page).inputValue(), "Sparat av version 4");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the undo history moves too: a reset made before the move is undone after it", async () => {
  const context = await app.browser.newContext();
  // An older version's tab: the reset is saved to localStorage with its undo step.
  const old = await context.newPage();
  await old.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException("blocked", "SecurityError");
    };
  });
  await open(old, app.url("/"));
  await saveNotes(old, coachingNotes(old), "före återställningen");
  await open(old, app.url("/data"));
  await old.getByRole("button", { name: "Återställ till den inbyggda datan" }).click();
  await announced(old, "återställt");
  await old.close();

  const page = await context.newPage();
  await open(page, app.url("/data"));
  assert.equal(await page.evaluate(() => localStorage.getItem("klimatcoachning.history")), null);
  await page.getByRole("button", { name: "Ångra" }).click();
  await announced(page, "Återställningen är ångrad");
  await page.getByRole("link", { name: "Översikt" }).first().click();
  assert.equal(await coachingNotes(page).inputValue(), "före återställningen");
  await context.close();
});

// The move cut short at each of its steps: the tab "dies" there (what it did next is made to
// fail), and the next start, without the fault, finishes it. Nothing is lost at any point.
const CUTS = {
  "while writing to the database": () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === "records" && localStorage.getItem("klimatcoachning.data")) throw new DOMException("cut", "AbortError");
      return put.apply(this, args);
    };
  },
  "while reading it back": () => {
    const getAll = IDBObjectStore.prototype.getAll;
    let reads = 0;
    IDBObjectStore.prototype.getAll = function (...args) {
      if (this.name === "records" && localStorage.getItem("klimatcoachning.data") && ++reads > 1) throw new DOMException("cut", "AbortError");
      return getAll.apply(this, args);
    };
  },
  "before localStorage is emptied": () => {
    const remove = Storage.prototype.removeItem;
    Storage.prototype.removeItem = function (key) {
      if (key === "klimatcoachning.data") return;
      return remove.call(this, key);
    };
  },
};

for (const [when, cut] of Object.entries(CUTS)) {
  test(`the move cut short ${when} loses nothing, and the next start finishes it`, async () => {
    const context = await app.browser.newContext();
    const text = readFileSync(new URL("../fixtures/dataset-v2.json", import.meta.url), "utf8");
    await storedBefore(context, text);
    const first = await context.newPage();
    await first.addInitScript(cut);
    await open(first, app.url("/kommun/harjedalen"));
    assert.equal(await first.getByTestId("adopted").innerText(), "10 januari 2009", "the stored edit shows");
    assert.notEqual(await first.evaluate(() => localStorage.getItem("klimatcoachning.data")), null, "still in localStorage");
    await first.close();

    const next = await context.newPage();
    await open(next, app.url("/kommun/harjedalen"));
    assert.equal(await next.getByTestId("adopted").innerText(), "10 januari 2009");
    assert.equal(await next.evaluate(() => localStorage.getItem("klimatcoachning.data")), null, "moved");
    const stored = await storedDataset(next);
    const harjedalen = stored.participations.find((p) => p.id === "participation-coaching-2361");
    assert.ok(JSON.stringify(harjedalen).includes("2009-01-10"), JSON.stringify(harjedalen).slice(0, 200));
    await context.close();
  });
}

/** The start's copy (store/indexed.rs): whether it is as new as the rows, and whether it holds `text`. */
const copyOf = (page, text) =>
  page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const open = indexedDB.open("klimatcoachning");
        open.onsuccess = () => {
          const tx = open.result.transaction("state");
          const state = tx.objectStore("state");
          const saves = state.get("saves");
          const copy = state.get("copy");
          tx.oncomplete = () => {
            open.result.close();
            const c = copy.result;
            resolve(c ? `${c.saves === saves.result ? "as new as the rows" : "older"}, ${String(c.values).includes(text) ? "with" : "without"} the text` : "none");
          };
        };
      }),
    text,
  );

test("a start reads the register's copy only while no save came since it was taken", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  await saveNotes(page, hjoNotes(page), "första anteckningen");
  await until(() => copyOf(page, "första anteckningen"), "as new as the rows, with the text", "taken a moment after the last save");
  await saveNotes(page, hjoNotes(page), "andra anteckningen");
  assert.equal(await copyOf(page, "andra anteckningen"), "older, without the text", "a save leaves the copy behind at once");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await hjoNotes(page).inputValue(), "andra anteckningen", "the rows are read, not the older copy");
  await until(() => copyOf(page, "andra anteckningen"), "as new as the rows, with the text", "taken again after a start that could not use it");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await hjoNotes(page).inputValue(), "andra anteckningen");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a record that does not read is set aside and named; the rest opens, and it can be downloaded", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  await saveNotes(page, hjoNotes(page), "Hjo:s anteckning");
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("klimatcoachning");
        open.onsuccess = () => {
          const db = open.result;
          // Written as any save is: the count of saves moves on (else the start's copy,
          // taken before, would be read instead of the rows).
          const tx = db.transaction(["records", "state"], "readwrite");
          tx.objectStore("records").put('{"id": "org-1445", "name": tru', "organisations/org-1445");
          const state = tx.objectStore("state");
          state.get("saves").onsuccess = (ev) => state.put(ev.target.result + 1, "saves");
          tx.oncomplete = () => (db.close(), resolve());
        };
      }),
  );
  await page.reload();
  const banner = page.getByTestId("store-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /Poster i registret som inte kunde läsas har lagts åt sidan \(1 st\.\): organisations\/org-1445\. Resten av registret öppnades\./);
  assert.equal(await hjoNotes(page).inputValue(), "Hjo:s anteckning", "the rest opened");
  assert.equal((await storedRows(page))["organisations/org-1445"], undefined, "out of the register");
  const [download] = await Promise.all([page.waitForEvent("download"), banner.getByRole("button", { name: "Ladda ner det sparade" }).click()]);
  const kept = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(kept["organisations/org-1445"], '{"id": "org-1445", "name": tru');
  await banner.getByRole("button", { name: "Behåll den nya starten" }).click();
  await banner.waitFor({ state: "detached" });
  await page.context().close();
});

test("a full disk refuses the change with the message users know; not one row of it is written", async () => {
  const context = await app.browser.newContext();
  // Headless Chromium takes no lower quota (DevTools' Storage.overrideQuotaForOrigin has no
  // effect here), so the disk "fills" the way browsers report it: a write refused with a
  // QuotaExceededError, from the 50th row of a transaction on.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    let rows = 0;
    IDBObjectStore.prototype.put = function (...args) {
      if (sessionStorage.getItem("full") && this.name === "records" && ++rows > 50) throw new DOMException("full", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  await open(page, app.url("/"));
  await saveNotes(page, coachingNotes(page), "sparat före");
  const before = JSON.stringify(await storedRows(page));
  await page.evaluate(() => sessionStorage.setItem("full", "1"));
  await importFile(page, readFileSync(process.env.KC_GENERATED ?? new URL("../fixtures/dataset-v2.json", import.meta.url), "utf8"));
  await page.getByRole("alert").filter({ hasText: "Ändringen sparades inte: webbläsarens lagring är full." }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId("import-done").count(), 0, "not imported");
  assert.equal(JSON.stringify(await storedRows(page)), before, "not one row of the refused import was written");
  await page.evaluate(() => sessionStorage.removeItem("full"));
  await page.reload();
  await page.locator("main h1").waitFor();
  await page.getByRole("link", { name: "Översikt" }).first().click();
  assert.equal(await coachingNotes(page).inputValue(), "sparat före");
  await context.close();
});

test("an upgrade of the database in another tab is not held up; this tab then asks to be reloaded", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await open(page, app.url("/"));
  await saveNotes(page, coachingNotes(page), "före uppgraderingen");
  const other = await context.newPage();
  await other.goto(app.url("/om"));
  const upgraded = await other.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("klimatcoachning", 99);
        open.onblocked = () => resolve("blocked");
        open.onsuccess = () => (open.result.close(), resolve("upgraded"));
        open.onerror = () => resolve(String(open.error));
      }),
  );
  assert.equal(upgraded, "upgraded");
  const field = coachingNotes(page);
  await field.fill("efter uppgraderingen");
  await field.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await page.getByRole("alert").filter({ hasText: "Ladda om sidan" }).waitFor();
  await context.close();
});
