//! CSV import of new SIM cards (seed 003 `SimImportService`): a dry run that gives every row
//! a verdict (new, duplicate in the file or in the inventory, invalid with the reason), and
//! a commit that writes the new rows, an IMPORTED event each, the counts and the import log
//! in one transaction. The inventory is asked about the file's ICCIDs and numbers in batches
//! (`IN (…)` on the unique indexes), never loaded into memory.

use super::{db_error, store_err, OpsConsole};
use crate::store::{inventory as inv, new_id, now, ordered_id};
use app::domain::console::{ImportCounts, ImportPreview, ImportResult, RowVerdict, Staff, Verdict};
use app::domain::inventory::{check_row, is_header, ImportRow, LifecycleState};
use app::domain::PortalError;
use app::t;
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

/// The largest file accepted (rows after the header).
pub const MAX_ROWS: usize = 200_000;
/// Rows per `IN (…)` lookup and per multi-row INSERT (well under SQLite's 32,766 parameters).
const BATCH: usize = 500;

/// The file checked: every row's verdict, and the valid new rows (index into `rows`).
pub struct Checked {
    pub rows: Vec<RowVerdict>,
    pub new: Vec<ImportRow>,
}

impl Checked {
    pub fn counts(&self) -> ImportCounts {
        let mut c = ImportCounts {
            rows: self.rows.len() as u64,
            ..ImportCounts::default()
        };
        for r in &self.rows {
            match r.verdict {
                Verdict::New => c.new += 1,
                Verdict::DuplicateInFile => c.duplicate_in_file += 1,
                Verdict::DuplicateInDatabase => c.duplicate_in_database += 1,
                Verdict::Invalid => c.invalid += 1,
            }
        }
        c
    }
}

/// The file read: every row's verdict so far, and the valid rows (index into `rows`).
struct Parsed {
    rows: Vec<RowVerdict>,
    valid: Vec<(usize, ImportRow)>,
}

/// Reads the file and decides what the file alone can: invalid rows and in-file duplicates.
fn parse(csv_bytes: &[u8]) -> Result<Parsed, PortalError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(csv_bytes);
    let mut rows = Vec::new();
    let mut valid = Vec::new();
    let mut iccids: HashMap<String, u64> = HashMap::new();
    let mut msisdns: HashMap<String, u64> = HashMap::new();
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| {
            PortalError::BadRequest(t!("console-import-unreadable", error = e.to_string()))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<&str> = record.iter().collect();
        if std::mem::take(&mut first) && is_header(&fields) {
            continue;
        }
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(PortalError::BadRequest(t!(
                "console-import-too-many",
                max = MAX_ROWS.to_string()
            )));
        }
        let shown = fields
            .first()
            .map_or("", |f| f)
            .chars()
            .take(24)
            .collect::<String>();
        let (verdict, reason) = match check_row(&fields) {
            Err(reason) => (Verdict::Invalid, Some(reason)),
            Ok(row) => {
                if let Some(l) = iccids.get(&row.iccid) {
                    (
                        Verdict::DuplicateInFile,
                        Some(t!("console-import-same-iccid", line = l.to_string())),
                    )
                } else if let Some(l) = row.msisdn.as_ref().and_then(|m| msisdns.get(m)) {
                    (
                        Verdict::DuplicateInFile,
                        Some(t!("console-import-same-msisdn", line = l.to_string())),
                    )
                } else {
                    iccids.insert(row.iccid.clone(), line);
                    if let Some(m) = &row.msisdn {
                        msisdns.insert(m.clone(), line);
                    }
                    valid.push((rows.len(), row));
                    (Verdict::New, None)
                }
            }
        };
        rows.push(RowVerdict {
            line,
            iccid: shown,
            verdict,
            reason,
        });
    }
    if rows.is_empty() {
        return Err(PortalError::BadRequest(t!("console-import-empty")));
    }
    Ok(Parsed { rows, valid })
}

/// Which of `values` the inventory already has in `column` (`iccid` or `msisdn`).
async fn existing(
    conn: &mut AnyConnection,
    column: &'static str,
    values: &[&str],
) -> Result<HashSet<String>, PortalError> {
    let mut found = HashSet::new();
    for chunk in values.chunks(BATCH) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {column} AS v FROM sim_cards WHERE {column} IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for v in chunk {
            q = q.bind(*v);
        }
        for row in q.fetch_all(&mut *conn).await.map_err(db_error)? {
            found.insert(row.try_get::<String, _>("v").map_err(db_error)?);
        }
    }
    Ok(found)
}

