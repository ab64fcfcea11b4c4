//! Word lists the reader shares: what makes a sentence look like a constraint, what makes a
//! clause a condition, which phrases make a number relative, and the small vocabularies of
//! the slots.

/// Words that make a sentence look like a constraint: when the reader does not understand
/// such a sentence, it is reported.
const CONSTRAINT_WORDS: &[&str] = &[
    "must",
    "required",
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
    "start with",
    "starting with",
    "starts with",
    "end with",
    "ending with",
    "ends with",
    "begin with",
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

/// Words that make a clause a condition on something else ("if …", "for GPU instances",
/// "当…时"): a clause the reader cannot read that says one of these may restrict when the
/// rest of the sentence holds, so nothing in that part of the sentence becomes a rule.
const CONDITION_WORDS: &[&str] = &[
    "if",
    "when",
    "unless",
    "except",
    "only",
    "for",
    "with",
    "while",
    "after",
    "before",
    "once",
    "otherwise",
    "means",
    "如果",
    "若",
    "当",
    "除",
    "仅",
    "只",
    "对于",
    "时",
    "否则",
    "表示",
    "代表",
];

/// Phrases with a condition word that state no condition ("starting with a letter").
const NOT_CONDITIONS: &[&str] = &[
    "starting with",
    "starts with",
    "start with",
    "ending with",
    "ends with",
    "end with",
    "beginning with",
    "begins with",
    "begin with",
];

/// Chinese words that hold a condition character (`当`, `时`) and state no condition
/// ("当前", "时间戳", "同时").
const NOT_CONDITIONS_CJK: &[&str] = &[
    "当前", "相当", "适当", "时间", "时区", "时长", "时刻", "同时", "实时", "及时", "小时", "随时",
    "临时", "超时",
];

/// Phrases that make a number relative to something the client cannot see, or a rate over
/// time or over many requests: a sentence with one makes no bound ("2 times the size of the
/// disk", "10 per day", "in total per account").
const RELATIVE_PHRASES: &[&str] = &[
    "times",
    "per day",
    "a day",
    "per hour",
    "per month",
    "per region",
    "per zone",
    "per account",
    "per team",
    "per user",
    "per instance",
    "per vpc",
    "in total",
    "in all",
    "daily",
    "quota",
    "倍",
    "每天",
    "每日",
    "每小时",
    "每月",
    "每个地域",
    "每个区域",
    "每个账号",
    "每个账户",
    "每个用户",
    "每个团队",
    "总共",
    "总计",
    "累计",
    "配额",
];

/// Ways of naming the field being described.
pub(crate) const THIS: &[&str] = &[
    "this field",
    "this parameter",
    "the parameter",
    "this value",
    "the value",
    "the field",
    "it",
    "该字段",
    "该参数",
    "此字段",
    "此参数",
    "本参数",
    "本字段",
];

/// Separators between values in a list.
pub(crate) const VALUE_SEPARATORS: &[&str] = &[
    ", or", ", and", ",", "、", "/", "|", "or", "and", "或", "和",
];

/// Separators between field names in a list.
pub(crate) const FIELD_SEPARATORS: &[&str] = &[
    ", or", ", and", ",", "、", "or", "and", "或", "和", "与", "及",
];

/// Units of measure that may follow a number.
pub(crate) const UNITS: &[&str] = &[
    "mbps", "gbps", "kbps", "bps", "pps", "kpps", "mb", "gb", "gib", "tb", "tib", "kb", "mib",
    "ms", "seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "%", "秒",
    "分钟", "小时", "天",
];

/// Units of string length.
pub(crate) const CHARACTER_UNITS: &[&str] = &[
    "characters long",
    "characters",
    "character",
    "chars",
    "个字符",
    "字符",
    "位",
];

/// Words that end the noun of an item count: they start a new phrase.
pub(crate) const NOT_A_NOUN: &[&str] = &[
    "are",
    "is",
    "can",
    "may",
    "per",
    "in",
    "at",
    "each",
    "times",
    "of",
    "and",
    "or",
    "to",
    "for",
    "if",
    "when",
    "must",
    "will",
    "be",
    "the",
    "a",
    "an",
    "separated",
    "with",
];

/// Whether a sentence reads like a constraint, so that not understanding it is worth a lint.
pub fn is_constraint_like(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    CONSTRAINT_WORDS.iter().any(|w| lower.contains(w))
}

/// Words that state an upper limit on a value.
const UPPER_LIMIT_WORDS: &[&str] = &[
    "maximum",
    "max",
    "at most",
    "up to",
    "no more than",
    "not exceed",
    "最大",
    "最多",
    "不超过",
    "不得超过",
    "不能超过",
    "上限",
];

/// Words that state a lower limit on a value.
const LOWER_LIMIT_WORDS: &[&str] = &["minimum", "min", "at least", "最小", "最少", "下限"];

/// Words that state a limit on either side, or both.
const LIMIT_WORDS: &[&str] = &["range", "between", "limit", "范围", "限制"];

/// The sides of a value a limit bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Sides {
    pub lower: bool,
    pub upper: bool,
}

