// Working together live through the embedded sync server (pouchdb-server, started and
// stopped here): browsers connect on /data, an edit in one shows in the other without a
// reload, edits made offline go out when the network is back, refusals say what is wrong
// and lose nothing, and of two tabs of one browser only one syncs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCouch } from "../../scripts/embedded-couch.mjs";
import { start, open, saveNotes, storedDataset, axeViolations, freePort, exportFile, importText, until } from "./harness.mjs";

let app, couch, dir;

before(async () => {
  app = await start();
  dir = await mkdtemp(join(tmpdir(), "sync-"));
  couch = await startCouch({ dir, port: await freePort(), origin: app.origin });
});
after(async () => {
  await couch?.stop();
  await rm(dir, { recursive: true, force: true });
  await app?.stop();
});

const hjoNotes = (page) => page.getByLabel("Anteckningar om deltagaren");
const state = (page) => page.getByTestId("sync-state");

/** Waits until `page`'s notes field on a municipality page holds `text` (it follows the register). */
function showsNote(page, text, timeout) {
  return page.waitForFunction((text) => document.getElementById("notes-organisation")?.value === text, text, { timeout });
}

/**
 * Connects `page` on /data to the database at `url` (the user's, remembered unless told
 * otherwise: `open` loads the page again) and waits for the header's state `until` with
 * the words `words`.
 */
async function connect(page, { url = couch.url, name = couch.user.name, password = couch.user.password, remember = true } = {}, until = "synced", words = null) {
  if (!page.url().endsWith("/data")) await open(page, app.url("/data"));
  await page.getByLabel("Serveradress").fill(url);
  await page.getByLabel("Användarnamn").fill(name);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByLabel("Kom ihåg lösenordet på den här datorn").setChecked(remember);
  await page.getByRole("button", { name: "Anslut" }).click();
  if (!until) return;
  await page.waitForFunction(
    ([until, words]) => {
      const s = document.querySelector(".sync-status");
      return s?.dataset.state === until && (words === null || s.querySelector("[data-testid=sync-state]").textContent === words);
    },
    [until, words],
    { timeout: 20_000 },
  );
}

/**
 * Goes to /data by the header's link (the app's own navigation: it works offline too) and
 * checks it in the sync state `expected`: the state shown, no axe violation.
 */
async function onDataPage(page, expected) {
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Data" }).click();
  await page.getByTestId("sync-panel").waitFor();
  assert.equal(await page.locator(".sync-status").getAttribute("data-state"), expected);
  assert.deepEqual(await axeViolations(page), [], `/data, ${expected}`);
}

/** Two browsers connected, each on /kommun/hjo, each synced. */
async function twoOnHjo() {
  const a = await app.page();
  const b = await app.page();
  await connect(a);
  await connect(b);
  await open(a, app.url("/kommun/hjo"));
  await open(b, app.url("/kommun/hjo"));
  for (const p of [a, b]) await p.locator(`.sync-status[data-state="synced"]`).waitFor();
  return [a, b];
}

/** What `page`'s browser keeps of its server (IndexedDB `state`/`sync`), as text. */
function keptSync(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const db = indexedDB.open("klimatcoachning");
        db.onsuccess = () => {
          const get = db.result.transaction("state").objectStore("state").get("sync");
          get.onsuccess = () => resolve(get.result ?? "");
        };
      }),
  );
}

