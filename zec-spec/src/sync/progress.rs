//! A one-line progress bar on stderr, drawn only when stderr is a terminal, so that logs and
//! pipes get the summary alone.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

const WIDTH: usize = 30;

/// Counts pages done out of a total and redraws the bar after each.
#[derive(Debug)]
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` pages; `enabled` false draws nothing.
    pub fn new(total: usize, enabled: bool) -> Progress {
        let progress = Progress {
            total,
            done: AtomicUsize::new(0),
            enabled,
        };
        progress.draw(0);
        progress
    }

    /// One more page done.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.draw(done);
    }

    /// Clear the bar, so that what follows starts on a clean line.
    pub fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = WIDTH + 24);
            let _ = err.flush();
        }
    }

    fn draw(&self, done: usize) {
        if !self.enabled {
            return;
        }
        let line = bar(done, self.total);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
    }
}

/// `[=========>          ] 12/40 pages`
fn bar(done: usize, total: usize) -> String {
    let filled = (done.min(total) * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH);
    let mut cells = "=".repeat(filled);
    if filled < WIDTH {
        cells.push('>');
        cells.push_str(&" ".repeat(WIDTH - filled - 1));
    }
    format!("[{cells}] {done}/{total} pages")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_in_proportion() {
        assert_eq!(bar(0, 4), format!("[>{}] 0/4 pages", " ".repeat(WIDTH - 1)));
        assert_eq!(
            bar(2, 4),
            format!("[{}>{}] 2/4 pages", "=".repeat(15), " ".repeat(14))
        );
        assert_eq!(bar(4, 4), format!("[{}] 4/4 pages", "=".repeat(WIDTH)));
        assert_eq!(bar(0, 0), format!("[{}] 0/0 pages", "=".repeat(WIDTH)));
    }
}
