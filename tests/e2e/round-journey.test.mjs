// A round run from start to report, in Swedish and in English: "Klimatcoachning 2027" (at
// most 20 000 inhabitants, 75 000 kr, 3 years) made on /program; 12 applicants registered
// (Ale, over the limit, refused with its reason); 8 selected; a coach assigned, mentor
// suggestions accepted; two letters of intent and a grant entry recorded; the round's
// overview, list and report show 12 → 8 and due dates three years after the letters; its
// pages leave 2007–08's as they were; exported, then imported into a fresh browser, the
// round's pages read the same.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, makeRound, exportFile, replaceAllWith } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const ROUND = "/program/klimatcoachning-2027";
// Twelve small municipalities of Västerbotten: the first eight are selected.
const APPLICANTS = ["2403", "2404", "2401", "2409", "2417", "2418", "2421", "2422", "2425", "2460", "2462", "2463"];

const WORDS = {
  sv: {
    overLimit: /Ale kan inte söka: 29\u00a0549 invånare \(31 december 2016\) är fler än omgångens gräns på 20\u00a0000\./,
    nav: ["Översikt", "Kommuner", "Mentorer", "Händelser", "Rapport"],
    listHeading: "Deltagare i Klimatcoachning 2027",
    showing8: "Visar 8 av 8.",
    accept: (n) => `Godta alla förslag (${n})`,
    paired: /8 av 8 deltagare har en mentor/,
    coach: "Klimatcoach",
    letter: "Avsiktsförklaring godkänd av kommunstyrelsen",
    save: "Spara",
    due: (d) => `Sista dag: ${d}`,
    grantRegion: "Stödet (högst 75\u00a0000\u00a0kr)",
    addGrant: "Lägg till en post i stödet",
    date: "Datum",
    what: "Vad",
    amount: "Belopp (kr)",
    add: "Lägg till",
    grantTotal: "20\u00a0000\u00a0kr av 75\u00a0000\u00a0kr",
    reportHeading: "Rapport: Klimatcoachning 2027",
    bjurholmLine: "Bjurholm 1 mars 2027 1 mars 2030",
    vindelnLine: "Vindeln 15 april 2027 15 april 2030",
    title: "Rapport – Klimatcoachning 2027 – Klimatcoachning",
    overviewDue: "Avsiktsförklaring 1 mars 2027 · strategin till kommunfullmäktige senast 1 mars 2030",
    english: false,
  },
  en: {
    overLimit: /Ale cannot apply: 29,549 inhabitants \(31 December 2016\) are more than the round's limit of 20,000\./,
    nav: ["Overview", "Municipalities", "Mentors", "Events", "Report"],
    listHeading: "Participants in Klimatcoachning 2027",
    showing8: "Showing 8 of 8.",
    accept: (n) => `Accept all suggestions (${n})`,
    paired: /8 of 8 participants have a mentor/,
    coach: "Climate coach",
    letter: "Letter of intent approved by the municipal executive board",
    save: "Save",
    due: (d) => `Due: ${d}`,
    grantRegion: "The grant (at most SEK\u00a075,000)",
    addGrant: "Add an entry to the grant",
    date: "Date",
    what: "What",
    amount: "Amount (SEK)",
    add: "Add",
    grantTotal: "SEK\u00a020,000 of SEK\u00a075,000",
    reportHeading: "Report: Klimatcoachning 2027",
    bjurholmLine: "Bjurholm 1 March 2027 1 March 2030",
    vindelnLine: "Vindeln 15 April 2027 15 April 2030",
    title: "Report – Klimatcoachning 2027 – Klimatcoachning",
    overviewDue: "Letter of intent 1 March 2027 · the strategy to the municipal council by 1 March 2030",
    english: true,
  },
};

async function useEnglish(page) {
  await page.getByRole("button", { name: "In English" }).click();
  await page.locator("html[lang=en]").waitFor();
}

/** What a page shows, for comparing two browsers: <main>'s text, less the report's state line. */
async function shown(page) {
  return page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll("[data-testid=report-state]").forEach((e) => e.remove());
    return copy.innerText;
  });
}

/** On a municipality's page, the section of the round: its commitment saved with `fields`. */
async function recordCommitment(page, w, slug, fields) {
  await open(page, app.url(`/kommun/${slug}`));
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Klimatcoachning 2027", level: 2 }) });
  await section.locator("button.edit-open").first().click();
  if (fields.coach) await section.getByLabel(w.coach, { exact: true }).selectOption({ label: fields.coach });
  await section.getByLabel(w.letter).fill(fields.letter);
  await section.getByRole("button", { name: w.save, exact: true }).click();
  return section;
}

