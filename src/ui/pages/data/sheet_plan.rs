//! A read sheet before it changes anything: what it holds, which column is which field,
//! what each row would change, every problem by line and column, and the one button
//! that applies it (with the rows with problems left out only when ticked).

use leptos::prelude::*;

use crate::domain::change::Change;
use crate::domain::sheet_import::{column_letter, propose, Field, Kind, Mapping, Plan, Sheet};
use crate::i18n::*;

use super::sheet_words::{field_label, kind_label, place, problem_text, value_text};

/// The word a field's `<option>` carries.
fn field_value(f: Field) -> String {
    format!("{f:?}")
}

#[component]
pub fn SheetPlan(
    name: String,
    sheet: Sheet,
    kind: RwSignal<Kind>,
    mapping: RwSignal<Mapping>,
    planned: Memo<Option<Plan>>,
    apply: Callback<(Change, usize)>,
    cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let skip = RwSignal::new(false);
    let header = StoredValue::new(sheet.header.clone());
    let with_plan = move |f: &dyn Fn(&Plan) -> AnyView| planned.with(|p| p.as_ref().map(f));
    let change =
        Memo::new(move |_| planned.with(|p| p.as_ref().and_then(|p| p.change(skip.get()))));
    let columns: Vec<(usize, String, String)> = sheet
        .header
        .iter()
        .enumerate()
        .map(|(c, h)| (c, h.clone(), sheet.samples(c, 2).join(", ")))
        .collect();
    let header_for_kind = sheet.header.clone();

    view! {
        <div class="preview sheet-plan" data-testid="sheet-plan">
            <h3>{t_string!(i18n, sheet.preview_heading, name = name)}</h3>
            <fieldset class="sheet-kind">
                <legend>{t!(i18n, sheet.kind_legend)}</legend>
                {Kind::ALL.into_iter().map(|k| {
                    let header = header_for_kind.clone();
                    view! {
                        <label class="check">
                            <input type="radio" name="sheet-kind"
                                prop:checked=move || kind.get() == k
                                on:change=move |_| {
                                    kind.set(k);
                                    mapping.set(propose(k, &header));
                                }/>
                            {move || kind_label(i18n, k)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="table-wrap" role="region" aria-labelledby="sheet-columns-caption" tabindex="0">
                <table class="sheet-columns">
                    <caption id="sheet-columns-caption">{t!(i18n, sheet.columns_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, sheet.col_column)}</th>
                        <th scope="col">{t!(i18n, sheet.col_example)}</th>
                        <th scope="col">{t!(i18n, sheet.col_field)}</th>
                    </tr></thead>
                    <tbody>
                        {columns.into_iter().map(|(c, head, sample)| {
                            let select_id = format!("sheet-col-{c}");
                            let label = format!("{} {}", column_letter(c), head);
                            view! {
                                <tr>
                                    <th scope="row"><label for=select_id.clone()>{label}</label></th>
                                    <td class="sample">{sample}</td>
                                    <td>
                                        <select id=select_id
                                            prop:value=move || mapping.with(|m| m.get(c).copied().flatten().map(field_value).unwrap_or_default())
                                            on:change=move |ev| {
                                                let chosen = event_target_value(&ev);
                                                let field = kind.get_untracked().fields().iter().copied().find(|f| field_value(*f) == chosen);
                                                mapping.update(|m| {
                                                    if m.len() <= c { m.resize(c + 1, None); }
                                                    // A field fills one column: another column with it lets go.
                                                    for slot in m.iter_mut() {
                                                        if field.is_some() && *slot == field { *slot = None; }
                                                    }
                                                    m[c] = field;
                                                });
                                            }>
                                            <option value="">{t!(i18n, sheet.not_read)}</option>
                                            {move || kind.get().fields().iter().map(|f| view! {
                                                <option value=field_value(*f)
                                                    selected=mapping.with(|m| m.get(c).copied().flatten() == Some(*f))>
                                                    {field_label(i18n, *f)}
                                                </option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || with_plan(&|p| {
                let counts = p.counts();
                let unmapped: Vec<&str> = p.unmapped.iter().map(|f| field_label(i18n, *f)).collect();
                let problems: Vec<String> = p.rows.iter().flat_map(|r| r.problems.iter().map(move |q| (r.line, q)))
                    .map(|(line, q)| format!("{}: {}", header.with_value(|h| place(i18n, line, q, h)), problem_text(i18n, q)))
                    .collect();
                view! {
                    {(!unmapped.is_empty()).then(|| view! {
                        <p class="field-error" role="alert" data-testid="sheet-unmapped">
                            {t_string!(i18n, sheet.unmapped, fields = unmapped.join(", "))}
                        </p>
                    })}
                    <p data-testid="sheet-summary">
                        {t_string!(i18n, sheet.summary, rows = counts.rows, changed = counts.changed, unchanged = counts.unchanged, problems = counts.with_problems)}
                    </p>
                    {(!problems.is_empty()).then(|| view! {
                        <div class="alert" data-testid="sheet-problems">
                            <h4>{t_string!(i18n, sheet.problems_heading, count = problems.len())}</h4>
                            <ul>{problems.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <div class="table-wrap" role="region" aria-labelledby="sheet-rows-caption" tabindex="0">
                        <table class="sheet-rows" data-testid="sheet-rows">
                            <caption id="sheet-rows-caption">{t!(i18n, sheet.rows_caption)}</caption>
                            <thead><tr>
                                <th scope="col">{t!(i18n, sheet.col_line)}</th>
                                <th scope="col">{t!(i18n, sheet.col_subject)}</th>
                                <th scope="col">{t!(i18n, sheet.col_change)}</th>
                            </tr></thead>
                            <tbody>
                                {p.rows.iter().map(|r| {
                                    let what = if !r.problems.is_empty() {
                                        view! {
                                            <span class="badge status-forsenat">{t!(i18n, sheet.row_problem)}</span>
                                            <ul class="field-changes">
                                                {r.problems.iter().map(|q| view! { <li>{problem_text(i18n, q)}</li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    } else if r.unchanged() {
                                        view! { <span class="hint">{t!(i18n, sheet.row_unchanged)}</span> }.into_any()
                                    } else {
                                        view! {
                                            {r.new.then(|| view! { <span class="badge status-i-tid">{t!(i18n, sheet.row_new)}</span> " " })}
                                            <ul class="field-changes">
                                                {r.changes.iter().map(|c| {
                                                    let before = c.before.as_ref().map(|v| value_text(i18n, v)).unwrap_or_else(|| "–".to_owned());
                                                    view! {
                                                        <li>
                                                            {field_label(i18n, c.field)} ": "
                                                            {(!r.new).then(|| view! { <del>{before}</del> " → " })}
                                                            <ins>{value_text(i18n, &c.after)}</ins>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    };
                                    view! {
                                        <tr>
                                            <td data-label=t_string!(i18n, sheet.col_line)>{r.line}</td>
                                            <th scope="row">{if r.subject.is_empty() { "–".to_owned() } else { r.subject.clone() }}</th>
                                            <td>{what}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(counts.with_problems > 0).then(|| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || skip.get()
                                on:change=move |ev| skip.set(event_target_checked(&ev))/>
                            {t_string!(i18n, sheet.skip, count = counts.with_problems)}
                        </label>
                    })}
                }.into_any()
            })}
            <p class="actions">
                <button type="button" disabled=move || change.with(Option::is_none)
                    aria-describedby="sheet-apply-hint"
                    on:click=move |_| {
                        let rows = planned.with_untracked(|p| p.as_ref().map_or(0, |p| p.counts().changed));
                        if let Some(c) = change.get_untracked() {
                            apply.run((c, rows));
                        }
                    }>{t!(i18n, sheet.apply)}</button>
                " " <button type="button" class="secondary" on:click=move |_| cancel.run(())>{t!(i18n, sheet.cancel)}</button>
            </p>
            <p class="hint" id="sheet-apply-hint">{t!(i18n, sheet.apply_hint)}</p>
        </div>
    }
}
