// Finding a participant: search, filters and sort in the URL, and its page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, announced, generated290, replaceAllWith } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const rowNames = (page) => page.locator(".participants-table tbody tr:not([hidden]) th").allInnerTexts();

test("the list shows every participant of both programmes in Swedish order", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  assert.equal(await page.getByTestId("showing").textContent(), "Visar 27 av 27.");
  const names = await rowNames(page);
  assert.equal(names.length, 27);
  assert.deepEqual(names.slice(-3), ["Ånge", "Älvsbyn", "Östra Göinge"]);
  assert.deepEqual(page.problems, []);
});

test("search ignores case and diacritics and lives in the URL", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  for (const [q, expected] of [["ange", ["Ånge"]], ["goinge", ["Östra Göinge"]], ["0560", ["Boxholm"]]]) {
    await page.getByLabel("Sök").fill(q);
    await page.waitForURL(app.url(`/kommuner?q=${q}`));
    assert.deepEqual(await rowNames(page), expected);
  }
  assert.equal(await page.getByTestId("showing").textContent(), "Visar 1 av 27.");
});

test("typing loses no letter while the URL catches up, and leaving before it does stays left", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  const search = page.getByLabel("Sök");
  // Letters about as far apart as the pause after which the URL is written: it lands mid-typing.
  await search.pressSequentially("goinge", { delay: 320 });
  await page.waitForURL(app.url("/kommuner?q=goinge"));
  assert.equal(await search.inputValue(), "goinge");
  assert.deepEqual(await rowNames(page), ["Östra Göinge"]);

  await search.fill("ange");
  assert.deepEqual(await rowNames(page), ["Ånge"], "the list follows at once");
  await page.getByRole("navigation").getByRole("link", { name: "Översikt" }).click();
  await page.waitForTimeout(700);
  assert.equal(page.url(), app.url("/"), "a pending URL write does not pull the user back");
  await page.goBack();
  await page.waitForURL(app.url("/kommuner?q=goinge"));
  assert.equal(await search.inputValue(), "goinge");
  assert.deepEqual(await rowNames(page), ["Östra Göinge"]);
  assert.deepEqual(page.problems, []);
});

test("a filtered and sorted view survives a reload and back/forward", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  await page.getByLabel("Län", { exact: true }).selectOption("12");
  await page.waitForURL(app.url("/kommuner?lan=12"));
  await page.getByLabel("Projekt", { exact: true }).selectOption("coaching");
  await page.getByLabel("Sortera efter").selectOption("folkmangd");
  await page.waitForURL(app.url("/kommuner?lan=12&program=coaching&sortera=folkmangd"));
  const sorted = await rowNames(page);
  assert.deepEqual(sorted, ["Perstorp", "Osby", "Östra Göinge", "Hörby", "Skurup"]);
  await page.reload();
  await page.locator("main h1").waitFor();
  assert.deepEqual(await rowNames(page), sorted);
  assert.equal(await page.getByLabel("Län", { exact: true }).inputValue(), "12");
  await page.goBack();
  await page.waitForURL(app.url("/kommuner?lan=12&program=coaching"));
  assert.deepEqual(await rowNames(page), ["Hörby", "Osby", "Perstorp", "Skurup", "Östra Göinge"]);
});

test("a participant's page shows its facts with sources and its derived commitment", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner?q=goinge"));
  await page.getByRole("link", { name: "Östra Göinge" }).click();
  await page.waitForURL(app.url("/kommun/ostra-goinge"));
  assert.equal(await page.locator("h1").textContent(), "Östra Göinge");
  assert.equal(await page.title(), "Östra Göinge – Klimatcoachning");
  assert.equal(await page.getByTestId("kommunkod").textContent(), "1256");
  const facts = await page.locator("article").innerText();
  assert.match(facts, /13\u00a0775 invånare den 30 juni 2008/);
  assert.match(facts, /14\u00a0406 invånare den 31 december 2016/);
  assert.equal(await page.getByTestId("status").textContent(), "Ej påbörjat (ingen avsiktsförklaring registrerad)");
  assert.equal(await page.getByTestId("grant-used").textContent(), "0\u00a0kr av 50\u00a0000\u00a0kr");
  assert.ok((await page.locator("article a.source-ref").count()) >= 4, "facts cite their sources");
  await page.goto(app.url("/kommun/lansstyrelsen-i-skane"));
  assert.equal(await page.locator("main h1").textContent(), "Länsstyrelsen i Skåne");
  assert.deepEqual(page.problems, []);
});

test("an unknown slug suggests the closest names", async () => {
  const page = await app.page();
  const response = await open(page, app.url("/kommun/boxolm"));
  assert.equal(response.status(), 404);
  assert.equal(await page.locator("h1").textContent(), "Ingen deltagare på den adressen");
  const suggestions = await page.getByTestId("suggestions").locator("a").allInnerTexts();
  assert.equal(suggestions[0], "Boxholm");
  await page.getByTestId("suggestions").getByRole("link", { name: "Boxholm" }).click();
  await page.waitForURL(app.url("/kommun/boxholm"));
  assert.equal(await page.locator("h1").textContent(), "Boxholm");
});

