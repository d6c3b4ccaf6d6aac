//! The typed client for the eSIM Go API (v2.5): catalogue, orders, eSIMs and their bundles.

pub mod client;
pub mod wire;

pub use client::{
    BundleState, BundleUse, CataloguePlan, EsimGoClient, EsimGoConfig, EsimGoError, EsimState,
    EsimStatus, NewEsim, OrderLine, PlacedOrder, ProfileStatus,
};
