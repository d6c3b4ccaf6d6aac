// sqlx::migrate! embeds migrations at compile time; make cargo notice new files.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
