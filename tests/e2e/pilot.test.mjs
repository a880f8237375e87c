// /pilotlan: the five participants as a list; filter, sort and search in the URL;
// rows expand by keyboard; sessions and status recorded, kept and undoable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const names = (page) => page.locator(".pilot-row .pilot-name").allTextContents();
const clean = (list) => list.map((t) => t.replace(/^[▸▾]\s*/, "").trim());

test("five participants; filter by kind, sort and search live in the URL", async () => {
  const page = await app.page();
  await open(page, app.url("/pilotlan"));
  assert.deepEqual(clean(await names(page)), ["Eslöv", "Kristianstad", "Kävlinge", "Lund", "Länsstyrelsen i Skåne"]);
  assert.equal(await page.getByTestId("showing").textContent(), "Visar 5 av 5.");

  await page.getByLabel("Typ").selectOption({ label: "Länsstyrelse" });
  await page.waitForURL(/typ=lansstyrelse/);
  assert.deepEqual(clean(await names(page)), ["Länsstyrelsen i Skåne"]);
  await page.getByLabel("Typ").selectOption({ label: "Kommun" });
  await page.waitForURL(/typ=kommun$/);
  assert.equal((await names(page)).length, 4);

  await page.getByLabel("Sök").fill("kävl");
  await page.waitForURL(/q=k%C3%A4vl/);
  assert.deepEqual(clean(await names(page)), ["Kävlinge"]);
  await page.goBack();
  await page.goBack();
  await page.waitForURL(/\/pilotlan$/);
  assert.equal((await names(page)).length, 5);

  // A shared link opens the same view.
  await open(page, app.url("/pilotlan?sortera=sessioner&typ=kommun"));
  assert.equal(await page.getByLabel("Sortera efter").inputValue(), "sessioner");
  assert.equal((await names(page)).length, 4);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a row expands and collapses by keyboard; a session and a status are recorded, kept and undoable", async () => {
  const page = await app.page();
  await open(page, app.url("/pilotlan"));
  const toggle = page.getByRole("button", { name: "Detaljer om Lund" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  const details = page.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
  assert.equal(await details.isVisible(), false);
  await toggle.focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.match(await details.textContent(), /regionala energi- och klimatstrategin/);
  assert.equal(await details.getByRole("link", { name: "Sidan för Lund" }).count(), 1);
  await page.keyboard.press("Space");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await page.keyboard.press("Enter");

  // A session needs a date and a topic.
  await details.getByRole("button", { name: "Lägg till session" }).click();
  assert.match(await details.locator(".field-error").first().textContent(), /Fyll i det här fältet/);
  await details.getByLabel("Datum").fill("2010-03-15");
  await details.getByLabel("Ämne").fill("Förankring av strategin");
  await details.getByLabel("Ämne").press("Enter");
  await details.getByText("15 mars 2010 – Förankring av strategin").waitFor();
  assert.match(await page.evaluate(() => document.activeElement.id), /-session-topic$/, "focus stays in the form");
  assert.equal(await details.getByLabel("Ämne").inputValue(), "", "the form is ready for the next session");
  assert.equal(await details.getByLabel("Datum").inputValue(), "", "the date input is cleared too");
  await details.getByLabel("Status").selectOption({ label: "Pågår" });
  await details.getByRole("button", { name: "Spara status" }).click();
  const lund = page.getByTestId("pilot-row").filter({ has: page.getByRole("link", { name: "Lund", exact: true }) });
  await lund.getByTestId("pilot-status").getByText("Pågår").waitFor();
  assert.equal(await lund.getByTestId("pilot-sessions").textContent(), "Sessioner: 1");

  // Sorting keeps the row open; the status sort puts Lund (the only one with a status) first.
  await page.getByLabel("Sortera efter").selectOption({ label: "Status" });
  assert.equal(clean(await names(page))[0], "Lund");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");

  await page.reload();
  await page.locator("main h1").waitFor();
  assert.equal(await lund.getByTestId("pilot-sessions").textContent(), "Sessioner: 1");
  assert.equal(await lund.getByTestId("pilot-status").textContent(), "Pågår");

  await toggle.click();
  assert.equal(await details.getByLabel("Status").inputValue(), "ongoing");
  await page.getByRole("button", { name: "Ångra" }).click();
  await lund.getByTestId("pilot-status").getByText("Ingen status registrerad").waitFor();
  assert.equal(await details.getByLabel("Status").inputValue(), "", "the list follows the undo");
  assert.equal(await lund.getByTestId("pilot-sessions").textContent(), "Sessioner: 1");
  await page.getByRole("button", { name: "Ångra" }).click();
  await lund.getByTestId("pilot-sessions").getByText("Sessioner: 0").waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("each name links to its page, the county board's too, without opening the row", async () => {
  const page = await app.page();
  await open(page, app.url("/pilotlan"));
  assert.equal(await page.getByRole("link", { name: "Eslöv", exact: true }).getAttribute("href"), "/kommun/eslov");
  await page.getByRole("link", { name: "Länsstyrelsen i Skåne", exact: true }).click();
  await page.waitForURL(app.url("/kommun/lansstyrelsen-i-skane"));
  await page.getByRole("heading", { level: 1, name: "Länsstyrelsen i Skåne" }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
