// Never losing work to the browser: the changes since the last export are counted in
// the header and on /data, the browser is asked once to keep the storage, and a
// reminder comes at its threshold, can be put aside, and exports in one click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, open, announced } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const notes = (page) => page.getByLabel("Anteckningar om Klimatcoachning 2007–2008");
const count = (page) => page.getByTestId("unexported-count");

/** Saves a note on the overview and waits until the header counts `expected` changes. */
async function edit(page, text, expected) {
  await notes(page).fill(text);
  await notes(page).locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await count(page).filter({ hasText: `Ej exporterat: ${expected}` }).waitFor();
}

// The browser's answer is the browser's; the calls are what the app controls. Counted per tab,
// across reloads.
function countPersistCalls() {
  const calls = () => Number(sessionStorage.getItem("persist-calls") || 0);
  StorageManager.prototype.persist = function () {
    sessionStorage.setItem("persist-calls", String(calls() + 1));
    return Promise.resolve(true);
  };
  StorageManager.prototype.persisted = function () {
    return Promise.resolve(calls() > 0);
  };
}

test("the unexported-changes count rises with edits, survives a reload, resets on export; persist() is asked once", async () => {
  const page = await app.page();
  await page.context().addInitScript(countPersistCalls);
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  await open(page, app.url("/"));
  assert.equal(await count(page).count(), 0, "nothing to export yet");
  await edit(page, "Ett", 1);
  await edit(page, "Två", 2);
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await count(page).textContent(), "Ej exporterat: 2");
  await edit(page, "Tre", 3);
  assert.equal(await page.evaluate(() => sessionStorage.getItem("persist-calls")), "1", "asked at the first edit only");

  await count(page).click();
  await page.waitForURL(app.url("/data"));
  assert.equal(await page.getByTestId("changes-since-export").textContent(), "Ändringar sedan dess: 3.");
  assert.equal(await page.getByTestId("last-export").textContent(), "Inget har exporterats från den här webbläsaren än.");
  assert.match(await page.getByTestId("persistence").textContent(), /^Lagringen är beständig/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Exportera (JSON)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "klimatcoachning-2026-11-27.json");
  await count(page).waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("changes-since-export").textContent(), "Ändringar sedan dess: 0.");
  assert.equal(await page.getByTestId("last-export").textContent(), "Senast exporterat från den här webbläsaren: 27 november 2026.");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await count(page).count(), 0, "the export is remembered");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("without a promise from the browser /data says the storage may be cleared", async () => {
  const page = await app.page();
  await page.context().addInitScript(() => {
    StorageManager.prototype.persist = () => Promise.resolve(false);
    StorageManager.prototype.persisted = () => Promise.resolve(false);
  });
  await open(page, app.url("/data"));
  await page.getByTestId("persistence").filter({ hasText: "Lagringen är inte beständig" }).waitFor();
  assert.match(await page.getByTestId("persistence").textContent(), /exportera ofta/);
  await page.context().close();
});

test("the reminder comes at its threshold of changes, can be put aside, and exports in one click", async () => {
  const page = await app.page();
  await page.clock.setFixedTime(new Date("2026-11-27T10:00:00Z"));
  await open(page, app.url("/data"));
  await page.getByLabel("Påminn efter så här många ändringar").fill("0");
  await page.getByRole("button", { name: "Spara påminnelsen" }).click();
  assert.equal(await page.locator("#remind-changes-error").textContent(), "Skriv ett tal från 1 till 1000.");
  await page.getByLabel("Påminn efter så här många ändringar").fill("2");
  await page.getByRole("button", { name: "Spara påminnelsen" }).click();
  await announced(page, "Inställningen sparades.");
  assert.equal(await page.locator("#remind-changes-error").count(), 0);

  await open(page, app.url("/"));
  const reminder = page.getByTestId("backup-reminder");
  await edit(page, "Ett", 1);
  assert.equal(await reminder.count(), 0, "one change: not yet");
  await edit(page, "Två", 2);
  await reminder.waitFor();
  assert.equal(
    await reminder.locator("p").first().textContent(),
    "Ändringar som bara finns i den här webbläsaren: 2 (den första 27 november 2026). Exportera en fil, så går de inte förlorade om webbläsaren rensar sin lagring.",
  );
  await reminder.getByRole("button", { name: "Påminn mig senare" }).click();
  await reminder.waitFor({ state: "detached" });
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await reminder.count(), 0, "put aside across a reload");
  await edit(page, "Tre", 3);
  assert.equal(await reminder.count(), 0);
  await edit(page, "Fyra", 4);
  await reminder.waitFor();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    reminder.getByRole("button", { name: "Exportera nu" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "klimatcoachning-2026-11-27.json");
  assert.equal(JSON.parse(await readFile(await download.path(), "utf8")).format, "klimatcoachning");
  await reminder.waitFor({ state: "detached" });
  assert.equal(await count(page).count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the reminder also comes when the first unexported change is as many days old as the setting", async () => {
  const page = await app.page();
  await page.clock.setFixedTime(new Date("2026-11-20T09:00:00Z"));
  await open(page, app.url("/"));
  await edit(page, "En gammal ändring", 1);
  const reminder = page.getByTestId("backup-reminder");
  assert.equal(await reminder.count(), 0);
  await page.clock.setFixedTime(new Date("2026-11-27T08:59:00Z"));
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await reminder.count(), 0, "not quite seven days");
  await page.clock.setFixedTime(new Date("2026-11-27T09:00:00Z"));
  await page.reload();
  await reminder.waitFor();
  assert.match(await reminder.innerText(), /webbläsaren: 1 \(den första 20 november 2026\)/);
  await page.context().close();
});

test("a private window (Firefox and Safari refuse it the origin-private file system) is said at start", async () => {
  const normal = await app.page();
  await open(normal, app.url("/data"));
  await normal.getByTestId("persistence").filter({ hasText: "Lagringen är inte beständig" }).waitFor();
  await normal.waitForTimeout(300);
  assert.equal(await normal.getByTestId("store-banner").count(), 0, "a normal window gets no warning");
  await normal.context().close();

  for (const [name, message] of [["SecurityError", "Security error when calling GetDirectory"], ["UnknownError", "unknown transient reason"]]) {
    const page = await app.page();
    await page.context().addInitScript(
      ([n, m]) => {
        StorageManager.prototype.getDirectory = () => Promise.reject(new DOMException(m, n));
      },
      [name, message],
    );
    await open(page, app.url("/"));
    const banner = page.getByTestId("store-banner");
    await banner.waitFor();
    assert.equal(
      await banner.innerText(),
      "Det här ser ut att vara ett privat fönster: webbläsaren kastar det som sparats när fönstret stängs. Inget du gör här sparas om du inte exporterar det till en fil.",
    );
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
