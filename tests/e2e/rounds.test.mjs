// /program: every programme with its period, participants and phase; "Ny omgång" makes a
// coaching round, refusing each wrong field with its reason and focusing the first, copying
// an earlier round's terms on request; the round is kept over a reload and undone by "Ångra".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, openEditor, storedDataset, makeRound } from "./harness.mjs";

let app;
before(async () => (app = await start()));
after(async () => app.stop());

const WORDS = {
  sv: {
    open: "Ny omgång",
    copy: "Kopiera villkoren från",
    name: "Namn",
    organiser: "Arrangör",
    start: "Första dag",
    end: "Sista dag",
    population: "Högst antal invånare",
    grant: "Stöd per deltagare (kr)",
    contribution: "Minsta egna insats (kr)",
    years: "År från avsiktsförklaring till förslag i kommunfullmäktige",
    create: "Skapa omgången",
    required: "Fyll i det här fältet.",
    range: "Skriv ett tal från 1 till 10.",
    ended: "Avslutad",
    noPeriod: "Perioden är inte känd",
    planned: "Planerad",
    participants: (n) => `Deltagare: ${n}`,
    created: (name) => `Omgången ${name} är skapad.`,
    builtin: "Klimatcoachning – stöd till lokalt klimatarbete i små kommuner",
    period: "1 januari 2027 – 31 december 2029",
    terms: "Högst 20\u00a0000 invånare · 75\u00a0000\u00a0kr per deltagare · 3 år till förslag i kommunfullmäktige",
    undo: "Ångra",
    municipality: "Kommun",
    register: "Registrera",
    decision: (name) => `Beslut för ${name}`,
    record: (name) => `Spara beslutet för ${name}`,
    selected: "Utvald",
    notSelected: "Inte utvald",
    withdrawn: "Har dragit sig ur",
    pendingBadge: "Ansökt, inte beslutat",
    overLimit: /Ale kan inte söka: 29\u00a0549 invånare \(31 december 2016\) är fler än omgångens gräns på 20\u00a0000\./,
    already: "Bjurholm har redan sökt till omgången.",
    pending: (n) => `Väntar på beslut: ${n}`,
    unknown: "Det finns ingen omgång på adressen /program/finns-inte.",
    allRounds: "Alla program och omgångar",
    openCommitment: "Ändra klimatcoach, åtagande och behovsanalys",
    showing27: "Visar 27 av 27.",
    letter: "Avsiktsförklaring godkänd av kommunstyrelsen",
    save: "Spara",
    due: "Sista dag: 1 mars 2030",
    grantRegion: "Stödet (högst 75\u00a0000\u00a0kr)",
    application: "Ansökt, inte beslutat. Omgångens sida",
  },
  en: {
    open: "New round",
    copy: "Copy the terms of",
    name: "Name",
    organiser: "Organiser",
    start: "First day",
    end: "Last day",
    population: "Most inhabitants allowed",
    grant: "Grant per participant (kr)",
    contribution: "Least own contribution (kr)",
    years: "Years from the letter of intent to a proposal in the municipal council",
    create: "Create the round",
    required: "Fill in this field.",
    range: "Type a number from 1 to 10.",
    ended: "Ended",
    noPeriod: "The period is not known",
    planned: "Planned",
    participants: (n) => `Participants: ${n}`,
    created: (name) => `The round ${name} has been created.`,
    builtin: "Klimatcoachning – stöd till lokalt klimatarbete i små kommuner",
    period: "1 January 2027 – 31 December 2029",
    terms: "At most 20,000 inhabitants · SEK\u00a075,000 per participant · 3 years to a proposal in the municipal council",
    undo: "Undo",
    municipality: "Municipality",
    register: "Register",
    decision: (name) => `Decision on ${name}`,
    record: (name) => `Save the decision on ${name}`,
    selected: "Selected",
    notSelected: "Not selected",
    withdrawn: "Withdrawn",
    pendingBadge: "Applied, not decided",
    overLimit: /Ale cannot apply: 29,549 inhabitants \(31 December 2016\) are more than the round's limit of 20,000\./,
    already: "Bjurholm has already applied to the round.",
    pending: (n) => `Awaiting a decision: ${n}`,
    unknown: "There is no round at the address /program/finns-inte.",
    allRounds: "All programmes and rounds",
    openCommitment: "Edit coach, commitment and needs analysis",
    showing27: "Showing 27 of 27.",
    letter: "Letter of intent approved by the municipal executive board",
    save: "Save",
    due: "Due: 1 March 2030",
    grantRegion: "The grant (at most SEK\u00a075,000)",
    application: "Applied, not decided. The round's page",
  },
};

