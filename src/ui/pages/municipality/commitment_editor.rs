//! Editing a coaching participation's dates, coach and needs analysis, behind its
//! "Ändra" button: every field is checked, and nothing is saved while any is refused.

use leptos::prelude::*;

use crate::domain::change::Record;
use crate::domain::model::{
    Adoption, FocusArea, NeedsAnalysis, Participation, ParticipationDetail,
};
use crate::domain::validate::{
    not_before, optional_date, optional_link, optional_partial_date, period_not_before,
};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditActions, EditInPlace, Editing};
use crate::ui::components::field::{date_hint, Input, TextField};
use crate::ui::components::labels::focus_label;

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[component]
pub fn CommitmentEditor(participation: Memo<Participation>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = Editing::new(format!("{}-edit", participation.read_untracked().meta.id));
    view! {
        <EditInPlace editing=editing
            text=Signal::derive(move || t_string!(i18n, edit.open).to_owned())
            label=Signal::derive(move || t_string!(i18n, edit.open_commitment).to_owned())>
            <CommitmentForm participation=participation editing=editing/>
        </EditInPlace>
    }
}

/// Opens with the participation as stored then; a save changes the fields it shows on the
/// participation as stored at that moment (another tab may have changed the rest).
#[component]
fn CommitmentForm(participation: Memo<Participation>, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let opened = participation.get_untracked();
    let ParticipationDetail::Coaching(c) = opened.detail.clone() else {
        return ().into_any();
    };
    let analysis = c.needs_analysis.clone();
    let loi = Input::new(date_text(c.letter_of_intent));
    let proposed = Input::new(date_text(c.strategy_proposed));
    // An adoption may be known to the year or month only, so it is typed, not picked.
    let adopted = Input::new(
        c.strategy_adopted
            .as_ref()
            .and_then(|a| a.date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let undated = RwSignal::new(
        c.strategy_adopted
            .as_ref()
            .is_some_and(|a| a.date.is_none()),
    );
    let was_adopted = c.strategy_adopted.clone();
    let na_date = Input::new(date_text(analysis.as_ref().and_then(|n| n.date)));
    let summary = Input::new(
        analysis
            .as_ref()
            .map(|n| n.summary.clone())
            .unwrap_or_default(),
    );
    let link = Input::new(
        analysis
            .as_ref()
            .and_then(|n| n.document_url.clone())
            .unwrap_or_default(),
    );
    let id = opened.meta.id.clone();
    let (loi_v, loi_e) = (loi.value, loi.error);
    let (pr_v, pr_e) = (proposed.value, proposed.error);
    let (ad_v, ad_e) = (adopted.value, adopted.error);
    let (nd_v, nd_e) = (na_date.value, na_date.error);
    let (su_v, su_e) = (summary.value, summary.error);
    let (li_v, li_e) = (link.value, link.error);
    let focus_areas = RwSignal::new(
        analysis
            .as_ref()
            .map(|n| n.focus_areas.clone())
            .unwrap_or_default(),
    );
    let coach = RwSignal::new(c.coach_id.clone().unwrap_or_default());
    let coaches: Vec<(String, String)> = store.data().with_untracked(|d| {
        d.coaches
            .iter()
            .map(|x| (x.meta.id.clone(), x.name.clone()))
            .collect()
    });
    let coach_id = format!("{id}-coach");
    let adopted_id = format!("{id}-adopted");
    let focus_legend = format!("{id}-focus");

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let loi_d = loi.check(optional_date);
        let pr_d = proposed.check(optional_date);
        let ad_d = if undated.get_untracked() {
            adopted.error.set(None);
            Some(None)
        } else {
            adopted.check(optional_partial_date)
        };
        let nd_d = na_date.check(optional_date);
        let li = link.check(optional_link);
        // Each step needs the one before it to have happened first.
        if let (Some(p), Some(l)) = (pr_d, loi_d) {
            if let Err(e) = not_before(p, l) {
                proposed.error.set(Some(e));
            }
        }
        if let (Some(a), Some(p)) = (ad_d, pr_d.map(|p| p.or(loi_d.flatten()))) {
            if let Err(e) = period_not_before(a, p) {
                adopted.error.set(Some(e));
            }
        }
        let refused = [&loi, &proposed, &adopted, &na_date, &summary, &link]
            .iter()
            .any(|f| f.error.get_untracked().is_some());
        let (Some(loi_d), Some(pr_d), Some(ad_d), Some(nd_d), Some(li)) =
            (loi_d, pr_d, ad_d, nd_d, li)
        else {
            return;
        };
        if refused {
            return;
        }
        let mut p = participation.get_untracked();
        if let ParticipationDetail::Coaching(c) = &mut p.detail {
            c.letter_of_intent = loi_d;
            c.strategy_proposed = pr_d;
            c.strategy_adopted = match (ad_d, undated.get_untracked()) {
                (None, false) => None,
                // Unchanged, it keeps its source and the source's words.
                (date, _) => match &was_adopted {
                    Some(a) if a.date == date => Some(a.clone()),
                    _ => Some(Adoption {
                        date,
                        ..Default::default()
                    }),
                },
            };
            let text = summary.value.get_untracked().trim().to_owned();
            let focus: Vec<FocusArea> = FocusArea::ALL
                .into_iter()
                .filter(|f| focus_areas.with_untracked(|chosen| chosen.contains(f)))
                .collect();
            c.coach_id = Some(coach.get_untracked()).filter(|id| !id.is_empty());
            c.needs_analysis =
                (nd_d.is_some() || !text.is_empty() || li.is_some() || !focus.is_empty())
                    .then_some(NeedsAnalysis {
                        date: nd_d,
                        summary: text,
                        focus_areas: focus,
                        document_url: li,
                    });
        }
        crate::store::then(store.put(Record::Participation(p)), move || {
            editing.close();
        });
    };
    view! {
        <form class="editor" on:submit=save novalidate>
            <h3>{t!(i18n, edit.commitment_heading)}</h3>
            <TextField id=format!("{id}-loi") label=Signal::derive(move || t_string!(i18n, kommun.letter_of_intent).to_owned())
                value=loi_v error=loi_e date=true hint=date_hint(i18n, true)/>
            <TextField id=format!("{id}-proposed") label=Signal::derive(move || t_string!(i18n, kommun.proposed).to_owned())
                value=pr_v error=pr_e date=true hint=date_hint(i18n, true)/>
            <Show when=move || !undated.get()>
                <TextField id=adopted_id.clone() label=Signal::derive(move || t_string!(i18n, kommun.adopted).to_owned())
                    value=ad_v error=ad_e hint=Signal::derive(move || t_string!(i18n, edit.adopted_hint).to_owned())/>
            </Show>
            <label class="check">
                <input type="checkbox" prop:checked=move || undated.get()
                    on:change=move |ev| undated.set(event_target_checked(&ev))/>
                {t!(i18n, edit.adopted_undated)}
            </label>
            <TextField id=format!("{id}-na-date") label=Signal::derive(move || t_string!(i18n, edit.analysis_date).to_owned())
                value=nd_v error=nd_e date=true hint=date_hint(i18n, true)/>
            <TextField id=format!("{id}-na-summary") label=Signal::derive(move || t_string!(i18n, edit.analysis_summary).to_owned())
                value=su_v error=su_e multiline=true/>
            <TextField id=format!("{id}-na-link") label=Signal::derive(move || t_string!(i18n, edit.analysis_link).to_owned())
                value=li_v error=li_e hint=Signal::derive(move || t_string!(i18n, edit.link_hint).to_owned())/>
            <div class="field">
                <label for=coach_id.clone()>{t!(i18n, kommun.coach)}</label>
                <select id=coach_id on:change=move |ev| coach.set(event_target_value(&ev)) prop:value=move || coach.get()>
                    <option value="">{t!(i18n, common.not_recorded)}</option>
                    {coaches.into_iter().map(|(cid, name)| view! { <option value=cid>{name}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="field" id=focus_legend>
                <legend>{t!(i18n, edit.focus_areas)}</legend>
                {FocusArea::ALL.into_iter().map(|f| view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || focus_areas.read().contains(&f)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                focus_areas.update(|list| {
                                    list.retain(|x| *x != f);
                                    if on {
                                        list.push(f);
                                    }
                                });
                            }/>
                        {move || focus_label(i18n, f)}
                    </label>
                }).collect_view()}
            </fieldset>
            <EditActions editing=editing save=Signal::derive(move || t_string!(i18n, edit.save).to_owned())/>
        </form>
    }
    .into_any()
}
