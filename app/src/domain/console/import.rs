//! A CSV import's preview and result, and the rejected rows to download.

use serde::{Deserialize, Serialize};

/// What the import preview decided for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    New,
    /// The ICCID (or MSISDN) appears earlier in the same file.
    DuplicateInFile,
    /// The ICCID (or MSISDN) is already in the inventory (e.g. the file was imported before).
    DuplicateInDatabase,
    Invalid,
}

/// One row of an import preview (line numbers count the header, as an editor shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowVerdict {
    pub line: u64,
    pub iccid: String,
    pub verdict: Verdict,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub rows: u64,
    pub new: u64,
    pub duplicate_in_file: u64,
    pub duplicate_in_database: u64,
    pub invalid: u64,
}

/// The dry run: every row's verdict and the counts. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub counts: ImportCounts,
    pub rows: Vec<RowVerdict>,
}

/// A committed import: its log entry's id and the counts (the new rows were created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub import_id: i64,
    pub counts: ImportCounts,
    pub rows: Vec<RowVerdict>,
}

/// The rejected rows of a preview as CSV, with the reason per row (to fix and upload again).
pub fn rejected_csv(rows: &[RowVerdict]) -> String {
    let mut out = String::from("line,iccid,verdict,reason\n");
    for r in rows.iter().filter(|r| r.verdict != Verdict::New) {
        let verdict = match r.verdict {
            Verdict::New => "new",
            Verdict::DuplicateInFile => "duplicate in file",
            Verdict::DuplicateInDatabase => "already in inventory",
            Verdict::Invalid => "invalid",
        };
        out.push_str(&format!(
            "{},{},{},{}\n",
            r.line,
            csv_field(&r.iccid),
            verdict,
            csv_field(r.reason.as_deref().unwrap_or(""))
        ));
    }
    out
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would be run as a formula by a spreadsheet: quote and neutralise it.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_rows_download_with_reasons_and_no_formulas() {
        let rows = vec![
            RowVerdict {
                line: 2,
                iccid: "8981".into(),
                verdict: Verdict::New,
                reason: None,
            },
            RowVerdict {
                line: 3,
                iccid: "=cmd".into(),
                verdict: Verdict::Invalid,
                reason: Some("ICCID has characters other than digits, see".into()),
            },
        ];
        assert_eq!(
            rejected_csv(&rows),
            "line,iccid,verdict,reason\n3,'=cmd,invalid,\"ICCID has characters other than digits, see\"\n"
        );
    }
}
