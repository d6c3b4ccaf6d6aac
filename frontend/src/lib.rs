//! The browser entry point: hydrates the server-rendered page into the live Leptos app.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes: the chunk of the page being hydrated is loaded first.
    leptos::mount::hydrate_lazy(app::App);
}