test("a municipality from the register is added by name as you type, and removed with undo", async () => {
  const page = await app.page();
  await open(page, app.url("/kommuner"));
  const input = page.getByLabel("Kommun", { exact: true });
  await input.fill("9999");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#add-municipality-error").textContent(), /Det finns ingen kommun med den koden/);
  await input.fill("123");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  assert.match(await page.locator("#add-municipality-error").textContent(), /fyra siffror/);
  await input.fill("Atlantis");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  assert.match(await page.locator("#add-municipality-error").textContent(), /Välj en av Sveriges kommuner/);
  assert.equal(await page.getByTestId("showing").textContent(), "Visar 27 av 27.");

  const options = await page.locator("#add-municipality-register option").count();
  assert.equal(options, 290);
  await input.fill("Ale (1440)");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await page.getByTestId("showing").filter({ hasText: "Visar 28 av 28." }).waitFor();
  await input.fill("östra göinge");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  assert.match(await page.locator("#add-municipality-error").textContent(), /deltar redan/);

  await page.getByRole("link", { name: "Ale", exact: true }).click();
  await page.waitForURL(app.url("/kommun/ale"));
  assert.equal(await page.getByTestId("kommunkod").textContent(), "1440");
  await page.getByRole("button", { name: "Ta bort ur Klimatcoachning" }).click();
  await announced(page, "Borttaget");
  await page.reload();
  await page.locator("main h1").waitFor();
  await page.getByRole("button", { name: "Ångra" }).click();
  await announced(page, "Borttagningen är ångrad.");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
  assert.equal(await page.getByTestId("showing").textContent(), "Visar 28 av 28.");
  assert.deepEqual(page.problems, []);
});

test("a municipality page prints as a clean A4 report", async () => {
  const page = await app.page();
  await open(page, app.url("/kommun/osby"));
  await page.emulateMedia({ media: "print" });
  // The printable width of A4 with 18 mm margins, at 96 px per inch.
  await page.setViewportSize({ width: Math.floor(((210 - 36) / 25.4) * 96), height: 1000 });
  for (const hidden of [".site-header nav", ".undo-controls", ".editor", ".print-action", "button"]) {
    const shown = await page.locator(hidden).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    assert.equal(shown, 0, `${hidden} hidden in print`);
  }
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "nothing wider than the page");
  assert.match(await page.locator("article").innerText(), /Agneta Malm, planeringschef/);
  const pdf = await page.pdf({ format: "A4", margin: { top: "18mm", bottom: "18mm", left: "18mm", right: "18mm" } });
  assert.ok(pdf.length > 1000, "a PDF was produced");
});

// At scale a search shows the rows in sight in the keystroke's frame and the rest of the
// change a frame later (src/ui/pages/municipalities): what is in sight must not change when
// the rest comes, and the rest must come.
test("at 290 municipalities a search shows the rows in sight at once and every row a frame later", async () => {
  const page = await app.page();
  await open(page, app.url("/data"));
  await replaceAllWith(page, generated290());
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
  await page.locator(".participants-table tbody tr").nth(280).waitFor();
  const all = await page.locator(".participants-table tbody tr").count();
  assert.ok(all > 280, `${all} rows`);
  const search = page.getByLabel("Sök");
  await search.fill("hjo");
  await page.getByTestId("showing").filter({ hasText: `Visar 1 av ${all}.` }).waitFor();
  assert.deepEqual(await rowNames(page), ["Hjo"]);
  // Erased: the keystroke's frame shows the rows in sight, the frame after all of them.
  const frames = await page.evaluate(async () => {
    const field = document.querySelector("#list-q");
    const shown = () => [...document.querySelectorAll(".participants-table tbody tr:not([hidden])")];
    const inSight = () =>
      shown()
        .filter((row) => {
          const box = row.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight;
        })
        .map((row) => row.querySelector("th").textContent);
    field.value = "";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const seen = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((frame) => requestAnimationFrame(() => setTimeout(frame)));
      seen.push({ shown: shown().length, inSight: inSight() });
    }
    return seen;
  });
  const [first, last] = [frames[0], frames.at(-1)];
  assert.ok(last.inSight.length >= 5, `rows in sight: ${JSON.stringify(last)}`);
  assert.deepEqual(first.inSight, last.inSight, "the keystroke's frame shows what is in sight");
  assert.ok(first.shown < all, `the rest waits a frame: ${frames.map((f) => f.shown)}`);
  assert.equal(last.shown, all, `every row within frames: ${frames.map((f) => f.shown)}`);
  assert.deepEqual(page.problems, []);
});
