//! The embedded default's inventory: tariff plans, customers, activation codes and a few
//! thousand SIMs across every status with a year of history, generated from a fixed seed so
//! every demo (and every screenshot) shows the same data. Written once, into an empty
//! inventory, in one transaction.

use super::Secrets;
use crate::store::inventory::{self as inv, NewEvent};
use crate::store::{now, Db, StoreError};
use app::domain::inventory::{CardType, LifecycleState as S};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::AnyConnection;

pub const TARIFFS: [(&str, i64, &str, &str); 5] = [
    (
        "Data 5GB",
        1_480,
        "5 GB of data a month, no voice.",
        "data-only",
    ),
    (
        "Data 20GB",
        2_680,
        "20 GB of data a month, no voice.",
        "data-only",
    ),
    (
        "Voice + 3GB",
        1_980,
        "Calls at ¥11/30 s and 3 GB of data.",
        "mobile",
    ),
    (
        "Voice + 20GB",
        3_280,
        "Calls at ¥11/30 s and 20 GB of data.",
        "mobile",
    ),
    (
        "Unlimited Calls + 50GB",
        5_480,
        "Unlimited domestic calls and 50 GB.",
        "mobile",
    ),
];

const FIRST: [&str; 16] = [
    "Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Emma", "Liam", "Minh", "Ana", "Kenji",
    "Sakura", "Daniel", "Priya", "Wei", "Olivia",
];
const LAST: [&str; 16] = [
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Smith",
    "Nguyen",
    "Garcia",
    "Chen",
    "Kim",
    "Patel",
    "Brown",
];

/// A valid ICCID: `8981` (Japan), a 14-digit serial, the Luhn check digit (19 digits).
pub fn iccid(serial: u64) -> String {
    let body = format!("8981{:014}", serial % 100_000_000_000_000);
    let check = (0..10)
        .find(|d| app::domain::inventory::luhn_ok(&format!("{body}{d}")))
        .unwrap_or(0);
    format!("{body}{check}")
}

async fn exec(conn: &mut AnyConnection, sql: &str, binds: Vec<Bind>) -> Result<(), StoreError> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = match b {
            Bind::I(v) => q.bind(v),
            Bind::O(v) => q.bind(v),
            Bind::T(v) => q.bind(v),
            Bind::N(v) => q.bind(v),
        };
    }
    q.execute(conn).await?;
    Ok(())
}

enum Bind {
    I(i64),
    O(Option<i64>),
    T(String),
    N(Option<String>),
}

