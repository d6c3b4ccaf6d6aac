//! Charts drawn in the browser by charming (ECharts). The server renders a readable fallback;
//! once hydrated, the page loads the chart library (only pages with a chart do) and draws the
//! interactive chart over it. If the library cannot load, the fallback simply stays.

use leptos::prelude::*;

/// Where the chart library is served from (`public/js/echarts.js`, built by scripts/setup.sh).
pub const ECHARTS_SRC: &str = "/js/echarts.js";

/// Draws `chart` into the element `container_id` once the library is there; hides
/// `fallback_id` when drawn.
#[allow(unused_variables)]
pub fn draw_when_ready(
    container_id: &'static str,
    fallback_id: &'static str,
    chart: impl Fn() -> charming::Chart + 'static,
) {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let chart = chart();
            browser::with_echarts(move || browser::draw(container_id, fallback_id, &chart));
        }
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::ECHARTS_SRC;
    use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};

    fn echarts_loaded() -> bool {
        web_sys::window()
            .and_then(|w| web_sys::js_sys::Reflect::get(&w, &JsValue::from_str("echarts")).ok())
            .is_some_and(|v| !v.is_undefined())
    }

    /// Runs `then` now if the library is loaded, else once its script has loaded (the script
    /// is added on first use; later pages reuse it).
    pub fn with_echarts(then: impl FnOnce() + 'static) {
        if echarts_loaded() {
            then();
            return;
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let script = match doc.get_element_by_id("echarts-lib") {
            Some(s) => s,
            None => {
                let Ok(s) = doc.create_element("script") else {
                    return;
                };
                s.set_id("echarts-lib");
                let _ = s.set_attribute("src", ECHARTS_SRC);
                let _ = s.set_attribute("async", "");
                if let Some(head) = doc.head() {
                    let _ = head.append_child(&s);
                }
                s
            }
        };
        let cb = Closure::once_into_js(move || {
            if echarts_loaded() {
                then();
            }
        });
        let _ = script.add_event_listener_with_callback("load", cb.unchecked_ref());
    }

    pub fn draw(container_id: &str, fallback_id: &str, chart: &charming::Chart) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(container) = doc.get_element_by_id(container_id) else {
            return;
        };
        let _ = container.remove_attribute("hidden");
        let width = u32::try_from(container.client_width())
            .unwrap_or(0)
            .max(280);
        if charming::WasmRenderer::new(width, 240)
            .render(container_id, chart)
            .is_ok()
        {
            if let Some(fallback) = doc.get_element_by_id(fallback_id) {
                let _ = fallback.set_attribute("hidden", "");
            }
            let _ = container.set_attribute("data-chart", "drawn");
        } else {
            let _ = container.set_attribute("hidden", "");
        }
    }
}
