//! `/handelser` (2007–08) and `/program/<slug>/handelser` (a round): the programme's events
//! by date, filtered by kind (in the URL), each with the municipalities that took part;
//! add, edit and remove (undoable).

pub mod event_editor;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::change::{Change, Collection};
use crate::domain::events::{kind_from_word, kind_word, listed, month_start};
use crate::domain::listing::organisation_slug;
use crate::domain::model::{Dataset, Event, EventKind, Meta};
use crate::i18n::*;
use crate::store::use_store;
use crate::ui::components::edit_in_place::{EditInPlace, Editing};
use crate::ui::components::keyed::row_memo;
use crate::ui::components::labels::event_kind_label;
use crate::ui::components::page_head::PageHead;
use crate::ui::components::round_scope::{elsewhere, scoped_title, use_scope, RoundNav, Scope};
use crate::ui::components::source_ref::SourceRef;
use crate::ui::format;
use crate::ui::pages::events::event_editor::EventEditor;
use crate::ui::today::now;
use crate::ui::url_query::use_url_query;

fn new_event(programme_id: &str) -> Event {
    let at = now();
    Event {
        meta: Meta::by_user(format!("event-{}", at.timestamp_millis()), at),
        programme_id: programme_id.to_owned(),
        kind: EventKind::Workshop,
        title: String::new(),
        date: None,
        month: None,
        place: String::new(),
        participants: Vec::new(),
        motivation: String::new(),
        described_in: None,
    }
}

/// An event with the names and pages of the organisations that took part.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    event: Event,
    who: Vec<(String, String)>,
}

impl Listed {
    fn of(d: &Dataset, event: Event) -> Listed {
        let who = event
            .participants
            .iter()
            .filter_map(|p| d.organisation(p))
            .map(|o| (o.name.clone(), organisation_slug(o)))
            .collect();
        Listed { event, who }
    }
}

#[component]
pub fn Events() -> impl IntoView {
    let scope = use_scope();
    move || {
        let scope = scope.get();
        elsewhere(&scope, "handelser")
            .unwrap_or_else(|| view! { <EventsOf scope=scope/> }.into_any())
    }
}

#[component]
fn EventsOf(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = store.data();
    let url = use_url_query(
        scope.path("handelser"),
        &["typ"],
        |p| {
            p.iter()
                .find(|(k, _)| *k == "typ")
                .and_then(|(_, v)| kind_from_word(v))
        },
        |q| {
            q.map(|k| vec![("typ", kind_word(k).to_owned())])
                .unwrap_or_default()
        },
    );
    let kind = url.query;
    let round = scope.name();
    let round_id = match &scope {
        Scope::Round { id, .. } => Some(id.clone()),
        _ => None,
    };
    let programme_id = scope.programme_id().to_owned();
    let shown = Memo::new(move |_| {
        let d = data.read();
        listed(&d, round_id.as_deref(), kind.get())
            .into_iter()
            .map(|event| Listed::of(&d, event))
            .collect::<Vec<_>>()
    });
    let adding = Editing::new("event-add");
    let title = move || scoped_title(i18n, round, t_string!(i18n, events.title));
    let description = move || match round {
        Some(name) => t_string!(i18n, round.events_description, name = name.get()).to_string(),
        None => t_string!(i18n, events.description).to_owned(),
    };
    view! {
        <PageHead title=Signal::derive(title) description=Signal::derive(description)/>
        <RoundNav scope=scope.clone() current="handelser"/>
        <h1>{t!(i18n, events.heading)}</h1>
        <p>{move || if round.is_some() { t_string!(i18n, round.events_intro) } else { t_string!(i18n, events.intro) }}</p>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="events-kind">{t!(i18n, events.filter_label)}</label>
                <select id="events-kind" prop:value=move || kind.get().map(kind_word).unwrap_or_default()
                    on:change=url.on(|q, v| *q = kind_from_word(&v), false)>
                    <option value="">{t!(i18n, events.all_kinds)}</option>
                    {EventKind::ALL.into_iter().map(|k| view! {
                        <option value=kind_word(k)>{move || event_kind_label(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
        </form>
        <p role="status" data-testid="showing">{move || t_string!(i18n, events.showing, count = shown.read().len())}</p>
        <ol class="event-list">
            <For each=move || shown.get() key=|e| e.event.meta.id.clone() let(e)>
                <EventRow row=row_memo(shown, e, |e| &e.event.meta.id)/>
            </For>
        </ol>
        <div class="add-event">
            <EditInPlace editing=adding
                text=Signal::derive(move || t_string!(i18n, events.add_heading).to_owned())
                label=Signal::derive(move || t_string!(i18n, events.add_heading).to_owned())>
                <EventEditor event=new_event(&programme_id) heading=Signal::derive(move || t_string!(i18n, events.add_heading).to_owned())
                    editing=adding new=true/>
            </EditInPlace>
        </div>
    }
}

/// One event: each part reads the row's memo; the form, built when opened, starts from
/// the event as stored then.
#[component]
fn EventRow(row: Memo<Listed>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let id = row.read_untracked().event.meta.id.clone();
    let editing = Editing::new(format!("{id}-edit"));
    let event = Memo::new(move |_| row.read().event.clone());
    let title = move || event.read().title.clone();
    let when = move || {
        let e = event.read();
        match (e.date, e.month.as_deref().and_then(month_start)) {
            (Some(d), _) => format::date(i18n, d),
            (None, Some(m)) => format::month(i18n, m),
            _ => t_string!(i18n, events.no_date).to_owned(),
        }
    };
    view! {
        <li class="event" data-testid="event">
            <h2>{title} {move || event.read().described_in.clone().map(|s| view! { " " <SourceRef id=s/> })}</h2>
            <p class="muted">
                <span class="badge">{move || event_kind_label(i18n, event.read().kind)}</span> " "
                {when}
                {move || { let e = event.read(); (!e.place.is_empty()).then(|| format!(", {}", e.place)) }}
            </p>
            {move || { let r = row.read(); (!r.who.is_empty()).then(|| {
                let who = r.who.clone();
                view! {
                    <p>{t!(i18n, events.participants_label)} ": "
                        {who.into_iter().enumerate().map(|(i, (name, slug))| view! {
                            {(i > 0).then_some(", ")}
                            <A href=crate::ui::paths::href(&format!("/kommun/{slug}"))>{name}</A>
                        }).collect_view()}
                    </p>
                }
            }) }}
            {move || { let e = event.read(); (!e.motivation.is_empty()).then(|| view! { <p>{e.motivation.clone()}</p> }) }}
            <div class="actions">
                <EditInPlace editing=editing
                    text=Signal::derive(move || t_string!(i18n, edit.open).to_owned())
                    label=Signal::derive(move || format!("{}: {}", t_string!(i18n, edit.open), title()))>
                    <EventEditor event=event.get_untracked() heading=Signal::derive(move || t_string!(i18n, events.edit_heading).to_owned())
                        editing=editing/>
                </EditInPlace>
                <button type="button" class="danger" on:click={
                    let id = id.clone();
                    move |_| { crate::store::soon(store.change(Change::Remove { collection: Collection::Event, id: id.clone() })); }
                }>{t!(i18n, events.remove)}<span class="visually-hidden">{move || format!(": {}", title())}</span></button>
            </div>
        </li>
    }
}
