//! The dataset and its records: exchange format version 4 (PRODUCT.md §2; version 2
//! added the versions of edits, what a dataset has seen, and removed records, for the
//! merge: `merge/join.rs`; version 3 an adoption as precise as its source, with the
//! source, and notes from sources on a participant; version 4 a round's applications).
//!
//! Field order here is the key order of the exported JSON, and `Vec`s keep
//! their records in a fixed order, so the same data always serialises to the
//! same bytes.

pub mod kinds;
pub mod versions;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use self::versions::{Context, Stamp, Versions};
pub use super::change::Record;
pub use super::partial_date::PartialDate;

/// The value of `format` in every dataset and export file.
pub const FORMAT: &str = "klimatcoachning";
/// The schema version this build writes; older ones are migrated on load.
pub const SCHEMA_VERSION: u32 = 4;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Dataset {
    pub format: String,
    pub schema_version: u32,
    /// When the file was exported; absent in what the browser stores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<DateTime<Utc>>,
    /// Every edit this data has seen, by browser: what a merge compares against.
    #[serde(default, skip_serializing_if = "Context::is_empty")]
    pub context: Context,
    /// The short names people gave their browsers (by browser id), to say who edited what.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub browsers: BTreeMap<String, String>,
    pub sources: Vec<Source>,
    pub programmes: Vec<Programme>,
    pub organisations: Vec<Organisation>,
    pub participations: Vec<Participation>,
    pub coaches: Vec<Coach>,
    pub events: Vec<Event>,
    /// Records removed, as they were, with the removal's stamp: so that a removal
    /// reaches every browser a file goes to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Removed {
    pub stamp: Stamp,
    pub record: Record,
}

/// Whether a record came with the app (from a cited source) or was entered by a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Seed,
    User,
}

/// What every record carries besides its own fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Meta {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub source: Origin,
    #[serde(default)]
    pub notes: String,
    /// The stamp of each field's last edit, by path (`""`: the record's, when it was made
    /// here or read from a file of format 1); none for fields as built in. Also `@kept`:
    /// when the record was kept after a removal.
    #[serde(default, skip_serializing_if = "Versions::is_empty")]
    pub versions: Versions,
}

impl Meta {
    /// A new record's meta, made by a person here at `now`.
    pub fn by_user(id: String, now: DateTime<Utc>) -> Meta {
        Meta {
            id,
            updated_at: now,
            source: Origin::User,
            notes: String::new(),
            versions: Default::default(),
        }
    }
}

/// A value together with the id of the [`Source`] it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Fact<T> {
    pub value: T,
    pub source: String,
}

impl<T> Fact<T> {
    pub fn new(value: T, source: &str) -> Self {
        Fact {
            value,
            source: source.to_owned(),
        }
    }
}

/// The source of a fact a person typed into the app, such as a new round's terms: it cites
/// no document; the record's versions say who entered it and when.
pub const ENTERED: &str = "entered";

