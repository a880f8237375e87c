//! Component tests in headless Chromium (wasm-bindgen-test).
//! Run: `cargo test --target wasm32-unknown-unknown --test web` with CHROMEDRIVER set.
#![cfg(target_arch = "wasm32")]

use klimatcoachning::domain::model::Dataset;
use klimatcoachning::domain::seed::builtin_dataset;
use klimatcoachning::i18n::*;
use klimatcoachning::store::{provide_store, Store};
use klimatcoachning::ui::components::source_ref::SourceRef;
use klimatcoachning::ui::format;
use klimatcoachning::ui::pages::overview::timeline::Timeline;
use klimatcoachning::ui::pages::report::charts::{Column, ColumnChart, Series, Unit};
use klimatcoachning::ui::pages::{
    mentors::Mentors, not_found::NotFound, overview::Overview, pilot::Pilot,
};
use klimatcoachning::ui::paths::base_path;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` with the context the app gives every page, into a fresh element
/// (never the body: the test runner reports through it).
fn mount<V: IntoView + 'static>(
    data: Dataset,
    locale: Locale,
    view: impl FnOnce() -> V + Send + 'static,
) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document
        .create_element("section")
        .expect("element")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_meta_context();
        provide_store(Store::new(data));
        view! {
            <I18nSubContextProvider initial_locale=Signal::stored(locale)>
                <Router>{view()}</Router>
            </I18nSubContextProvider>
        }
    });
    handle.forget();
    host
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

fn query(el: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    el.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

#[wasm_bindgen_test]
async fn overview_shows_the_programme_figures_from_the_data() {
    let host = mount(builtin_dataset(), Locale::sv, || view! { <Overview/> });
    leptos::task::tick().await;
    assert_eq!(
        query(&host, "[data-testid=applied]")
            .text_content()
            .as_deref(),
        Some("34")
    );
    assert_eq!(
        query(&host, "[data-testid=selected]")
            .text_content()
            .as_deref(),
        Some("23")
    );
    assert_eq!(
        query(&host, "[data-testid=listed]")
            .text_content()
            .as_deref(),
        Some("22")
    );
    assert_eq!(
        query(&host, "[data-testid=grant]")
            .text_content()
            .as_deref(),
        Some("50\u{a0}000\u{a0}kr")
    );
    let all = text(&host);
    assert!(all.contains("namnger bara 22; 1 saknas"), "{all}");
    assert_eq!(
        host.query_selector_all("[data-testid=participants] li")
            .expect("list")
            .length(),
        22
    );
}

#[wasm_bindgen_test]
async fn overview_follows_the_dataset_it_is_given() {
    let mut data = builtin_dataset();
    data.participations
        .retain(|p| p.organisation_id != "org-0560" && p.organisation_id != "org-1438");
    if let Some(p) = data.programmes.first_mut() {
        p.applicants.as_mut().expect("applicants").value = 40;
    }
    let host = mount(data, Locale::sv, || view! { <Overview/> });
    leptos::task::tick().await;
    assert_eq!(
        query(&host, "[data-testid=applied]")
            .text_content()
            .as_deref(),
        Some("40")
    );
    assert_eq!(
        query(&host, "[data-testid=listed]")
            .text_content()
            .as_deref(),
        Some("20")
    );
    assert!(text(&host).contains("namnger bara 20; 3 saknas"));
    // Boxholm is gone from the participants; S7, a Boxholm page, still cites it.
    let participants = query(&host, "section[aria-labelledby=participants-heading]")
        .text_content()
        .unwrap_or_default();
    assert!(participants.contains("Hjo") && !participants.contains("Boxholm"));
}

#[wasm_bindgen_test]
async fn timeline_draws_the_period_on_a_year_axis_with_a_text_equivalent() {
    let period = builtin_dataset().programmes[0]
        .period
        .clone()
        .expect("period")
        .value;
    let host = mount(
        builtin_dataset(),
        Locale::sv,
        move || view! { <Timeline period=period/> },
    );
    leptos::task::tick().await;
    let svg = query(&host, "svg[role=img]");
    assert_eq!(
        svg.get_attribute("aria-labelledby").as_deref(),
        Some("timeline-caption")
    );
    let years: Vec<String> = (0..3)
        .filter_map(|i| {
            host.query_selector_all(".tick-label")
                .ok()?
                .item(i)?
                .text_content()
        })
        .collect();
    assert_eq!(years, ["2007", "2008", "2009"]);
    let caption = query(&host, "figcaption")
        .text_content()
        .unwrap_or_default();
    assert_eq!(caption, "Projekttiden: 1 januari 2007 – 30 september 2008.");
    let bar = query(&host, "rect.period");
    let width: f64 = bar
        .get_attribute("width")
        .and_then(|w| w.parse().ok())
        .expect("width");
    assert!(
        width > 400.0 && width < 500.0,
        "21 of 24 months of the axis: {width}"
    );
}

/// A stacked column chart: a named image, columns as tall as their share of the axis,
/// and its figures as a table (its text alternative), in the reader's language.
#[wasm_bindgen_test]
async fn a_column_chart_is_a_named_image_with_its_figures_as_a_table() {
    let columns = vec![
        Column {
            name: "januari 2007".into(),
            tick: Some("2007".into()),
            values: vec![0, 4],
        },
        Column {
            name: "februari 2007".into(),
            tick: None,
            values: vec![3, 1],
        },
    ];
    let series = vec![
        Series {
            name: "Uppfyllt".into(),
            class: "tone-ok",
        },
        Series {
            name: "Pågår".into(),
            class: "tone-open",
        },
    ];
    let host = mount(builtin_dataset(), Locale::sv, move || {
        view! {
            <ColumnChart id="chart-test" name="Åtagandena".to_owned() x_head="Månad".to_owned()
                series=series columns=columns unit=Unit::Count/>
        }
    });
    leptos::task::tick().await;
    let svg = query(&host, "svg[role=img]");
    assert_eq!(
        svg.get_attribute("aria-labelledby").as_deref(),
        Some("chart-test-name")
    );
    assert_eq!(
        query(&host, "#chart-test-name").text_content().as_deref(),
        Some("Åtagandena")
    );
    // Empty parts are not drawn: three rectangles, the open part of January the axis's height.
    let rects = host.query_selector_all("svg rect").expect("rects");
    assert_eq!(rects.length(), 3);
    let january = query(&host, "svg rect.tone-open");
    assert_eq!(january.get_attribute("height").as_deref(), Some("200"));
    let cells: Vec<String> = (0..3)
        .filter_map(|i| {
            host.query_selector_all("tbody tr:nth-child(2) th, tbody tr:nth-child(2) td")
                .ok()?
                .item(i)?
                .text_content()
        })
        .collect();
    assert_eq!(cells, ["februari 2007", "3", "1"]);
    assert_eq!(
        query(&host, "summary").text_content().as_deref(),
        Some("Siffrorna som tabell")
    );
}

#[wasm_bindgen_test]
async fn source_ref_links_to_the_source_on_the_about_page() {
    let host = mount(
        builtin_dataset(),
        Locale::sv,
        || view! { <SourceRef id="S2"/> },
    );
    leptos::task::tick().await;
    let a = query(&host, "a.source-ref");
    assert_eq!(a.get_attribute("href").as_deref(), Some("/om#kalla-s2"));
    assert_eq!(a.get_attribute("aria-label").as_deref(), Some("Källa S2"));
}

#[wasm_bindgen_test]
async fn dates_and_money_are_written_in_the_chosen_language() {
    #[component]
    fn Probe() -> impl IntoView {
        let i18n = use_i18n();
        let d = chrono::NaiveDate::from_ymd_opt(2007, 1, 1).expect("date");
        view! {
            <span id="date">{format::date(i18n, d)}</span>
            <span id="money">{format::kronor(i18n, 1_100_000)}</span>
        }
    }
    let sv = mount(builtin_dataset(), Locale::sv, || view! { <Probe/> });
    let en = mount(builtin_dataset(), Locale::en, || view! { <Probe/> });
    leptos::task::tick().await;
    assert_eq!(
        query(&sv, "#date").text_content().as_deref(),
        Some("1 januari 2007")
    );
    assert_eq!(
        query(&sv, "#money").text_content().as_deref(),
        Some("1\u{a0}100\u{a0}000\u{a0}kr")
    );
    assert_eq!(
        query(&en, "#date").text_content().as_deref(),
        Some("1 January 2007")
    );
    assert_eq!(
        query(&en, "#money").text_content().as_deref(),
        Some("SEK\u{a0}1,100,000")
    );
}

#[wasm_bindgen_test]
async fn not_found_page_names_the_missing_path_and_links_home() {
    let host = mount(builtin_dataset(), Locale::sv, || view! { <NotFound/> });
    leptos::task::tick().await;
    let path = window().location().pathname().unwrap_or_default();
    assert!(text(&host).contains(&format!("Det finns ingen sida på adressen {path}.")));
    assert_eq!(
        query(&host, "a").get_attribute("href").as_deref(),
        Some("/")
    );
}

#[wasm_bindgen_test]
fn router_base_is_the_path_of_the_base_url() {
    assert_eq!(base_path("http://127.0.0.1:8080/"), "");
    assert_eq!(base_path("https://example.org/klimat/"), "/klimat");
    assert_eq!(base_path("https://example.org/a/b/?x=1#y"), "/a/b");
    assert_eq!(base_path("http://127.0.0.1:8000/index.html"), "");
    assert_eq!(base_path(""), "");
}

fn click(el: &web_sys::Element) {
    el.unchecked_ref::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn a_pilot_row_expands_and_collapses_with_aria_expanded() {
    let host = mount(builtin_dataset(), Locale::sv, || view! { <Pilot/> });
    leptos::task::tick().await;
    assert_eq!(
        host.query_selector_all(".pilot-row")
            .expect("rows")
            .length(),
        5
    );
    let toggle = query(&host, ".pilot-row .row-toggle");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let details = query(
        &host,
        &format!(
            "[id='{}']",
            toggle.get_attribute("aria-controls").expect("controls")
        ),
    );
    assert!(details.has_attribute("hidden"));
    click(&toggle);
    leptos::task::tick().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!details.has_attribute("hidden"));
    assert!(details
        .text_content()
        .unwrap_or_default()
        .contains("regionala energi- och klimatstrategin"));
    click(&toggle);
    leptos::task::tick().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn the_mentor_page_speaks_english_and_accepting_all_pairs_everyone() {
    let host = mount(builtin_dataset(), Locale::en, || view! { <Mentors/> });
    leptos::task::tick().await;
    let counts = query(&host, "[data-testid=pair-counts]");
    assert_eq!(
        counts.text_content().as_deref(),
        Some("0 of 22 participants have a mentor. Members who can mentor: 1.")
    );
    assert_eq!(
        host.query_selector_all("[data-testid=suggestion]")
            .expect("list")
            .length(),
        22
    );
    assert!(text(&host).contains("Same part of Sweden (Skåne län)"));
    assert!(query(&host, "[data-testid=few-members]")
        .text_content()
        .is_some_and(|t| t.starts_with("Known members: 1. ") && t.contains("Mark more members")));
    let accept_all = query(&host, ".suggestions > p > button");
    assert_eq!(
        accept_all.text_content().as_deref(),
        Some("Accept all suggestions (22)")
    );
    click(&accept_all);
    leptos::task::tick().await;
    assert_eq!(
        counts.text_content().as_deref(),
        Some("22 of 22 participants have a mentor. Members who can mentor: 1.")
    );
    assert!(query(&host, "[data-testid=members]")
        .text_content()
        .unwrap_or_default()
        .contains("More than the maximum (2)."));
}

fn button_named(host: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    let all = host.query_selector_all("button").expect("buttons");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button {name}"))
}

#[wasm_bindgen_test]
async fn a_section_form_opens_in_place_takes_focus_and_cancel_puts_it_back() {
    use klimatcoachning::ui::next_task::next_task;
    use klimatcoachning::ui::pages::municipality::membership_editor::MembershipEditor;
    let data = builtin_dataset();
    let hjo = data
        .organisations
        .iter()
        .find(|o| o.name == "Hjo")
        .cloned()
        .expect("Hjo");
    let host = mount(
        data,
        Locale::en,
        move || view! { <MembershipEditor org=Memo::new(move |_| hjo.clone())/> },
    );
    leptos::task::tick().await;
    let open = button_named(&host, "Edit");
    assert_eq!(
        open.get_attribute("aria-label").as_deref(),
        Some("Edit membership of Klimatkommunerna")
    );
    assert!(
        host.query_selector("form").expect("query").is_none(),
        "read first"
    );

    open.click();
    next_task().await;
    next_task().await;
    assert!(open.hidden(), "the button waits while its form is open");
    let focused = document().active_element().expect("focus");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("checkbox"));
    assert!(host.contains(Some(&focused)), "focus is in the form");
    assert!(text(&host).contains("Member since (year)"));

    button_named(&host, "Cancel").click();
    next_task().await;
    next_task().await;
    assert!(host.query_selector("form").expect("query").is_none());
    assert!(!open.hidden());
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some(open.id()),
        "focus is back on the button"
    );
}

#[wasm_bindgen_test]
async fn a_sheet_plan_names_its_problems_by_row_and_column_and_applies_only_when_told() {
    use klimatcoachning::domain::change::Change;
    use klimatcoachning::domain::sheet_import::{plan, propose, Kind, Plan, Sheet};
    use klimatcoachning::ui::next_task::next_task;
    use klimatcoachning::ui::pages::data::sheet_plan::SheetPlan;
    let data = builtin_dataset();
    let rows = [
        ["Municipality", "Mentor"],
        ["Hjo", "Lund"],
        ["Hjoo", "Lund"],
    ]
    .map(|r| r.map(str::to_owned).to_vec())
    .to_vec();
    let sheet = Sheet::from_rows(rows).expect("a sheet");
    let applied: RwSignal<Option<(Change, usize)>> = RwSignal::new(None);
    let d = data.clone();
    let host = mount(data, Locale::en, move || {
        let kind = RwSignal::new(Kind::Participants);
        let mapping = RwSignal::new(propose(Kind::Participants, &sheet.header));
        let s = sheet.clone();
        let planned: Memo<Option<Plan>> = Memo::new(move |_| {
            Some(plan(
                &d,
                &s,
                kind.get(),
                &mapping.get(),
                klimatcoachning::ui::today::now(),
            ))
        });
        view! {
            <SheetPlan name="pairs.csv".to_owned() sheet=sheet kind=kind mapping=mapping planned=planned
                apply=Callback::new(move |c| applied.set(Some(c))) cancel=Callback::new(|()| {})/>
        }
    });
    leptos::task::tick().await;
    let summary = query(&host, "[data-testid=sheet-summary]");
    assert_eq!(
        summary.text_content().as_deref(),
        Some("Rows: 2. Changed: 1. Unchanged: 0. With problems: 1.")
    );
    let problems = query(&host, "[data-testid=sheet-problems] li");
    assert_eq!(
        problems.text_content().as_deref(),
        Some("Row 3, column A (Municipality): “Hjoo” is not one of Sweden's municipalities. Did you mean Hjo, Habo, Håbo?")
    );
    let apply = button_named(&host, "Apply the changes");
    assert!(
        apply.has_attribute("disabled"),
        "not while a row has a problem"
    );
    let skip: web_sys::HtmlInputElement = query(&host, "input[type=checkbox]").unchecked_into();
    skip.click();
    next_task().await;
    assert!(!apply.has_attribute("disabled"));
    apply.click();
    next_task().await;
    let (change, rows) = applied.get_untracked().expect("applied");
    assert_eq!(rows, 1);
    assert!(matches!(change, Change::Many { ref changes } if changes.len() == 1));
}

thread_local! {
    static MOUNTED: std::cell::Cell<Option<(Store, leptos_i18n::I18nContext<Locale>)>> =
        const { std::cell::Cell::new(None) };
}

/// The text of the `/kommuner` row whose name is `name` (cells and their phone labels).
fn row_text(host: &web_sys::HtmlElement, name: &str) -> String {
    let rows = host.query_selector_all("tbody tr").expect("rows");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|r| r.unchecked_into::<web_sys::HtmlElement>())
        .find(|r| query(r, "th").text_content().as_deref() == Some(name))
        .map(|r| {
            let cells = r.query_selector_all("td").expect("cells");
            (0..cells.length())
                .filter_map(|i| cells.item(i))
                .map(|c| {
                    let c: web_sys::Element = c.unchecked_into();
                    format!(
                        "{}={}",
                        c.get_attribute("data-label").unwrap_or_default(),
                        c.text_content().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .unwrap_or_else(|| panic!("no row {name}"))
}

/// The rows are drawn once; a change, its undo and a language switch after mounting
/// reach the row's cells and labels (the row keeps its element: no row is made again).
#[wasm_bindgen_test]
async fn a_list_row_follows_a_change_an_undo_and_the_language_after_mounting() {
    use klimatcoachning::domain::mentoring::set_mentor;
    use klimatcoachning::ui::pages::municipalities::Municipalities;
    let host = mount(builtin_dataset(), Locale::sv, || {
        MOUNTED.with(|m| m.set(Some((klimatcoachning::store::use_store(), use_i18n()))));
        view! { <Municipalities/> }
    });
    leptos::task::tick().await;
    let (store, i18n) = MOUNTED.with(|m| m.get()).expect("mounted");
    let before = row_text(&host, "Hjo");
    assert!(before.contains("Mentor=–"), "{before}");
    let row = host
        .query_selector("tbody tr:has(a[href='/kommun/hjo'])")
        .expect("selector");

    let change = store.data().with_untracked(|d| {
        set_mentor(
            d,
            "participation-coaching-1497",
            Some("org-1281"),
            klimatcoachning::ui::today::now(),
        )
    });
    store
        .change(change.expect("Lund may mentor Hjo"))
        .await
        .expect("kept in memory");
    leptos::task::tick().await;
    assert!(
        row_text(&host, "Hjo").contains("Mentor=Lund"),
        "{}",
        row_text(&host, "Hjo")
    );

    store.undo().await.expect("undone");
    leptos::task::tick().await;
    assert_eq!(row_text(&host, "Hjo"), before);

    i18n.set_locale(Locale::en);
    leptos::task::tick().await;
    let english = row_text(&host, "Hjo");
    assert!(
        english.starts_with("County=Västra Götalands län|"),
        "{english}"
    );
    assert!(
        english.contains("Programme=Climate coaching") && english.contains("Status=Not started"),
        "{english}"
    );
    let same = host
        .query_selector("tbody tr:has(a[href='/kommun/hjo'])")
        .expect("selector");
    assert!(row == same, "the row is the same element throughout");
}

/// A search re-runs only the rows whose shown state it changes: each row reads a switch of
/// its own, and a switch that keeps its state notifies no one.
#[wasm_bindgen_test]
async fn a_new_set_of_shown_rows_wakes_only_the_rows_it_changes() {
    use klimatcoachning::ui::components::keyed::Switches;
    use std::collections::HashSet;
    let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<HashSet<_>>();
    let owner = Owner::new();
    owner.set();
    let switches = Switches::new(set(&["a", "b"]));
    let runs = ["a", "b", "c"].map(|key| {
        let switch = switches.of(key);
        let runs = StoredValue::new(Vec::<bool>::new());
        Effect::new(move |_| {
            let on = switch.get();
            runs.update_value(|r| r.push(on));
        });
        runs
    });
    leptos::task::tick().await;
    let seen = || runs.map(|r| r.get_value());
    assert_eq!(seen(), [vec![true], vec![true], vec![false]]);

    switches.apply(set(&["a", "c"]));
    leptos::task::tick().await;
    assert_eq!(
        seen(),
        [vec![true], vec![true, false], vec![false, true]],
        "a kept its state and was not woken"
    );
    // A row drawn after the change starts in the state last applied.
    assert!(switches.of("c").get_untracked());
    assert!(!switches.of("d").get_untracked());
    switches.with_on(|on| assert_eq!(*on, set(&["a", "c"])));
}

/// Types `value` into the input matched by `selector`, as a person would (an input event).
fn type_into(host: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = query(host, selector).unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatched");
}

/// An address the app may not use is refused on /data before anything is sent: the field
/// is marked and says why, in the language chosen, following a switch after mounting.
#[wasm_bindgen_test]
async fn the_sync_panel_refuses_plain_http_to_another_computer_with_the_reason() {
    use klimatcoachning::ui::pages::data::sync_panel::SyncPanel;
    let host = mount(builtin_dataset(), Locale::sv, || {
        MOUNTED.with(|m| m.set(Some((klimatcoachning::store::use_store(), use_i18n()))));
        view! { <SyncPanel/> }
    });
    leptos::task::tick().await;
    let (_, i18n) = MOUNTED.with(|m| m.get()).expect("mounted");
    assert!(text(&host).contains("Inte ansluten"), "{}", text(&host));
    type_into(
        &host,
        "#sync-address",
        "http://couch.example.se/klimatcoachning",
    );
    click(&query(&host, "button[type=submit]"));
    leptos::task::tick().await;
    let address = query(&host, "#sync-address");
    assert_eq!(
        address.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(address
        .get_attribute("aria-describedby")
        .is_some_and(|d| d.contains("sync-address-error")));
    let error = || {
        query(&host, "#sync-address-error")
            .text_content()
            .unwrap_or_default()
    };
    assert!(error().contains("couch.example.se"), "{}", error());
    assert!(error().contains("Använd https://"), "{}", error());
    assert!(!text(&host).contains("Synkar med"), "nothing was connected");

    i18n.set_locale(Locale::en);
    leptos::task::tick().await;
    assert!(error().contains("Use https://"), "{}", error());

    type_into(&host, "#sync-address", "https://couch.example.se/");
    click(&query(&host, "button[type=submit]"));
    leptos::task::tick().await;
    assert!(error().contains("lacks the database's name"), "{}", error());
}
