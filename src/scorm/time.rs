//! Session time in each version's format.

use super::Version;

/// `ms` of session time as 1.2's CMITimespan (`HHHH:MM:SS.SS`, hours
/// capped at 9999) or 2004's ISO 8601 duration (`PT1H2M3.45S`).
pub fn session_time(version: Version, ms: u64) -> String {
    let cs = ms / 10;
    let (h, m, s, cs) = (cs / 360_000, cs / 6_000 % 60, cs / 100 % 60, cs % 100);
    match version {
        Version::Scorm12 if h > 9999 => "9999:59:59.99".into(),
        Version::Scorm12 => format!("{h:04}:{m:02}:{s:02}.{cs:02}"),
        Version::Scorm2004 => format!("PT{h}H{m}M{s}.{cs:02}S"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats() {
        let ms = ((2 * 60 + 5) * 60 + 7) * 1000 + 450;
        assert_eq!(session_time(Version::Scorm12, ms), "0002:05:07.45");
        assert_eq!(session_time(Version::Scorm2004, ms), "PT2H5M7.45S");
        assert_eq!(session_time(Version::Scorm12, 0), "0000:00:00.00");
        assert_eq!(session_time(Version::Scorm2004, 0), "PT0H0M0.00S");
        assert_eq!(session_time(Version::Scorm12, u64::MAX), "9999:59:59.99");
    }
}