/// Every row's verdict against the file and the inventory as `conn` sees it.
pub async fn check(conn: &mut AnyConnection, csv_bytes: &[u8]) -> Result<Checked, PortalError> {
    let Parsed { mut rows, valid } = parse(csv_bytes)?;
    let iccids: Vec<&str> = valid.iter().map(|(_, r)| r.iccid.as_str()).collect();
    let taken_iccids = existing(conn, "iccid", &iccids).await?;
    let numbers: Vec<&str> = valid
        .iter()
        .filter_map(|(_, r)| r.msisdn.as_deref())
        .collect();
    let taken_numbers = existing(conn, "msisdn", &numbers).await?;
    let mut new = Vec::with_capacity(valid.len());
    for (i, row) in valid {
        let reason = if taken_iccids.contains(&row.iccid) {
            Some(t!("console-import-iccid-taken"))
        } else if row
            .msisdn
            .as_ref()
            .is_some_and(|m| taken_numbers.contains(m))
        {
            Some(t!("console-import-msisdn-taken"))
        } else {
            None
        };
        match reason {
            Some(r) => {
                rows[i].verdict = Verdict::DuplicateInDatabase;
                rows[i].reason = Some(r);
            }
            None => new.push(row),
        }
    }
    Ok(Checked { rows, new })
}

impl OpsConsole {
    pub(super) async fn preview(&self, csv_bytes: &[u8]) -> Result<ImportPreview, PortalError> {
        let mut conn = self.db.acquire().await.map_err(db_error)?;
        let checked = check(&mut conn, csv_bytes).await?;
        Ok(ImportPreview {
            counts: checked.counts(),
            rows: checked.rows,
        })
    }

    pub(super) async fn commit(
        &self,
        staff: &Staff,
        csv_bytes: &[u8],
        file_name: Option<&str>,
    ) -> Result<ImportResult, PortalError> {
        let mut tx = crate::store::begin_write(&self.db)
            .await
            .map_err(db_error)?;
        let checked = check(&mut tx, csv_bytes).await?;
        let counts = checked.counts();
        let at = now();
        for chunk in checked.new.chunks(BATCH) {
            let ids: Vec<i64> = chunk.iter().map(|_| ordered_id()).collect();
            let mut sql = String::from(
                "INSERT INTO sim_cards (id, iccid, msisdn, status, card_type, pin_enc, puk_enc, \
                 version, created_at, updated_at) VALUES ",
            );
            let mut events = String::from(
                "INSERT INTO sim_events (id, sim_id, kind, new_status, note, staff_id, source, \
                 created_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let p = i * 7;
                sql += &format!(
                    "{}(${}, ${}, ${}, 'AVAILABLE', ${}, ${}, ${}, 0, ${}, ${})",
                    if i == 0 { "" } else { ", " },
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7,
                    p + 7
                );
                let e = i * 4;
                events += &format!(
                    "{}(${}, ${}, 'IMPORTED', 'AVAILABLE', 'Imported from CSV', ${}, 'import', ${})",
                    if i == 0 { "" } else { ", " },
                    e + 1, e + 2, e + 3, e + 4
                );
            }
            let mut q = sqlx::query(&sql);
            for (id, row) in ids.iter().zip(chunk) {
                q = q
                    .bind(*id)
                    .bind(row.iccid.clone())
                    .bind(row.msisdn.clone())
                    .bind(row.card_type.as_str())
                    .bind(self.secrets.seal(&row.pin))
                    .bind(self.secrets.seal(&row.puk))
                    .bind(at);
            }
            q.execute(&mut *tx)
                .await
                .map_err(|e| conflict_or(e.into()))?;
            let mut q = sqlx::query(&events);
            for id in &ids {
                q = q.bind(ordered_id()).bind(*id).bind(staff.id).bind(at);
            }
            q.execute(&mut *tx).await.map_err(db_error)?;
        }
        inv::count(&mut tx, LifecycleState::Available, None, counts.new as i64)
            .await
            .map_err(store_err)?;
        let import_id = new_id();
        sqlx::query(
            "INSERT INTO import_logs (id, staff_id, file_name, rows_total, rows_created, \
             rows_duplicate, rows_invalid, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(import_id)
        .bind(staff.id)
        .bind(file_name.map(|f| f.chars().take(200).collect::<String>()))
        .bind(counts.rows as i64)
        .bind(counts.new as i64)
        .bind((counts.duplicate_in_file + counts.duplicate_in_database) as i64)
        .bind(counts.invalid as i64)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        tracing::info!(
            import = import_id,
            staff = staff.id,
            created = counts.new,
            "SIM import"
        );
        Ok(ImportResult {
            import_id,
            counts,
            rows: checked.rows,
        })
    }
}

/// A unique-key clash here means another import added one of these cards meanwhile.
fn conflict_or(e: crate::store::StoreError) -> PortalError {
    let crate::store::StoreError::Sqlx(sqlx::Error::Database(db)) = &e else {
        return store_err(e);
    };
    if db.is_unique_violation() {
        PortalError::Conflict(t!("console-import-conflict"))
    } else {
        store_err(e)
    }
}
