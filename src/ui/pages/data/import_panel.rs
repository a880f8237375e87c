//! Bringing a file in: by picker or drag-and-drop; a refused file lists every
//! problem and changes nothing; an accepted one is previewed (replace or merge,
//! conflicts decided one by one) before anything is applied, and the import can
//! be undone, also after a reload.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::change::ChangeKind;
use crate::domain::exchange::import::{check_file, Kind, Problem, MAX_IMPORT_BYTES};
use crate::domain::merge::preview::{
    merge_preview, replace_preview, Decisions, Edit, Preview, RecordRef, Side,
};
use crate::domain::model::Dataset;
use crate::i18n::*;
use crate::store::files::read_file;
use crate::store::use_store;
use crate::ui::format;
use leptos_i18n::I18nContext;

use crate::ui::components::change_labels as labels;

/// Files above this size show how far reading has come.
const SHOW_PROGRESS_FROM: f64 = 1024.0 * 1024.0;

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Idle,
    Reading {
        name: String,
        percent: u32,
    },
    Checking {
        name: String,
    },
    Refused {
        name: String,
        problems: Vec<Problem>,
    },
    Ready(Box<Ready>),
}

#[derive(Clone, Debug, PartialEq)]
struct Ready {
    name: String,
    incoming: Dataset,
    migrated_from: Option<u32>,
    replace: Preview,
    merge: Preview,
}

fn kind_text(i18n: leptos_i18n::I18nContext<Locale>, k: Kind) -> &'static str {
    match k {
        Kind::Number => t_string!(i18n, import.kind_number),
        Kind::Text => t_string!(i18n, import.kind_text),
        Kind::List => t_string!(i18n, import.kind_list),
        Kind::Object => t_string!(i18n, import.kind_object),
        Kind::TrueFalse => t_string!(i18n, import.kind_truefalse),
        Kind::Nothing => t_string!(i18n, import.kind_nothing),
        Kind::Date => t_string!(i18n, import.kind_date),
        Kind::Other => t_string!(i18n, import.kind_other),
    }
}