/// Fills an empty inventory with `sims` demo SIMs (nothing if it has any SIM already).
pub async fn seed(db: &Db, secrets: &Secrets, sims: u32) -> Result<(), StoreError> {
    if sims == 0
        || sqlx::query("SELECT id FROM sim_cards LIMIT 1")
            .fetch_optional(db)
            .await?
            .is_some()
    {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut rng = StdRng::seed_from_u64(11);
    let mut tx = crate::store::begin_write(db).await?;
    let now = now();
    let year_ago = now - 365 * 86_400;
    let mut tariff_ids = Vec::new();
    for (i, (name, price, desc, kind)) in TARIFFS.iter().enumerate() {
        let id = 1_000 + i as i64;
        exec(
            &mut tx,
            "INSERT INTO tariff_plans (id, name, monthly_price_yen, description, kind, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            vec![Bind::I(id), Bind::T(name.to_string()), Bind::I(*price), Bind::T(desc.to_string()), Bind::T(kind.to_string()), Bind::I(year_ago)],
        )
        .await?;
        tariff_ids.push(id);
    }
    let customers = (sims / 3).max(4);
    for i in 0..customers {
        let first = FIRST[rng.gen_range(0..FIRST.len())];
        let last = LAST[rng.gen_range(0..LAST.len())];
        exec(
            &mut tx,
            "INSERT INTO inventory_customers (id, first_name, last_name, email, phone, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Bind::I(10_000 + i64::from(i)),
                Bind::T(first.into()),
                Bind::T(last.into()),
                Bind::T(format!("{}.{}{}@example.jp", first.to_lowercase(), last.to_lowercase(), i)),
                Bind::N((i % 3 != 0).then(|| format!("090{:08}", 10_000_000 + i))),
                Bind::I(year_ago + i64::from(i) * 3_600),
            ],
        )
        .await?;
    }
    // Activation codes: the first quarter unused, a few expired; used ones are taken below.
    let codes = (sims / 10).max(10);
    for i in 0..codes {
        let status = if i % 9 == 8 { "EXPIRED" } else { "UNUSED" };
        let expires = if status == "EXPIRED" {
            now - 86_400 * 30
        } else {
            now + 86_400 * 180
        };
        exec(
            &mut tx,
            "INSERT INTO activation_codes (id, code, status, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
            vec![Bind::I(50_000 + i64::from(i)), Bind::T(format!("ACT-{:04}-{:04}", 1_000 + i, (i * 7_919) % 10_000)), Bind::T(status.into()), Bind::O(Some(expires)), Bind::I(year_ago)],
        )
        .await?;
    }
    let mut next_code = codes / 2;
    for i in 0..sims {
        // Created across the year, oldest first, so ids (creation order) follow the dates.
        let created = year_ago + i64::from(i) * (365 * 86_400 - 86_400) / i64::from(sims);
        let id = created * 1_000_000 + i64::from(i);
        let roll = rng.gen_range(0..100);
        let status = match roll {
            0..=17 => S::Available,
            18..=22 => S::Reserved,
            23..=74 => S::Active,
            75..=83 => S::Suspended,
            84..=86 => S::LostStolen,
            _ => S::Terminated,
        };
        let card_type = match rng.gen_range(0..10) {
            0..=3 => CardType::DataOnly,
            4..=7 => CardType::Postpaid,
            _ => CardType::Prepaid,
        };
        let in_service = !matches!(status, S::Available | S::Terminated);
        let customer =
            (status != S::Available).then(|| 10_000 + i64::from(rng.gen_range(0..customers)));
        let tariff = in_service.then(|| tariff_ids[rng.gen_range(0..tariff_ids.len())]);
        let msisdn =
            (in_service && status != S::Reserved).then(|| format!("080{:08}", 20_000_000 + i));
        let activated = matches!(
            status,
            S::Active | S::Suspended | S::LostStolen | S::Terminated
        )
        .then(|| created + rng.gen_range(3_600..(now - created).max(7_200)));
        let code = match activated {
            Some(_) if next_code < codes && rng.gen_bool(0.3) => {
                next_code += 1;
                Some(50_000 + i64::from(next_code - 1))
            }
            _ => None,
        };
        let updated = activated.unwrap_or(created);
        exec(
            &mut tx,
            "INSERT INTO sim_cards (id, iccid, msisdn, status, card_type, pin_enc, puk_enc, customer_id, \
             tariff_id, activation_code_id, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12)",
            vec![
                Bind::I(id),
                Bind::T(iccid(1_000_000 + u64::from(i))),
                Bind::N(msisdn.clone()),
                Bind::T(status.as_str().into()),
                Bind::T(card_type.as_str().into()),
                Bind::T(secrets.seal(&format!("{:04}", rng.gen_range(0..10_000)))),
                Bind::T(secrets.seal(&format!("{:08}", rng.gen_range(0..100_000_000)))),
                Bind::O(customer),
                Bind::O(tariff),
                Bind::O(code),
                Bind::I(created),
                Bind::I(updated),
            ],
        )
        .await?;
        if let (Some(c), Some(at)) = (code, activated) {
            exec(&mut tx, "UPDATE activation_codes SET status = 'USED', used_at = $1, sim_id = $2 WHERE id = $3", vec![Bind::I(at), Bind::I(id), Bind::O(Some(c))]).await?;
        }
        inv::count(&mut tx, status, tariff, 1).await?;
        let event =
            |kind: &'static str, old: Option<S>, new: S, note: Option<&'static str>| NewEvent {
                sim_id: id,
                kind,
                old_status: old,
                new_status: Some(new),
                note,
                before: None,
                after: None,
                staff_id: None,
                source: "system",
            };
        inv::add_event_at(
            &mut tx,
            &event("IMPORTED", None, S::Available, Some("Demo inventory")),
            created,
        )
        .await?;
        if status == S::Reserved {
            inv::add_event_at(
                &mut tx,
                &event("RESERVED", Some(S::Available), S::Reserved, None),
                created + 1_800,
            )
            .await?;
        }
        if let Some(at) = activated {
            inv::add_event_at(
                &mut tx,
                &event("ACTIVATED", Some(S::Available), S::Active, None),
                at,
            )
            .await?;
            let later = at + (now - at) / 2;
            match status {
                S::Suspended => {
                    inv::add_event_at(
                        &mut tx,
                        &event(
                            "SUSPENDED",
                            Some(S::Active),
                            S::Suspended,
                            Some("Unpaid invoice"),
                        ),
                        later,
                    )
                    .await?
                }
                S::LostStolen => {
                    inv::add_event_at(
                        &mut tx,
                        &event(
                            "REPORTED_LOST",
                            Some(S::Active),
                            S::LostStolen,
                            Some("Customer reported the phone stolen"),
                        ),
                        later,
                    )
                    .await?
                }
                S::Terminated => {
                    inv::add_event_at(
                        &mut tx,
                        &event(
                            "TERMINATED",
                            Some(S::Active),
                            S::Terminated,
                            Some("Contract ended"),
                        ),
                        later,
                    )
                    .await?
                }
                _ => {}
            }
        } else if status == S::Terminated {
            inv::add_event_at(
                &mut tx,
                &event(
                    "TERMINATED",
                    Some(S::Available),
                    S::Terminated,
                    Some("Damaged card"),
                ),
                created + 86_400,
            )
            .await?;
        }
    }
    tx.commit().await?;
    tracing::info!(
        sims,
        ms = started.elapsed().as_millis() as u64,
        "demo inventory written"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_iccids_pass_the_import_checks() {
        for serial in [0, 1, 999_999, 1_000_123] {
            let id = super::iccid(serial);
            assert_eq!(app::domain::inventory::parse_iccid(&id), Ok(id.clone()));
        }
    }
}
