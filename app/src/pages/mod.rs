//! One module per route. Pages other than the home and 404 pages are lazy routes: in the
//! release build (`cargo leptos … --split`) each one's code is a separate wasm chunk, loaded
//! when the route is first shown (the server tells the browser to preload the chunk of the
//! page it rendered), so no page's code weighs on another's first load.

/// A lazy route `$route` showing the page component `$page`.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                $crate::mark_hydrated();
                view! { <$page /> }.into_any()
            }
        }
    };
}
pub(crate) use lazy_page;

pub mod account;
pub mod address;
pub mod billing;
pub mod catalog;
pub mod home;
pub mod link;
pub mod login;
pub mod not_found;
pub mod orders;
pub mod password_reset;
pub mod signup;
pub mod sim;
pub mod store;
pub mod store_orders;
pub mod subscriptions;
pub mod support;
pub mod support_case;