/// A problem as a sentence, starting with its place in the file.
fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, p: &Problem) -> String {
    let place = |path: &str| {
        if path.is_empty() {
            t_string!(i18n, import.at_top).to_owned()
        } else {
            path.to_owned()
        }
    };
    match p {
        Problem::Empty => t_string!(i18n, import.empty).to_owned(),
        Problem::NotUtf8 => t_string!(i18n, import.not_utf8).to_owned(),
        Problem::TooLarge { bytes, limit } => t_string!(
            i18n,
            import.too_large,
            size = format::megabytes(i18n, *bytes as u64),
            limit = format::megabytes(i18n, *limit as u64)
        ),
        Problem::NotJson { line, column } => {
            t_string!(i18n, import.not_json, line = *line, column = *column)
        }
        Problem::NotOurFormat => t_string!(i18n, import.not_ours).to_owned(),
        Problem::NewerVersion { version } => t_string!(i18n, import.newer, version = *version),
        Problem::Missing { path, field } => {
            t_string!(
                i18n,
                import.missing,
                path = place(path),
                field = field.clone()
            )
        }
        Problem::WrongKind {
            path,
            expected,
            found,
        } => t_string!(
            i18n,
            import.wrong_kind,
            path = place(path),
            expected = kind_text(i18n, *expected),
            found = kind_text(i18n, *found)
        ),
        Problem::UnknownValue { path, value } => {
            t_string!(
                i18n,
                import.unknown_value,
                path = place(path),
                value = value.clone()
            )
        }
        Problem::BadDate { path } => t_string!(i18n, import.bad_date, path = place(path)),
        Problem::Invalid { path, detail } => {
            t_string!(
                i18n,
                import.invalid,
                path = place(path),
                detail = detail.clone()
            )
        }
        Problem::DuplicateId { path, id } => {
            t_string!(i18n, import.duplicate, path = place(path), id = id.clone())
        }
        Problem::UnknownReference { path, id } => {
            t_string!(
                i18n,
                import.unknown_ref,
                path = place(path),
                id = id.clone()
            )
        }
        Problem::BadLink { path } => t_string!(i18n, import.bad_link, path = place(path)),
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let step = RwSignal::new(Step::Idle);
    let choices = RwSignal::new(BTreeMap::<String, Side>::new());
    let keep = RwSignal::new(BTreeSet::<String>::new());
    let dragging = RwSignal::new(false);

    let take = move |file: web_sys::File| {
        let name = file.name();
        let size = file.size();
        choices.set(BTreeMap::new());
        keep.set(BTreeSet::new());
        // Refused before reading: no point holding 20 MB of something else in memory.
        if size > MAX_IMPORT_BYTES as f64 {
            step.set(Step::Refused {
                name,
                problems: vec![Problem::TooLarge {
                    bytes: size as usize,
                    limit: MAX_IMPORT_BYTES,
                }],
            });
            return;
        }
        step.set(Step::Reading {
            name: name.clone(),
            percent: 0,
        });
        let progress_name = name.clone();
        read_file(
            &file,
            move |loaded, total| {
                if total >= SHOW_PROGRESS_FROM {
                    let percent = ((loaded / total.max(1.0)) * 100.0).min(100.0) as u32;
                    step.set(Step::Reading {
                        name: progress_name.clone(),
                        percent,
                    });
                }
            },
            move |bytes| {
                step.set(Step::Checking { name: name.clone() });
                // Checking blocks; a moment first lets the page show that it is checking.
                set_timeout(
                    move || {
                        let Some(bytes) = bytes else {
                            step.set(Step::Refused {
                                name,
                                problems: vec![Problem::Empty],
                            });
                            return;
                        };
                        step.set(match check_file(&bytes) {
                            Err(problems) => Step::Refused { name, problems },
                            Ok((incoming, from)) => {
                                let current = store.data().get_untracked();
                                Step::Ready(Box::new(Ready {
                                    name,
                                    migrated_from: (from != incoming.schema_version)
                                        .then_some(from),
                                    replace: replace_preview(&current, &incoming),
                                    merge: merge_preview(&current, &incoming),
                                    incoming,
                                }))
                            }
                        });
                    },
                    std::time::Duration::from_millis(30),
                );
            },
        );
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(file);
            }
            // The same file can be picked again after a fix.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take(file);
        }
    };
    let apply = move |how: Side| {
        let Step::Ready(ready) = step.get_untracked() else {
            return;
        };
        let decisions = Decisions {
            choices: choices.get_untracked(),
            keep: keep.get_untracked(),
        };
        let incoming = ready.incoming.clone();
        let applied = async move {
            match how {
                // Theirs: the file replaces everything.
                Side::Theirs => store.import(incoming).await,
                Side::Ours => store.merge_file(incoming, decisions).await,
            }
        };
        crate::store::then(applied, move || step.set(Step::Idle));
    };
    let undo_import = move |_| {
        crate::store::soon(store.undo());
    };

    view! {
        <section aria-labelledby="import-heading"
            class="import" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2 id="import-heading">{t!(i18n, import.heading)}</h2>
            <p>{t!(i18n, import.text)}</p>
            <div class="drop-zone">
                <label for="import-file">{t!(i18n, import.pick)}</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_pick/>
                <p class="hint">{move || t_string!(i18n, import.drop_hint, limit = format::megabytes(i18n, MAX_IMPORT_BYTES as u64))}</p>
            </div>
            <Show when=move || store.next_undo_kind() == Some(ChangeKind::Import)>
                <p class="import-done" data-testid="import-done">
                    {t!(i18n, import.done)} " "
                    <button type="button" on:click=undo_import>{t!(i18n, import.undo)}</button>
                </p>
            </Show>
            <div role="status" data-testid="import-status">
                {move || match step.get() {
                    Step::Reading { name, percent } => Some(view! {
                        <p>{t_string!(i18n, import.reading, name = name.clone(), percent = percent)}</p>
                        <progress max="100" value=percent.to_string()>{percent} " %"</progress>
                    }.into_any()),
                    Step::Checking { name } => Some(view! { <p>{t_string!(i18n, import.checking, name = name.clone())}</p> }.into_any()),
                    _ => None,
                }}
            </div>
            {move || match step.get() {
                Step::Refused { name, problems } => Some(view! {
                    <div class="alert" role="alert" data-testid="import-refused">
                        <p><strong>{t_string!(i18n, import.refused, name = name.clone(), count = problems.len())}</strong></p>
                        <ul>
                            {problems.iter().map(|p| view! { <li>{problem_text(i18n, p)}</li> }).collect_view()}
                        </ul>
                    </div>
                }.into_any()),
                Step::Ready(ready) => Some(view! { <PreviewView ready=*ready choices=choices keep=keep apply=apply step=step/> }.into_any()),
                _ => None,
            }}
        </section>
    }
}

