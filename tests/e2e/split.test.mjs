// The wasm split by route (scripts/split-wasm.mjs, src/ui/routes.rs): the overview starts
// from the main module alone, every other route fetches its own chunk when first opened,
// a deep link keeps its written page until its chunk is there, and no file is too big.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { appRunning, open, saveNotes, start, startTheApp, storedDataset } from "./harness.mjs";

let app;
before(async () => {
  app = await start();
});
after(() => app.stop());

/** The names of the wasm files `page` fetches from now on (the service worker blocked). */
function wasmFetched(page) {
  const names = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".wasm")) names.push(new URL(r.url()).pathname.split("/").pop());
  });
  return names;
}

// A route's chunk is named for its entry in the list of routes (src/ui/routes.rs).
const route = (name) => (file) => file.includes(`-split_${name}-`);

test("the overview starts from the main module alone; a route fetches its own chunk when first opened", async () => {
  const page = await app.page({ serviceWorkers: "block" });
  const fetched = wasmFetched(page);
  await open(page, app.url("/"));
  assert.equal(fetched.length, 1, `fetched ${fetched.join(", ")}`);
  assert.match(fetched[0], /^klimatcoachning-[0-9a-f]{1,16}_bg\.wasm$/);

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kommuner" }).click();
  await page.waitForURL(app.url("/kommuner"));
  await page.locator("main h1", { hasText: "Deltagare i båda projekten" }).waitFor();
  assert.ok(fetched.some(route("Municipalities")), `fetched ${fetched.join(", ")}`);
  assert.ok(!fetched.some(route("Data")), "the data page's chunk is not fetched before it is needed");
  await page.getByRole("link", { name: "Hjo" }).click();
  await page.locator("main h1", { hasText: "Hjo" }).waitFor();
  assert.ok(fetched.some(route("Municipality")));
  const before = fetched.length;
  await page.goBack();
  await page.locator("main h1", { hasText: "Deltagare i båda projekten" }).waitFor();
  assert.equal(fetched.length, before, "a route visited once fetches nothing again");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("pointing at a link, or focusing it, starts fetching its route's chunk before the click", async () => {
  const page = await app.page({ serviceWorkers: "block" });
  await open(page, app.url("/"));
  const nav = page.getByRole("navigation", { name: "Huvudmeny" });
  const municipalities = page.waitForRequest(/-split_Municipalities-[0-9a-f]+\.wasm$/, { timeout: 5000 });
  await nav.getByRole("link", { name: "Kommuner" }).hover();
  await municipalities;
  const events = page.waitForRequest(/-split_Events-[0-9a-f]+\.wasm$/, { timeout: 5000 });
  await nav.getByRole("link", { name: "Händelser" }).focus();
  await events;
  assert.equal(page.url(), app.url("/"), "nothing was followed");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a deep link keeps its written page, readable, until its chunk has arrived; then the app takes over", async () => {
  const page = await app.page({ plain: true, serviceWorkers: "block" });
  let release;
  const held = new Promise((done) => (release = done));
  await page.route(/-split_Municipality-[0-9a-f]+\.wasm$/, async (r) => {
    await held;
    await r.continue();
  });
  await page.goto(app.url("/kommun/hjo/"));
  await startTheApp(page);
  // The main module has started (it asked for the chunk), the route's code has not arrived.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("_bg.wasm")));
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(appRunning), false, "the app waits for the route's code");
  assert.equal(await page.locator("main h1").textContent(), "Hjo");
  assert.ok(await page.locator("main h1").isVisible());
  release();
  await page.waitForFunction(appRunning);
  assert.equal(await page.locator("main h1").textContent(), "Hjo");
  assert.equal(await page.locator("main").count(), 1, "one copy of the page");
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Översikt" }).click();
  await page.locator("main h1", { hasText: "Klimatcoachning 2007–2008" }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a link followed while the next page's code loads is not undone by the search box's pending URL write", async () => {
  const page = await app.page({ serviceWorkers: "block" });
  // The municipality page's chunk arrives after the search box's pause (300 ms) has ended.
  await page.route(/-split_Municipality-[0-9a-f]+\.wasm$/, async (r) => {
    await new Promise((done) => setTimeout(done, 1000));
    await r.continue();
  });
  await open(page, app.url("/kommuner"));
  await page.getByLabel("Sök").fill("hjo");
  await page.getByRole("link", { name: "Hjo" }).click();
  await page.locator("main h1", { hasText: "Hjo" }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(page.url(), app.url("/kommun/hjo"));
  await page.goBack();
  await page.waitForURL(app.url("/kommuner"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("with nothing stored no reader is fetched; another tab's save brings it, and a change made before it is here is refused, not written over theirs", async () => {
  const context = await app.browser.newContext({ serviceWorkers: "block" });
  const [a, b] = [await context.newPage(), await context.newPage()];
  const fetched = wasmFetched(a);
  const reader = /-split_reader_chunk-[0-9a-f]+\.wasm$/;
  let release;
  const held = new Promise((done) => (release = done));
  await a.route(reader, async (r) => {
    await held;
    await r.continue();
  });
  await open(a, app.url("/"));
  await open(b, app.url("/"));
  assert.ok(!fetched.some((f) => reader.test(`/${f}`)), `fetched ${fetched.join(", ")}`);

  const asked = a.waitForRequest(reader, { timeout: 5000 });
  await saveNotes(b, b.getByLabel("Anteckningar om Klimatcoachning 2007–2008"), "Från flik B");
  await asked;
  const mine = a.getByLabel("Anteckningar om pilotlänsprojektet");
  await mine.fill("Från flik A");
  await mine.locator("xpath=ancestor::form").getByRole("button", { name: "Spara anteckningar" }).click();
  await a.getByRole("alert").filter({ hasText: "en annan flik har just sparat" }).waitFor();
  const stored = () => storedDataset(b);
  assert.equal((await stored()).programmes[0].notes, "Från flik B", "theirs is kept");
  assert.notEqual((await stored()).programmes[1].notes, "Från flik A", "mine was not written");

  release();
  await a.waitForFunction(() => document.querySelector("#notes-coaching").value === "Från flik B");
  await saveNotes(a, mine, "Från flik A");
  assert.equal((await stored()).programmes[0].notes, "Från flik B");
  assert.equal((await stored()).programmes[1].notes, "Från flik A");
  await context.close();
});

test("a start fetches the small chunks its route and the reader share in one file, not one by one", async () => {
  const page = await app.page({ serviceWorkers: "block" });
  await open(page, app.url("/"));
  await saveNotes(page, page.getByLabel("Anteckningar om Klimatcoachning 2007–2008"), "Sparad");
  const fetched = wasmFetched(page);
  await open(page, app.url("/kommun/hjo"));
  await page.getByTestId("letter-of-intent").waitFor();
  const packs = fetched.filter((f) => /^klimatcoachning-pack-[0-9a-f]{16}\.wasm$/.test(f));
  assert.equal(packs.length, 1, `fetched ${fetched.join(", ")}`);
  assert.ok(fetched.some(route("Municipality")) && fetched.some(route("reader_chunk")), `fetched ${fetched.join(", ")}`);
  for (const chunk of fetched.filter((f) => f.includes("-chunk_"))) {
    const size = (await stat(join("dist", chunk))).size;
    assert.ok(size >= 32 * 1024, `${chunk} (${size} B) is fetched alone, not from the pack`);
  }
  assert.ok(fetched.length <= 8, `${fetched.length} wasm files: ${fetched.join(", ")}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const dir of ["dist", "dist-klimat"]) {
  test(`${dir}: every chunk the loader takes from the pack is a whole wasm module`, async () => {
    const files = await readdir(dir);
    const loader = await readFile(join(dir, files.find((f) => /^klimatcoachning-split-[0-9a-f]{16}\.js$/.test(f))), "utf8");
    const pack = await readFile(join(dir, files.find((f) => /^klimatcoachning-pack-[0-9a-f]{16}\.wasm$/.test(f))));
    assert.ok(WebAssembly.validate(pack), "the pack is itself a module");
    const slices = [...loader.matchAll(/fromPack\((\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.ok(slices.length > 50, `${slices.length} chunks packed`);
    for (const [offset, length] of slices) {
      assert.ok(offset + length <= pack.length);
      assert.ok(WebAssembly.validate(pack.subarray(offset, offset + length)), `the chunk at ${offset} is a module`);
    }
    for (const [, alone] of loader.matchAll(/fetch\(new URL\("\.\/(klimatcoachning-chunk_\d+-[0-9a-f]{16}\.wasm)"/g)) {
      assert.ok((await stat(join(dir, alone))).size >= 32 * 1024, `${alone} is big enough to be fetched alone`);
    }
  });


  test(`${dir}: the wasm is split, every module within 600 KB gzipped, each chunk named by its content`, async () => {
    const wasm = (await readdir(dir)).filter((f) => f.endsWith(".wasm"));
    const routes = ["Municipalities", "Municipality", "Mentors", "Pilot", "Events", "Report", "Data", "About"];
    for (const name of routes) assert.equal(wasm.filter(route(name)).length, 1, `one chunk for ${name}`);
    for (const file of wasm) {
      assert.match(file, /^klimatcoachning-([0-9a-f]{1,16}_bg|(split_\w+|chunk_\d+|pack)-[0-9a-f]{16})\.wasm$/);
      const gzipped = (await stat(join(dir, `${file}.gz`))).size;
      assert.ok(gzipped <= 600 * 1024, `${file}: ${gzipped} B gzipped`);
    }
  });
}
