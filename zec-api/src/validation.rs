//! Checking requests before they are sent: every violation at once, named by wire names.

use crate::shown::{Clip, debug_bounded, display_bounded};
use crate::wire::WireText;
use std::fmt;

/// What the client does with a request that breaks a documented rule.
///
/// The rules come from the docs; when one is wrong, `Warn` or `Off` lets a request through
/// and the server decides. Set it for a client with
/// [`Config::validation`](crate::Config::validation), or for some calls with
/// [`Client::with_validation`](crate::Client::with_validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ValidationMode {
    /// Refuse the request with [`Error::Validation`](crate::Error::Validation); nothing is
    /// sent (the default).
    #[default]
    Enforce,
    /// Log a `tracing` warning naming every violation, then send the request.
    Warn,
    /// Send the request without checking it.
    Off,
}

/// Something a request must satisfy, as checked by `validate()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleKind {
    /// A required member is missing.
    Required,
    /// A field is required because another is set (to some value).
    RequiredIf,
    /// Exactly one of several fields must be set.
    ExactlyOneOf,
    /// At most one of several fields may be set.
    AtMostOneOf,
    /// A number is out of range.
    Range,
    /// A string is too short or too long.
    Length,
    /// A list has too many items.
    MaxItems,
    /// A value is not one of those allowed.
    AllowedValues,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field, by wire name (`lanIp`, `systemDisk.diskSize`, `dataDisks[1].diskSize`); for
    /// rules over several fields, their names joined by `, `.
    pub field: String,
    /// The rule.
    pub rule: RuleKind,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Clip(&self.field), Clip(&self.message))
    }
}

/// A request that breaks documented rules; lists every violation.
///
/// `Display` lists the violations that fit in about 3 KiB and counts the others; `Debug` is
/// bounded too. [`ValidationError::violations`] has them all.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The action whose request it is.
    pub action: &'static str,
    /// Every violation, in the order of the checks.
    pub violations: Vec<Violation>,
}

/// About how many bytes of violations `Display` lists before it counts the rest.
const LISTED: usize = 3072;

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_bounded(f, |f| {
            let n = self.violations.len();
            write!(
                f,
                "invalid {} request ({n} problem{}): ",
                self.action,
                if n == 1 { "" } else { "s" }
            )?;
            let mut listed = 0;
            for (i, v) in self.violations.iter().enumerate() {
                let text = v.to_string();
                listed += text.len();
                if i > 0 && listed > LISTED {
                    return write!(f, "; and {} more", n - i);
                }
                if i > 0 {
                    f.write_str("; ")?;
                }
                f.write_str(&text)?;
            }
            Ok(())
        })
    }
}

impl fmt::Debug for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_bounded(f, |f| {
            f.debug_struct("ValidationError")
                .field("action", &self.action)
                .field("violations", &self.violations)
                .finish()
        })
    }
}

impl std::error::Error for ValidationError {}

/// Values that have something to check; implemented by generated requests and data structures.
pub trait Validate {
    /// Record every violation into `v`.
    fn check(&self, v: &mut Validator);
}

/// Run a value's checks and turn violations into an error.
pub fn run_validation<T: Validate + ?Sized>(
    action: &'static str,
    value: &T,
) -> Result<(), ValidationError> {
    let mut v = Validator::default();
    value.check(&mut v);
    if v.violations.is_empty() {
        Ok(())
    } else {
        Err(ValidationError {
            action,
            violations: v.violations,
        })
    }
}

/// Numbers that ranges apply to.
pub trait Number {
    /// The value as `f64`, for comparison with documented bounds.
    fn as_f64(&self) -> f64;
}

impl Number for i64 {
    fn as_f64(&self) -> f64 {
        *self as f64
    }
}

impl Number for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Collects violations; the generated checks call one method per rule.
#[derive(Debug, Default)]
pub struct Validator {
    /// Path of the data structure being checked (`systemDisk`, `dataDisks[1]`).
    path: Vec<String>,
    violations: Vec<Violation>,
}

