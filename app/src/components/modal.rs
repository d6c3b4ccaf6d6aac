//! An accessible modal: the browser's own `<dialog>` opened with `showModal()`, so the page
//! behind is inert, Escape closes it and the dialog is labelled by its heading. Tab and
//! Shift+Tab wrap inside it, so keyboard focus never leaves for the page behind.

use crate::t;
use leptos::html;
use leptos::prelude::*;

/// `open` shows and hides it; closing (button, Escape) calls `on_close`. The content is
/// rendered only while open, so every opening starts from a fresh form.
#[component]
pub fn Modal(
    #[prop(into)] open: Signal<bool>,
    on_close: Callback<()>,
    /// Unique on the page: the dialog's id; the heading gets `{id}-title`.
    id: &'static str,
    #[prop(into)] title: String,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        if let Some(d) = dialog.get() {
            if want && !d.open() {
                let _ = d.show_modal();
            } else if !want && d.open() {
                d.close();
            }
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            id=id
            class="modal"
            aria-labelledby=labelled_by
            on:close=move |_| on_close.run(())
            on:keydown=move |ev| trap_tab(&ev, dialog)
            data-testid=id
        >
            <div class="modal__head">
                <h2 id=title_id>{title}</h2>
                <button type="button" class="icon-btn" aria-label=t!("common-modal-close") on:click=move |_| on_close.run(())>
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <div class="modal__body">{move || open.get().then(|| children())}</div>
        </dialog>
    }
}

/// Keeps Tab inside the dialog: from the last focusable element to the first and back.
#[allow(unused_variables)]
fn trap_tab(ev: &leptos::ev::KeyboardEvent, dialog: NodeRef<html::Dialog>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if ev.key() != "Tab" {
            return;
        }
        let Some(d) = dialog.get_untracked() else {
            return;
        };
        let Ok(nodes) = d.query_selector_all(
            "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])",
        ) else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|doc| doc.active_element());
        let at = |el: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
        };
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    }
}
