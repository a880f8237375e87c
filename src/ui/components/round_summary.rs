//! A round in two lines: its phase (from its dates) and period, then the terms known. The
//! list of programmes shows it for each; a round's own page under its name.

use leptos::prelude::*;

use crate::domain::programme::phase::Phase;
use crate::domain::programme::round::RoundRow;
use crate::i18n::*;
use crate::ui::format;

#[component]
pub fn RoundSummary(row: Memo<RoundRow>) -> impl IntoView {
    let i18n = use_i18n();
    let period = move || match row.read().period {
        Some(p) => t_string!(
            i18n,
            program.period,
            start = format::date(i18n, p.start),
            end = format::date(i18n, p.end)
        ),
        None => t_string!(i18n, program.no_period).to_owned(),
    };
    // Without a period there is no phase to tell; the period's absence says so.
    let phase = move || {
        let word = match row.read().phase {
            Phase::Planned => t_string!(i18n, program.phase_planned),
            Phase::Running => t_string!(i18n, program.phase_running),
            Phase::Ended => t_string!(i18n, program.phase_ended),
            Phase::Unknown => return None,
        };
        Some(view! { <span class="badge">{word}</span> " " })
    };
    // The terms the sources or the organiser give, those known.
    let terms = move || {
        let r = row.read();
        let parts: Vec<String> = [
            r.max_population.map(|n| {
                t_string!(
                    i18n,
                    program.term_population,
                    count = format::number(i18n, n.into())
                )
            }),
            r.grant_kr.map(|n| {
                t_string!(
                    i18n,
                    program.term_grant,
                    amount = format::kronor(i18n, n.into())
                )
            }),
            r.commitment_years
                .map(|n| t_string!(i18n, program.term_years, count = n)),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| view! { <p>{parts.join(" · ")}</p> })
    };
    view! {
        <p class="muted">{phase} {period}</p>
        {terms}
    }
}
