//! Reusable pieces of the pages.

pub mod layout;
pub mod sim_details_card;
pub mod status;
