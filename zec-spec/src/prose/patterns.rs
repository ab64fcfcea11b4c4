//! The phrase patterns the reader understands, English and Chinese, for field descriptions
//! and notes alike. A clause is understood only when one template matches all of it; what the
//! pattern says then becomes one fact, if the field's type allows it (a range needs a number,
//! a length a string, an item count a list).
//!
//! To teach the reader a new phrasing, add a template to the pattern that says the same thing
//! (or a new pattern), with the sentence as an example: the tests check every example.

/// What a pattern states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Says {
    /// The default value (`{value}` or `{n}`).
    Default,
    /// A numeric range, both bounds (`{n}` `{n}`).
    Range,
    /// A lower bound (`{n}`).
    Min,
    /// An upper bound (`{n}`).
    Max,
    /// At least 1 ("positive integer").
    Positive,
    /// At least 0 ("non-negative integer").
    NonNegative,
    /// A length in characters, both bounds.
    Length,
    /// A minimum length.
    MinLength,
    /// A maximum length.
    MaxLength,
    /// At most so many items in a list.
    MaxItems,
    /// The values allowed (`{values}`).
    Values,
    /// A field that becomes required when another is given, or has one of some values.
    RequiredIf,
    /// Fields of which at most one may be given.
    AtMostOneOf,
    /// Fields of which exactly one must be given, possibly in priority order (`{chain}`).
    ExactlyOneOf,
}

/// One pattern: the templates that say one thing, and example sentences with the fact each
/// must give (in [`super::Fact`]'s notation).
#[derive(Debug)]
// The name and examples are read by the tests, which check every example.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Pattern {
    /// A short name, for tests and maintainers.
    pub name: &'static str,
    /// What a match states.
    pub says: Says,
    /// The phrasings.
    pub templates: &'static [&'static str],
    /// Sentences that must give the fact written after them.
    pub examples: &'static [(&'static str, &'static str)],
}

/// Words that introduce a numeric range.
macro_rules! range_intro {
    () => {
        "[(valid | available | available value | allowed | value | the value | the)] range [of values] [(: | is | =)]"
    };
}

