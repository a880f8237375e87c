//! The words for domain values, in the reader's language.

use leptos_i18n::I18nContext;

use crate::domain::commitment::CommitmentStatus;
use crate::domain::model::{FocusArea, ProgrammeKind};
use crate::i18n::*;

pub fn status_label(i18n: I18nContext<Locale>, s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::NotStarted => t_string!(i18n, status.not_started),
        CommitmentStatus::OnTrack => t_string!(i18n, status.on_track),
        CommitmentStatus::DueSoon => t_string!(i18n, status.due_soon),
        CommitmentStatus::Overdue => t_string!(i18n, status.overdue),
        CommitmentStatus::Proposed => t_string!(i18n, status.proposed),
        CommitmentStatus::Adopted => t_string!(i18n, status.adopted),
    }
}

pub fn programme_label(i18n: I18nContext<Locale>, p: ProgrammeKind) -> &'static str {
    match p {
        ProgrammeKind::Coaching => t_string!(i18n, programme.coaching),
        ProgrammeKind::PilotLan => t_string!(i18n, programme.pilotlan),
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
