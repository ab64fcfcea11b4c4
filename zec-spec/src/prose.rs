//! Reading constraints from the sentences of the docs, in English and Chinese.
//!
//! The docs state much of the contract in prose: "Default value: FullNat", "Value range:
//! [1, 100]", "Up to 100 IDs", "If nicId is provided, this field is required", "This is an
//! asynchronous API …". Each recogniser here is a small pure function over one sentence (or one
//! note). A sentence that looks like a constraint but that no recogniser understood is returned
//! as unrecognised, so the caller can report it and a maintainer sees what the generator ignores.
//!
//! Code spans keep their backticks in the text (see [`crate::markdown`]); recognisers use them to
//! find field names and states.

use crate::ir::{Constraint, TypeRef};

/// A rule over several fields, before it is given a source position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleDraft {
    /// Exactly one of the fields must be set.
    ExactlyOneOf {
        /// Wire names, in the docs' order (priority order when `by_priority`).
        fields: Vec<String>,
        /// Whether the docs give a priority order.
        by_priority: bool,
    },
    /// At most one of the fields may be set.
    AtMostOneOf {
        /// Wire names.
        fields: Vec<String>,
    },
    /// `field` is required when `when` is set (to one of `equals`, if any).
    RequiredIf {
        /// The field that becomes required.
        field: String,
        /// The deciding field.
        when: String,
        /// Values of `when` that make `field` required; empty means any value.
        equals: Vec<String>,
    },
}

/// What the sentences of one field description say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldFacts {
    /// Default value.
    pub default: Option<String>,
    /// Constraints on the value.
    pub constraints: Vec<Constraint>,
    /// Rules involving this field and others.
    pub rules: Vec<RuleDraft>,
    /// Constraint-like sentences nothing understood.
    pub unrecognised: Vec<String>,
}

/// What one note of an action's description says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteFacts {
    /// Rules over request fields.
    pub rules: Vec<RuleDraft>,
    /// Async behaviour, when the note describes it.
    pub waiter: Option<WaiterDraft>,
    /// Constraint-like sentences nothing understood.
    pub unrecognised: Vec<String>,
}

/// Async behaviour read from a note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaiterDraft {
    /// Action to poll, when the note names one.
    pub poll_action: Option<String>,
    /// States while the operation runs.
    pub pending: Vec<String>,
    /// States meaning success.
    pub success: Vec<String>,
    /// States meaning failure.
    pub failure: Vec<String>,
    /// Success is the resource disappearing from the listing.
    pub until_gone: bool,
}

/// Read the description of a field.
///
/// `field` is the field's wire name, `ty` its type, and `siblings` the wire names of the other
/// fields of the same table (for rules).
pub fn read_field(text: &str, field: &str, ty: &TypeRef, siblings: &[String]) -> FieldFacts {
    let mut facts = FieldFacts::default();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let text_like = matches!(ty, TypeRef::String)
        || matches!(ty, TypeRef::Array(inner) if **inner == TypeRef::String);
    if text_like && let Some(values) = list_values(&lines) {
        facts.constraints.push(Constraint::AllowedValues { values });
    }
    for sentence in sentences(text) {
        let mut understood = false;
        if let Some(value) = default_value(&sentence) {
            if facts.default.is_none() {
                facts.default = Some(value);
            }
            understood = true;
        }
        if let Some(c) = value_constraint(&sentence, ty) {
            if !facts.constraints.contains(&c) {
                facts.constraints.push(c);
            }
            understood = true;
        }
        if let Some(values) = allowed_values(&sentence) {
            let c = Constraint::AllowedValues { values };
            if !facts.constraints.contains(&c) {
                facts.constraints.push(c);
            }
            understood = true;
        }
        if let Some(rule) = field_rule(&sentence, field, siblings) {
            facts.rules.push(rule);
            understood = true;
        }
        if !understood && is_constraint_like(&sentence) {
            facts.unrecognised.push(sentence);
        }
    }
    facts
}

/// Read one note (a hint item or description paragraph) of an action.
pub fn read_note(text: &str, request_fields: &[String]) -> NoteFacts {
    let mut facts = NoteFacts::default();
    if is_async_note(text) {
        facts.waiter = Some(waiter(text));
        // The whole note is understood: it describes polling, not a constraint.
        return facts;
    }
    for sentence in sentences(text) {
        if let Some(rule) = note_rule(&sentence, request_fields) {
            facts.rules.push(rule);
        } else if is_constraint_like(&sentence) {
            facts.unrecognised.push(sentence);
        }
    }
    facts
}

/// Split text into sentences: at line breaks, `。`, and `.`/`;` followed by a space or the end.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        let mut in_code = false;
        while let Some(c) = chars.next() {
            current.push(c);
            if c == '`' {
                in_code = !in_code;
            }
            let ends = !in_code
                && match c {
                    '。' | '！' | '？' => true,
                    '.' | '!' | '?' => chars.peek().is_none_or(|n| n.is_whitespace()),
                    _ => false,
                };
            if ends {
                push_sentence(&mut out, &current);
                current.clear();
            }
        }
        push_sentence(&mut out, &current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_start_matches("- ").trim();
    // A lone full stop (as in "FullNat .") belongs to the sentence before it.
    if s.chars().all(|c| matches!(c, '.' | '。' | ' ')) {
        if let Some(last) = out.last_mut()
            && !s.is_empty()
        {
            last.push_str(s);
        }
        return;
    }
    out.push(s.to_string());
}