for (const language of ["sv", "en"]) {
  const w = WORDS[language];
  test(`a round from call to report, and into a fresh browser (${language})`, async () => {
    const page = await app.page();
    await open(page, app.url("/"));
    if (w.english) await useEnglish(page);

    // Made, with twelve applicants of which eight are selected; Ale refused on the way.
    await makeRound(app, page, { applicants: APPLICANTS, selected: 8 });
    await page.locator("#applicant-municipality").fill("Ale");
    await page.locator("form.register-applicant button[type=submit]").click();
    await page.locator("#applicant-municipality-error").getByText(w.overLimit).waitFor();
    for (const code of APPLICANTS.slice(8)) {
      const row = page.locator(`[data-id="participation-klimatcoachning-2027-${code}"]`);
      await row.locator("select").selectOption("not-selected");
      await row.locator("button[type=submit]").click();
      await row.locator('[data-decided="not-selected"]').waitFor();
    }
    const figures = async (prefix) =>
      Promise.all(["applied", "selected", "taking-part"].map((f) => page.getByTestId(`${prefix}-${f}`).textContent()));
    assert.deepEqual(await figures("round"), ["12", "8", "8"]);
    const nav = page.locator("nav.round-nav");
    assert.deepEqual(await nav.getByRole("link").allTextContents(), w.nav);
    assert.equal(await nav.getByRole("link", { name: w.nav[0] }).getAttribute("aria-current"), "page");

    // Its list: the eight taking part, under the round's name.
    await nav.getByRole("link", { name: w.nav[1] }).click();
    await page.waitForURL(app.url(`${ROUND}/kommuner`));
    await page.locator("main h1", { hasText: w.listHeading }).waitFor();
    assert.equal(await page.getByTestId("showing").textContent(), w.showing8);
    assert.equal(await page.locator("#list-programme").isVisible(), false, "no choice of programme in a round");

    // Mentors: Umeå marked a member, then every suggestion accepted.
    await open(page, app.url(`${ROUND}/mentorer`));
    await page.locator("#member-municipality").fill("2480");
    await page.locator("#member-municipality").locator("xpath=ancestor::form").locator("button[type=submit]").click();
    await page.getByRole("button", { name: w.accept(8) }).waitFor();
    await page.getByRole("button", { name: w.accept(8) }).click();
    await page.getByTestId("pair-counts").getByText(w.paired).waitFor();
    assert.equal(await page.getByTestId("suggestion").count(), 0);

    // A coach and two letters of intent; a grant entry within the round's 75 000 kr.
    const bjurholm = await recordCommitment(page, w, "bjurholm", { coach: "Andreas Lamppa", letter: "2027-03-01" });
    await bjurholm.getByText(w.due(w.english ? "1 March 2030" : "1 mars 2030")).waitFor();
    const grant = bjurholm.getByRole("region", { name: w.grantRegion });
    await grant.getByRole("button", { name: w.addGrant }).click();
    await grant.getByLabel(w.date).fill("2027-05-02");
    await grant.getByLabel(w.what).fill("Energikartläggning");
    await grant.getByLabel(w.amount).fill("20 000");
    await grant.getByRole("button", { name: w.add, exact: true }).click();
    await page.getByTestId("participation-klimatcoachning-2027-2403-grant-total").getByText(w.grantTotal).waitFor();
    const vindeln = await recordCommitment(page, w, "vindeln", { letter: "2027-04-15" });
    await vindeln.getByText(w.due(w.english ? "15 April 2030" : "15 april 2030")).waitFor();

    // The round's overview: 12 → 8, and each letter with its due date three years on.
    await open(page, app.url(ROUND));
    assert.deepEqual(await figures("round"), ["12", "8", "8"]);
    const due = page.locator('[data-id="participation-klimatcoachning-2027-2403"]').getByTestId("applicant-due");
    assert.equal(await due.textContent(), w.overviewDue);
    assert.equal(await page.getByTestId("applicant-due").count(), 2, "Bjurholm and Vindeln");

    // The report of the round, as of mid-2027: 12 → 8, due dates three years on.
    await open(page, app.url(`${ROUND}/rapport?per=2027-06-30`));
    await page.locator("main h1", { hasText: w.reportHeading }).waitFor();
    assert.equal(await page.title(), w.title);
    assert.deepEqual(await figures("report"), ["12", "8", "8"]);
    const lines = await page.getByTestId("participant-table").locator("tbody tr").evaluateAll((rows) =>
      rows.map((r) => [...r.cells].slice(0, 3).map((c) => c.textContent.trim()).join(" ")));
    assert.equal(lines.length, 8);
    assert.ok(lines.includes(w.bjurholmLine), lines.join("\n"));
    assert.ok(lines.includes(w.vindelnLine), lines.join("\n"));
    // Nothing of 2007–08's in it: no pilot, no sources' claims, no source list.
    assert.equal(await page.locator("#r-pilot, #r-claims, #r-sources").count(), 0);

    // 2007–08's pages are as they were: its report and list know nothing of the round.
    await open(page, app.url("/rapport?per=2026-11-27"));
    assert.equal(await page.getByTestId("report-applied").count(), 0);
    assert.equal(await page.getByTestId("participant-table").locator("tbody tr").count(), 22);
    await open(page, app.url("/mentorer"));
    assert.doesNotMatch(await page.getByTestId("pair-counts").textContent(), /^8 /);

    // The round's pages as this browser shows them, then exported.
    const pages = [ROUND, `${ROUND}/kommuner`, `${ROUND}/mentorer`, `${ROUND}/handelser`, `${ROUND}/rapport?per=2027-06-30`];
    const here = [];
    for (const path of pages) {
      await open(page, app.url(path));
      await page.locator("nav.round-nav").waitFor();
      here.push(await shown(page));
    }
    await open(page, app.url("/data"));
    if (w.english) {
      await page.getByRole("button", { name: "På svenska" }).click();
      await page.locator("html[lang=sv]").waitFor();
    }
    const file = await exportFile(page);

    // A fresh browser: the file replaces its register; the same pages read the same.
    const fresh = await app.page();
    await open(fresh, app.url("/data"));
    await replaceAllWith(fresh, Buffer.from(file.text), file.name);
    if (w.english) await useEnglish(fresh);
    for (const [i, path] of pages.entries()) {
      await open(fresh, app.url(path));
      await fresh.locator("nav.round-nav").waitFor();
      assert.equal(await shown(fresh), here[i], `${path} reads the same`);
    }
    assert.deepEqual(page.problems, []);
    assert.deepEqual(fresh.problems, []);
    await page.context().close();
    await fresh.context().close();
  });
}
