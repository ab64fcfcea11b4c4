//! Text → sentences → parts → clauses.
//!
//! A sentence ends at a line break, at `。！？`, or at `.`/`!`/`?` followed by white space or
//! the end (so `0.5` and `a.b` stay whole, and nothing splits inside a code span). Within a
//! sentence, `;` separates parts that each state something on their own, and `,` separates
//! the clauses of a part. The reader reads clause by clause; see [`super`].

/// Words that open a sentence; one glued to the word before it ("DriveThe default value")
/// starts a new sentence, as it does where a page's paragraphs were run together.
const GLUED_OPENERS: &[&str] = &[
    "The ",
    "Default ",
    "Value ",
    "Valid ",
    "Available ",
    "Unit:",
];

/// Split text into sentences.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut in_code = false;
        for (i, c) in line.char_indices() {
            let rest = &line[i + c.len_utf8()..];
            current.push(c);
            if c == '`' {
                in_code = !in_code;
            }
            let ends = !in_code
                && match c {
                    '。' | '！' | '？' => true,
                    '.' | '!' | '?' => {
                        rest.chars().next().is_none_or(char::is_whitespace)
                            // "type.Standard": a full stop with no space after it, between a
                            // word and a capitalised word.
                            || (c == '.' && glued_after_full_stop(&line[..i], rest))
                    }
                    c if c.is_ascii_alphabetic() => {
                        GLUED_OPENERS.iter().any(|o| rest.starts_with(o))
                    }
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

/// Whether a full stop between `before` and `after` ends a sentence though no space follows
/// it: a lower-case word before, a capitalised word (not a name in code) after.
fn glued_after_full_stop(before: &str, after: &str) -> bool {
    let mut next = after.chars();
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_lowercase())
        && before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count()
            >= 3
        && next.next().is_some_and(|c| c.is_ascii_uppercase())
        && next.next().is_some_and(|c| c.is_ascii_lowercase())
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

/// A sentence as the templates see it: full-width punctuation as ASCII, no bold markers or
/// list bullets, single spaces, no final full stop.
pub fn normalise(sentence: &str) -> String {
    let mut s = String::with_capacity(sentence.len());
    for c in sentence.replace("**", "").chars() {
        s.push(match c {
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '～' => '~',
            '［' => '[',
            '］' => ']',
            '“' | '”' | '＂' => '"',
            '＝' => '=',
            '＞' => '>',
            '\u{00a0}' => ' ',
            c => c,
        });
    }
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_start_matches(['-', '*', '•', '·'])
        .trim()
        .trim_end_matches(['.', '。', '!', '！'])
        .trim_end()
        .to_string()
}

/// How the statements that may follow `and` in one sentence start.
const FACT_OPENERS: &[&str] = &[
    "the default",
    "default",
    "the maximum",
    "maximum",
    "the minimum",
    "minimum",
    "at most",
    "at least",
    "up to",
];

/// Whether `text` starts a statement of a limit or default of its own (`the default is 10`).
pub fn opens_a_statement(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    FACT_OPENERS.iter().any(|o| lower.starts_with(o))
}

/// Byte offsets where a clause may end: before `,` or `;` outside code spans and brackets,
/// and the end of the text. Each comes with whether it ends a part (`;` or the end).
pub fn clause_ends(text: &str) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '(' | '[' if !in_code => depth += 1,
            ')' | ']' if !in_code => depth -= 1,
            ',' if !in_code && depth <= 0 => out.push((i, false)),
            ';' if !in_code && depth <= 0 => out.push((i, true)),
            // "… is 100 and the default is 10": `and` before a statement of its own ends a
            // clause as a comma does.
            ' ' if !in_code
                && depth <= 0
                && text[i..].to_ascii_lowercase().starts_with(" and ")
                && opens_a_statement(&text[i + 5..]) =>
            {
                // The clause ends where `and` starts; it is stepped over with the separator.
                out.push((i + 1, false))
            }
            _ => {}
        }
    }
    out.push((text.len(), true));
    out
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
        // Paragraphs run together when a page is rendered as text.
        assert_eq!(
            sentences("Disk type.Standard Disk: HDDThe default value is Standard Disk."),
            names(&[
                "Disk type.",
                "Standard Disk: HDD",
                "The default value is Standard Disk."
            ])
        );
        assert_eq!(
            sentences("Renewal.It is required. Use `x.Name` or a.Bc here."),
            names(&["Renewal.", "It is required.", "Use `x.Name` or a.Bc here."])
        );
        // A semicolon does not end a sentence; it separates parts of one.
        assert_eq!(sentences("A; b."), names(&["A; b."]));
    }

    #[test]
    fn normalised_text() {
        assert_eq!(normalise("默认值：**1**。"), "默认值:1");
        assert_eq!(
            normalise("- Default value: FullNat ."),
            "Default value: FullNat"
        );
        assert_eq!(normalise("取值范围（1～100）"), "取值范围(1~100)");
    }

    #[test]
    fn clauses_end_at_commas_and_parts_at_semicolons_outside_brackets() {
        let t = "Value range: [1, 100], default 5; `a,b` c";
        let ends: Vec<(usize, bool)> = clause_ends(t);
        assert_eq!(ends, vec![(21, false), (32, true), (t.len(), true)]);
    }
}
