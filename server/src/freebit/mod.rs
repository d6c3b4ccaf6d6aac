//! The typed client for the Freebit MVNO API ("emptool"). Wire shapes and every assumption
//! about unknown fields live in [`wire`].

pub mod client;
pub mod wire;

pub use client::{FreebitClient, FreebitConfig, FreebitError};
