//! Free disk space, so the facilitator is warned before the disk is full rather than
//! when a save fails in the middle of a conversation.

use std::io;
use std::path::Path;

/// Below this much free space the screen warns (LibreOffice warns at 5 MB; session files
/// are small, but the disk may be shared with everything else on the laptop).
pub const WARN_BELOW_BYTES: u64 = 20 * 1024 * 1024;

/// Bytes available to this user on the file system that holds `dir`.
pub fn free_space(dir: &Path) -> io::Result<u64> {
    let s = rustix::fs::statvfs(dir).map_err(io::Error::from)?;
    Ok(s.f_bavail.saturating_mul(s.f_frsize))
}

/// Whether the disk holding `dir` is nearly full (unknown counts as not full).
pub fn nearly_full(dir: &Path) -> Option<u64> {
    free_space(dir).ok().filter(|free| *free < WARN_BELOW_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_free_space_of_a_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let free = free_space(dir.path()).unwrap();
        assert!(free > 0);
        assert!(free_space(&dir.path().join("missing")).is_err());
    }
}