fn record_list(i18n: I18nContext<Locale>, items: &[RecordRef]) -> impl IntoView {
    let items: Vec<String> = items.iter().map(|r| labels::record(i18n, r)).collect();
    view! { <ul class="record-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
}

#[component]
fn PreviewView(
    ready: Ready,
    choices: RwSignal<BTreeMap<String, Side>>,
    keep: RwSignal<BTreeSet<String>>,
    apply: impl Fn(Side) + Copy + Send + Sync + 'static,
    step: RwSignal<Step>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Ready {
        name,
        migrated_from,
        replace,
        merge,
        ..
    } = ready;
    let conflicts = merge.conflicts.clone();
    let removed = merge.removed.clone();
    let this_browser = use_store().browser_id();
    let when = move |e: &Edit| {
        let by = if this_browser.as_ref() == Some(&e.browser) {
            t_string!(i18n, import.this_browser).to_string()
        } else {
            e.by.clone()
        };
        t_string!(
            i18n,
            import.edited,
            when = format::date_time(i18n, e.at),
            by = by
        )
    };
    view! {
        <div class="preview" data-testid="import-preview">
            <h3>{t_string!(i18n, import.preview_heading, name = name)}</h3>
            {migrated_from.map(|v| view! { <p>{t_string!(i18n, import.migrated, from = v)}</p> })}
            <h4>{t!(i18n, import.replace_heading)}</h4>
            <p data-testid="replace-summary">{t_string!(i18n, import.replace_summary, added = replace.added.len(), changed = replace.changed.len(), removed = replace.removed.len())}</p>
            <details><summary>{t!(i18n, import.show_records)}</summary>
                <p>{t!(i18n, import.added)}</p>{record_list(i18n, &replace.added)}
                <p>{t!(i18n, import.changed)}</p>{record_list(i18n, &replace.changed)}
                <p>{t!(i18n, import.removed)}</p>{record_list(i18n, &replace.removed)}
            </details>
            <h4>{t!(i18n, import.merge_heading)}</h4>
            <p data-testid="merge-summary">{t_string!(i18n, import.merge_summary, added = merge.added.len(), changed = merge.changed.len(), removed = merge.removed.len(), conflicts = merge.conflicts.len())}</p>
            <details><summary>{t!(i18n, import.show_records)}</summary>
                <p>{t!(i18n, import.added)}</p>{record_list(i18n, &merge.added)}
                <p>{t!(i18n, import.changed)}</p>{record_list(i18n, &merge.changed)}
            </details>
            {(!removed.is_empty()).then(|| view! {
                <fieldset class="removed" data-testid="merge-removed">
                    <legend>{t!(i18n, import.removed_legend)}</legend>
                    {removed.into_iter().map(|r| {
                        let key = format!("{}/{}", r.collection, r.id);
                        let key2 = key.clone();
                        let record = labels::record(i18n, &r);
                        view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=move || keep.with(|k| k.contains(&key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        keep.update(|k| { if on { k.insert(key2.clone()); } else { k.remove(&key2); } });
                                    }/>
                                {t_string!(i18n, import.keep_record, record = record)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(!conflicts.is_empty()).then(|| view! {
                <fieldset class="conflicts">
                    <legend>{t!(i18n, import.conflicts_legend)}</legend>
                    {conflicts.into_iter().enumerate().map(|(i, c)| {
                        let key = c.key.clone();
                        let key2 = c.key.clone();
                        let key3 = c.key.clone();
                        let key4 = c.key.clone();
                        let group = format!("conflict-{i}");
                        let default = c.default;
                        let chosen = move |k: &str| choices.with(|m| m.get(k).copied().unwrap_or(default));
                        view! {
                            <div class="conflict" data-testid="conflict">
                                <p><strong>{c.record.label.clone()}</strong> " – " {labels::field(i18n, c.record.collection, &c.field)}</p>
                                <label class="check">
                                    <input type="radio" name=group.clone()
                                        prop:checked=move || chosen(&key) == Side::Ours
                                        on:change=move |_| choices.update(|m| { m.insert(key2.clone(), Side::Ours); })/>
                                    {t!(i18n, import.keep_mine)} " " <strong class="value">{labels::value(i18n, &c.ours)}</strong>
                                    " " <span class="hint">{when(&c.ours_edit)}</span>
                                </label>
                                <label class="check">
                                    <input type="radio" name=group
                                        prop:checked=move || chosen(&key3) == Side::Theirs
                                        on:change=move |_| choices.update(|m| { m.insert(key4.clone(), Side::Theirs); })/>
                                    {t!(i18n, import.take_theirs)} " " <strong class="value">{labels::value(i18n, &c.theirs)}</strong>
                                    " " <span class="hint">{when(&c.theirs_edit)}</span>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <p class="actions">
                <button type="button" on:click=move |_| apply(Side::Theirs)>{t!(i18n, import.replace_button)}</button>
                " " <button type="button" on:click=move |_| apply(Side::Ours)>{t!(i18n, import.merge_button)}</button>
                " " <button type="button" class="secondary" on:click=move |_| step.set(Step::Idle)>{t!(i18n, import.cancel)}</button>
            </p>
        </div>
    }
}
