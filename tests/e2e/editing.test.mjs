// Editing a participant in place: valid input is saved and undoable, invalid input
// is refused with its message and nothing is saved.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor, COMMITMENT, storedDataset, until, announced } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

/** The register as stored (null: nothing saved yet). */
const stored = (page) => storedDataset(page);

test("a half-typed date is refused with its message and nothing is saved", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  await openEditor(page);
  const loi = page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen");
  assert.equal(await loi.getAttribute("type"), "date", "the browser's own date input");
  assert.equal(await page.evaluate(() => document.activeElement.id), await loi.getAttribute("id"), "focus moved into the form");
  // Month and day typed, no year: the input reports an empty value, which must not pass as "not known".
  await page.keyboard.type("0315");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  assert.equal(await loi.getAttribute("aria-invalid"), "true");
  const describedBy = await loi.getAttribute("aria-describedby");
  const message = await page.locator(`[id="${describedBy.split(" ").pop()}"]`).textContent();
  assert.match(message, /Skriv ett riktigt datum/);
  assert.equal(await stored(page), null, "nothing was saved");

  const link = page.getByLabel("Länk till behovsanalysen");
  await loi.fill("2007-03-15");
  await link.fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  assert.equal(await link.getAttribute("aria-invalid"), "true");
  assert.equal(await loi.getAttribute("aria-invalid"), null, "the date is readable now");
  assert.equal(await stored(page), null, "one refused field keeps the whole form from saving");

  // A step before the one it follows is refused too.
  await link.fill("");
  await page.getByLabel("Förslag lagt till kommunfullmäktige").fill("2007-01-10");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  assert.match(await page.locator(".field-error").first().textContent(), /15 mars 2007/);
  assert.equal(await stored(page), null);
  await page.context().close();
});

test("without a date input in the browser, dates are typed as text and checked the same way", async () => {
  const page = await app.page();
  // A browser without type=date keeps such an input a text input.
  await page.addInitScript(() => {
    const type = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "type");
    Object.defineProperty(HTMLInputElement.prototype, "type", {
      configurable: true,
      get() { return type.get.call(this); },
      set(v) { type.set.call(this, v === "date" ? "text" : v); },
    });
  });
  await open(page, app.url("/kommun/hjo"));
  await openEditor(page);
  const loi = page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen");
  assert.equal(await loi.getAttribute("type"), "text");
  assert.match(await page.locator(".editor .hint").first().textContent(), /ÅÅÅÅ-MM-DD/, "the format is said where it is typed");
  await loi.fill("2007-02-30");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  assert.equal(await loi.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator(".field-error").first().textContent(), /Skriv ett riktigt datum som ÅÅÅÅ-MM-DD/);
  assert.equal(await stored(page), null, "nothing was saved");
  await loi.fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();
  await page.context().close();
});

