//! Commit times as calendar dates: seconds since 1970 in UTC, without a time-zone database.

/// The UTC calendar date of `seconds` since 1970-01-01 as `(year, month, day)`.
pub fn civil(seconds: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-03-03`: the date as the sitemap's `<lastmod>` and `<time datetime>` want it.
pub fn iso(seconds: i64) -> String {
    let (y, m, d) = civil(seconds);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `3 maart 2026`, with the month names the views use.
pub fn dutch(seconds: i64) -> String {
    crate::views::dutch_date(&iso(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(iso(0), "1970-01-01");
        // 2026-03-03T23:30:00Z, and a leap day.
        assert_eq!(iso(1_772_580_600), "2026-03-03");
        assert_eq!(iso(951_782_400), "2000-02-29");
        assert_eq!(iso(-1), "1969-12-31");
        assert_eq!(dutch(1_772_580_600), "3 maart 2026");
    }
}