/// A cited document. Its `id` (S1, S2, …) is what facts refer to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// Publication or last-changed date, when the source gives one.
    pub date: Option<NaiveDate>,
    /// Where the source can be found (an address or a description).
    pub location: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeKind {
    /// "Klimatcoachning – stöd till lokalt klimatarbete i små kommuner".
    Coaching,
    /// "Klimatcoachning – pilotlän" in Skåne.
    PilotLan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One programme. Every fact is optional because the sources give some
/// programmes far fewer facts than others; nothing is filled in without one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Programme {
    #[serde(flatten)]
    pub meta: Meta,
    pub kind: ProgrammeKind,
    pub name: Fact<String>,
    pub short_name: Option<Fact<String>>,
    pub organiser: Fact<String>,
    pub organiser_history: Option<Fact<String>>,
    pub financed_by: Option<Fact<String>>,
    /// When municipalities could apply, in the source's words ("Hösten 2006").
    pub call: Option<Fact<String>>,
    pub period: Option<Fact<Period>>,
    pub max_population: Option<Fact<u32>>,
    pub applicants: Option<Fact<u32>>,
    pub selected: Option<Fact<u32>>,
    /// How many took part according to a second source (the press release).
    pub participants_reported: Option<Fact<u32>>,
    pub grant_per_participant_kr: Option<Fact<u32>>,
    pub min_local_contribution_kr: Option<Fact<u32>>,
    /// Years from the letter of intent to a proposal in kommunfullmäktige.
    pub commitment_years: Option<Fact<u32>>,
    pub purpose: Option<Fact<String>>,
    /// What each participant received, one sentence each.
    pub support: Vec<Fact<String>>,
    /// What each participant promised in return.
    pub obligations: Vec<Fact<String>>,
    /// The incentives: månadens tårta, the lecture tour.
    pub incentives: Vec<Fact<String>>,
    pub outcome: Option<Fact<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Kommun,
    Lansstyrelse,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Population {
    pub count: u32,
    /// The date the count refers to (eligibility must use a count near the application).
    pub date: NaiveDate,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Membership {
    /// Year the organisation joined Klimatkommunerna, when known.
    pub since: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Organisation {
    #[serde(flatten)]
    pub meta: Meta,
    pub kind: OrganisationKind,
    pub name: String,
    /// SCB's four-digit code; only municipalities have one.
    pub kommunkod: Option<Fact<String>>,
    /// SCB's two-digit county code; the county name comes from the built-in table.
    pub lanskod: Fact<String>,
    /// Oldest first.
    pub population: Vec<Population>,
    /// A member of Klimatkommunerna, and so a mentor candidate.
    pub member: Option<Membership>,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Participation {
    #[serde(flatten)]
    pub meta: Meta,
    pub programme_id: String,
    pub organisation_id: String,
    /// The source that names this participant.
    pub listed_in: Option<String>,
    /// For a round run in the app: the municipality's application and the decision on it.
    /// None for the built-in programmes, whose participants are those the sources name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Application>,
    pub detail: ParticipationDetail,
}

/// An application to a round and where it stands. Only a selected applicant takes part.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Application {
    pub decision: Decision,
    /// Whether it was ever selected: one selected who later withdraws still counts among
    /// the selected, as the 2007–08 round's 23 selected but 22 taking part do.
    #[serde(default)]
    pub was_selected: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Applied; not yet decided.
    Pending,
    Selected,
    NotSelected,
    /// The municipality withdrew, before or after being selected.
    Withdrawn,
}

impl Decision {
    pub const ALL: [Decision; 4] = [
        Decision::Pending,
        Decision::Selected,
        Decision::NotSelected,
        Decision::Withdrawn,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
// A few hundred participations at most: their size in memory does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ParticipationDetail {
    Coaching(CoachingParticipation),
    PilotLan(PilotParticipation),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CoachingParticipation {
    pub coach_id: Option<String>,
    pub mentor_id: Option<String>,
    pub needs_analysis: Option<NeedsAnalysis>,
    /// The day kommunstyrelsen approved the letter of intent (avsiktsförklaring).
    pub letter_of_intent: Option<NaiveDate>,
    /// The commitment's status is derived from these dates, never stored.
    pub strategy_proposed: Option<NaiveDate>,
    /// Adopted by kommunfullmäktige: the commitment met.
    pub strategy_adopted: Option<Adoption>,
    pub grant_entries: Vec<LedgerEntry>,
    pub contribution_entries: Vec<LedgerEntry>,
    pub events_attended: Vec<String>,
    /// What the sources say of the participant beyond its commitment: Osby's 2009
    /// environmental programme is such a note, not its climate strategy.
    #[serde(default)]
    pub source_notes: Vec<Fact<String>>,
}

/// Kommunfullmäktige's adoption of the climate strategy, as precisely as it is known.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Adoption {
    /// A day, a month or a year; none when the source says adopted but not when.
    pub date: Option<PartialDate>,
    /// The source that says so; none for what a person entered.
    #[serde(default)]
    pub source: Option<String>,
    /// The source's own words, quoted.
    #[serde(default)]
    pub words: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct NeedsAnalysis {
    pub date: Option<NaiveDate>,
    pub summary: String,
    pub focus_areas: Vec<FocusArea>,
    /// Where the analysis can be read (http or https only).
    #[serde(default)]
    pub document_url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FocusArea {
    ClimateStrategy,
    EnergyPlanUpdate,
    EnvironmentalObjectivesProgramme,
    Other,
}

impl FocusArea {
    pub const ALL: [FocusArea; 4] = [
        FocusArea::ClimateStrategy,
        FocusArea::EnergyPlanUpdate,
        FocusArea::EnvironmentalObjectivesProgramme,
        FocusArea::Other,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    Investigation,
    Measure,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct LedgerEntry {
    pub id: String,
    pub date: NaiveDate,
    pub purpose: String,
    pub kind: LedgerKind,
    pub amount_kr: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PilotParticipation {
    pub focus: Option<Fact<String>>,
    pub status: Option<PilotStatus>,
    pub sessions: Vec<CoachingSession>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PilotStatus {
    Planned,
    Ongoing,
    Completed,
}

impl PilotStatus {
    pub const ALL: [PilotStatus; 3] = [
        PilotStatus::Planned,
        PilotStatus::Ongoing,
        PilotStatus::Completed,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CoachingSession {
    pub id: String,
    pub date: NaiveDate,
    pub topic: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Coach {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    pub organisation: String,
    pub contact: String,
    /// The source that names this coach.
    pub named_in: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Workshop,
    Seminar,
    Lecture,
    CakeOfTheMonth,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Event {
    #[serde(flatten)]
    pub meta: Meta,
    pub programme_id: String,
    pub kind: EventKind,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// For an award given per month ("YYYY-MM") when no day is known.
    pub month: Option<String>,
    pub place: String,
    pub participants: Vec<String>,
    pub motivation: String,
    pub described_in: Option<String>,
}

/// The five kinds of record, alike in what they carry.
pub trait HasMeta {
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
}

macro_rules! has_meta {
    ($($t:ty),*) => {$(impl HasMeta for $t {
        fn meta(&self) -> &Meta { &self.meta }
        fn meta_mut(&mut self) -> &mut Meta { &mut self.meta }
    })*};
}
has_meta!(Programme, Organisation, Participation, Coach, Event);

impl Dataset {
    /// A dataset of this format with nothing in it: no sources, no records.
    pub fn empty() -> Dataset {
        Dataset {
            format: FORMAT.to_owned(),
            schema_version: SCHEMA_VERSION,
            exported_at: None,
            context: Context::default(),
            browsers: BTreeMap::new(),
            sources: Vec::new(),
            programmes: Vec::new(),
            organisations: Vec::new(),
            participations: Vec::new(),
            coaches: Vec::new(),
            events: Vec::new(),
            removed: Vec::new(),
        }
    }

    pub fn programme(&self, kind: ProgrammeKind) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.kind == kind)
    }

    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.meta.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Participations in the programme of this kind, in dataset order.
    pub fn participations_in(&self, kind: ProgrammeKind) -> impl Iterator<Item = &Participation> {
        let programme_id = self.programme(kind).map(|p| p.meta.id.clone());
        self.participations
            .iter()
            .filter(move |p| Some(&p.programme_id) == programme_id.as_ref())
    }
}