test("a section reads first: Ändra opens its form, Esc and Avbryt close it unsaved, a save closes it", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/hjo"));
  const focused = () => page.evaluate(() => document.activeElement.id);
  const edit = page.getByRole("button", { name: COMMITMENT, exact: true });
  const loi = page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen");
  assert.equal(await loi.count(), 0, "no form until asked for");
  assert.equal(await edit.textContent(), "Ändra", "the name starts with what the button shows");

  await openEditor(page);
  await loi.fill("2007-03-15");
  await page.keyboard.press("Escape");
  await loi.waitFor({ state: "detached" });
  // Focus returns once the form is gone, in a task of its own.
  await until(focused, await edit.getAttribute("id"), "Esc gives focus back to the button");
  assert.equal(await page.getByTestId("letter-of-intent").textContent(), "ej registrerat");

  await edit.click();
  assert.equal(await loi.inputValue(), "", "what was typed is dropped");
  await loi.fill("2007-03-15");
  await page.getByRole("button", { name: "Avbryt" }).click();
  await loi.waitFor({ state: "detached" });
  await until(focused, await edit.getAttribute("id"), "Avbryt gives focus back to the button");
  assert.equal(await stored(page), null, "nothing was saved");

  await openEditor(page);
  await loi.fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  await loi.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("letter-of-intent").textContent(), "15 mars 2007");
  await page.waitForFunction((id) => document.activeElement?.id === id, await edit.getAttribute("id"));

  // The membership opens in place beside its fact.
  await openEditor(page, "Ändra medlemskap i Klimatkommunerna");
  await page.getByLabel("Medlem i Klimatkommunerna (kan vara mentor)").check();
  await page.getByLabel("Medlem sedan (år)").fill("2004");
  await page.getByRole("button", { name: "Spara medlemskap" }).click();
  await page.getByTestId("member").getByText("Ja, sedan 2004").waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("search, open, edit, reload: the value is kept, the status follows, and undo takes it back", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  await page.getByLabel("Sök").fill("hjo");
  await page.getByRole("link", { name: "Hjo" }).click();
  await page.waitForURL(app.url("/kommun/hjo"));
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByLabel("Länk till behovsanalysen").fill("https://www.hjo.se/klimat");
  await page.getByLabel("klimatstrategi", { exact: true }).check();
  await page.getByLabel("Klimatcoach", { exact: true }).selectOption({ label: "Andreas Lamppa" });
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await announced(page, "Ändringen är sparad.");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.getByTestId("letter-of-intent").textContent(), "15 mars 2007");
  assert.match(await page.getByTestId("status").textContent(), /^Försenat$/);
  assert.match(await page.locator("article").innerText(), /Sista dag: 15 mars 2009/);
  assert.equal(await page.getByTestId("needs-analysis").locator("a").getAttribute("href"), "https://www.hjo.se/klimat");
  assert.equal(await page.getByTestId("focus-areas").textContent(), "(klimatstrategi)");
  assert.match(await page.locator("article").innerText(), /Klimatcoach\s+Andreas Lamppa/);
  await page.getByRole("button", { name: "Ångra" }).click();
  await announced(page, "Ändringen är ångrad.");
  assert.equal(await page.getByTestId("letter-of-intent").textContent(), "ej registrerat");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the grant ledger keeps its total within the grant; entries can be removed and restored", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/osby"));
  const grant = page.getByRole("region", { name: "Stödet (högst 50 000 kr)" });
  const add = async (date, purpose, amount) => {
    await openEditor(page, "Lägg till en post i stödet");
    await grant.getByLabel("Datum").fill(date);
    await grant.getByLabel("Vad").fill(purpose);
    await grant.getByLabel("Belopp (kr)").fill(amount);
    await grant.getByRole("button", { name: "Lägg till", exact: true }).click();
  };
  const total = () => page.getByTestId("participation-coaching-1273-grant-total").textContent();
  await add("2007-05-02", "Energikartläggning", "30 000");
  await announced(page, "Ändringen är sparad.");
  assert.equal(await total(), "30\u00a0000\u00a0kr av 50\u00a0000\u00a0kr");

  await add("2007-06-01", "Solceller", "25000");
  const amount = grant.getByLabel("Belopp (kr)");
  assert.equal(await amount.getAttribute("aria-invalid"), "true");
  assert.match(await grant.locator(".field-error").innerText(), /Summan blir 55\u00a0000\u00a0kr, mer än 50\u00a0000\u00a0kr/);
  assert.equal(await total(), "30\u00a0000\u00a0kr av 50\u00a0000\u00a0kr", "refused, nothing added");

  await amount.fill("12,50");
  await grant.getByRole("button", { name: "Lägg till", exact: true }).click();
  assert.match(await grant.locator(".field-error").innerText(), /helt antal kronor/);

  await grant.getByRole("button", { name: "Ta bort posten Energikartläggning" }).click();
  await until(total, "0\u00a0kr av 50\u00a0000\u00a0kr");
  await page.locator("h1").click();
  await page.keyboard.press("Control+z");
  await announced(page, "Ändringen är ångrad.");
  assert.equal(await total(), "30\u00a0000\u00a0kr av 50\u00a0000\u00a0kr");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("notes on a participant are saved and kept", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/lansstyrelsen-i-skane"));
  const notes = page.getByLabel("Anteckningar om deltagaren");
  await notes.fill("Regional energi- och klimatstrategi.");
  await notes.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await announced(page, "Ändringen är sparad.");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.getByLabel("Anteckningar om deltagaren").inputValue(), "Regional energi- och klimatstrategi.");
  await page.context().close();
});