/// Whether a sentence reads like a constraint, so that not understanding it is worth a lint.
pub fn is_constraint_like(sentence: &str) -> bool {
    const WORDS: &[&str] = &[
        "must",
        "required",
        // "Only snapshots in this zone" describes a filter; these say what is allowed.
        "can only",
        "only support",
        "only one",
        "only be",
        "cannot",
        "can not",
        "not exceed",
        "no more than",
        "at most",
        "at least",
        "up to",
        "maximum",
        "minimum",
        "range",
        "default",
        "between",
        "limit",
        "exactly",
        "either",
        "mutually",
        "not allowed",
        "not supported",
        "必须",
        "必填",
        "必传",
        "只能",
        "不能",
        "不得",
        "不超过",
        "不少于",
        "最多",
        "最少",
        "最大",
        "最小",
        "范围",
        "默认",
        "限制",
        "仅支持",
        "需要指定",
        "需指定",
        "不可",
    ];
    let lower = sentence.to_ascii_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

// ---------------------------------------------------------------------------------------------
// Defaults

/// "Default value: FullNat", "Default: 1", "Defaults to `true`", "默认值：1", "默认值为 instance".
pub fn default_value(sentence: &str) -> Option<String> {
    const MARKERS: &[&str] = &[
        "default value is",
        "default value:",
        "default value：",
        "defaults to",
        "default is",
        "default:",
        "default：",
        "默认值：",
        "默认值:",
        "默认值为",
        "默认值是",
        "默认为",
        "默认是",
    ];
    let lower = sentence.to_ascii_lowercase();
    let at = MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .min()?;
    // `lower` and `sentence` differ in length only for exotic case mappings; stay safe.
    let rest = sentence.get(at..).or_else(|| lower.get(at..))?;
    literal_token(rest)
}

/// The literal at the start of `rest`: a code span, a quoted string, or a run of characters
/// that can appear in a value.
fn literal_token(rest: &str) -> Option<String> {
    let rest = rest.trim_start().trim_start_matches('*');
    let token = if let Some(r) = rest.strip_prefix('`') {
        r.split('`').next()?.to_string()
    } else if let Some(r) = rest.strip_prefix('"') {
        r.split('"').next()?.to_string()
    } else {
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'))
            .collect();
        // "floor(partitionNum / 2)" is an expression, not a value.
        if rest[token.len()..].starts_with('(') {
            return None;
        }
        token.trim_end_matches(['.', ':']).to_string()
    };
    let token = token.trim().to_string();
    (!token.is_empty()).then_some(token)
}

// ---------------------------------------------------------------------------------------------
// Ranges, lengths and item counts

/// A range, length or item-count constraint, chosen by what the sentence talks about and the
/// field's type.
pub fn value_constraint(sentence: &str, ty: &TypeRef) -> Option<Constraint> {
    let lower = sentence.to_ascii_lowercase();
    if matches!(ty, TypeRef::String)
        && let Some(scope) = length_scope(&lower)
    {
        let (min, max) = bounds(scope)?;
        return Some(Constraint::Length {
            min: min.map(|v| v as u64),
            max: max.map(|v| v as u64),
        });
    }
    if let TypeRef::Array(inner) = ty {
        if let Some(max) = max_items(&lower) {
            return Some(Constraint::MaxItems { max });
        }
        // A range on a list of numbers bounds each item.
        if !inner.is_numeric() {
            return None;
        }
    }
    let numeric = ty.is_numeric() || matches!(ty, TypeRef::Array(inner) if inner.is_numeric());
    if numeric {
        if ["positive integer", "正整数"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return Some(Constraint::Range {
                min: Some(1.0),
                max: None,
            });
        }
        if ["non-negative integer", "非负整数"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return Some(Constraint::Range {
                min: Some(0.0),
                max: None,
            });
        }
        let has_marker = [
            "range",
            "范围",
            "between",
            "取值支持",
            "minimum",
            "maximum",
            "最小",
            "最大",
            "at least",
            "at most",
            "不小于",
            "不大于",
            "不超过",
            "不低于",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if has_marker {
            let (min, max) = bounds(&lower)?;
            return Some(Constraint::Range { min, max });
        }
    }
    None
}

/// The part of a sentence that states a length: all of it when it says "length"/"长度", else
/// the text up to a number directly followed by a character unit ("8-16 characters",
/// "64个字符"). `None` when the sentence does not state a length ("digits: 0-9 special
/// characters" counts no characters).
fn length_scope(lower: &str) -> Option<&str> {
    if lower.contains("length") || lower.contains("长度") {
        return Some(lower);
    }
    for (_, _, end) in numbers(lower) {
        let rest = lower[end..].trim_start().trim_start_matches('个');
        if ["character", "char", "字符", "位"]
            .iter()
            .any(|u| rest.starts_with(u))
        {
            return Some(&lower[..end]);
        }
    }
    None
}

/// "Up to 100", "a maximum of 100", "at most 100", "最多支持100个", "最多100个", "不超过100个".
pub fn max_items(lower: &str) -> Option<u64> {
    const MARKERS: &[&str] = &[
        "up to",
        "a maximum of",
        "maximum of",
        "at most",
        "no more than",
        "最多支持",
        "最多可以",
        "最多可",
        "最多",
        "不超过",
        "上限为",
    ];
    let at = MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .min()?;
    let n = first_number(lower.get(at..)?)?;
    (n >= 0.0 && n.fract() == 0.0).then_some(n as u64)
}

/// Lower and upper bounds stated in a sentence: `[a, b]`, `a~b`, `a-b`, `a to b`, `a 到 b`,
/// "between a and b", or one bound with "at most"/"not exceed"/"at least"/"minimum"/…
pub fn bounds(lower: &str) -> Option<(Option<f64>, Option<f64>)> {
    let numbers = numbers(lower);
    if numbers.len() >= 2 {
        // Two numbers joined by a range separator.
        for pair in numbers.windows(2) {
            let (a, a_end) = (pair[0].0, pair[0].2);
            let (b, b_start) = (pair[1].0, pair[1].1);
            let between = lower.get(a_end..b_start).unwrap_or("").trim();
            let between = between.trim_matches(|c: char| c == ' ');
            if matches!(
                between,
                "," | "，" | "~" | "～" | "-" | "–" | "to" | "and" | "到" | "至"
            ) || between.ends_with(" to")
                || between == ", "
            {
                // A reversed pair is not a range this code understands.
                return (a <= b).then_some((Some(a), Some(b)));
            }
        }
    }
    let (n, start, _) = *numbers.first()?;
    let before = lower.get(..start).unwrap_or("");
    const MAX: &[&str] = &[
        "at most",
        "up to",
        "not exceed",
        "no more than",
        "maximum",
        "max",
        "不超过",
        "不得超过",
        "最多",
        "最大",
        "不大于",
        "less than or equal",
    ];
    const MIN: &[&str] = &[
        "at least",
        "minimum",
        "min",
        "no less than",
        "不少于",
        "不小于",
        "最少",
        "最小",
        "不低于",
        "greater than or equal",
    ];
    // The marker nearest the number decides.
    let near = |words: &[&str]| words.iter().filter_map(|w| before.rfind(w)).max();
    match (near(MAX), near(MIN)) {
        (Some(a), Some(b)) if a > b => Some((None, Some(n))),
        (Some(_), Some(_)) => Some((Some(n), None)),
        (Some(_), None) => Some((None, Some(n))),
        (None, Some(_)) => Some((Some(n), None)),
        (None, None) => None,
    }
}

/// Numbers in the text with their byte start and end. A `-` is a sign only at the start or
/// after a space or bracket.
fn numbers(s: &str) -> Vec<(f64, usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            // "100,000,000": groups of three digits after commas are one number, unless the
            // number opens a bracketed range ("[1,100]").
            let in_brackets = s[..start].trim_end().ends_with(['[', '(']);
            if !in_brackets && i - start <= 3 {
                while i + 3 < bytes.len() + 1
                    && bytes.get(i) == Some(&b',')
                    && bytes
                        .get(i + 1..i + 4)
                        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                {
                    i += 4;
                }
            }
            let raw = s.get(start..i).unwrap_or("").trim_end_matches('.');
            let end = start + raw.len();
            let negative = start > 0
                && bytes[start - 1] == b'-'
                && (start == 1 || matches!(bytes[start - 2], b' ' | b'[' | b'(' | b','));
            let num_start = if negative { start - 1 } else { start };
            let text = s.get(num_start..end).unwrap_or(raw).replace(',', "");
            // Skip numbers glued to letters, like "IPv4" or "ext4".
            let glued = start > 0 && bytes[start - 1].is_ascii_alphabetic();
            if !glued && let Ok(v) = text.parse::<f64>() {
                out.push((v, num_start, end));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn first_number(s: &str) -> Option<f64> {
    numbers(s).first().map(|n| n.0)
}

// ---------------------------------------------------------------------------------------------
// Allowed values

/// "Valid values: `A`, `B`", "Values: A, B", "可选值：`A`、`B`", "取值：A，B".
pub fn allowed_values(sentence: &str) -> Option<Vec<String>> {
    const MARKERS: &[&str] = &[
        "valid values:",
        "valid values：",
        "valid values are",
        "allowed values:",
        "allowed values are",
        "possible values:",
        "values:",
        "value options:",
        "可选值：",
        "可选值:",
        "可选值为",
        "取值：",
        "取值:",
        "可能值：",
        "可选项：",
        "取值范围：",
        "value range:",
        "range of values:",
    ];
    let lower = sentence.to_ascii_lowercase();
    let at = MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .min()?;
    let rest = sentence.get(at..)?;
    let mut values: Vec<String> = Vec::new();
    if rest.contains('`') {
        values = rest
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
    } else {
        for part in rest.split([',', '，', '、', '/', '|']) {
            let part = part
                .trim()
                .trim_start_matches("or ")
                .trim_start_matches("and ")
                .trim_end_matches(['.', '。']);
            if is_value_token(part) {
                values.push(part.to_string());
            } else if !part.is_empty() {
                return None;
            }
        }
    }
    (values.len() >= 2).then_some(values)
}

/// Values listed as items, one per line: `- PREPAID：…`, `- CentOS`, `- SELL: …`.
fn list_values(lines: &[&str]) -> Option<Vec<String>> {
    let items: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("- ")).collect();
    if items.len() < 2 {
        return None;
    }
    let mut values = Vec::new();
    for item in items {
        let item = item.trim().trim_matches('`');
        let head: String = item
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        let rest = item[head.len()..].trim_start().trim_start_matches('`');
        let separated = rest.is_empty()
            || rest.starts_with([':', '：', '-', '（', '(', '—'])
            || rest.starts_with(char::is_whitespace);
        if head.is_empty() || !separated || !is_value_token(&head) {
            return None;
        }
        values.push(head);
    }
    Some(values)
}

fn is_value_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

// ---------------------------------------------------------------------------------------------
// Rules

/// Rules stated in a field's own description: "If nicId is provided, this field is required",
/// "This field and eipV4Type cannot be specified at the same time", "如果指定了X，则该字段必填".
pub fn field_rule(sentence: &str, field: &str, siblings: &[String]) -> Option<RuleDraft> {
    let lower = sentence.to_ascii_lowercase();
    let others: Vec<String> = mentioned_fields(sentence, siblings)
        .into_iter()
        .filter(|f| f != field)
        .collect();
    if others.is_empty() {
        return None;
    }
    if is_mutual_exclusion(&lower) {
        let mut fields = vec![field.to_string()];
        fields.extend(others);
        return Some(RuleDraft::AtMostOneOf { fields });
    }
    let requires = [
        "is required",
        "required when",
        "required if",
        "must be specified",
        "must be provided",
        "必填",
        "必传",
        "必选",
        "需要指定",
        "需指定",
        "必须指定",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let conditional = ["if ", "when ", "如果", "若", "当"]
        .iter()
        .any(|w| lower.contains(w));
    if requires && conditional && others.len() == 1 {
        let when = others[0].clone();
        let equals = condition_values(sentence, &when);
        // Without values, the sentence must say that the other field is merely given; a
        // condition this code cannot read ("if stackType includes IPv4") makes no rule.
        if equals.is_empty() && !states_presence(sentence, &when) {
            return None;
        }
        return Some(RuleDraft::RequiredIf {
            field: field.to_string(),
            when,
            equals,
        });
    }
    None
}

/// Whether a sentence conditions on `field` being given at all: "if `nicId` is provided",
/// "when nicId is specified", "如果指定了`nicId`", "传入nicId时".
fn states_presence(sentence: &str, field: &str) -> bool {
    let Some(at) = find_word(sentence, field) else {
        return false;
    };
    let after = sentence[at + field.len()..]
        .trim_start_matches('`')
        .trim_start()
        .to_ascii_lowercase();
    let before = &sentence[..at];
    [
        "is provided",
        "is specified",
        "is set",
        "is passed",
        "is given",
        "is present",
        "has a value",
    ]
    .iter()
    .any(|p| after.starts_with(p))
        || ["指定了", "指定", "传入", "传了", "填写了", "设置了"]
            .iter()
            .any(|p| before.trim_end_matches('`').ends_with(p))
}

/// Rules stated in a note about several request fields: "You must specify exactly one of the
/// following parameters: `a`, `b` … in order of priority: `a` > `b`", "`a`和`b`只能指定其中一个".
pub fn note_rule(sentence: &str, request_fields: &[String]) -> Option<RuleDraft> {
    let lower = sentence.to_ascii_lowercase();
    let fields = mentioned_fields(sentence, request_fields);
    let exactly = [
        "exactly one of",
        "one and only one",
        "必须且只能",
        "有且仅有一个",
        "有且只有一个",
        "必须指定其中一个",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if exactly && fields.len() >= 2 {
        let by_priority = lower.contains("priority") || sentence.contains("优先");
        let ordered = priority_order(sentence, &fields).unwrap_or(fields);
        return Some(RuleDraft::ExactlyOneOf {
            fields: ordered,
            by_priority,
        });
    }
    if is_mutual_exclusion(&lower) && fields.len() >= 2 {
        return Some(RuleDraft::AtMostOneOf { fields });
    }
    if fields.len() == 2 {
        // "If `a` is provided, `b` is required."
        let requires = [
            "is required",
            "must be specified",
            "必填",
            "必传",
            "需要指定",
        ]
        .iter()
        .any(|w| lower.contains(w));
        let cond = ["if ", "when ", "如果", "若"]
            .iter()
            .any(|w| lower.contains(w));
        if requires && cond {
            // The condition's field comes first in the sentence.
            let (when, field) = (fields[0].clone(), fields[1].clone());
            let equals = condition_values(sentence, &when);
            return Some(RuleDraft::RequiredIf {
                field,
                when,
                equals,
            });
        }
    }
    None
}

fn is_mutual_exclusion(lower: &str) -> bool {
    [
        "cannot be specified at the same time",
        "can not be specified at the same time",
        "cannot be set at the same time",
        "cannot both be",
        "mutually exclusive",
        "only one of",
        "只能指定其中一个",
        "不能同时指定",
        "不能同时设置",
        "不能同时",
        "二选一",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Fields of `known` named in a sentence, in the order they first appear, as code spans or as
/// whole words.
pub fn mentioned_fields(sentence: &str, known: &[String]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for name in known {
        // A field named by a plain word ("bandwidth") counts only in a code span; in running
        // text the word means the thing, not the field.
        let plain_word = name.chars().all(|c| c.is_ascii_lowercase());
        let at = if plain_word {
            sentence.find(&format!("`{name}`")).map(|i| i + 1)
        } else {
            find_word(sentence, name)
        };
        if let Some(at) = at {
            found.push((at, name.clone()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// Byte offset of `word` in `s` where it is not part of a longer identifier.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut from = 0;
    while let Some(i) = s.get(from..)?.find(word) {
        let at = from + i;
        let before = s[..at].chars().next_back();
        let after = s[at + word.len()..].chars().next();
        if !before.is_some_and(is_ident) && !after.is_some_and(is_ident) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The order given by "`a` > `b` > `c`", restricted to `fields`.
fn priority_order(sentence: &str, fields: &[String]) -> Option<Vec<String>> {
    let at = sentence.find('>')?;
    // The chain starts at the last field named before the first '>'.
    let chain_start = fields
        .iter()
        .filter_map(|f| sentence[..at].rfind(f.as_str()))
        .max()?;
    let chain = &sentence[chain_start..];
    let mut order = Vec::new();
    for part in chain.split('>') {
        let part = part
            .trim()
            .trim_matches(|c: char| c == '`' || c == '.' || c == '。');
        let part = part.trim_matches('`').trim();
        if let Some(f) = fields.iter().find(|f| f.as_str() == part) {
            order.push(f.clone());
        }
    }
    (order.len() == fields.len()).then_some(order)
}

/// Values the condition field must have: "If the value of X is `Y`", "when X is set to Y",
/// "X = Y". Empty when the sentence only asks for X to be present.
fn condition_values(sentence: &str, when: &str) -> Vec<String> {
    let Some(at) = find_word(sentence, when) else {
        return Vec::new();
    };
    let rest = sentence[at + when.len()..]
        .trim_start_matches('`')
        .trim_start();
    let lower = rest.to_ascii_lowercase();
    for marker in ["is set to ", "is ", "equals ", "= ", "为", "是", "等于"] {
        if let Some(r) = lower.strip_prefix(marker) {
            let original = &rest[rest.len() - r.len()..];
            if let Some(v) = literal_token(original)
                && is_value_token(&v)
                && !matches!(
                    v.as_str(),
                    "provided" | "specified" | "set" | "passed" | "not" | "empty" | "true"
                )
            {
                return vec![v];
            }
        }
    }
    Vec::new()
}

// ---------------------------------------------------------------------------------------------
// Asynchronous actions

/// Whether a note says the action is asynchronous and how to observe it.
pub fn is_async_note(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("asynchronous api")
        || lower.contains("asynchronous interface")
        || lower.contains("an asynchronous operation")
        || text.contains("异步接口")
}

/// Read the poll action and the states from an async note.
///
/// Each clause carries one verdict. A state after "from"/"由" is pending; after "to"/"变为" it
/// is the clause's outcome (failure if the clause speaks of failing, else success); a state the
/// resource "is in"/"处于" is the clause's outcome if it names one, else pending.
pub fn waiter(text: &str) -> WaiterDraft {
    // The docs write states as code spans or in bold.
    let text = text.replace("**", "`").replace("``", "");
    let mut w = WaiterDraft {
        poll_action: poll_action(&text),
        ..WaiterDraft::default()
    };
    let lower = text.to_ascii_lowercase();
    w.until_gone = [
        "no longer appears",
        "no longer returned",
        "not found",
        "查询不到",
        "不再出现",
    ]
    .iter()
    .any(|p| lower.contains(p));
    for clause in clauses(&text) {
        let words = strip_code(&clause.to_ascii_lowercase());
        let failed = words.contains("fail") || words.contains("失败");
        let succeeded = ["success", "complete", "成功", "完成"]
            .iter()
            .any(|w| words.contains(w));
        for (state, after) in states_with_context(&clause) {
            let at = clause.find(&format!("`{state}`")).unwrap_or(0);
            let before = clause[..at].to_ascii_lowercase();
            let before = before.trim_end();
            let is_from = before.ends_with(" from") || before.ends_with('由');
            let is_to = [" to", " or", "变为", "变成", "或"]
                .iter()
                .any(|m| before.ends_with(m));
            let is_during = ["will be", "during", "is in", "处于", "为"]
                .iter()
                .any(|m| before.ends_with(m))
                || after.starts_with("状态")
                || after.starts_with("state");
            let list = if is_from {
                &mut w.pending
            } else if is_to && failed {
                &mut w.failure
            } else if is_to {
                &mut w.success
            } else if is_during && failed {
                &mut w.failure
            } else if is_during && succeeded {
                &mut w.success
            } else if is_during {
                &mut w.pending
            } else {
                continue;
            };
            if !list.contains(&state) {
                list.push(state);
            }
        }
    }
    w
}

/// The action to poll: the first linked or quoted name that reads like a query action.
fn poll_action(text: &str) -> Option<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .find(|c| {
            ["Describe", "Inquiry", "Query", "Get", "List"]
                .iter()
                .any(|p| c.starts_with(p))
                && c.chars().all(|ch| ch.is_ascii_alphanumeric())
        })
        .map(str::to_string)
}

/// Split a note into clauses that each carry one verdict: at sentence ends, `;`, `；`, and
/// before a new "if"/"如果".
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        for part in sentence.split([';', '；']) {
            let lower = part.to_ascii_lowercase();
            let mut cuts: Vec<usize> = lower
                .match_indices("if ")
                .map(|(i, _)| i)
                .filter(|&i| i > 0 && lower[..i].ends_with([' ', ',', '，']))
                .chain(
                    part.match_indices("如果")
                        .map(|(i, _)| i)
                        .filter(|&i| i > 0),
                )
                .collect();
            cuts.push(0);
            cuts.push(part.len());
            cuts.sort_unstable();
            for w in cuts.windows(2) {
                let clause = part[w[0]..w[1]].trim();
                if !clause.is_empty() {
                    out.push(clause.to_string());
                }
            }
        }
    }
    out
}

/// Code spans that look like states (`RUNNING`, `CREATE_FAILED`), with the text after each.
fn states_with_context(clause: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = clause.split('`').collect();
    let mut out = Vec::new();
    let mut i = 1;
    while i < parts.len() {
        let code = parts[i].trim();
        let is_state = !code.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && code.chars().any(|c| c.is_ascii_uppercase());
        if is_state {
            let after = parts.get(i + 1).copied().unwrap_or("").trim().to_string();
            out.push((code.to_string(), after));
        }
        i += 2;
    }
    out
}

/// Text without its code spans.
fn strip_code(s: &str) -> String {
    s.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sentences_split_on_both_languages_but_not_inside_code_or_decimals() {
        assert_eq!(
            sentences(
                "Elastic IP mode.\nDefault value: FullNat .\nSize is 0.5 GB. Next one。第二句。"
            ),
            names(&[
                "Elastic IP mode.",
                "Default value: FullNat .",
                "Size is 0.5 GB.",
                "Next one。",
                "第二句。"
            ])
        );
        assert_eq!(sentences("Use `a.b` here."), names(&["Use `a.b` here."]));
    }

    #[test]
    fn defaults_in_english_and_chinese() {
        assert_eq!(
            default_value("Default value: FullNat ."),
            Some("FullNat".into())
        );
        assert_eq!(
            default_value("Default value: FullNat"),
            Some("FullNat".into())
        );
        assert_eq!(default_value("Defaults to `true`."), Some("true".into()));
        assert_eq!(default_value("默认值：1"), Some("1".into()));
        assert_eq!(
            default_value("默认值为 instance。"),
            Some("instance".into())
        );
        assert_eq!(default_value("默认值：Auto"), Some("Auto".into()));
        assert_eq!(default_value("默认为空。"), None);
        assert_eq!(
            default_value("Default value: floor(partitionNum / 2)."),
            None
        );
        assert_eq!(default_value("The instance name."), None);
    }

    #[test]
    fn ranges_lengths_and_item_counts() {
        assert_eq!(
            value_constraint("Value range: [1, 100]", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(1.0),
                max: Some(100.0)
            })
        );
        assert_eq!(
            value_constraint("可选值范围：[1, 100]", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(1.0),
                max: Some(100.0)
            })
        );
        assert_eq!(
            value_constraint("取值范围：1~100。", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(1.0),
                max: Some(100.0)
            })
        );
        assert_eq!(
            value_constraint("The minimum value is 5.", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(5.0),
                max: None
            })
        );
        assert_eq!(
            value_constraint(
                "The name must be 2 to 63 characters long.",
                &TypeRef::String
            ),
            Some(Constraint::Length {
                min: Some(2),
                max: Some(63)
            })
        );
        assert_eq!(
            value_constraint("不得超过64个字符。", &TypeRef::String),
            Some(Constraint::Length {
                min: None,
                max: Some(64)
            })
        );
        assert_eq!(
            value_constraint("长度限制为4-10。", &TypeRef::String),
            Some(Constraint::Length {
                min: Some(4),
                max: Some(10)
            })
        );
        assert_eq!(
            value_constraint(
                "Up to 100 IDs are supported.",
                &TypeRef::Array(Box::new(TypeRef::String))
            ),
            Some(Constraint::MaxItems { max: 100 })
        );
        assert_eq!(
            value_constraint(
                "最多支持100个。",
                &TypeRef::Array(Box::new(TypeRef::String))
            ),
            Some(Constraint::MaxItems { max: 100 })
        );
        // A range sentence on a string is not a numeric range.
        assert_eq!(
            value_constraint("Value range: [1, 100]", &TypeRef::String),
            None
        );
        // "IPv4" is not the number 4.
        assert_eq!(
            value_constraint("At most IPv4 addresses.", &TypeRef::Integer),
            None
        );
    }

    #[test]
    fn allowed_values_from_sentences_and_lists() {
        assert_eq!(
            allowed_values("Valid values: `ByBandwidth`, `ByTrafficPackage`."),
            Some(names(&["ByBandwidth", "ByTrafficPackage"]))
        );
        assert_eq!(
            allowed_values("可选值：IPv4、IPv6"),
            Some(names(&["IPv4", "IPv6"]))
        );
        assert_eq!(allowed_values("Values: a new one, b"), None);
        let facts = read_field(
            "Sell status.\n- SELL：in stock\n- SOLD_OUT：sold out",
            "sellStatus",
            &TypeRef::String,
            &[],
        );
        assert_eq!(
            facts.constraints,
            vec![Constraint::AllowedValues {
                values: names(&["SELL", "SOLD_OUT"])
            }]
        );
        let facts = read_field(
            "Category.\nPossible:\n- CentOS\n- Windows",
            "category",
            &TypeRef::String,
            &[],
        );
        assert_eq!(
            facts.constraints,
            vec![Constraint::AllowedValues {
                values: names(&["CentOS", "Windows"])
            }]
        );
    }

    #[test]
    fn required_if_in_both_languages() {
        let siblings = names(&["nicId", "lanIp", "internetChargeType", "clusterId"]);
        assert_eq!(
            field_rule(
                "If nicId is provided, this field is required.",
                "lanIp",
                &siblings
            ),
            Some(RuleDraft::RequiredIf {
                field: "lanIp".into(),
                when: "nicId".into(),
                equals: vec![]
            })
        );
        assert_eq!(
            field_rule("如果指定了`nicId`，则该字段必填。", "lanIp", &siblings),
            Some(RuleDraft::RequiredIf {
                field: "lanIp".into(),
                when: "nicId".into(),
                equals: vec![]
            })
        );
        assert_eq!(
            field_rule(
                "If the value of internetChargeType is BandwidthCluster , the parameter is required.",
                "clusterId",
                &siblings
            ),
            Some(RuleDraft::RequiredIf {
                field: "clusterId".into(),
                when: "internetChargeType".into(),
                equals: names(&["BandwidthCluster"])
            })
        );
        assert_eq!(
            field_rule(
                "Required when `internetChargeType` is `BandwidthCluster`.",
                "clusterId",
                &siblings
            ),
            Some(RuleDraft::RequiredIf {
                field: "clusterId".into(),
                when: "internetChargeType".into(),
                equals: names(&["BandwidthCluster"])
            })
        );
        // No sibling named: nothing to build a rule from.
        assert_eq!(
            field_rule("Required when the billing mode is traffic.", "x", &siblings),
            None
        );
    }

    #[test]
    fn exactly_one_of_in_priority_order() {
        let fields = names(&[
            "eipIds",
            "loadBalancerId",
            "nicId",
            "lanIp",
            "natId",
            "haVipId",
        ]);
        let s = "You must specify exactly one of the following parameters: `loadBalancerId`, `nicId`, `natId`, or `haVipId`, in order of priority: `loadBalancerId` > `nicId` > `natId` > `haVipId`.";
        assert_eq!(
            note_rule(s, &fields),
            Some(RuleDraft::ExactlyOneOf {
                fields: names(&["loadBalancerId", "nicId", "natId", "haVipId"]),
                by_priority: true
            })
        );
        // The priority chain decides the order even when the list gives another.
        let s = "必须且只能指定`natId`、`nicId`其中一个，优先级：`nicId` > `natId`。";
        assert_eq!(
            note_rule(s, &fields),
            Some(RuleDraft::ExactlyOneOf {
                fields: names(&["nicId", "natId"]),
                by_priority: true
            })
        );
    }

    #[test]
    fn at_most_one_of_in_both_languages() {
        let fields = names(&["raidType", "customRaids", "networkLineType", "eipV4Type"]);
        assert_eq!(
            note_rule("raidType和customRaids只能指定其中一个参数。", &fields),
            Some(RuleDraft::AtMostOneOf {
                fields: names(&["raidType", "customRaids"])
            })
        );
        assert_eq!(
            field_rule(
                "This field and eipV4Type cannot be specified at the same time.",
                "networkLineType",
                &fields
            ),
            Some(RuleDraft::AtMostOneOf {
                fields: names(&["networkLineType", "eipV4Type"])
            })
        );
    }

    #[test]
    fn async_notes_in_english() {
        let note = "This is an asynchronous API. A list of instance IDs will be returned immediately after the request is successfully submitted, but the operation is not yet complete. During this period, the instance status will be `DEPLOYING`. You can query the creation result by calling [`DescribeInstances`](describeinstances.md). If the instance status changes from `DEPLOYING` to `RUNNING`, the creation was successful; if it changes to `CREATE_FAILED`, the creation failed.";
        let facts = read_note(note, &[]);
        assert_eq!(
            facts.waiter,
            Some(WaiterDraft {
                poll_action: Some("DescribeInstances".into()),
                pending: names(&["DEPLOYING"]),
                success: names(&["RUNNING"]),
                failure: names(&["CREATE_FAILED"]),
                until_gone: false,
            })
        );
        let note = "This is an asynchronous API. You can query the disk rollback status by calling `DescribeDisks`. If the disk status changes from `ROLLING_BACK` to `AVAILABLE` or `IN_USE`, the rollback was successful.";
        let w = read_note(note, &[]).waiter.unwrap();
        assert_eq!(w.success, names(&["AVAILABLE", "IN_USE"]));
        assert_eq!(w.pending, names(&["ROLLING_BACK"]));
        let note = "This is an asynchronous API. You can query the instance status by calling `DescribeInstances`. When the instance no longer appears in the query results, it has been fully destroyed.";
        let w = read_note(note, &[]).waiter.unwrap();
        assert!(w.until_gone);
        assert!(w.success.is_empty());
    }

    #[test]
    fn async_notes_in_chinese() {
        let note = "本接口为异步接口，当创建实例请求下发成功后会返回一个实例`ID`列表，此时创建实例操作并未立即完成。在此期间实例的状态将会处于`DEPLOYING`，实例创建结果可以通过调用`DescribeInstances` 接口查询，如果实例状态由`DEPLOYING`变为`RUNNING`则代表创建成功，如果变为`CREATE_FAILED`则代表创建失败，创建过程中不可对实例进行任何操作。";
        let w = read_note(note, &[]).waiter.unwrap();
        assert_eq!(w.poll_action.as_deref(), Some("DescribeInstances"));
        assert_eq!(w.pending, names(&["DEPLOYING"]));
        assert_eq!(w.success, names(&["RUNNING"]));
        assert_eq!(w.failure, names(&["CREATE_FAILED"]));
    }

    #[test]
    fn async_notes_with_bold_states_in_nested_items() {
        let note = "本接口属于异步接口，您可以调用`DescribeEipAddresses`查询EIP的状态：\n- 当EIP处于 **ASSOCIATING** 状态时，表示EIP正在绑定中，在该状态下，您只能执行查询操作。\n- 当EIP处于 **INUSE** 状态时，表示EIP绑定完成。";
        let w = read_note(note, &[]).waiter.unwrap();
        assert_eq!(w.poll_action.as_deref(), Some("DescribeEipAddresses"));
        assert_eq!(w.pending, names(&["ASSOCIATING"]));
        assert_eq!(w.success, names(&["INUSE"]));
    }

    #[test]
    fn thousands_separators_and_reversed_pairs() {
        assert_eq!(
            value_constraint("Maximum is 100,000,000 Mbps.", &TypeRef::Integer),
            Some(Constraint::Range {
                min: None,
                max: Some(100_000_000.0)
            })
        );
        assert_eq!(
            value_constraint("Value range: [1,100]", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(1.0),
                max: Some(100.0)
            })
        );
        assert_eq!(
            value_constraint("Value range: 100 to 1.", &TypeRef::Integer),
            None
        );
    }

    #[test]
    fn ranges_on_lists_of_numbers_bound_each_item() {
        let days = TypeRef::Array(Box::new(TypeRef::Integer));
        assert_eq!(
            value_constraint("Available range: [1, 7].", &days),
            Some(Constraint::Range {
                min: Some(1.0),
                max: Some(7.0)
            })
        );
        assert_eq!(
            value_constraint("Up to 7 days.", &days),
            Some(Constraint::MaxItems { max: 7 })
        );
    }

    #[test]
    fn lengths_need_a_unit_next_to_the_number() {
        let facts = read_field(
            "Instance password.\nThe parameter must be 8-16 characters, including:\nlowercase letters: [a-z] digits: 0-9 special characters: ~!@",
            "password",
            &TypeRef::String,
            &[],
        );
        assert_eq!(
            facts.constraints,
            vec![Constraint::Length {
                min: Some(8),
                max: Some(16)
            }]
        );
        assert_eq!(
            value_constraint("Name length: 1 to 64 characters.", &TypeRef::String),
            Some(Constraint::Length {
                min: Some(1),
                max: Some(64)
            })
        );
    }

    #[test]
    fn conditions_this_code_cannot_read_make_no_rule() {
        let siblings = names(&["cidrBlock", "stackType"]);
        assert_eq!(
            field_rule(
                "If the specified stack type ( stackType ) includes IPv4, this field is required.",
                "cidrBlock",
                &siblings
            ),
            None
        );
    }

    #[test]
    fn plain_word_fields_count_only_in_code_spans() {
        let siblings = names(&["bandwidth", "clusterId", "internetChargeType"]);
        assert_eq!(
            field_rule(
                "Required when the billing mode is shared bandwidth package billing (BandwidthCluster).",
                "clusterId",
                &siblings
            ),
            None
        );
        assert_eq!(
            field_rule("Required when `bandwidth` is set.", "clusterId", &siblings),
            Some(RuleDraft::RequiredIf {
                field: "clusterId".into(),
                when: "bandwidth".into(),
                equals: vec![]
            })
        );
    }

    #[test]
    fn positive_integers_and_value_lists_after_range_markers() {
        assert_eq!(
            value_constraint("取值范围：正整数。", &TypeRef::Integer),
            Some(Constraint::Range {
                min: Some(1.0),
                max: None
            })
        );
        assert_eq!(
            allowed_values("取值范围：IPV4、IPV6。"),
            Some(names(&["IPV4", "IPV6"]))
        );
        assert_eq!(allowed_values("Value range: [1, 100]"), None);
    }

    #[test]
    fn unrecognised_constraints_are_reported_and_plain_prose_is_not() {
        let facts = read_field(
            "The instance password.\nMust contain upper and lower case letters.",
            "password",
            &TypeRef::String,
            &[],
        );
        assert_eq!(
            facts.unrecognised,
            names(&["Must contain upper and lower case letters."])
        );
        let facts = read_field("密钥与密码不能同时指定。", "sshKeys", &TypeRef::String, &[]);
        assert_eq!(facts.unrecognised.len(), 1);
        let facts = read_field("Private IP.", "lanIp", &TypeRef::String, &[]);
        assert!(facts.unrecognised.is_empty());
    }
}
