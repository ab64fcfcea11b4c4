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
    /// A switch that is on unless told otherwise: the default `true`.
    DefaultOn,
    /// A switch that is off unless told otherwise: the default `false`.
    DefaultOff,
    /// A numeric range, both bounds (`{n}` `{n}`).
    Range,
    /// One value or a range (`-1 or [1, 65535]`: `{n}` `{n}` `{n}`): the bounds that hold
    /// both, from the lower of the first two to the last.
    RangeOr,
    /// A lower bound (`{n}`).
    Min,
    /// A lower bound that is also the default (`{n}`).
    MinAndDefault,
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
            "[the] default [value] (is | : | =) {phrase} [{gloss}]",
            "[the] default [value] (is | : | =) {n} {unit} [{gloss}]",
            "defaults to {phrase} [{gloss}]",
            "默认值 [(: | 为 | 是)] {phrase} [{gloss}]",
            "默认值 [(: | 为 | 是)] {n} {unit}",
            "默认 (为 | 是) {phrase} [{gloss}]",
            "[the] default {n} [{unit}]",
            "默认 {value} [{unit}] [{gloss}]",
            "{value} (为 | 是) 默认 [值]",
            // The default stated for when the field is left out: no condition on anything else.
            "[the] default [value] (is | : | =) {phrase} (if | when) [it is] not [(explicitly | otherwise)] (provided | specified | set | passed [in] | given)",
            "(if | when) [it is] not [(explicitly | otherwise)] (provided | specified | set | passed | given) , [(the default [value] is | it defaults to | defaults to | default :)] {phrase}",
            "[(当 | 如果 | 若 | 如)] (未显式传递 | 未传递 | 不传递 | 不传 | 未传 | 未指定 | 不指定 | 不填 | 未填写 | 不填写) [时] [,] [则] (默认值 | 默认) [(: | 为 | 是)] {phrase}",
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
            ("默认 IPV4。", "default IPV4"),
            ("默认值：Standard NVMe SSD。", "default Standard NVMe SSD"),
            ("Default is Standard NVMe SSD.", "default Standard NVMe SSD"),
            ("`default` 为默认。", "default default"),
            (
                "The default value is 96 if not explicitly provided.",
                "default 96",
            ),
            ("The default value is 8 if not passed in.", "default 8"),
            ("当未显式传递时，默认值为96。", "default 96"),
            ("不传默认是0.0.0.0/0。", "default 0.0.0.0/0"),
            ("If not specified, defaults to `20`.", "default 20"),
        ],
    },
    Pattern {
        name: "on by default",
        says: Says::DefaultOn,
        templates: &[
            "[(it is | this is)] (enabled | on | turned on) by default",
            "[the] default [value] is (enabled | on)",
            "[(如果 | 若 | 如)] [(不指定 | 不传 | 未指定)] [,] 默认 [(为 | 是)] (开启 | 启用 | 打开 | 是)",
        ],
        examples: &[
            ("Enabled by default.", "default true"),
            ("默认开启。", "default true"),
            ("如果不指定默认为是。", "default true"),
        ],
    },
    Pattern {
        name: "off by default",
        says: Says::DefaultOff,
        templates: &[
            "[(it is | this is)] (disabled | off | turned off | not enabled) by default",
            "[the] default [value] is (disabled | off)",
            "[(如果 | 若 | 如)] [(不指定 | 不传 | 未指定)] [,] 默认 [(为 | 是)] (关闭 | 不开启 | 不启用 | 禁用 | 否)",
            "默认不开启",
        ],
        examples: &[
            ("Disabled by default.", "default false"),
            ("默认为关闭。", "default false"),
            ("默认不开启。", "default false"),
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
            "ranging from {n} to {n} [{unit}]",
            "[the] range is from {n} to {n} [{unit}]",
            "[the] (optional | valid | allowed | available) values (range | are integers [(in the | within the)] range) from {n} to {n} [{unit}]",
            "[单位 [:] {unit}] [(取值 | 可选值)] 范围 [(: | 为 | 是)] {n} (~ | - | – | 到 | 至) {n} [{unit}] [{gloss}]",
            "[(取值 | 可选值)] 范围 [(: | 为 | 是)] \\[ {n} (, | - | ~) {n} \\] [{unit}]",
            "(可选值 | 取值) [(: | 为)] {n} (~ | - | – | 到 | 至) {n} [{unit}] [{gloss}]",
            "取值支持 \\[ {n} , {n} \\]",
        ],
        examples: &[
            ("Value range: [1, 100].", "range 1..100"),
            ("Value range: 1 to 32768 (32 TB).", "range 1..32768"),
            ("Valid range: [0, 65535].", "range 0..65535"),
            ("range [1-65535]", "range 1..65535"),
            ("The value ranges from 1 to 65535.", "range 1..65535"),
            ("The range is from 2 to 5.", "range 2..5"),
            ("Bandwidth cap, ranging from 1 to 500.", "range 1..500"),
            ("取值范围：1~100。", "range 1..100"),
            ("取值范围为2到5。", "range 2..5"),
            ("取值支持[0,99999]", "range 0..99999"),
            ("可选值范围：[1, 100]", "range 1..100"),
            ("取值范围：100～60000。", "range 100..60000"),
            ("取值范围24–32", "range 24..32"),
            ("单位：ms 取值范围：100～60000。", "range 100..60000"),
            ("可选值5-86400(一天)", "range 5..86400"),
            ("范围[0-100]", "range 0..100"),
            (
                "The optional values are integers range from 1 to 65534 .",
                "range 1..65534",
            ),
        ],
    },
    Pattern {
        name: "one value or a range",
        says: Says::RangeOr,
        templates: &[
            concat!(range_intro!(), " {n} or \\[ {n} , {n} \\]"),
            "[(取值 | 可选值)] 范围 [(: | 为 | 是)] {n} 或 \\[ {n} , {n} \\]",
        ],
        examples: &[
            ("Value range: -1 or [1,65535].", "range -1..65535"),
            ("取值范围：-1或[1,65535]。", "range -1..65535"),
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
            "最小 (为 | 是) {n} [{unit}]",
            "不 (小于 | 低于 | 少于) {n} [{unit}]",
            "[最小值] (不能 | 不得 | 不可) (小于 | 低于 | 少于) {n} [{unit}]",
        ],
        examples: &[
            ("Minimum value: 1.", "range 1.."),
            ("The minimum value is 5.", "range 5.."),
            ("Available range: [1, +).", "range 1.."),
            ("It must be at least 10 Mbps.", "range 10.."),
            ("最小值为1", "range 1.."),
            ("最小是2", "range 2.."),
            ("最小值不能低于5Mbps。", "range 5.."),
        ],
    },
    Pattern {
        name: "minimum and default",
        says: Says::MinAndDefault,
        templates: &[
            "[the] (minimum | min) [value] (: | is) {n} [{unit}] \\( [(which is | is | and)] [(also | the)] default [value] \\)",
            "[the] (minimum | min) [value] and [the] default [value] are [both] {n} [{unit}]",
            "最小值 (与 | 和 | 及) 默认值 (均为 | 都为 | 都是 | 均是 | 为) {n} [{unit}]",
        ],
        examples: &[
            ("Minimum value: 1 (default value).", "range 1.. ; default 1"),
            ("最小值与默认值均为1。", "range 1.. ; default 1"),
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
            "最大限制 [(为 | 是 | :)] {n} [{unit}] [{gloss}]",
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
            "[(it | the name | this parameter | the parameter | the length | length)] [(can contain | contains | containing | must contain | has | is | :)] (up to | at most | no more than | a maximum of) {n} {chars}",
            "(up to | at most | no more than | a maximum of) {n} {chars} [in length] (are | is) (allowed | supported | accepted | permitted) [with fuzzy search supported [and] [and] [not case-sensitive]]",
            "[(it | the name)] (cannot | can not | must not) exceed {n} {chars}",
            "[(最长 | 长度 | 名称长度)] (不超过 | 不能超过 | 不得超过) {n} {chars}",
            "[(名称 | 描述 | 描述信息 | 备注)] (长度 | 名称长度 | 最大长度) [(不超过 | 不能超过 | 不得超过 | 最多 | 最大 | 为)] {n} [{chars}]",
            "(名称 | 描述 | 描述信息 | 备注) (不超过 | 不能超过 | 不得超过) {n} {chars}",
            "最多 [(支持 | 可以 | 可)] {n} {chars}",
            "最大 [支持] 长度 [(为 | 是 | :)] {n} [{chars}]",
        ],
        examples: &[
            ("At most 255 characters.", "length ..255"),
            ("Length: up to 255 characters.", "length ..255"),
            (
                "This parameter can contain up to 64 characters.",
                "length ..64",
            ),
            ("Cannot exceed 64 characters.", "length ..64"),
            (
                "Up to 255 characters in length are allowed.",
                "length ..255",
            ),
            (
                "Up to 64 characters in length are allowed with fuzzy search supported and not case-sensitive.",
                "length ..64",
            ),
            (
                "This parameter must contain up to 24 characters.",
                "length ..24",
            ),
            ("长度不能超过64个字符。", "length ..64"),
            ("最长不超过255个字符。", "length ..255"),
            ("长度不超过 255。", "length ..255"),
            ("描述信息不得超过255个字符。", "length ..255"),
            ("最多支持64个字符。", "length ..64"),
        ],
    },
    Pattern {
        name: "item count",
        says: Says::MaxItems,
        templates: &[
            "(up to | at most | a maximum of | maximum of | maximum | no more than) {n} [{noun}] [(are | is | can be)] [(supported | allowed | specified | accepted | entered | passed [in] | used | queried | included | created | added)] [(per (request | query | call) | in (each | one | a single) request | at a time | each time)]",
            "supports up to {n} [{noun}] [per (request | query)]",
            "you can (query | specify | pass | enter) up to {n} {noun} [(in each request | per request | at a time)]",
            "the maximum number of {noun} [(in each request | per request)] is {n}",
            "[(每次请求 | 单次请求 | 每次 | 单次 | 一次性 | 一次)] 最多 [(一次 | 单次)] [(支持 | 可以 | 可 | 同时 | 能)] [(传入 | 传 | 输入 | 指定 | 查询 | 创建 | 添加)] {n} [{noun}]",
            "(最长 | 最多 | 最大) (不得超过 | 不超过 | 不能超过) {n} [{noun}]",
            "(数量 | 个数 | 长度) (不超过 | 不得超过 | 不能超过 | 最多 [为]) {n} [个]",
            "(数量 | 个数) 必须为 {n} [个]",
            "最大支持长度 [(为 | 是 | :)] {n} [个]",
            "目前只能 (附带 | 传 | 传入 | 指定) {n} {noun}",
        ],
        examples: &[
            ("Up to 100 IDs.", "max_items 100"),
            (
                "A maximum of 100 IDs are supported per request.",
                "max_items 100",
            ),
            ("Up to 20 tag keys are supported.", "max_items 20"),
            (
                "A maximum of 20 tags can be created at a time.",
                "max_items 20",
            ),
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
            ("最长不得超过20个标签键。", "max_items 20"),
            ("数量不超过 100。", "max_items 100"),
            ("长度不超过 100 个。", "max_items 100"),
            ("单次请求最多支持创建10个子网。", "max_items 10"),
            ("最多一次可传20个。", "max_items 20"),
            ("数量必须为2。", "max_items 2"),
            ("目前只能附带1个数据盘。", "max_items 1"),
        ],
    },
    Pattern {
        name: "allowed values",
        says: Says::Values,
        templates: &[
            "(valid | allowed | possible | optional | supported) values (: | are | include) {values} [{gloss}]",
            "[(the value | value)] (values | value options) : {values} [{gloss}]",
            "(the value | it) (must be | can be | is) one of {values} [{gloss}]",
            "(可选值 | 取值 | 取值范围 | 可能值 | 可选项 | 可选范围) [(: | 为)] {values} [{gloss}]",
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
            "[({this} | {field:then})] [is] [(also | only)] (required | must be specified | must be provided) [only] (when | if) [the value of] [the] {field:when} is [set to] ({value} | {values}) [{gloss}]",
            "when {field:when} is [set to] ({value} | {values}) [{gloss}], ({this} | {field:then}) is required",
            "如果 (指定了 | 指定 | 传入 | 传了 | 填写了 | 设置了) {field:when} [,] [则] ({this} | {field:then}) (必填 | 必传 | 必选 | 需要指定 | 需指定)",
            "[当] {field:when} 有值时 [,] [({this} | {field:then})] (必填 | 必传 | 必选 | 需要指定 | 需指定)",
            "[(如果 | 当 | 当且仅当 | 有且仅当)] {field:when} (为 | 是 | 等于 | =) ({value} | {values}) [时] [,] [则] [({this} | {field:then})] (必填 | 必传 | 必选 | 需要指定 | 需指定)",
            // "This parameter must be used together with `b`": `b` is needed when this is given.
            "({this:when} | {this?:when}) must be used (together with | with | along with | in conjunction with) [the] {field:then} [parameter]",
            "({this:when} | {this?:when}) 必须 (与 | 和) {field:then} [参数] (配合使用 | 一起使用 | 同时使用)",
            // "`STRICT` requires `bandwidth`", in the description of the mode whose value it is.
            "[{noun}] \\( {value} \\) {this?:when} 必须同时指定 {field:then}",
            "{value} {this?:when} [{noun}] 必须同时指定 {field:then}",
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
                "It is required if the internetChargeType is BandwidthCluster.",
                "required_if x when internetChargeType=BandwidthCluster",
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
            (
                "stackType=IPv4_IPv6、IPv6 时必填。",
                "required_if x when stackType=IPv4_IPv6|IPv6",
            ),
            (
                "This parameter must be used together with the clusterId parameter.",
                "required_if clusterId when x",
            ),
            (
                "该参数必须与`clusterId`参数配合使用。",
                "required_if clusterId when x",
            ),
            (
                "严格模式(`STRICT`) 必须同时指定 `bandwidth`。",
                "required_if bandwidth when x=STRICT",
            ),
            (
                "`STRICT`严格模式必须同时指定`bandwidth`。",
                "required_if bandwidth when x=STRICT",
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
            "if {this} is (specified | set | provided | passed | given) , {field} must be (empty | left empty | omitted)",
            "如果 (指定了 | 指定 | 传入 | 设置了) {this} [,] [则] {field} 必须为空",
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
            (
                "If this parameter is specified, eipV4Type must be empty.",
                "at_most_one_of eipV4Type,x",
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
            "{fields} (cannot | can not | must not) be (passed | set | specified | given) together or [be] left empty",
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
                "`eipV4Type` and `cidrId` cannot be passed together or left empty.",
                "exactly_one_of eipV4Type,cidrId",
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