impl Validator {
    fn name(&self, field: &str) -> String {
        if self.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.path.join("."))
        }
    }

    fn push(&mut self, field: &str, rule: RuleKind, message: String) {
        let field = self.name(field);
        self.violations.push(Violation {
            field,
            rule,
            message,
        });
    }

    /// A required member.
    pub fn required(&mut self, field: &str, is_set: bool) {
        if !is_set {
            self.push(field, RuleKind::Required, "is required".into());
        }
    }

    /// `field` must be set when `condition` holds (`when` says it in words).
    pub fn required_if(&mut self, field: &str, is_set: bool, condition: bool, when: &str) {
        if condition && !is_set {
            self.push(
                field,
                RuleKind::RequiredIf,
                format!("is required when {when}"),
            );
        }
    }

    /// Exactly one of the fields must be set.
    pub fn exactly_one_of(&mut self, fields: &[(&str, bool)]) {
        let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
        let set: Vec<&str> = fields.iter().filter(|f| f.1).map(|f| f.0).collect();
        let message = match set.len() {
            1 => return,
            0 => format!("exactly one of {} must be set; none is", quoted(&names)),
            _ => format!(
                "exactly one of {} must be set; {} are: {}",
                quoted(&names),
                set.len(),
                quoted(&set)
            ),
        };
        self.push(&names.join(", "), RuleKind::ExactlyOneOf, message);
    }

    /// At most one of the fields may be set.
    pub fn at_most_one_of(&mut self, fields: &[(&str, bool)]) {
        let set: Vec<&str> = fields.iter().filter(|f| f.1).map(|f| f.0).collect();
        if set.len() > 1 {
            let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
            let message = format!(
                "at most one of {} may be set; {} are",
                quoted(&names),
                quoted(&set)
            );
            self.push(&names.join(", "), RuleKind::AtMostOneOf, message);
        }
    }

    /// A number within documented bounds.
    pub fn range<T: Number>(
        &mut self,
        field: &str,
        value: Option<&T>,
        min: Option<f64>,
        max: Option<f64>,
    ) {
        let Some(x) = value.map(Number::as_f64) else {
            return;
        };
        let low = min.is_some_and(|m| x < m);
        let high = max.is_some_and(|m| x > m);
        if low || high {
            let message = match (min, max) {
                // An f64 prints without `.0` and never in exponent form: `24`, `2.5`.
                (Some(a), Some(b)) => format!("must be between {a} and {b}, is {x}"),
                (Some(a), None) => format!("must be at least {a}, is {x}"),
                (None, Some(b)) => format!("must be at most {b}, is {x}"),
                (None, None) => return,
            };
            self.push(field, RuleKind::Range, message);
        }
    }

    /// Every number of a list within documented bounds.
    pub fn each_range<T: Number>(
        &mut self,
        field: &str,
        value: Option<&Vec<T>>,
        min: Option<f64>,
        max: Option<f64>,
    ) {
        for (i, item) in value.into_iter().flatten().enumerate() {
            self.range(&format!("{field}[{i}]"), Some(item), min, max);
        }
    }

    /// A string length within documented bounds, counted in characters.
    pub fn length(
        &mut self,
        field: &str,
        value: Option<&String>,
        min: Option<usize>,
        max: Option<usize>,
    ) {
        let Some(n) = value.map(|s| s.chars().count()) else {
            return;
        };
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let message = match (min, max) {
                (Some(a), Some(b)) => format!("must have {a} to {b} characters, has {n}"),
                (Some(a), None) => format!("must have at least {a} characters, has {n}"),
                (None, Some(b)) => format!("must have at most {b} characters, has {n}"),
                (None, None) => return,
            };
            self.push(field, RuleKind::Length, message);
        }
    }

    /// A list with at most `max` items.
    pub fn max_items<T>(&mut self, field: &str, value: Option<&Vec<T>>, max: usize) {
        if let Some(n) = value.map(Vec::len)
            && n > max
        {
            self.push(
                field,
                RuleKind::MaxItems,
                format!("must have at most {max} items, has {n}"),
            );
        }
    }

    /// A value that must be one of `allowed`.
    pub fn one_of<T: WireText>(&mut self, field: &str, value: Option<&T>, allowed: &[&str]) {
        if let Some(v) = value {
            let text = v.wire_text();
            if !allowed.contains(&text.as_ref()) {
                let message = format!("must be one of {}, is `{text}`", quoted(allowed));
                self.push(field, RuleKind::AllowedValues, message);
            }
        }
    }

    /// Every item of a list must be one of `allowed`.
    pub fn each_one_of<T: WireText>(
        &mut self,
        field: &str,
        value: Option<&Vec<T>>,
        allowed: &[&str],
    ) {
        for (i, item) in value.into_iter().flatten().enumerate() {
            self.one_of(&format!("{field}[{i}]"), Some(item), allowed);
        }
    }

    /// Check a nested data structure.
    pub fn nested<T: Validate>(&mut self, field: &str, value: Option<&T>) {
        if let Some(v) = value {
            self.path.push(field.to_string());
            v.check(self);
            self.path.pop();
        }
    }

    /// Check every item of a list of data structures.
    pub fn nested_each<T: Validate>(&mut self, field: &str, value: Option<&Vec<T>>) {
        for (i, item) in value.into_iter().flatten().enumerate() {
            self.path.push(format!("{field}[{i}]"));
            item.check(self);
            self.path.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Probe(Vec<(String, bool)>);

    impl Validate for Probe {
        fn check(&self, v: &mut Validator) {
            let pairs: Vec<(&str, bool)> = self.0.iter().map(|(n, s)| (n.as_str(), *s)).collect();
            v.exactly_one_of(&pairs);
            v.range("count", Some(&0i64), Some(1.0), Some(100.0));
            v.length("name", Some(&"ab".to_string()), Some(3), None);
        }
    }

    #[test]
    fn every_violation_is_reported_with_field_names() {
        let err =
            run_validation("X", &Probe(vec![("a".into(), true), ("b".into(), true)])).unwrap_err();
        assert_eq!(err.violations.len(), 3);
        assert_eq!(
            err.to_string(),
            "invalid X request (3 problems): a, b: exactly one of `a`, `b` must be set; 2 are: `a`, `b`; count: must be between 1 and 100, is 0; name: must have at least 3 characters, has 2"
        );
    }

    #[test]
    fn fractional_numbers_are_checked_against_their_bounds() {
        let violations = |x: f64| {
            let mut v = Validator::default();
            v.range("ratio", Some(&x), Some(0.0), Some(1.0));
            v.violations
        };
        assert!(violations(0.5).is_empty());
        assert!(violations(1.0).is_empty());
        let high = violations(2.5);
        assert_eq!(high.len(), 1);
        assert_eq!(high[0].message, "must be between 0 and 1, is 2.5");
        assert_eq!(
            violations(-0.25)[0].message,
            "must be between 0 and 1, is -0.25"
        );
        // Numbers beyond an i64 print whole, not in exponent form.
        let mut v = Validator::default();
        v.range("big", Some(&1e20), None, Some(1e18));
        assert_eq!(
            v.violations[0].message,
            "must be at most 1000000000000000000, is 100000000000000000000"
        );
    }

    /// A request that breaks `n` rules, each violation printing as `text_len` bytes.
    fn broken(n: usize, text_len: usize) -> ValidationError {
        let violation = |i: usize| Violation {
            field: "f".into(),
            rule: RuleKind::Required,
            message: format!("{i:0>width$}", width = text_len - "f: ".len()),
        };
        ValidationError {
            action: "X",
            violations: (0..n).map(violation).collect(),
        }
    }

    #[test]
    fn display_lists_the_violations_that_fit_and_counts_the_rest() {
        // Three of 1,024 bytes fill the list's room exactly: all are listed.
        let shown = broken(3, 1024).to_string();
        assert!(
            shown.starts_with("invalid X request (3 problems): f: "),
            "{shown}"
        );
        assert!(shown.ends_with(&format!("; f: {:0>1021}", 2)), "{shown}");
        assert!(!shown.contains("more"), "{shown}");
        // A hundred of 100 bytes: as many as fit in the room, then how many were left out.
        let shown = broken(100, 100).to_string();
        let listed = shown.matches("f: ").count();
        assert!((25..=31).contains(&listed), "{listed}: {shown}");
        assert!(
            shown.ends_with(&format!("; and {} more", 100 - listed)),
            "{shown}"
        );
        // Debug names the type and its members.
        let debug = format!("{:?}", broken(1, 10));
        assert!(
            debug.starts_with("ValidationError { action: \"X\", violations: [Violation {"),
            "{debug}"
        );
    }

    #[test]
    fn lengths_item_counts_and_allowed_values_hold_at_their_bounds() {
        let mut v = Validator::default();
        // Lengths count characters, not bytes: `é` is two bytes.
        let text = |n: usize| Some("é".repeat(n));
        v.length("shortest", text(2).as_ref(), Some(2), Some(4));
        v.length("longest", text(4).as_ref(), Some(2), Some(4));
        v.length("short", text(1).as_ref(), Some(2), Some(4));
        v.length("long", text(5).as_ref(), Some(2), Some(4));
        v.length("absent", None, Some(2), Some(4));
        v.length("at_least", text(0).as_ref(), Some(1), None);
        v.length("at_most", text(3).as_ref(), None, Some(2));
        v.max_items("full", Some(&vec![1, 2]), 2);
        v.max_items("over", Some(&vec![1, 2, 3]), 2);
        v.one_of("known", Some(&"A".to_string()), &["A", "B"]);
        v.one_of("unknown", Some(&"C".to_string()), &["A", "B"]);
        v.one_of("number", Some(&7i64), &["1", "7"]);
        let list = vec!["A".to_string(), "C".to_string(), "B".to_string()];
        v.each_one_of("list", Some(&list), &["A", "B"]);
        let got: Vec<(&str, RuleKind, &str)> = v
            .violations
            .iter()
            .map(|x| (x.field.as_str(), x.rule, x.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "short",
                    RuleKind::Length,
                    "must have 2 to 4 characters, has 1"
                ),
                (
                    "long",
                    RuleKind::Length,
                    "must have 2 to 4 characters, has 5"
                ),
                (
                    "at_least",
                    RuleKind::Length,
                    "must have at least 1 characters, has 0"
                ),
                (
                    "at_most",
                    RuleKind::Length,
                    "must have at most 2 characters, has 3"
                ),
                (
                    "over",
                    RuleKind::MaxItems,
                    "must have at most 2 items, has 3"
                ),
                (
                    "unknown",
                    RuleKind::AllowedValues,
                    "must be one of `A`, `B`, is `C`"
                ),
                (
                    "list[1]",
                    RuleKind::AllowedValues,
                    "must be one of `A`, `B`, is `C`"
                ),
            ]
        );
    }

    #[test]
    fn nested_paths_name_items() {
        struct Inner;
        impl Validate for Inner {
            fn check(&self, v: &mut Validator) {
                v.required("size", false);
            }
        }
        let mut v = Validator::default();
        v.nested_each("disks", Some(&vec![Inner, Inner]));
        v.nested("systemDisk", Some(&Inner));
        v.nested("dataDisk", None::<&Inner>);
        v.required("zoneId", false);
        let fields: Vec<String> = v.violations.iter().map(|x| x.field.clone()).collect();
        assert_eq!(
            fields,
            [
                "disks[0].size",
                "disks[1].size",
                "systemDisk.size",
                "zoneId"
            ]
        );
    }
}
