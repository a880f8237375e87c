//! A labelled text field with its validation message tied to it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::validate::FieldError;
use crate::i18n::*;
use crate::ui::format;

/// One field of a form: what is typed, and the reason it was refused (shown by [`TextField`]).
#[derive(Clone, Copy)]
pub struct Input {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<FieldError>>,
}

impl Input {
    pub fn new(initial: String) -> Input {
        Input {
            value: RwSignal::new(initial),
            error: RwSignal::new(None),
        }
    }

    /// Runs `check` on the typed value; records and returns its verdict.
    pub fn check<T>(&self, check: impl Fn(&str) -> Result<T, FieldError>) -> Option<T> {
        match check(&self.value.get_untracked()) {
            Ok(v) => {
                self.error.set(None);
                Some(v)
            }
            Err(e) => {
                self.error.set(Some(e));
                None
            }
        }
    }
}

/// The message for a refused value, in the reader's language.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, e: &FieldError) -> String {
    match e {
        FieldError::Required => t_string!(i18n, errors.required).to_owned(),
        FieldError::NotADate => t_string!(i18n, errors.not_a_date).to_owned(),
        FieldError::NotAPartialDate => t_string!(i18n, errors.not_a_partial_date).to_owned(),
        FieldError::DateOutOfRange { earliest, latest } => t_string!(
            i18n,
            errors.date_out_of_range,
            earliest = format::date(i18n, *earliest),
            latest = format::date(i18n, *latest)
        ),
        FieldError::DateBefore { other } => {
            t_string!(i18n, errors.date_before, other = format::date(i18n, *other))
        }
        FieldError::NotWholeKronor => t_string!(i18n, errors.not_whole_kronor).to_owned(),
        FieldError::TooLarge => t_string!(i18n, errors.too_large).to_owned(),
        FieldError::OverLimit { total, limit } => t_string!(
            i18n,
            errors.over_limit,
            total = format::kronor(i18n, *total),
            limit = format::kronor(i18n, *limit)
        ),
        FieldError::KommunkodFormat => t_string!(i18n, errors.kommunkod_format).to_owned(),
        FieldError::KommunkodUnknown => t_string!(i18n, errors.kommunkod_unknown).to_owned(),
        FieldError::LinkScheme => t_string!(i18n, errors.link_scheme).to_owned(),
        FieldError::MunicipalityUnknown => t_string!(i18n, errors.municipality_unknown).to_owned(),
        FieldError::NotANumber => t_string!(i18n, errors.not_a_number).to_owned(),
        FieldError::NumberOutOfRange { min, max } => {
            t_string!(i18n, errors.number_out_of_range, min = *min, max = *max)
        }
    }
}

/// What a date field's value becomes while the browser's own date input holds a date
/// it cannot read (a day typed, the year not yet): the form's checks refuse it as "not a
/// date" rather than saving the empty value such an input reports.
const UNREADABLE_DATE: &str = "?";

/// Whether this browser has its own date input (`type=date`); without it a date is
/// typed as text, ÅÅÅÅ-MM-DD.
pub fn native_dates() -> bool {
    thread_local! {
        static NATIVE: bool = document()
            .create_element("input")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| {
                input.set_type("date");
                input.type_() == "date"
            });
    }
    NATIVE.with(|n| *n)
}

/// The hint under a date field: the format only where the date is typed as text.
pub fn date_hint(i18n: leptos_i18n::I18nContext<Locale>, optional: bool) -> Option<Signal<String>> {
    let text: fn(leptos_i18n::I18nContext<Locale>) -> &'static str =
        match (native_dates(), optional) {
            (true, true) => |i18n| t_string!(i18n, edit.date_hint_native),
            (true, false) => return None,
            (false, true) => |i18n| t_string!(i18n, edit.date_hint),
            (false, false) => |i18n| t_string!(i18n, ledger.date_hint),
        };
    Some(Signal::derive(move || text(i18n).to_owned()))
}

/// `value` is what the user types; `error` is set by the form when it refuses it.
/// `date`: the browser's date input where it has one (see [`native_dates`]); its value
/// is ÅÅÅÅ-MM-DD as typed text would be.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    error: RwSignal<Option<FieldError>>,
    #[prop(default = None, into)] hint: Option<Signal<String>>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] date: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.read().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input = if date && native_dates() {
        // Written only when the form sets a different date (clearing after an add): writing
        // the value a date input already reports would wipe a half-typed date.
        let node = NodeRef::<leptos::html::Input>::new();
        Effect::new(move |_| {
            let v = value.get();
            if let Some(el) = node.get() {
                if v != UNREADABLE_DATE && el.value() != v {
                    el.set_value(&v);
                }
            }
        });
        let read = move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            value.set(if input.validity().bad_input() {
                UNREADABLE_DATE.to_owned()
            } else {
                input.value()
            });
        };
        view! {
            <input id=id.clone() type="date" node_ref=node aria-describedby=described
                aria-invalid=move || error.read().is_some().then_some("true")
                prop:value=value.get_untracked()
                on:input=read on:change=read on:blur=move |ev| read(ev.into()) on:keyup=move |ev| read(ev.into())/>
        }
        .into_any()
    } else if multiline {
        view! {
            <textarea id=id.clone() rows="3" aria-describedby=described.clone()
                aria-invalid=move || error.read().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" aria-describedby=described
                aria-invalid=move || error.read().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {input}
            {move || error.get().map(|e| view! {
                <p class="field-error" id=error_id.clone()>{error_text(i18n, &e)}</p>
            })}
        </div>
    }
}
