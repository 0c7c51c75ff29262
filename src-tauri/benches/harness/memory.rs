//! Resident memory of this process, from `/proc/self/status` (Linux only).

/// `VmRSS` (now) and `VmHWM` (the peak so far) in KiB; `None` where `/proc` is unavailable.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rss {
    pub current_kib: Option<u64>,
    pub peak_kib: Option<u64>,
}

pub fn rss() -> Rss {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Rss { current_kib: field("VmRSS:"), peak_kib: field("VmHWM:") }
}

/// Resets `VmHWM` to the current RSS (writing `5` to `/proc/self/clear_refs`), so the next
/// reading is the peak of what runs in between. Returns false when the kernel refuses.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}