/** The requests `page` sends to the sync server, counted by path. */
function countRequests(page) {
  const seen = [];
  page.on("request", (r) => {
    if (r.url().startsWith(couch.server)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test("two browsers connect; an edit in either shows in the other without a reload", async () => {
  const a = await app.page();
  const b = await app.page();
  const fetched = [];
  a.on("request", (r) => fetched.push(r.url()));
  await open(a, app.url("/data"));
  assert.ok(!fetched.some((u) => u.includes("split_sync_chunk")), "without a server the sync code is not fetched");
  await connect(a);
  assert.ok(fetched.some((u) => u.includes("split_sync_chunk")), "with one it is");
  // The footer no longer says that nothing is sent anywhere.
  assert.equal(await a.locator(".site-footer").innerText(), `Allt du gör här sparas i din webbläsare och delas med ert teams server ${couch.url}.`);
  await connect(b);
  assert.match(await state(a).textContent(), /^Synkad \d\d:\d\d$/);
  assert.deepEqual(await axeViolations(a), [], "/data, synced");
  await open(a, app.url("/kommun/hjo"));
  await open(b, app.url("/kommun/hjo"));
  await a.locator(`.sync-status[data-state="synced"]`).waitFor();
  await b.locator(`.sync-status[data-state="synced"]`).waitFor();

  await saveNotes(a, hjoNotes(a), "Skrivet i A");
  await showsNote(b, "Skrivet i A", 10_000);
  // B has made no edit: what it pulled is its register now, and its next start says so
  // before any script reads the database (index.html's first script), so no stale page shows.
  assert.equal(await b.evaluate(() => localStorage.getItem("klimatcoachning.own")), "1");
  await saveNotes(b, hjoNotes(b), "Svar från B");
  await showsNote(a, "Svar från B", 10_000);

  // With its state, the unexported count and undo, the header stays one line.
  for (const width of [1280, 360]) {
    await a.setViewportSize({ width, height: 800 });
    const height = await a.locator(".site-header").evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(height <= 64, `at ${width} px the header is ${height} px high`);
  }

  // The server holds a document per record, never one for the whole register.
  const all = await (await fetch(`${couch.url}/_all_docs`, { headers: basic(couch.user) })).json();
  const ids = all.rows.map((r) => r.id);
  assert.ok(ids.some((id) => id.startsWith("participations/")), ids.slice(0, 5).join(", "));
  assert.ok(ids.some((id) => id.startsWith("browsers/")), "each browser's own document");
  assert.ok(!ids.includes("dataset"));

  // The password is never in an address, nor in the service worker's caches.
  assert.ok(!fetched.some((u) => u.includes(couch.user.password)), "not in any address");
  const cached = await a.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  assert.ok(!cached.some((u) => u.startsWith(couch.server)), "nothing from the server is cached");

  // Not remembered, the password is only in memory: after a reload it is asked for again.
  await connect(b, { remember: false });
  await b.reload();
  await b.locator(`.sync-status[data-state="stopped"]`).waitFor();
  assert.equal(await state(b).textContent(), "Lösenordet behövs för att synka");
  await open(b, app.url("/data"));
  assert.match(await b.getByTestId("sync-panel").innerText(), /Skriv det och välj Anslut/);
  assert.deepEqual(await axeViolations(b), [], "/data, the password asked for");
  const kept = await b.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!kept.includes(couch.user.password), "the password is not stored");
  await connect(b, { remember: false });
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.context().close();
  await b.context().close();
});

test("edits made offline wait, are counted, and go out when the network is back", async () => {
  const [a, b] = await twoOnHjo();
  const announcements = [];
  await b.exposeFunction("heard", (text) => announcements.push(text));
  await b.evaluate(() => {
    const region = document.querySelector("[data-testid=sync-announcer]");
    new MutationObserver(() => window.heard(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await b.context().setOffline(true);
  await b.locator(`.sync-status[data-state="offline"]`).waitFor();
  await saveNotes(b, hjoNotes(b), "Skrivet utan nät");
  await b.waitForFunction(() => /Offline – 1 ändring väntar/.test(document.querySelector("[data-testid=sync-state]")?.textContent));
  assert.deepEqual(await axeViolations(b), [], "offline");
  // At 1280 px the header has room for the mark only: the words stand below it.
  assert.equal(await b.getByTestId("sync-notice").innerText(), "○ Offline – 1 ändring väntar");
  await onDataPage(b, "offline");
  await b.goBack();
  await b.context().setOffline(false);
  await showsNote(a, "Skrivet utan nät", 15_000);
  await b.locator(`.sync-status[data-state="synced"]`).waitFor();
  assert.equal(await b.getByTestId("sync-notice").count(), 0, "synced, only the mark");
  // A screen reader hears the changes of state, not each count, poll or "Synkar…".
  await saveNotes(b, hjoNotes(b), "Skrivet med nät");
  await showsNote(a, "Skrivet med nät", 10_000);
  await b.waitForTimeout(300);
  assert.equal(announcements.filter((t) => t !== "").length, 2, announcements.join(" | "));
  assert.match(announcements.filter((t) => t !== "")[0], /^Offline/);
  assert.match(announcements.filter((t) => t !== "")[1], /^Synkad \d\d:\d\d$/);

  // Remembered on this computer: a reload syncs on without asking.
  await a.reload();
  await a.locator(`.sync-status[data-state="synced"]`).waitFor({ timeout: 20_000 });
  await a.context().close();
  await b.context().close();
});

test("an edit made offline in a tab that is then closed goes out from the next tab the browser opens", async () => {
  const [a, b] = await twoOnHjo();
  const context = b.context();
  await context.setOffline(true);
  await b.locator(`.sync-status[data-state="offline"]`).waitFor();
  await saveNotes(b, hjoNotes(b), "Skrivet innan fliken stängdes");
  await b.close();
  await context.setOffline(false);
  await a.waitForTimeout(1_000);
  assert.notEqual(await hjoNotes(a).inputValue(), "Skrivet innan fliken stängdes", "nothing went out with the tab closed");
  const again = await context.newPage();
  await open(again, app.url("/om"));
  await showsNote(a, "Skrivet innan fliken stängdes", 20_000);
  await again.locator(`.sync-status[data-state="synced"]`).waitFor();
  await a.context().close();
  await context.close();
});

test("the same field edited in two browsers while offline: one conflict shown in both, one click in either keeps the other or leaves it, both converge", async () => {
  const [a, b] = await twoOnHjo();
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  await saveNotes(a, hjoNotes(a), "Från A");
  await saveNotes(b, hjoNotes(b), "Från B");
  await a.context().setOffline(false);
  await a.locator(`.sync-status[data-state="synced"]`).waitFor({ timeout: 15_000 });
  await b.context().setOffline(false);

  // b met a's value beside its own, later one: its own stands, a's is offered.
  const offered = b.getByTestId("open-edits");
  await offered.waitFor({ timeout: 15_000 });
  const text = await offered.innerText();
  assert.match(text, /Samtidiga ändringar/);
  assert.match(text, /Står nu: Från B/);
  assert.match(text, /Skrevs samtidigt: Från A/);
  assert.equal(await b.getByTestId("open-edits").locator(".open-edit").count(), 1, "one conflict");
  assert.deepEqual(await axeViolations(b), [], "a conflict shown");
  await showsNote(a, "Från B", 15_000);
  // a took b's join silently (b had seen a's edit), but is told of the question too.
  const atA = a.getByTestId("open-edits");
  await atA.waitFor({ timeout: 15_000 });
  assert.match(await atA.innerText(), /Skrevs samtidigt: Från A/);
  await open(a, app.url("/data"));
  assert.equal(await a.getByTestId("open-edits").locator(".open-edit").count(), 1, "/data lists it");
  assert.deepEqual(await axeViolations(a), [], "/data with a question open");
  await open(a, app.url("/kommun/hjo"));

  await b.getByRole("button", { name: "Behåll Från A" }).click();
  await offered.waitFor({ state: "detached" });
  await showsNote(b, "Från A", 5_000);
  await showsNote(a, "Från A", 15_000);
  await atA.waitFor({ state: "detached", timeout: 5_000 });

  // Again, and this time a, which did not meet it, leaves the value that stands: the
  // question goes in both, and stays gone after a reload.
  for (const p of [a, b]) await p.context().setOffline(true);
  await saveNotes(a, hjoNotes(a), "A igen");
  await saveNotes(b, hjoNotes(b), "B igen");
  await a.context().setOffline(false);
  await a.locator(`.sync-status[data-state="synced"]`).waitFor({ timeout: 15_000 });
  await b.context().setOffline(false);
  await offered.waitFor({ timeout: 15_000 });
  await atA.waitFor({ timeout: 15_000 });
  await a.getByRole("button", { name: "Låt B igen stå kvar" }).click();
  await atA.waitFor({ state: "detached" });
  await offered.waitFor({ state: "detached", timeout: 15_000 });
  await until(async () => (await keptSync(b)).includes('"open":'), false, "b's loop forgets it");
  await b.reload();
  await b.locator(`.sync-status[data-state="synced"]`).waitFor({ timeout: 15_000 });
  assert.equal(await b.getByTestId("open-edits").count(), 0, "still gone after a reload");
  await showsNote(b, "B igen", 5_000);
  await showsNote(a, "B igen", 15_000);
  await a.context().close();
  await b.context().close();
});

test("a removal travels, and a browser that was offline meanwhile does not bring the record back", async () => {
  const a = await app.page();
  const b = await app.page();
  await connect(a);
  await connect(b);
  await open(b, app.url("/kommun/hjo"));
  await b.locator(`.sync-status[data-state="synced"]`).waitFor();
  await b.context().setOffline(true);
  await saveNotes(b, hjoNotes(b), "Skrivet medan Boxholm togs bort");

  await open(a, app.url("/kommun/boxholm"));
  await a.locator(`.sync-status[data-state="synced"]`).waitFor();
  await a.getByRole("button", { name: "Ta bort ur Klimatcoachning" }).click();
  await a.getByTestId("letter-of-intent").waitFor({ state: "detached" });
  await a.locator(`.sync-status[data-state="synced"]`).waitFor();

  await b.context().setOffline(false);
  await b.locator(`.sync-status[data-state="synced"]`).waitFor({ timeout: 15_000 });
  await open(a, app.url("/kommun/hjo"));
  await showsNote(a, "Skrivet medan Boxholm togs bort", 15_000);
  for (const page of [a, b]) {
    await open(page, app.url("/kommun/boxholm"));
    assert.equal(await page.getByTestId("letter-of-intent").count(), 0, "removed in both");
  }
  // On the server the removal is a document of its own; the record's document is not deleted.
  const removal = await fetch(`${couch.url}/_all_docs?startkey="removed/"&endkey="removed/~"`, { headers: basic(couch.user) });
  assert.ok((await removal.json()).rows.length >= 1);
  await a.context().close();
  await b.context().close();
});

test("the server paused while A edits, then resumed; then restarted from disk: the edits wait, are said to, and arrive", async () => {
  const [a, b] = await twoOnHjo();

  couch.process.kill("SIGSTOP");
  try {
    await saveNotes(a, hjoNotes(a), "Medan servern stod still");
    await a.locator(`.sync-status[data-state="retrying"]`).waitFor({ timeout: 40_000 });
    assert.match(await state(a).textContent(), /^Servern svarar inte – försöker igen \d\d:\d\d$/);
    assert.match(await a.getByTestId("sync-notice").innerText(), /^… Servern svarar inte – försöker igen \d\d:\d\d$/);
    assert.deepEqual(await axeViolations(a), [], "the server not answering");
    await onDataPage(a, "retrying");
    await a.goBack();
  } finally {
    couch.process.kill("SIGCONT");
  }
  await showsNote(b, "Medan servern stod still", 90_000);

  // Stopped and started again on its data on disk: the browsers find it and go on.
  const port = new URL(couch.server).port;
  await couch.stop();
  await saveNotes(b, hjoNotes(b), "Medan servern var borta");
  await b.locator(`.sync-status[data-state="retrying"]`).waitFor({ timeout: 30_000 });
  couch = await startCouch({ dir, port: Number(port), origin: app.origin });
  await showsNote(a, "Medan servern var borta", 90_000);
  await a.context().close();
  await b.context().close();
});

test("a file merged in a syncing browser is pushed like any edit", async () => {
  const a = await app.page();
  const b = await app.page();
  const offline = await app.page();
  await open(offline, app.url("/kommun/osby"));
  await saveNotes(offline, hjoNotes(offline), "Från en fil");
  await open(offline, app.url("/data"));
  const file = await exportFile(offline);
  await connect(a);
  await connect(b);
  await open(b, app.url("/kommun/osby"));
  await importText(a, file.text);
  const preview = a.getByTestId("import-preview");
  await preview.getByRole("button", { name: "Slå ihop med filen" }).click();
  await preview.waitFor({ state: "detached" });
  await showsNote(b, "Från en fil", 15_000);
  for (const p of [a, b, offline]) await p.context().close();
});

test("a document with two leaves on the server (a CouchDB conflict) is joined, written as one, the other leaf deleted", async () => {
  const a = await app.page();
  await connect(a);
  await open(a, app.url("/kommun/hjo"));
  await saveNotes(a, hjoNotes(a), "Före grenen");
  await a.locator(`.sync-status[data-state="synced"]`).waitFor();
  const id = "organisations%2Forg-1497";
  const doc = await (await fetch(`${couch.url}/${id}`, { headers: basic(couch.user) })).json();
  // Another leaf beside the winner, as a replication from elsewhere would leave it: a later
  // edit of the notes by a browser this one has not seen.
  const [generation] = doc._rev.split("-");
  const leaf = structuredClone(doc);
  leaf._rev = `${generation}-${"f".repeat(32)}`;
  leaf.row.notes = "Från en annan gren";
  const later = new Date(Date.now() + 60_000).toISOString();
  leaf.row.versions = { ...leaf.row.versions, notes: `zzzz.1@${later}` };
  // Its writer had seen its own edit: what a browser writes always says so.
  leaf.context = { ...leaf.context, seen: { ...leaf.context.seen, zzzz: 1 }, latest: later };
  const forked = await fetch(`${couch.url}/_bulk_docs`, {
    method: "POST",
    headers: { ...basic(couch.user), "Content-Type": "application/json" },
    body: JSON.stringify({ new_edits: false, docs: [leaf] }),
  });
  assert.equal(forked.status, 201);
  const leaves = async () => (await (await fetch(`${couch.url}/${id}?open_revs=all`, { headers: { ...basic(couch.user), Accept: "application/json" } })).json()).filter((l) => l.ok && !l.ok._deleted);
  assert.equal((await leaves()).length, 2, "the server holds two leaves");

  await showsNote(a, "Från en annan gren", 15_000);
  await until(async () => (await leaves()).length, 1, "the other leaf is deleted");
  const after = await (await fetch(`${couch.url}/${id}?conflicts=true`, { headers: basic(couch.user) })).json();
  assert.equal(after.row.notes, "Från en annan gren");
  assert.equal(after._conflicts, undefined);
  await a.context().close();
});

test("a wrong password and a user without access are told apart, and nothing local is lost", async () => {
  const page = await app.page();
  await connect(page, { password: "fel-lösenord" }, "stopped", "Fel användarnamn eller lösenord");
  assert.match(await page.getByTestId("sync-panel").innerText(), /Inget har gått förlorat/);
  assert.deepEqual(await axeViolations(page), [], "/data, refused");
  // Work goes on: an edit is saved here.
  await open(page, app.url("/kommun/hjo"));
  await saveNotes(page, hjoNotes(page), "Sparat trots allt");
  assert.match(JSON.stringify(await storedDataset(page)), /Sparat trots allt/);
  await open(page, app.url("/data"));

  // Known to the server, but not a member of the database.
  const stranger = { name: "utomstaende", password: "utomstaendes-losen" };
  const made = await fetch(`${couch.server}/_users/org.couchdb.user:${stranger.name}`, {
    method: "PUT",
    headers: { ...basic(couch.admin), "Content-Type": "application/json" },
    body: JSON.stringify({ ...stranger, roles: [], type: "user" }),
  });
  assert.equal(made.status, 201);
  await connect(page, stranger, "stopped", "Användaren har inte tillgång till databasen");
  await connect(page, { url: `${couch.server}/ingen-sadan` }, "stopped", "Databasen finns inte på servern");
  // Something that answers, but not as CouchDB: the app's own pages.
  await connect(page, { url: app.url("/om") }, "stopped", "Adressen svarar inte som en CouchDB-databas");

  // Plain http to another computer is refused before anything is sent, with the reason.
  await page.getByLabel("Serveradress").fill("http://couch.example.se/klimatcoachning");
  await page.getByRole("button", { name: "Anslut" }).click();
  const address = page.getByLabel("Serveradress");
  assert.equal(await address.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#sync-address-error").textContent(), /https:\/\//);
  assert.deepEqual(await axeViolations(page), [], "/data, an address refused");

  // "Koppla från" forgets the server; the header says nothing more.
  await page.getByRole("button", { name: "Koppla från" }).click();
  await page.locator(".sync-status").waitFor({ state: "detached" });
  assert.match(await page.getByTestId("sync-connection").textContent(), /Inte ansluten/);
  assert.match(await page.locator(".site-footer").innerText(), /Inget skickas någonstans/);
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!kept.includes(couch.user.password) && !kept.includes("klimatcoachning.server"), "the server and its password are forgotten");
  assert.deepEqual(page.problems.filter((p) => !/401|403|404/.test(p)), []);
  await page.context().close();
});

test("of two tabs of one browser one syncs; the other's edits go out through it", async () => {
  const context = await app.browser.newContext({ locale: "en-GB" });
  const first = await context.newPage();
  const firstRequests = countRequests(first);
  await connect(first);
  const second = await context.newPage();
  const secondRequests = countRequests(second);
  await open(second, app.url("/kommun/hjo"));
  await second.locator(`.sync-status[data-state="synced"]`).waitFor();

  const other = await app.page();
  await connect(other);
  await open(other, app.url("/kommun/hjo"));
  await saveNotes(second, hjoNotes(second), "Från den andra fliken");
  await showsNote(other, "Från den andra fliken", 10_000);
  assert.ok(firstRequests.length > 0, "the first tab syncs");
  assert.deepEqual(secondRequests, [], "the second tab sends nothing");

  // The syncing tab closes: the other takes over.
  await first.close();
  await saveNotes(other, hjoNotes(other), "Efter att fliken stängdes");
  await showsNote(second, "Efter att fliken stängdes", 15_000);
  assert.ok(secondRequests.length > 0, "now the second tab syncs");
  await context.close();
  await other.context().close();
});

function basic({ name, password }) {
  return { Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` };
}
