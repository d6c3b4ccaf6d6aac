//! Reusable pieces of the pages.

pub mod address_fields;
pub mod browser;
pub mod chart;
pub mod feed_tokens;
pub mod layout;
pub mod modal;
pub mod payment_banner;
pub mod sim;
pub mod sim_details_card;
pub mod status;
