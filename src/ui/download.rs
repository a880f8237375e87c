//! Saving text or bytes as a file the user downloads.

use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `filename`. Returns false if the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    offer(filename, mime, &JsValue::from_str(text))
}

/// Offers `bytes` (a workbook, say) as a download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> bool {
    offer(filename, mime, &js_sys::Uint8Array::from(bytes))
}

fn offer(filename: &str, mime: &str, part: &JsValue) -> bool {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
    else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let done = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(filename);
            // Outside the router's reach: it must not treat the blob link as navigation.
            let _ = a.set_attribute("rel", "external");
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}
