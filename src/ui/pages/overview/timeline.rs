//! The programme period on a time axis (geometry in `domain/timeline.rs`).

use leptos::prelude::*;

use crate::domain::model::Period;
use crate::domain::timeline::Axis;
use crate::i18n::*;
use crate::ui::format;

const WIDTH: f64 = 600.0;
const PAD: f64 = 24.0;

fn x(at: f64) -> f64 {
    PAD + at * (WIDTH - 2.0 * PAD)
}

/// The programme period as a bar on a year axis, with a text equivalent.
#[component]
pub fn Timeline(period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let axis = Axis::around(period);
    let (x0, x1) = (x(axis.at(period.start)), x(axis.at(period.end)));
    let ticks = axis.year_ticks();
    let label = move || {
        t_string!(
            i18n,
            overview.timeline_label,
            start = format::date(i18n, period.start),
            end = format::date(i18n, period.end)
        )
    };
    view! {
        <figure class="timeline">
            <svg viewBox=format!("0 0 {WIDTH} 80") role="img" aria-labelledby="timeline-caption">
                <line class="axis" x1=PAD y1="50" x2=WIDTH - PAD y2="50"/>
                {ticks
                    .into_iter()
                    .map(|t| {
                        let tx = x(t.at);
                        view! {
                            <line class="tick" x1=tx y1="44" x2=tx y2="56"/>
                            <text class="tick-label" x=tx y="74" text-anchor="middle">
                                {chrono::Datelike::year(&t.date).to_string()}
                            </text>
                        }
                    })
                    .collect_view()}
                <rect class="period" x=x0 y="36" width=x1 - x0 height="28" rx="4"/>
                <text class="period-label" x=x0 y="26">
                    {move || format::date(i18n, period.start)}
                </text>
                <text class="period-label" x=x1 y="26" text-anchor="end">
                    {move || format::date(i18n, period.end)}
                </text>
            </svg>
            <figcaption id="timeline-caption">{label}</figcaption>
        </figure>
    }
}