for (const language of ["sv", "en"]) {
  const w = WORDS[language];
  test(`create a round, refused field by field, its terms copied, kept over a reload, undone (${language})`, async () => {
    const page = await app.page();
    await open(page, app.url("/program"));
    if (language === "en") {
      await page.getByRole("button", { name: "In English" }).click();
      await page.locator("html[lang=en]").waitFor();
    }
    const round = (slug) => page.locator(`[data-testid=round][data-round="${slug}"]`);
    // The built-in programmes, ended, with the participants the register holds.
    assert.equal(await page.getByTestId("round").count(), 2);
    assert.match(await round("coaching").innerText(), new RegExp(`${w.builtin}[\\s\\S]*${w.ended}[\\s\\S]*${w.participants(22)}`));
    assert.match(await round("pilotlan").innerText(), new RegExp(`${w.noPeriod}\\s+${w.participants(5)}`));
    assert.equal(await round("coaching").getByRole("link").getAttribute("href"), "/");

    await openEditor(page, w.open);
    const form = page.locator("form.round-editor");
    // The organiser of the latest coaching round is offered; the rest is empty.
    assert.equal(await form.getByLabel(w.organiser).inputValue(), "Klimatkommunerna");
    await form.getByLabel(w.years).fill("0");
    await form.getByRole("button", { name: w.create }).click();
    const reason = (label) => form.getByLabel(label, { exact: true }).evaluate((el) =>
      [...(el.getAttribute("aria-describedby") ?? "").split(" ")].map((id) => document.getElementById(id)?.textContent ?? "").join(" | "));
    await form.locator("[aria-invalid=true]").first().waitFor();
    assert.match(await reason(w.name), new RegExp(w.required.replace(".", "\\.")));
    assert.match(await reason(w.start), new RegExp(w.required.replace(".", "\\.")));
    assert.match(await reason(w.years), new RegExp(w.range.replace(".", "\\.")));
    assert.equal(await form.locator("[aria-invalid=true]").count(), 7, "name, both days, population, grant, contribution, years");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "round-name", "the first wrong field has focus");
    assert.equal(await page.getByTestId("round").count(), 2, "nothing made");

    // The 2007–08 terms copied, then changed where this round differs.
    await form.getByLabel(w.copy).selectOption({ label: w.builtin });
    assert.equal(await form.getByLabel(w.grant).inputValue(), "50000");
    assert.equal(await form.getByLabel(w.years).inputValue(), "2");
    assert.equal(await form.getByLabel(w.population).inputValue(), "15000");
    await form.getByLabel(w.name, { exact: true }).fill("Klimatcoachning 2027");
    await form.getByLabel(w.start).fill("2027-01-01");
    await form.getByLabel(w.end).fill("2029-12-31");
    await form.getByLabel(w.population).fill("20 000");
    await form.getByLabel(w.grant).fill("75 000");
    await form.getByLabel(w.years).fill("3");
    await form.getByRole("button", { name: w.create }).click();
    await page.getByTestId("round-created").getByText(w.created("Klimatcoachning 2027")).waitFor();
    await round("klimatcoachning-2027").waitFor();
    assert.match(await round("klimatcoachning-2027").innerText(), new RegExp(`${w.planned}\\s+${w.period}\\s+${w.terms}\\s+${w.participants(0)}`));
    assert.equal(await page.evaluate(() => document.activeElement?.id), "round-add-open", "focus back on the button");

    // Kept in the browser's database, with the terms as entered.
    await page.reload();
    await round("klimatcoachning-2027").waitFor();
    const stored = (await storedDataset(page)).programmes.find((p) => p.id === "programme-klimatcoachning-2027");
    assert.deepEqual(
      [stored.kind, stored.max_population.value, stored.grant_per_participant_kr.value, stored.min_local_contribution_kr.value, stored.commitment_years.value, stored.period.value],
      ["coaching", 20000, 75000, 50000, 3, { start: "2027-01-01", end: "2029-12-31" }],
    );
    assert.equal(stored.name.source, "entered");
    assert.equal(await page.getByTestId("round").count(), 3);

    // Undone like any edit.
    await page.getByRole("button", { name: w.undo, exact: true }).click();
    await round("klimatcoachning-2027").waitFor({ state: "detached" });
    assert.equal(await page.getByTestId("round").count(), 2);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

for (const language of ["sv", "en"]) {
  const w = WORDS[language];
  test(`a round's applicants: registered by name, code or län, one over the limit refused, decided; the funnel follows (${language})`, async () => {
    const page = await app.page();
    await open(page, app.url("/"));
    if (language === "en") {
      await page.getByRole("button", { name: "In English" }).click();
      await page.locator("html[lang=en]").waitFor();
    }
    await makeRound(app, page);
    await open(page, app.url("/program"));
    await page.locator('[data-round="klimatcoachning-2027"]').getByRole("link").click();
    await page.waitForURL(app.url("/program/klimatcoachning-2027"));
    await page.locator("main h1", { hasText: "Klimatcoachning 2027" }).waitFor();
    const figure = (id) => page.getByTestId(id).textContent();
    assert.deepEqual([await figure("round-applied"), await figure("round-selected"), await figure("round-taking-part")], ["0", "0", "0"]);

    const field = page.getByLabel(w.municipality, { exact: true });
    const register = async (text) => {
      await field.fill(text);
      await page.getByRole("button", { name: w.register, exact: true }).click();
    };
    const applicant = (name) => page.getByTestId("applicant").filter({ has: page.getByRole("link", { name, exact: true }) });
    // By name, by kommunkod, and as a suggestion reads (found by its län).
    await register("Bjurholm");
    await applicant("Bjurholm").waitFor();
    await register("2418");
    await applicant("Malå").waitFor();
    const suggestions = await page.locator("#applicant-municipality-register option").evaluateAll((os) => os.map((o) => `${o.value}|${o.textContent.trim()}`));
    assert.ok(suggestions.includes("Norsjö (2417)|Västerbottens län"), "each suggestion names its län");
    await register("Norsjö (2417)");
    await applicant("Norsjö").waitFor();
    await register("Boxholm");
    await applicant("Boxholm").waitFor();
    assert.equal(await field.inputValue(), "", "the field is emptied for the next one");

    // Refused with the reason: over the limit by the latest figure; already an applicant.
    await register("Ale");
    await page.locator("#applicant-municipality-error").getByText(w.overLimit).waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    await register("Bjurholm");
    await page.locator("#applicant-municipality-error").getByText(w.already).waitFor();
    assert.equal(await page.getByTestId("applicant").count(), 4);
    assert.match(await applicant("Bjurholm").innerText(), new RegExp(`2403 · Västerbottens län`));
    assert.equal(await applicant("Bjurholm").getByTestId("decision").textContent(), w.pendingBadge);

    // Decisions: two selected (one later withdraws), one not selected, one still pending.
    const decide = async (name, label) => {
      await page.getByLabel(w.decision(name)).selectOption({ label });
      await page.getByRole("button", { name: w.record(name) }).click();
      await applicant(name).getByTestId("decision").getByText(label, { exact: true }).waitFor();
    };
    await decide("Bjurholm", w.selected);
    await decide("Malå", w.selected);
    await decide("Malå", w.withdrawn);
    await decide("Norsjö", w.notSelected);
    assert.deepEqual([await figure("round-applied"), await figure("round-selected"), await figure("round-taking-part")], ["4", "2", "1"]);
    assert.equal(await page.getByTestId("round-pending").textContent(), w.pending(1));

    // Kept over a reload; the list of programmes counts the one taking part.
    await page.reload();
    await applicant("Bjurholm").getByTestId("decision").getByText(w.selected, { exact: true }).waitFor();
    assert.deepEqual([await figure("round-applied"), await figure("round-selected"), await figure("round-taking-part")], ["4", "2", "1"]);
    await page.getByRole("link", { name: w.allRounds }).click();
    await page.locator('[data-round="klimatcoachning-2027"]').getByText(w.participants(1)).waitFor();

    // An undo takes the last decision back, on the open page.
    await page.goBack();
    await page.getByTestId("round-applied").waitFor();
    await page.getByRole("button", { name: w.undo, exact: true }).click();
    await applicant("Norsjö").getByTestId("decision").getByText(w.pendingBadge, { exact: true }).waitFor();

    // 2007–08's list stays 2007–08's: the round's applicants are on its own page.
    await open(page, app.url("/kommuner"));
    assert.equal(await page.getByTestId("showing").textContent(), w.showing27);

    // The municipality pages: each round by its name; one not selected says so and has no
    // forms; one selected records its letter of intent, due the round's three years later.
    await open(page, app.url("/kommun/norsjo"));
    const norsjo = page.locator("section", { has: page.getByRole("heading", { name: "Klimatcoachning 2027", level: 2 }) });
    assert.equal(await norsjo.getByTestId("application").innerText(), w.application);
    assert.equal(await norsjo.locator("form, button.edit-open").count(), 0);
    await open(page, app.url("/kommun/bjurholm"));
    const bjurholm = page.locator("section", { has: page.getByRole("heading", { name: "Klimatcoachning 2027", level: 2 }) });
    await bjurholm.getByRole("button", { name: w.openCommitment, exact: true }).click();
    await bjurholm.getByLabel(w.letter).fill("2027-03-01");
    await bjurholm.getByRole("button", { name: w.save, exact: true }).click();
    await bjurholm.getByText(w.due).waitFor();
    await bjurholm.getByRole("region", { name: w.grantRegion }).waitFor();

    await open(page, app.url("/program/finns-inte"));
    assert.equal(await page.getByTestId("not-found").textContent(), w.unknown);
    // The built-in programmes keep their own pages: the scheme's addresses lead there, and
    // no one applies to them.
    for (const [from, to] of [["/program/coaching", "/"], ["/program/coaching/kommuner", "/kommuner"], ["/program/pilotlan/rapport", "/rapport?program=pilotlan"]]) {
      await open(page, app.url(from));
      await page.waitForURL(app.url(to));
      assert.equal(await page.locator("#applicant-municipality").count(), 0);
    }
    await page.getByTestId("report-as-of").waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
