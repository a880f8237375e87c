//! The words for domain values, in the reader's language.

use leptos_i18n::I18nContext;

use crate::domain::commitment::CommitmentStatus;
use crate::domain::events::EventError;
use crate::domain::mentoring::{Nearness, PairingError};
use crate::domain::model::{
    Decision, EventKind, FocusArea, LedgerKind, OrganisationKind, PilotStatus, Programme,
    ProgrammeKind,
};
use crate::domain::programme::round::is_builtin;
use crate::i18n::*;
use crate::ui::format;

pub fn status_label(i18n: I18nContext<Locale>, s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::NotStarted => t_string!(i18n, status.not_started),
        CommitmentStatus::OnTrack => t_string!(i18n, status.on_track),
        CommitmentStatus::DueSoon => t_string!(i18n, status.due_soon),
        CommitmentStatus::Overdue => t_string!(i18n, status.overdue),
        CommitmentStatus::Proposed => t_string!(i18n, status.proposed),
        CommitmentStatus::Adopted => t_string!(i18n, status.adopted),
        CommitmentStatus::AdoptedLate => t_string!(i18n, status.adopted_late),
    }
}

/// The status in a word or two, for a badge; [`status_label`] says what it means.
pub fn status_short(i18n: I18nContext<Locale>, s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::NotStarted => t_string!(i18n, status_short.not_started),
        CommitmentStatus::OnTrack => t_string!(i18n, status_short.on_track),
        CommitmentStatus::DueSoon => t_string!(i18n, status_short.due_soon),
        CommitmentStatus::Overdue => t_string!(i18n, status_short.overdue),
        CommitmentStatus::Proposed => t_string!(i18n, status_short.proposed),
        CommitmentStatus::Adopted => t_string!(i18n, status_short.adopted),
        CommitmentStatus::AdoptedLate => t_string!(i18n, status_short.adopted_late),
    }
}

pub fn programme_label(i18n: I18nContext<Locale>, p: ProgrammeKind) -> &'static str {
    match p {
        ProgrammeKind::Coaching => t_string!(i18n, programme.coaching),
        ProgrammeKind::PilotLan => t_string!(i18n, programme.pilotlan),
    }
}

/// The programme of a participant list's row: a round by its name, a built-in programme
/// in the reader's language.
pub fn row_programme(i18n: I18nContext<Locale>, r: &crate::domain::listing::Row) -> String {
    r.round
        .clone()
        .unwrap_or_else(|| programme_label(i18n, r.programme).to_owned())
}

/// A programme as a heading names it: the built-in ones by their kind, in the reader's
/// language; a round made in the app by the name it was given.
pub fn programme_title(i18n: I18nContext<Locale>, p: &Programme) -> String {
    if is_builtin(p) {
        programme_label(i18n, p.kind).to_owned()
    } else {
        p.name.value.clone()
    }
}

/// Where an application to a round stands.
pub fn decision_label(i18n: I18nContext<Locale>, d: Decision) -> &'static str {
    match d {
        Decision::Pending => t_string!(i18n, round.decision_pending),
        Decision::Selected => t_string!(i18n, round.decision_selected),
        Decision::NotSelected => t_string!(i18n, round.decision_not_selected),
        Decision::Withdrawn => t_string!(i18n, round.decision_withdrawn),
    }
}

pub fn focus_label(i18n: I18nContext<Locale>, f: FocusArea) -> &'static str {
    match f {
        FocusArea::ClimateStrategy => t_string!(i18n, focus.climate_strategy),
        FocusArea::EnergyPlanUpdate => t_string!(i18n, focus.energy_plan),
        FocusArea::EnvironmentalObjectivesProgramme => t_string!(i18n, focus.objectives_programme),
        FocusArea::Other => t_string!(i18n, focus.other),
    }
}

pub fn pilot_status_label(i18n: I18nContext<Locale>, s: Option<PilotStatus>) -> &'static str {
    match s {
        Some(PilotStatus::Planned) => t_string!(i18n, pilot.status_planned),
        Some(PilotStatus::Ongoing) => t_string!(i18n, pilot.status_ongoing),
        Some(PilotStatus::Completed) => t_string!(i18n, pilot.status_completed),
        None => t_string!(i18n, pilot.status_none),
    }
}

pub fn kind_label(i18n: I18nContext<Locale>, k: OrganisationKind) -> &'static str {
    match k {
        OrganisationKind::Kommun => t_string!(i18n, kommun.kind_kommun),
        OrganisationKind::Lansstyrelse => t_string!(i18n, kommun.kind_lansstyrelse),
    }
}

/// Why a mentor is near a participant, as a suggestion explains it.
pub fn nearness_label(i18n: I18nContext<Locale>, n: Nearness) -> &'static str {
    match n {
        Nearness::SameLan => t_string!(i18n, mentors.near_same_lan),
        Nearness::NeighbouringLan => t_string!(i18n, mentors.near_neighbour),
        Nearness::SamePart => t_string!(i18n, mentors.near_same_part),
        Nearness::Elsewhere => t_string!(i18n, mentors.near_elsewhere),
    }
}

/// The rule a pairing breaks, in a sentence.
pub fn pairing_error_label(i18n: I18nContext<Locale>, e: &PairingError) -> &'static str {
    match e {
        PairingError::UnknownParticipation => t_string!(i18n, mentors.error_unknown_participant),
        PairingError::UnknownMentor => t_string!(i18n, mentors.error_unknown_mentor),
        PairingError::NotAMember => t_string!(i18n, mentors.error_not_member),
        PairingError::SelfMentor => t_string!(i18n, mentors.error_self),
        PairingError::ParticipantOfSameProgramme => t_string!(i18n, mentors.error_participant),
    }
}

pub fn event_kind_label(i18n: I18nContext<Locale>, k: EventKind) -> &'static str {
    match k {
        EventKind::Workshop => t_string!(i18n, events.kind_workshop),
        EventKind::Seminar => t_string!(i18n, events.kind_seminar),
        EventKind::Lecture => t_string!(i18n, events.kind_lecture),
        EventKind::CakeOfTheMonth => t_string!(i18n, events.kind_cake),
    }
}

pub fn ledger_kind_label(i18n: I18nContext<Locale>, k: LedgerKind) -> &'static str {
    match k {
        LedgerKind::Investigation => t_string!(i18n, ledger.investigation),
        LedgerKind::Measure => t_string!(i18n, ledger.measure),
    }
}

/// Why an event may not be saved, in a sentence.
pub fn event_error_label(i18n: leptos_i18n::I18nContext<Locale>, e: &EventError) -> String {
    match e {
        EventError::TitleRequired => t_string!(i18n, events.error_title).to_owned(),
        EventError::MonthRequired => t_string!(i18n, events.error_month_required).to_owned(),
        EventError::NotAMonth => t_string!(i18n, events.error_not_a_month).to_owned(),
        EventError::OutsidePeriod { start, end } => t_string!(
            i18n,
            events.error_outside_period,
            start = format::date(i18n, *start),
            end = format::date(i18n, *end)
        ),
        EventError::AlreadyAwarded { month, to } => {
            t_string!(
                i18n,
                events.error_already_awarded,
                month = month.clone(),
                to = to.clone()
            )
        }
        EventError::UnknownParticipant(id) => {
            t_string!(i18n, events.error_unknown_participant, id = id.clone())
        }
    }
}