/// Which sides the limit a sentence states bounds, if it states an absolute one: limit words
/// and a number, and no comparison with something else ("no more than 4 bits longer than the
/// mask"). "The maximum limit is usually 10000" bounds the upper side only; "Value range"
/// both.
pub(crate) fn limit_sides(sentence: &str) -> Sides {
    if !states_a_limit(sentence) {
        return Sides::default();
    }
    let upper = contains_any_word(sentence, UPPER_LIMIT_WORDS);
    let lower = contains_any_word(sentence, LOWER_LIMIT_WORDS);
    if upper || lower {
        Sides { lower, upper }
    } else {
        Sides {
            lower: true,
            upper: true,
        }
    }
}

/// Whether a sentence states an absolute limit: a limit word and a number, and no comparison
/// with something else ("no more than 4 bits longer than the mask").
pub(crate) fn states_a_limit(sentence: &str) -> bool {
    (contains_any_word(sentence, LIMIT_WORDS)
        || contains_any_word(sentence, UPPER_LIMIT_WORDS)
        || contains_any_word(sentence, LOWER_LIMIT_WORDS))
        && !contains_any_word(sentence, &["than", "比"])
        && !is_relative(sentence)
        && sentence
            .char_indices()
            .any(|(i, c)| c.is_ascii_digit() && !super::slots::number(sentence, i).is_empty())
}

/// Whether a clause states a condition ("if …", "for …", "当…时").
pub(crate) fn states_condition(clause: &str) -> bool {
    let mut lower = clause.to_ascii_lowercase();
    if lower.contains("with") {
        for phrase in NOT_CONDITIONS {
            lower = lower.replace(phrase, " ");
        }
    }
    if !lower.is_ascii() {
        for word in NOT_CONDITIONS_CJK {
            lower = lower.replace(word, " ");
        }
    }
    contains_any_word(&lower, CONDITION_WORDS)
}

/// Whether a sentence makes its numbers relative or a rate (see [`RELATIVE_PHRASES`]).
pub(crate) fn is_relative(sentence: &str) -> bool {
    contains_any_word(sentence, RELATIVE_PHRASES)
}

/// How a clause that says which characters a text may hold starts ("仅支持", "must start
/// with"), after any words naming the field.
const CHARACTER_RULE_OPENERS: &[&str] = &[
    "仅支持",
    "只支持",
    "仅允许",
    "只允许",
    "仅包含",
    "只包含",
    "只能包含",
    "仅能包含",
    "只能是",
    "只能由",
    "仅由",
    "必须以",
    "需以",
    "需要以",
    "应以",
    "以",
    "开头和结尾必须是",
    "开头必须是",
    "结尾必须是",
    "且开头和结尾必须是",
    "can only contain",
    "can contain only",
    "may only contain",
    "may contain only",
    "only supports",
    "supports only",
    "only contains",
    "contains only",
    "must contain only",
    "must start with",
    "must begin with",
    "must start and end with",
    "must begin and end with",
    "must end with",
    "should start with",
    "starts with",
];

/// Words allowed after an opener in a character rule: kinds of characters, the characters
/// themselves, and the words that join them.
const CHARACTER_RULE_WORDS: &[&str] = &[
    "大小写字母",
    "大写字母",
    "小写字母",
    "英文字母",
    "字母",
    "阿拉伯数字",
    "数字",
    "中文",
    "汉字",
    "英文句点",
    "英文句号",
    "英文",
    "连字符",
    "中划线",
    "中横线",
    "短横线",
    "短划线",
    "横线",
    "下划线",
    "斜杠",
    "句点",
    "句号",
    "点号",
    "点",
    "空格",
    "组成",
    "开头",
    "结尾",
    "以及",
    "或者",
    "和",
    "或",
    "及",
    "与",
    "的",
    "是",
    "、",
    "upper-case",
    "lower-case",
    "uppercase",
    "lowercase",
    "upper",
    "lower",
    "case",
    "english",
    "chinese",
    "letters",
    "letter",
    "digits",
    "digit",
    "numbers",
    "number",
    "numerals",
    "characters",
    "character",
    "hyphens",
    "hyphen",
    "underscores",
    "underscore",
    "periods",
    "period",
    "dots",
    "dot",
    "slashes",
    "slash",
    "spaces",
    "space",
    "and",
    "or",
    "a",
    "an",
    "end",
    "with",
    "both",
    "only",
    "-",
    "_",
    ".",
    "/",
    "(",
    ")",
    ",",
    "`",
    "'",
    "\"",
];