/// Every pattern, in the order they are tried (the longest match wins; on a tie, the first).
pub(crate) const PATTERNS: &[Pattern] = &[
    Pattern {
        name: "default",
        says: Says::Default,
        templates: &[
            "[the] default [value] (is | : | =) {value} [{gloss}]",
            "[the] default [value] (is | : | =) {n} {unit} [{gloss}]",
            "defaults to {value} [{gloss}]",
            "默认值 [(: | 为 | 是)] {value} [{gloss}]",
            "默认值 [(: | 为 | 是)] {n} {unit}",
            "默认 (为 | 是) {value} [{gloss}]",
            "[the] default {n} [{unit}]",
            "默认 {n} [{unit}]",
        ],
        examples: &[
            ("Default value: FullNat .", "default FullNat"),
            ("Default: `20`.", "default 20"),
            ("Defaults to `true`.", "default true"),
            ("The default value is 0 .", "default 0"),
            ("Default value: `FullNat` (NAT mode).", "default FullNat"),
            ("默认值：1。", "default 1"),
            ("默认值为 instance。", "default instance"),
            ("默认为20", "default 20"),
            ("Default: `Standard NVMe SSD`.", "default Standard NVMe SSD"),
            ("Default 10.", "default 10"),
            ("默认10。", "default 10"),
        ],
    },
    Pattern {
        name: "range",
        says: Says::Range,
        templates: &[
            concat!(
                range_intro!(),
                " {n} (to | ~ | - | – | 到 | 至) {n} [{unit}] [{gloss}]"
            ),
            concat!(
                range_intro!(),
                " \\[ {n} (, | -) {n} \\] [{unit}] [{gloss}]"
            ),
            "[the] [(value | values)] (ranges | range) from {n} to {n} [{unit}]",
            "[the] range is from {n} to {n} [{unit}]",
            "[(取值 | 可选值)] 范围 [(: | 为 | 是)] {n} (~ | - | 到 | 至) {n} [{unit}]",
            "[(取值 | 可选值)] 范围 [(: | 为 | 是)] \\[ {n} , {n} \\] [{unit}]",
            "取值支持 \\[ {n} , {n} \\]",
        ],
        examples: &[
            ("Value range: [1, 100].", "range 1..100"),
            ("Value range: 1 to 32768 (32 TB).", "range 1..32768"),
            ("Valid range: [0, 65535].", "range 0..65535"),
            ("range [1-65535]", "range 1..65535"),
            ("The value ranges from 1 to 65535.", "range 1..65535"),
            ("The range is from 2 to 5.", "range 2..5"),
            ("取值范围：1~100。", "range 1..100"),
            ("取值范围为2到5。", "range 2..5"),
            ("取值支持[0,99999]", "range 0..99999"),
            ("可选值范围：[1, 100]", "range 1..100"),
        ],
    },
    Pattern {
        name: "minimum",
        says: Says::Min,
        templates: &[
            concat!(range_intro!(), " \\[ {n} , (+ | ∞ | +∞) \\)"),
            "[the] (minimum | min) [value] (: | is | =) {n} [{unit}] [{gloss}]",
            "[(it | the value)] (must be | is) (at least | greater than or equal to | no less than) {n} [{unit}]",
            "at least {n} [{unit}]",
            "最小值 [(: | 为 | 是)] {n} [{unit}]",
            "不 (小于 | 低于 | 少于) {n} [{unit}]",
        ],
        examples: &[
            ("Minimum value: 1.", "range 1.."),
            ("The minimum value is 5.", "range 5.."),
            ("Available range: [1, +).", "range 1.."),
            ("It must be at least 10 Mbps.", "range 10.."),
            ("最小值为1", "range 1.."),
        ],
    },
    Pattern {
        name: "maximum",
        says: Says::Max,
        templates: &[
            "[the] (maximum | max) [value] (: | is | =) {n} [{unit}] [{gloss}]",
            "(at most | no more than | not more than) {n} [{unit}]",
            "[(it | the value)] (cannot | can not | must not | may not | does not) exceed {n} [{unit}]",
            "[(it | the value)] (must be | is) (less than or equal to | at most | no more than) {n} [{unit}]",
            "最大值 [(: | 为 | 是)] {n} [{unit}]",
            "最大 (为 | 不超过 | 不能超过 | 不得超过) {n} [{unit}]",
            "不 (超过 | 大于) {n} [{unit}]",
        ],
        examples: &[
            ("Maximum value: 1000.", "range ..1000"),
            ("Maximum is 100,000,000 Mbps.", "range ..100000000"),
            ("At most 1000.", "range ..1000"),
            ("The maximum value is 64.", "range ..64"),
            ("最大值为1000", "range ..1000"),
            ("最大不得超过100000000 Mbps。", "range ..100000000"),
        ],
    },
    Pattern {
        name: "positive integer",
        says: Says::Positive,
        templates: &[
            "[(it | the value)] [(must be | is)] [a] positive integer",
            "[取值范围 [:]] 正整数",
        ],
        examples: &[
            ("A positive integer.", "range 1.."),
            ("取值范围：正整数。", "range 1.."),
        ],
    },
    Pattern {
        name: "non-negative integer",
        says: Says::NonNegative,
        templates: &[
            "[(it | the value)] [(must be | is)] [a] non-negative integer",
            "[取值范围 [:]] 非负整数",
        ],
        examples: &[("A non-negative integer.", "range 0..")],
    },
    Pattern {
        name: "length",
        says: Says::Length,
        templates: &[
            "[(the | name)] length [limit] [(is | must be | :)] [between] {n} (to | and | - | ~) {n} [{chars}]",
            "[(it | the name | the parameter | this parameter | the value | name)] [(must be | is | can contain | contains | containing | must contain | has)] {n} (to | - | ~) {n} {chars}",
            "[名称] 长度 [限制] [(为 | :)] {n} (到 | 至 | - | ~) {n} [{chars}]",
            "[(必须是 | 范围)] {n} (到 | 至 | - | ~) {n} {chars}",
        ],
        examples: &[
            ("The name must be 2 to 63 characters long.", "length 2..63"),
            ("Length limit: 1 to 64 characters.", "length 1..64"),
            (
                "Length must be between 2 and 63 characters.",
                "length 2..63",
            ),
            ("The parameter must be 8-16 characters", "length 8..16"),
            ("名称长度为 2 到 63 个字符", "length 2..63"),
            ("长度限制为4-10。", "length 4..10"),
            ("必须是8-16位。", "length 8..16"),
        ],
    },
    Pattern {
        name: "minimum length",
        says: Says::MinLength,
        templates: &["[(it | the name)] (must be | is) at least {n} {chars}"],
        examples: &[("It must be at least 8 characters long.", "length 8..")],
    },
    Pattern {
        name: "maximum length",
        says: Says::MaxLength,
        templates: &[
            "[(it | the name | this parameter | the parameter | the length | length)] [(can contain | contains | containing | has | is | :)] (up to | at most | no more than | a maximum of) {n} {chars}",
            "[(it | the name)] (cannot | can not | must not) exceed {n} {chars}",
            "[(最长 | 长度 | 名称长度)] (不超过 | 不能超过 | 不得超过) {n} {chars}",
        ],
        examples: &[
            ("At most 255 characters.", "length ..255"),
            ("Length: up to 255 characters.", "length ..255"),
            (
                "This parameter can contain up to 64 characters.",
                "length ..64",
            ),
            ("Cannot exceed 64 characters.", "length ..64"),
            ("长度不能超过64个字符。", "length ..64"),
            ("最长不超过255个字符。", "length ..255"),
        ],
    },
    Pattern {
        name: "item count",
        says: Says::MaxItems,
        templates: &[
            "(up to | at most | a maximum of | maximum of | maximum | no more than) {n} [{noun}] [(are | is | can be)] [(supported | allowed | specified | accepted | entered | passed [in] | used | queried | included)] [(per (request | query | call) | in (each | one | a single) request | at a time | each time)]",
            "supports up to {n} [{noun}] [per (request | query)]",
            "you can (query | specify | pass | enter) up to {n} {noun} [(in each request | per request | at a time)]",
            "the maximum number of {noun} [(in each request | per request)] is {n}",
            "[每次请求] 最多 [(支持 | 可以 | 可 | 同时 | 能)] [(传入 | 传 | 输入 | 指定 | 查询)] {n} [{noun}]",
            "最大不能超过 {n} 个",
        ],
        examples: &[
            ("Up to 100 IDs.", "max_items 100"),
            (
                "A maximum of 100 IDs are supported per request.",
                "max_items 100",
            ),
            ("Up to 20 tag keys are supported.", "max_items 20"),
            ("Supports up to 100 IDs per query.", "max_items 100"),
            (
                "The maximum number of disks in each request is 100.",
                "max_items 100",
            ),
            (
                "You can query up to 100 instances in each request.",
                "max_items 100",
            ),
            ("最多支持100个ID查询。", "max_items 100"),
            ("最多可传100个ID。", "max_items 100"),
        ],
    },
    Pattern {
        name: "allowed values",
        says: Says::Values,
        templates: &[
            "(valid | allowed | possible | optional | supported) values (: | are | include) {values} [{gloss}]",
            "[(the value | value)] (values | value options) : {values} [{gloss}]",
            "(the value | it) (must be | can be | is) one of {values} [{gloss}]",
            "(可选值 | 取值 | 取值范围 | 可能值 | 可选项) [(: | 为)] {values} [{gloss}]",
        ],
        examples: &[
            (
                "Valid values: `ByBandwidth`, `ByTrafficPackage`.",
                "values ByBandwidth|ByTrafficPackage",
            ),
            ("可选值：IPv4、IPv6", "values IPv4|IPv6"),
            ("取值范围：IPV4、IPV6。", "values IPV4|IPV6"),
            (
                "Valid values: `tcp`, `udp`, `all` (every protocol).",
                "values tcp|udp|all",
            ),
            (
                "Valid values: `OPERATING` (running), `FAILED` (did not go through).",
                "values OPERATING|FAILED",
            ),
        ],
    },
    Pattern {
        name: "required if",
        says: Says::RequiredIf,
        templates: &[
            // "If `nicId` is provided, this field is required."
            "if {field:when} is (provided | specified | set | passed | given | present | not empty), [then] ({this} | {field:then}) is required",
            "if [the value of] {field:when} is [set to] ({value} | {values}) [{gloss}], [then] ({this} | {field:then}) is required",
            // "Required when `internetChargeType` is `BandwidthCluster`."
            "[({this} | {field:then})] [is] [(also | only)] (required | must be specified | must be provided) [only] (when | if) {field:when} is (provided | specified | set | passed | given | present | not empty)",
            "[({this} | {field:then})] [is] [(also | only)] (required | must be specified | must be provided) [only] (when | if) [the value of] {field:when} is [set to] ({value} | {values}) [{gloss}]",
            "when {field:when} is [set to] ({value} | {values}) [{gloss}], ({this} | {field:then}) is required",
            "如果 (指定了 | 指定 | 传入 | 传了 | 填写了 | 设置了) {field:when} [,] [则] ({this} | {field:then}) (必填 | 必传 | 必选 | 需要指定 | 需指定)",
            "[当] {field:when} 有值时 [,] [({this} | {field:then})] (必填 | 必传 | 必选 | 需要指定 | 需指定)",
            "[(如果 | 当 | 当且仅当)] {field:when} (为 | 是 | 等于 | =) {value} [时] [,] [则] [({this} | {field:then})] (必填 | 必传 | 必选 | 需要指定 | 需指定)",
        ],
        examples: &[
            (
                "If nicId is provided, this field is required.",
                "required_if x when nicId",
            ),
            (
                "Required when `internetChargeType` is `BandwidthCluster`.",
                "required_if x when internetChargeType=BandwidthCluster",
            ),
            (
                "If the value of internetChargeType is BandwidthCluster , the parameter is required.",
                "required_if x when internetChargeType=BandwidthCluster",
            ),
            (
                "This field is required only when internetChargeType is set to ByInstanceBandwidth95 .",
                "required_if x when internetChargeType=ByInstanceBandwidth95",
            ),
            (
                "Required when `internetChargeType` is set.",
                "required_if x when internetChargeType",
            ),
            (
                "If `internetChargeType` is `BandwidthCluster`, `clusterId` is required.",
                "required_if clusterId when internetChargeType=BandwidthCluster",
            ),
            (
                "如果指定了`nicId`，则该字段必填。",
                "required_if x when nicId",
            ),
            (
                "当stackType为IPv4_IPv6时必填。",
                "required_if x when stackType=IPv4_IPv6",
            ),
            (
                "当internetChargeType有值时必填。",
                "required_if x when internetChargeType",
            ),
        ],
    },
    Pattern {
        name: "at most one of",
        says: Says::AtMostOneOf,
        templates: &[
            "({this} | {field}) and {field} (cannot | can not | must not) [both] (be specified | be set | be given | be passed) [(at the same time | together)]",
            "{fields} (cannot | can not | must not) [both] (be specified | be set | be given | be passed) [(at the same time | together)]",
            "(({this} | it) is | {this?}) mutually exclusive with {field}",
            "{fields} are mutually exclusive",
            "{this} (cannot | can not) be set together with {field}",
            "({this} | {field}) (和 | 与) {field} 不能同时 (指定 | 设置 | 传入)",
            "{fields} 不能同时 (指定 | 设置 | 传入)",
            "{fields} 只能指定其中一个 [参数]",
            "{this} 不能 (和 | 与) {field} 同时 (指定 | 设置 | 传入)",
        ],
        examples: &[
            (
                "This field and eipV4Type cannot be specified at the same time.",
                "at_most_one_of eipV4Type,x",
            ),
            (
                "`cidrId` and `eipV4Type` cannot both be set.",
                "at_most_one_of cidrId,eipV4Type",
            ),
            (
                "Mutually exclusive with `subnetIds`.",
                "at_most_one_of subnetIds,x",
            ),
            (
                "raidType和customRaids只能指定其中一个参数。",
                "at_most_one_of customRaids,raidType",
            ),
            (
                "该字段不能和subnetIds同时设置。",
                "at_most_one_of subnetIds,x",
            ),
        ],
    },
    Pattern {
        name: "exactly one of",
        says: Says::ExactlyOneOf,
        templates: &[
            "you must specify exactly one of [the following parameters] [:] {fields} [(, | ;) in order of priority : {chain}]",
            "exactly one of {fields} must be (set | specified | provided | given)",
            "{fields} (cannot | can not | must not) [both] (be specified | be set | be given | be passed) [(at the same time | together)] , (and | but) (cannot | can not | must not) [both] (be empty | be omitted | be left out | be missing)",
            "either {fields} must be (set | specified | provided | given) , but not both",
            "{fields} 不能同时 (指定 | 设置 | 传入) , (也 | 且 | 并且) 不能同时 (为空 | 不传 | 不指定)",
            "必须且只能指定 {fields} [其中] 一个 [参数] [, 优先级 [为] : {chain}]",
            "{fields} (有且仅有一个 | 有且只有一个) [必须指定]",
        ],
        examples: &[
            (
                "You must specify exactly one of `nicId`, `natId` or `lanIp`; in order of priority: `nicId` > `natId` > `lanIp`.",
                "exactly_one_of nicId,natId,lanIp by_priority",
            ),
            (
                "Exactly one of `nicId` and `natId` must be set.",
                "exactly_one_of nicId,natId",
            ),
            (
                "`nicId` and `natId` cannot both be set, and cannot both be empty.",
                "exactly_one_of nicId,natId",
            ),
            (
                "Either `nicId` or `natId` must be set, but not both.",
                "exactly_one_of nicId,natId",
            ),
            (
                "`nicId`和`natId`不能同时指定，也不能同时为空。",
                "exactly_one_of nicId,natId",
            ),
            (
                "必须且只能指定`natId`、`nicId`其中一个，优先级：`nicId` > `natId`。",
                "exactly_one_of nicId,natId by_priority",
            ),
        ],
    },
];
