//! Keeping what errors print short: a server's 10 MiB message, a list of ten thousand
//! violations or a whole response must not become a 10 MiB log line. `Display` and `Debug` of
//! every error write at most [`ERROR_SHOWN`] bytes, each text from an answer at most
//! [`TEXT_SHOWN`], and say how many bytes they left out; the values themselves stay whole.

use crate::scrub::cut;
use std::cell::Cell;
use std::fmt::{self, Write};

/// The most bytes of one text (a message, a code, a `Location`) an error prints.
pub(crate) const TEXT_SHOWN: usize = 1024;

/// The most bytes an error's `Display` or `Debug` prints, besides the note of what was left
/// out.
pub(crate) const ERROR_SHOWN: usize = 4096;

/// A text printed at most [`TEXT_SHOWN`] bytes long (whole characters), then the count of the
/// bytes left out.
pub(crate) struct Clip<'a>(pub(crate) &'a str);

impl Clip<'_> {
    fn parts(&self) -> (&str, usize) {
        let shown = cut(self.0, TEXT_SHOWN);
        (shown, self.0.len() - shown.len())
    }
}

impl fmt::Display for Clip<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, left_out) = self.parts();
        f.write_str(shown)?;
        note(f, left_out)
    }
}

impl fmt::Debug for Clip<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, left_out) = self.parts();
        write!(f, "{shown:?}")?;
        note(f, left_out)
    }
}

/// A value's `Debug`, printed at most [`TEXT_SHOWN`] bytes long (for a value from an answer
/// inside another, such as an error code enum keeping an unknown code).
pub(crate) struct ClipDebug<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Debug for ClipDebug<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Limited::new(f, TEXT_SHOWN);
        let _ = write!(out, "{:?}", self.0);
        out.finish()
    }
}

/// `…` and the count of bytes left out, when there are any.
fn note(f: &mut fmt::Formatter<'_>, left_out: usize) -> fmt::Result {
    if left_out > 0 {
        write!(f, "… [{left_out} more bytes not shown]")
    } else {
        Ok(())
    }
}

/// A writer into a formatter that passes on the first `limit` bytes (whole characters) and
/// counts the rest.
struct Limited<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    left: usize,
    left_out: usize,
    failed: bool,
}

impl<'a, 'b> Limited<'a, 'b> {
    fn new(f: &'a mut fmt::Formatter<'b>, limit: usize) -> Self {
        Limited {
            f,
            left: limit,
            left_out: 0,
            failed: false,
        }
    }

    /// Say what was left out; fail if writing to the formatter failed.
    fn finish(self) -> fmt::Result {
        if self.failed {
            return Err(fmt::Error);
        }
        note(self.f, self.left_out)
    }
}

impl Write for Limited<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let shown = if self.left_out == 0 {
            cut(s, self.left)
        } else {
            ""
        };
        if !shown.is_empty() && self.f.write_str(shown).is_err() {
            self.failed = true;
        }
        self.left -= shown.len();
        self.left_out += s.len() - shown.len();
        // Carry on to the end, to count what is left out.
        Ok(())
    }
}

/// Something printed by a closure over the formatter.
struct FromFn<F>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for FromFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Debug for FromFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

thread_local! {
    /// Whether an error's bounded `Display` or `Debug` is being printed on this thread: an
    /// error inside another (an `Error` in a `WaitError`) is then printed whole into the
    /// outer one's bound, which counts what it leaves out once, and right.
    static BOUNDING: Cell<bool> = const { Cell::new(false) };
}

/// Marks this thread as printing a bounded error, until dropped.
struct Bounding;

impl Bounding {
    /// `None` when an outer error is being printed already.
    fn start() -> Option<Bounding> {
        (!BOUNDING.with(|b| b.replace(true))).then_some(Bounding)
    }
}

impl Drop for Bounding {
    fn drop(&mut self) {
        BOUNDING.with(|b| b.set(false));
    }
}

/// Print what `full` prints, up to [`ERROR_SHOWN`] bytes: the body of an error's `Display`.
pub(crate) fn display_bounded(
    f: &mut fmt::Formatter<'_>,
    full: impl Fn(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    let Some(_bounding) = Bounding::start() else {
        return full(f);
    };
    let full = FromFn(full);
    let mut out = Limited::new(f, ERROR_SHOWN);
    let _ = write!(out, "{full}");
    out.finish()
}

/// Print what `full` prints, up to [`ERROR_SHOWN`] bytes, keeping `{:#?}`: the body of an
/// error's `Debug`.
pub(crate) fn debug_bounded(
    f: &mut fmt::Formatter<'_>,
    full: impl Fn(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    let Some(_bounding) = Bounding::start() else {
        return full(f);
    };
    let full = FromFn(full);
    let alternate = f.alternate();
    let mut out = Limited::new(f, ERROR_SHOWN);
    let _ = if alternate {
        write!(out, "{full:#?}")
    } else {
        write!(out, "{full:?}")
    };
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Long(String);

    impl fmt::Display for Long {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            display_bounded(f, |f| write!(f, "start {}", self.0))
        }
    }

    impl fmt::Debug for Long {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_bounded(f, |f| f.debug_tuple("Long").field(&self.0).finish())
        }
    }

    /// An error holding another.
    struct Outer(Long);

    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            display_bounded(f, |f| write!(f, "start {}", self.0))
        }
    }

    #[test]
    fn long_texts_are_cut_and_say_how_much_was_left_out() {
        let long = "é".repeat(5000); // 10,000 bytes
        assert_eq!(Clip("short").to_string(), "short");
        assert_eq!(format!("{:?}", Clip("a\"b")), "\"a\\\"b\"");
        let shown = Clip(&long).to_string();
        assert_eq!(
            shown,
            format!("{}… [8976 more bytes not shown]", "é".repeat(512))
        );
        let shown = format!("{:?}", Clip(&long));
        assert!(
            shown.ends_with("\"… [8976 more bytes not shown]"),
            "{shown}"
        );

        let value = Long("x".repeat(1 << 20));
        let shown = value.to_string();
        assert!(shown.starts_with("start xxx"));
        assert_eq!(
            shown,
            format!("start {}… [1044486 more bytes not shown]", "x".repeat(4090))
        );
        for shown in [format!("{value:?}"), format!("{value:#?}")] {
            assert!(shown.starts_with("Long("), "{shown}");
            assert!(shown.len() < ERROR_SHOWN + 100, "{}", shown.len());
            assert!(shown.ends_with("more bytes not shown]"));
        }
        // Bounded inside bounded: the outer bound counts what is left out, once.
        let outer = Outer(value);
        assert_eq!(
            outer.to_string(),
            format!(
                "start start {}… [1044492 more bytes not shown]",
                "x".repeat(4084)
            )
        );
        assert!(!BOUNDING.with(Cell::get));
        let short = Long("y".into());
        assert_eq!(short.to_string(), "start y");
        assert_eq!(format!("{short:?}"), "Long(\"y\")");
        assert_eq!(format!("{short:#?}"), "Long(\n    \"y\",\n)");
        assert_eq!(
            format!("{:?}", ClipDebug(&Some("z".repeat(2000)))),
            format!("Some(\"{}… [984 more bytes not shown]", "z".repeat(1018))
        );
    }
}
