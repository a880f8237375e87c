//! What a reader did to the written page before the app ran, carried over to the app's.
//!
//! A first visitor reads the prerendered page without the app; their first touch of a
//! control starts it (the page's loader, `kcLoader` in `index.html`). The written controls
//! stay live meanwhile, so letters typed into a search, a changed select or a ticked box
//! are in the written page when the app takes over; the loader notes which controls the
//! reader used (their `input` and `change` events: a value the browser restored by itself
//! on a reload is not the reader's doing) and each click on a button. The app drew the same markup (the written page is a snapshot of it), so each
//! control is found again by its place: the same child indexes under the same top-level
//! element. Values are set and announced with the events the browser would have sent
//! (`input`, then `change` where the browser sends it), so the app's own handlers apply
//! them; clicks are carried out again, in order. Focus and caret stay where they were.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Where an element sits among the written top-level elements: the index of its top-level
/// ancestor among them, then child indexes down to it, and its tag to check it is found.
#[derive(Clone)]
pub struct Place {
    path: Vec<u32>,
    tag: String,
}

impl Place {
    /// `element`'s place under `written`, if it is inside one of them.
    pub fn of(element: &Element, written: &[Element]) -> Option<Place> {
        let tag = element.tag_name();
        let mut current = element.clone();
        let mut path = Vec::new();
        loop {
            if let Some(top) = written.iter().position(|w| *w == current) {
                path.push(top as u32);
                path.reverse();
                return Some(Place { path, tag });
            }
            let parent = current.parent_element()?;
            let siblings = parent.children();
            let index =
                (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&current))?;
            path.push(index);
            current = parent;
        }
    }

    /// The element at this place in the app's own markup, if it is the same kind.
    pub fn follow(&self, drawn: &[Element]) -> Option<HtmlElement> {
        let (top, rest) = self.path.split_first()?;
        let mut current = drawn.get(*top as usize)?.clone();
        for &index in rest {
            current = current.children().item(index)?;
        }
        (current.tag_name() == self.tag)
            .then(|| current.dyn_into::<HtmlElement>().ok())
            .flatten()
    }
}

/// A control's state the reader changed.
enum Changed {
    /// Text in a field, with the caret or selection if it has focus.
    Text(String, Option<(u32, u32)>),
    Checked(bool),
    Selected(i32),
}

/// What the reader did, taken from the written page before it goes.
pub struct Carried {
    controls: Vec<(Place, Changed)>,
    clicks: Vec<Place>,
    focused: Option<Place>,
}

fn loader() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &JsValue::from_str("kcLoader"))
        .ok()
        .filter(|l| l.is_object())
}

/// Resolves when no pointer is down on a written control: a press that started before the
/// app was ready ends with its click on the written page, where the loader notes it.
pub async fn settled() {
    let Some(loader) = loader() else {
        return;
    };
    let Ok(settled) = js_sys::Reflect::get(&loader, &JsValue::from_str("settled")) else {
        return;
    };
    let Ok(settled) = settled.dyn_into::<js_sys::Function>() else {
        return;
    };
    if let Ok(promise) = settled
        .call0(&loader)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The elements the loader listed under `name` that are inside `written`, with their places.
fn listed(name: &str, written: &[Element]) -> Vec<(Element, Place)> {
    let Some(list) = loader().and_then(|l| js_sys::Reflect::get(&l, &JsValue::from_str(name)).ok())
    else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|e| e.dyn_into::<Element>().ok())
        .filter_map(|e| Place::of(&e, written).map(|place| (e, place)))
        .collect()
}

/// Takes what the reader changed or clicked in `written` (the top-level written elements):
/// the controls the loader saw them use, not values the browser restored by itself.
pub fn take(written: &[Element]) -> Carried {
    let focused = document().active_element();
    let focused_place = focused.as_ref().and_then(|f| Place::of(f, written));
    let controls = listed("touched", written)
        .into_iter()
        .filter_map(|(element, place)| {
            changed(&element, focused.as_ref() == Some(&element)).map(|c| (place, c))
        })
        .collect();
    let clicks = listed("clicks", written)
        .into_iter()
        .map(|(_, place)| place)
        .collect();
    Carried {
        controls,
        clicks,
        focused: focused_place,
    }
}

fn changed(element: &Element, has_focus: bool) -> Option<Changed> {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        return match input.type_().as_str() {
            "checkbox" | "radio" => (input.checked() != input.default_checked())
                .then(|| Changed::Checked(input.checked())),
            "file" => None,
            _ => (input.value() != input.default_value()).then(|| {
                let caret = has_focus
                    .then(|| Some((input.selection_start().ok()??, input.selection_end().ok()??)))
                    .flatten();
                Changed::Text(input.value(), caret)
            }),
        };
    }
    if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        return (Ok(area.value()) != area.default_value()).then(|| {
            let caret = has_focus
                .then(|| Some((area.selection_start().ok()??, area.selection_end().ok()??)))
                .flatten();
            Changed::Text(area.value(), caret)
        });
    }
    if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
        let options = select.options();
        let moved = (0..options.length()).any(|i| {
            options
                .item(i)
                .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                .is_some_and(|o| o.selected() != o.default_selected())
        });
        return moved.then(|| Changed::Selected(select.selected_index()));
    }
    None
}

fn announce(element: &HtmlElement, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = element.dispatch_event(&event);
    }
}

impl Carried {
    /// Carries it out on the app's markup `drawn` (its top-level elements, in the written
    /// page's order), after the written page is gone: focus and values now, in the task that
    /// swapped the pages (no frame shows the app's field without what was typed); the clicks
    /// it returns, later.
    pub fn replay(self, drawn: &[Element]) -> Clicks {
        let focus = self.focused.as_ref().and_then(|p| p.follow(drawn));
        if let Some(target) = &focus {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
        for (place, changed) in self.controls {
            let Some(target) = place.follow(drawn) else {
                continue;
            };
            match changed {
                Changed::Text(value, caret) => {
                    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
                        input.set_value(&value);
                        if let Some((start, end)) = caret {
                            let _ = input.set_selection_range(start, end);
                        }
                    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
                        area.set_value(&value);
                        if let Some((start, end)) = caret {
                            let _ = area.set_selection_range(start, end);
                        }
                    }
                    announce(&target, "input");
                    if focus.as_ref() != Some(&target) {
                        announce(&target, "change");
                    }
                }
                Changed::Checked(checked) => {
                    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
                        input.set_checked(checked);
                    }
                    announce(&target, "input");
                    announce(&target, "change");
                }
                Changed::Selected(index) => {
                    if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
                        select.set_selected_index(index);
                    }
                    announce(&target, "input");
                    announce(&target, "change");
                }
            }
        }
        Clicks(self.clicks)
    }
}

/// The clicks to carry out once the app's page is on screen: what a click opens is built in
/// a task of its own, not in the one that swapped the pages (a phone's start stays in
/// shorter tasks).
#[must_use]
pub struct Clicks(Vec<Place>);

impl Clicks {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn carry_out(self, drawn: &[Element]) {
        for place in self.0 {
            if let Some(target) = place.follow(drawn) {
                target.click();
            }
        }
    }
}

/// Tells the page's loader the app runs: from now on the app handles every event itself.
pub fn running() {
    if let Some(loader) = loader() {
        let _ = js_sys::Reflect::set(&loader, &JsValue::from_str("running"), &JsValue::TRUE);
    }
    if let Some(root) = document().document_element() {
        let _ = root.class_list().remove_1("kc-starting");
    }
}
