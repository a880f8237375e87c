// Offline after the first visit: the service worker precaches this build; every
// route, deep links included, opens with the network off, and edits are kept. A new
// build announces itself and takes over only when the user reloads; data survives.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { start, open, openEditor, watchCsp, CHROMIUM, QUIET } from "./harness.mjs";

const ROUTES = ["/", "/kommuner?lan=12", "/kommun/hjo", "/mentorer", "/pilotlan?typ=kommun", "/data", "/om", "/finns-inte"];

async function visitOnlineThenGoOffline(app, page) {
  await open(page, app.url("/"));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.context().setOffline(true);
}

async function offlineJourney(app) {
  const page = await app.page();
  await visitOnlineThenGoOffline(app, page);
  for (const path of ROUTES) {
    await page.goto(app.url(path));
    await page.locator("main h1").first().waitFor();
  }
  // A deep link opened directly, offline: its data is there and an edit is kept.
  await page.goto(app.url("/kommun/hjo"));
  await page.getByRole("heading", { level: 1, name: "Hjo" }).waitFor();
  await openEditor(page);
  await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
  await page.getByRole("button", { name: "Spara", exact: true }).click();
  await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();
  await page.reload();
  await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();
  await page.goto(app.url("/kommuner?lan=12"));
  assert.match(await page.getByTestId("showing").textContent(), /^Visar \d+ av 27\.$/);
  // The published schema is part of the build, so it is there offline too.
  const schema = await page.evaluate(async (u) => (await fetch(u)).json(), app.url("/schema/klimatcoachning-v4.json"));
  assert.equal(schema.title, "Klimatcoachning dataset, format version 1");
  assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await page.context().close();
}

test("at /: one online visit, then every route and a deep link work offline, and edits are kept", async () => {
  const app = await start();
  try {
    await offlineJourney(app);
  } finally {
    await app.stop();
  }
});

test("under /klimat/: the same offline journey", async () => {
  const app = await start({ dir: "dist-klimat", prefix: "/klimat/" });
  try {
    await offlineJourney(app);
  } finally {
    await app.stop();
  }
});

test("a new build announces itself, waits for the user, and the data survives the update", async () => {
  // Build B: this build with a visible difference, its service worker regenerated as a deploy would.
  const b = await mkdtemp(join(tmpdir(), "klimat-build-b-"));
  await cp("dist", b, { recursive: true });
  const index = (await readFile(join(b, "index.html"), "utf8")).replace("<head>", '<head><meta name="build-label" content="B">');
  await writeFile(join(b, "index.html"), index);
  execFileSync("node", ["scripts/post-build.mjs"], { env: { ...process.env, TRUNK_STAGING_DIR: b, TRUNK_PROFILE: "release" } });
  assert.notEqual(await readFile(join(b, "sw.js"), "utf8"), await readFile("dist/sw.js", "utf8"));

  const app = await start();
  try {
    const page = await app.page();
    await open(page, app.url("/kommun/hjo"));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.locator("main h1").waitFor();
    await openEditor(page);
    await page.getByLabel("Avsiktsförklaring godkänd av kommunstyrelsen").fill("2007-03-15");
    await page.getByRole("button", { name: "Spara", exact: true }).click();
    await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();

    app.server.useDir(b);
    // The app checks for a new build every 30 minutes; ask now instead of waiting.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByTestId("update-banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), /En ny version av appen finns/);
    // Nothing was swapped under the running page: it is still build A until the user says so.
    assert.equal(await page.locator('meta[name="build-label"]').count(), 0);
    await page.goto(app.url("/kommuner"));
    await page.locator("main h1").waitFor();
    assert.equal(await page.locator('meta[name="build-label"]').count(), 0, "still A after navigating");

    await page.getByRole("button", { name: "Ladda om till den nya versionen" }).click();
    await page.waitForFunction(() => document.querySelector('meta[name="build-label"]')?.content === "B");
    await page.goto(app.url("/kommun/hjo"));
    await page.getByTestId("letter-of-intent").getByText("15 mars 2007").waitFor();
    assert.equal(await page.getByTestId("update-banner").count(), 0);
    await page.context().close();
  } finally {
    await app.stop();
    await rm(b, { recursive: true, force: true });
  }
});

test("the manifest makes the app installable (Chromium's own installability check)", async () => {
  const app = await start();
  // Installing needs a real profile: Chromium never offers it in an incognito context.
  const profile = await mkdtemp(join(tmpdir(), "klimat-profile-"));
  const context = await watchCsp(await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: QUIET }));
  try {
    const page = await context.newPage();
    await open(page, app.url("/"));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const manifest = await (await page.request.get(app.url("/manifest.webmanifest"))).json();
    assert.equal(manifest.short_name, "Klimatcoachning");
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`), ["192x192 any", "512x512 any", "512x512 maskable"]);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    assert.equal(url, app.url("/manifest.webmanifest"));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await app.stop();
    await rm(profile, { recursive: true, force: true });
  }
});
