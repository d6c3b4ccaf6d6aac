//! The carrier's calendar. Freebit dates (`runTime`, `runDate`, quota history) are Japanese
//! calendar days, so "today" is today in JST wherever the simulator runs.

use chrono::{FixedOffset, NaiveDate, Utc};

/// Today in Japan (UTC+9, no daylight saving).
pub fn today_jst() -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("valid offset");
    Utc::now().with_timezone(&jst).date_naive()
}
