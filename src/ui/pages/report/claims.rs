//! What the sources claim, each in its own words with its source, beside what the data
//! in this browser shows for the same thing.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::domain::report::{Claim, Progress, Report};
use crate::i18n::*;
use crate::ui::components::source_ref::SourceRef;
use crate::ui::format;

fn progress(i18n: I18nContext<Locale>, p: &Progress) -> String {
    let mut text = t_string!(
        i18n,
        report.progress,
        adopted = p.adopted,
        proposed = p.proposed,
        of = p.of
    )
    .to_string();
    if p.undated > 0 {
        text.push(' ');
        text.push_str(&t_string!(i18n, report.progress_undated, count = p.undated));
    }
    text
}

pub fn claims(i18n: I18nContext<Locale>, r: &Report) -> impl IntoView + use<> {
    let as_of = r.as_of;
    let items = r.claims.clone();
    view! {
        <section class="report-section" aria-labelledby="r-claims">
            <h2 id="r-claims">{t!(i18n, report.claims_heading)}</h2>
            <p>{t!(i18n, report.claims_intro)}</p>
            <dl class="claims" data-testid="claims">
                {items.into_iter().map(|c| claim(i18n, c, as_of)).collect_view()}
            </dl>
        </section>
    }
}

fn claim(i18n: I18nContext<Locale>, c: Claim, as_of: chrono::NaiveDate) -> impl IntoView {
    match c {
        Claim::HalfAdoptedOrProposed {
            source,
            words,
            on,
            then,
            now,
        } => view! {
            <dt><q lang="sv">{words}</q> " " <SourceRef id=source/></dt>
            <dd>
                <p>{t_string!(i18n, report.claim_then, date = format::date(i18n, on), figures = progress(i18n, &then))}</p>
                <p>{t_string!(i18n, report.claim_now, date = format::date(i18n, as_of), figures = progress(i18n, &now))}</p>
            </dd>
        }
        .into_any(),
        Claim::Participants {
            selected,
            reported,
            listed,
        } => view! {
            <dt>
                {selected.map(|f| view! { {t_string!(i18n, report.claim_selected, count = f.value)} " " <SourceRef id=f.source/> " " })}
                {reported.map(|f| view! { {t_string!(i18n, report.claim_reported, count = f.value)} " " <SourceRef id=f.source/> })}
            </dt>
            <dd>{t_string!(i18n, report.claim_listed, count = listed)}</dd>
        }
        .into_any(),
        Claim::Grant {
            per_participant,
            used_kr,
            available_kr,
        } => view! {
            <dt>{t_string!(i18n, report.claim_grant, amount = format::kronor(i18n, per_participant.value.into()))} " " <SourceRef id=per_participant.source/></dt>
            <dd>{t_string!(i18n, report.claim_grant_used, used = format::kronor(i18n, used_kr), available = format::kronor(i18n, available_kr))}</dd>
        }
        .into_any(),
        Claim::Contribution {
            minimum,
            reached,
            of,
        } => view! {
            <dt>{t_string!(i18n, report.claim_contribution, amount = format::kronor(i18n, minimum.value.into()))} " " <SourceRef id=minimum.source/></dt>
            <dd>{t_string!(i18n, report.claim_contribution_reached, count = reached, of = of)}</dd>
        }
        .into_any(),
    }
}
