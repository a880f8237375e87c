// /handelser: events by date, filtered by kind in the URL; add a cake of the month
// (one a month, inside the programme period), linked to its municipality; edit,
// remove and undo.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

async function addCake(page, month, municipality, motivation) {
  await openEditor(page, "Lägg till en händelse");
  const form = page.locator("form.event-editor").last();
  await form.getByLabel("Slag").selectOption({ label: "Månadens tårta" });
  await form.getByLabel("Rubrik").fill(`Månadens tårta ${month}`);
  await form.getByLabel("Månad").fill(month);
  await form.getByLabel(municipality, { exact: true }).check();
  await form.getByLabel("Motivering eller beskrivning").fill(motivation);
  await form.getByRole("button", { name: "Spara händelsen" }).click();
  return form;
}

test("add a cake of the month; a second one for the same month and one outside the period are refused", async () => {
  const page = await app.page();
  await open(page, app.url("/handelser"));
  assert.equal(await page.getByTestId("showing").textContent(), "Händelser: 1");
  await addCake(page, "2007-05", "Hjo", "Solceller på skolans tak");
  const cake = page.getByTestId("event").filter({ hasText: "Månadens tårta 2007-05" });
  await cake.waitFor();
  assert.match(await cake.textContent(), /Månadens tårta\s+maj 2007/);
  assert.equal(await cake.getByRole("link", { name: "Hjo" }).getAttribute("href"), "/kommun/hjo");

  const form = await addCake(page, "2007-05", "Boxholm", "Cykelvägar");
  await form.locator("[role=alert]").getByText(/Månadens tårta för 2007-05 är redan utdelad/).waitFor();
  assert.equal(await form.getAttribute("aria-describedby"), await form.locator("[role=alert]").getAttribute("id"));
  await form.getByLabel("Månad").fill("2008-10");
  await form.getByRole("button", { name: "Spara händelsen" }).click();
  await form.locator("[role=alert]").getByText(/mellan 1 januari 2007 och 30 september 2008/).waitFor();
  assert.equal(await page.getByTestId("showing").textContent(), "Händelser: 2");

  // Listed by date, filterable by kind (in the address).
  await page.getByLabel("Visa").selectOption({ label: "Föreläsning" });
  await page.waitForURL(/typ=forelasning/);
  assert.equal(await page.getByTestId("showing").textContent(), "Händelser: 1");
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await page.getByTestId("showing").textContent(), "Händelser: 1");
  await open(page, app.url("/handelser?typ=manadens-tarta"));
  assert.equal(await page.getByTestId("event").count(), 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("edit an event, remove it, and undo the removal", async () => {
  const page = await app.page();
  await open(page, app.url("/handelser"));
  await addCake(page, "2008-02", "Hjo", "Laddstolpar");
  const cake = page.getByTestId("event").filter({ hasText: "Månadens tårta 2008-02" });
  await cake.waitFor();
  await openEditor(page, "Ändra: Månadens tårta 2008-02");
  const editor = cake.locator("form.event-editor");
  assert.equal(await editor.getByLabel("Rubrik").inputValue(), "Månadens tårta 2008-02", "the form holds the event");
  await page.keyboard.press("Escape");
  await editor.waitFor({ state: "detached" });
  await openEditor(page, "Ändra: Månadens tårta 2008-02");
  await editor.getByLabel("Plats").fill("Hjo stadshus");
  await editor.getByRole("button", { name: "Spara händelsen" }).click();
  const edited = page.getByTestId("event").filter({ hasText: "Hjo stadshus" });
  await edited.waitFor();
  await edited.getByRole("button", { name: /^Ta bort/ }).click();
  await edited.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Ångra" }).click();
  await page.getByTestId("event").filter({ hasText: "Hjo stadshus" }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