/// Words that may name the field before a character rule starts.
const CHARACTER_RULE_SUBJECTS: &[&str] = &[
    "并且",
    "且",
    "该参数",
    "此参数",
    "该字段",
    "名称",
    "密码",
    "and",
    "this parameter",
    "the parameter",
    "the name",
    "it",
];

/// Whether a clause only says which characters a text may hold, start or end with
/// ("仅支持字母、数字和短横线", "must start with a letter or digit"). The reader does not
/// check such a rule, but it neither narrows when the limits beside it hold nor widens them:
/// it holds no number, no value and no condition.
pub(crate) fn is_character_rule(clause: &str) -> bool {
    let lower = clause.to_ascii_lowercase();
    let mut rest = lower.trim();
    loop {
        let before = rest;
        for subject in CHARACTER_RULE_SUBJECTS {
            if let Some(r) = rest.strip_prefix(subject) {
                rest = r.trim_start();
            }
        }
        if rest == before {
            break;
        }
    }
    let Some(after) = CHARACTER_RULE_OPENERS
        .iter()
        .filter(|o| rest.starts_with(**o))
        .max_by_key(|o| o.len())
        .map(|o| &rest[o.len()..])
    else {
        return false;
    };
    let mut rest = after.trim_start();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(word) = CHARACTER_RULE_WORDS
            .iter()
            .filter(|w| {
                rest.starts_with(**w)
                    // An English word must end where the text or the word does.
                    && (!w.chars().all(|c| c.is_ascii_alphabetic())
                        || !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
            })
            .max_by_key(|w| w.len())
        else {
            return false;
        };
        rest = rest[word.len()..].trim_start();
    }
    true
}

/// Whether `text` holds one of `words`, as whole words for ASCII and anywhere for CJK.
fn contains_any_word(text: &str, words: &[&str]) -> bool {
    let lower = text.to_ascii_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    words.iter().any(|w| {
        if !w.is_ascii() {
            lower.contains(w)
        } else if !w.contains(' ') {
            tokens.contains(w)
        } else {
            // A phrase: its words in a row.
            let parts: Vec<&str> = w.split(' ').collect();
            tokens
                .windows(parts.len())
                .any(|window| window == parts.as_slice())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_and_relative_phrases_are_whole_words() {
        assert!(states_condition("if the subnet is IPv6 only"));
        assert!(states_condition("当子网为IPv6时"));
        assert!(!states_condition("默认为 private-connect-{当前时间戳}"));
        assert!(!states_condition("严格模式必须同时指定"));
        assert!(states_condition("同时指定时"));
        assert!(!states_condition("Private IP address"));
        assert!(!states_condition("information"));
        assert!(!states_condition(
            "starting and ending with a letter or digit"
        ));
        assert!(states_condition("with `ByBandwidth` billing"));
        assert!(is_relative("At most 2 times the size of the source disk"));
        assert!(is_relative("Up to 10 per day"));
        assert!(!is_relative("Up to 10 IDs per request"));
        assert!(!is_relative("Sometimes"));
    }

    #[test]
    fn character_rules_hold_no_number_value_or_condition() {
        for clause in [
            "仅支持字母、数字和短横线",
            "只能是数字和大小写字母",
            "且必须以字母开头",
            "必须以数字或字母开头或结尾",
            "仅支持字母、数字、-和英文句点(.)",
            "该参数需以数字或字母开头和结尾",
            "仅支持字母、数字、连字符 (-) 、下划线(_) 、斜杠(/) 、和句点 (.)",
            "且开头和结尾必须是字母或数字",
            "This parameter must start with a number or a letter",
            "can only contain letters, digits and hyphens",
        ] {
            assert!(is_character_rule(clause), "{clause}");
        }
        for clause in [
            "仅支持 IPv4",
            "仅支持 10 个",
            "仅当类型为 A 时",
            "must start with `vpc-`",
            "must start with a letter if the type is Windows",
            "only supports letters for GPU instances",
            "字母",
        ] {
            assert!(!is_character_rule(clause), "{clause}");
        }
    }

    #[test]
    fn constraint_like_sentences() {
        assert!(is_constraint_like(
            "Must contain upper and lower case letters."
        ));
        assert!(is_constraint_like("密钥与密码不能同时指定。"));
        assert!(!is_constraint_like("Private IP."));
    }
}
