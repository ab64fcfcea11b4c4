//! Asynchronous actions: which action to poll, and which states mean pending, done and
//! failed, read from the note that calls the action asynchronous.

use crate::ir::{SourceRef, Waiter, is_read_only_action};

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
pub fn read_waiter(text: &str, source: SourceRef) -> Option<Waiter> {
    // The docs write states as code spans or in bold.
    let text = text.replace("**", "`").replace("``", "");
    let mut w = Waiter {
        poll_action: poll_action(&text)?,
        pending: Vec::new(),
        success: Vec::new(),
        failure: Vec::new(),
        until_gone: false,
        watch: None,
        source,
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
    (!w.success.is_empty() || w.until_gone).then_some(w)
}

/// The action to poll: the first name of a read-only action, in a code span, a link's text or
/// the running text.
fn poll_action(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|word| {
            is_read_only_action(word) && word.chars().skip(1).any(|c| c.is_ascii_uppercase())
        })
        .map(str::to_string)
}

/// Split a note into clauses that each carry one verdict: at sentence ends, `;`, `；`, and
/// before a new "if"/"如果".
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in super::sentences(text) {
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
