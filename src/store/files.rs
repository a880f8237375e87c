//! Files the user hands over or takes away: reading an imported file (with
//! progress, so a large one shows it is moving) and the exported file as a `File`
//! for the share sheet.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Reads `file` as bytes. `progress(loaded, total)` is called as it arrives;
/// `done` gets the bytes, or None if the browser could not read it.
pub fn read_file(
    file: &web_sys::File,
    progress: impl Fn(f64, f64) + 'static,
    done: impl FnOnce(Option<Vec<u8>>) + 'static,
) {
    let Ok(reader) = web_sys::FileReader::new() else {
        done(None);
        return;
    };
    let on_progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            progress(e.loaded(), e.total());
        });
    let done = std::cell::RefCell::new(Some(done));
    let r = reader.clone();
    let on_end = Closure::<dyn Fn()>::new(move || {
        let bytes = r
            .result()
            .ok()
            .filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>())
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec());
        if let Some(done) = done.borrow_mut().take() {
            done(bytes);
        }
    });
    reader.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    reader.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    // The reader calls back once; the closures live until then (a few per import).
    on_progress.forget();
    on_end.forget();
    if reader.read_as_array_buffer(file).is_err() {
        reader.set_onloadend(None);
    }
}

/// Whether the browser can share this file through the system share sheet.
pub fn can_share(file: &web_sys::File) -> bool {
    let navigator = leptos::prelude::window().navigator();
    let Ok(can) = js_sys::Reflect::get(&navigator, &"canShare".into()) else {
        return false;
    };
    let Some(can) = can.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    can.call1(&navigator, &share_data(file))
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Opens the share sheet for `file`; false if the browser refused at once.
pub fn share(file: &web_sys::File) -> bool {
    let navigator = leptos::prelude::window().navigator();
    let Ok(f) = js_sys::Reflect::get(&navigator, &"share".into()) else {
        return false;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    // The promise settles when the user is done; cancelling is not an error to report.
    f.call1(&navigator, &share_data(file)).is_ok()
}

fn share_data(file: &web_sys::File) -> js_sys::Object {
    let data = js_sys::Object::new();
    let files = js_sys::Array::of1(file);
    let _ = js_sys::Reflect::set(&data, &"files".into(), &files);
    let _ = js_sys::Reflect::set(&data, &"title".into(), &file.name().into());
    data
}

/// `text` as a file named `name`.
pub fn text_file(name: &str, mime: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).ok()
}
