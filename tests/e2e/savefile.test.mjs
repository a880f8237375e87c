// "Save to a file on this computer" (File System Access API). Chromium's save dialog is
// native and cannot be driven here, so the picker alone is stubbed: it hands back a real
// file handle from the origin-private file system, which the app writes to, keeps in
// IndexedDB across a reload and asks permission for exactly as it would a file on disk.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, announced } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const notes = (page) => page.getByLabel("Anteckningar om Klimatcoachning 2007–2008");
const state = (page) => page.getByTestId("file-link-state");

function stubPicker() {
  window.showSaveFilePicker = async (options) => {
    sessionStorage.setItem("picker-options", JSON.stringify(options));
    const dir = await navigator.storage.getDirectory();
    return dir.getFileHandle(options.suggestedName, { create: true });
  };
  // A browser that forgot the permission (as after a restart) until the user allows it again.
  if (sessionStorage.getItem("forget-permission")) {
    FileSystemHandle.prototype.queryPermission = async () => (sessionStorage.getItem("allowed") ? "granted" : "prompt");
    FileSystemHandle.prototype.requestPermission = async () => {
      sessionStorage.setItem("allowed", "1");
      return "granted";
    };
  }
}

/**
 * The picked file's text. A `File` is a snapshot: read while the app replaces the file (it
 * writes in the background), it fails with NotReadableError, or NotFoundError when the
 * replacement swaps the file in between `getFile` and `text`, so it is taken again.
 */
const fileText = (page) =>
  page.evaluate(async () => {
    const replacing = (e) => e.name === "NotReadableError" || e.name === "NotFoundError";
    const dir = await navigator.storage.getDirectory();
    for (let attempt = 1; ; attempt++) {
      try {
        return await (await (await dir.getFileHandle("klimatcoachning.json")).getFile()).text();
      } catch (e) {
        if (!replacing(e) || attempt === 20) throw e;
        await new Promise((later) => setTimeout(later, 50));
      }
    }
  });

/** Waits until the picked file holds `text` (the app writes in the background). */
const fileContains = (page, text) =>
  page.waitForFunction(async (wanted) => {
    const replacing = (e) => e.name === "NotReadableError" || e.name === "NotFoundError";
    const dir = await navigator.storage.getDirectory();
    try {
      return (await (await (await dir.getFileHandle("klimatcoachning.json")).getFile()).text()).includes(wanted);
    } catch (e) {
      // Read while the app replaces it (see fileText): not there yet.
      if (replacing(e)) return false;
      throw e;
    }
  }, text);

/** Keeps the app's IndexedDB store of file handles busy for `ms` (a readwrite transaction). */
const holdFileStore = (page, ms) =>
  page.evaluate(
    (ms) =>
      new Promise((started, failed) => {
        const open = indexedDB.open("klimatcoachning");
        open.onerror = () => failed(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("files", "readwrite").objectStore("files");
          const until = Date.now() + ms;
          const spin = () => {
            if (Date.now() < until) store.get("none").onsuccess = spin;
          };
          spin();
          started();
        };
      }),
    ms,
  );

async function editNotes(page, text) {
  await open(page, app.url("/"));
  await notes(page).fill(text);
  await notes(page).locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await announced(page, "Ändringen är sparad.");
}

test("pick a file once: every change is written to it, it says where and when, and it reconnects after a reload", async () => {
  const page = await app.page();
  await page.context().addInitScript(stubPicker);
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  await open(page, app.url("/data"));
  await page.getByRole("button", { name: "Välj fil att spara i …" }).click();
  await state(page).filter({ hasText: "Sparar varje ändring i filen klimatcoachning.json." }).waitFor();
  const options = JSON.parse(await page.evaluate(() => sessionStorage.getItem("picker-options")));
  assert.equal(options.suggestedName, "klimatcoachning.json");
  assert.deepEqual(options.types[0].accept, { "application/json": [".json"] });
  await page.getByTestId("file-last-saved").filter({ hasText: "Senast sparat: 27 november 2026 kl." }).waitFor();
  const first = JSON.parse(await fileText(page));
  assert.equal(first.format, "klimatcoachning", "the export format");

  await editNotes(page, "Skrivet till filen");
  await fileContains(page, "Skrivet till filen");
  assert.equal(await page.getByTestId("unexported-count").count(), 0, "what is in the file is not unexported");

  // A reload: the file is remembered, and this browser still allows writing to it.
  await page.reload();
  await open(page, app.url("/data"));
  await state(page).filter({ hasText: "Sparar varje ändring i filen klimatcoachning.json." }).waitFor();
  await editNotes(page, "Efter omladdning");
  await fileContains(page, "Efter omladdning");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("after a restart the app offers to reconnect to the file; until then the file is left alone", async () => {
  const page = await app.page();
  await page.context().addInitScript(stubPicker);
  await open(page, app.url("/data"));
  await page.getByRole("button", { name: "Välj fil att spara i …" }).click();
  await state(page).filter({ hasText: "Sparar varje ändring" }).waitFor();

  await page.evaluate(() => sessionStorage.setItem("forget-permission", "1"));
  await page.reload();
  await state(page).filter({ hasText: "Appen sparade tidigare i filen klimatcoachning.json." }).waitFor();
  await editNotes(page, "Medan filen väntar");
  assert.ok(!(await fileText(page)).includes("Medan filen väntar"), "no write without permission");
  assert.equal(await page.getByTestId("unexported-count").textContent(), "Ej exporterat: 1");

  await open(page, app.url("/data"));
  await page.getByRole("button", { name: "Fortsätt spara i klimatcoachning.json" }).click();
  await state(page).filter({ hasText: "Sparar varje ändring i filen klimatcoachning.json." }).waitFor();
  await fileContains(page, "Medan filen väntar");
  await page.getByTestId("unexported-count").waitFor({ state: "detached" });

  // The browser's storage busy for a second (another transaction on the same store), and a
  // reload the moment the page says the file is let go: it must stay let go.
  await holdFileStore(page, 1000);
  await page.getByRole("button", { name: "Sluta spara i filen" }).click();
  await state(page).filter({ hasText: "Välj en fil en gång" }).waitFor();
  await page.reload();
  await state(page).filter({ hasText: "Välj en fil en gång" }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("where the browser has no File System Access API the option is explained, not offered", async () => {
  const page = await app.page();
  await page.context().addInitScript(() => {
    delete Window.prototype.showSaveFilePicker;
    delete window.showSaveFilePicker;
  });
  await open(page, app.url("/data"));
  assert.match(await state(page).textContent(), /^Den här webbläsaren kan inte spara direkt i en fil/);
  assert.equal(await page.getByRole("button", { name: "Välj fil att spara i …" }).count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
