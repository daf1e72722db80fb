//! What a benchmark's child process used, measured the same way by every benchmark: CPU
//! (user + system), wall time and peak resident memory, from `wait4`; and the median of rounds.

use std::process::Command;
use std::time::Instant;

/// What one child process used.
#[derive(Default, Clone, Copy)]
pub struct Usage {
    pub cpu: f64,
    pub wall: f64,
    pub memory_mb: f64,
}

/// Runs `command` to its end and returns what it used; panics if it fails.
// wait4 below reaps the child, with its own resource usage, which `Child::wait` cannot give.
#[allow(clippy::zombie_processes)]
pub fn measure(command: &mut Command) -> Usage {
    let started = Instant::now();
    let child = command.spawn().expect("the command starts");
    let mut status = 0;
    // SAFETY: wait4 fills `status` and `usage` for the child this function started.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    assert!(waited > 0 && status == 0, "{command:?} failed");
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Usage {
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        wall,
        memory_mb: usage.ru_maxrss as f64 / 1024.0,
    }
}

pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
