use super::patterns::Says;
use super::*;

fn src() -> SourceRef {
    SourceRef {
        file: "t.md".into(),
        line: 1,
    }
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const SIBLINGS: &[&str] = &[
    "nicId",
    "natId",
    "lanIp",
    "internetChargeType",
    "clusterId",
    "stackType",
    "eipV4Type",
    "cidrId",
    "subnetIds",
    "raidType",
    "customRaids",
    "bandwidth",
    "zoneId",
    "vpcId",
];

/// Facts of a field description, in notation.
fn field(text: &str, ty: TypeRef) -> Vec<String> {
    let ctx = Context::field("x", &ty, &names(SIBLINGS), src());
    read(text, &ctx)
        .into_iter()
        .flat_map(|r| r.facts)
        .map(|f| f.to_string())
        .collect()
}

fn field_lints(text: &str, ty: TypeRef) -> Vec<String> {
    let ctx = Context::field("x", &ty, &names(SIBLINGS), src());
    read(text, &ctx)
        .into_iter()
        .filter_map(|r| r.lint)
        .collect()
}

fn note(text: &str) -> Vec<String> {
    let ctx = Context::note(&names(SIBLINGS), src());
    read(text, &ctx)
        .into_iter()
        .flat_map(|r| r.facts)
        .map(|f| f.to_string())
        .collect()
}

/// The type an example of a pattern is read against.
fn example_type(says: Says) -> TypeRef {
    match says {
        Says::Range
        | Says::RangeOr
        | Says::Min
        | Says::MinAndDefault
        | Says::Max
        | Says::Positive
        | Says::NonNegative => TypeRef::Integer,
        Says::DefaultOn | Says::DefaultOff => TypeRef::Boolean,
        Says::MaxItems => TypeRef::Array(Box::new(TypeRef::String)),
        _ => TypeRef::String,
    }
}

#[test]
fn every_template_parses() {
    for p in PATTERNS {
        for t in p.templates {
            if let Err(e) = Template::parse(t) {
                panic!("pattern {}: {e}", p.name);
            }
        }
    }
}

#[test]
fn every_pattern_reads_its_examples() {
    let mut failures = Vec::new();
    for p in PATTERNS {
        assert!(!p.examples.is_empty(), "pattern {} has no example", p.name);
        for (sentence, want) in p.examples {
            let ty = example_type(p.says);
            let ctx = Context::field("x", &ty, &names(SIBLINGS), src());
            let reading = read_sentence(sentence, &ctx);
            let got: Vec<String> = reading.facts.iter().map(|f| f.to_string()).collect();
            let want_all: Vec<String> = want.split(" ; ").map(str::to_string).collect();
            if got != want_all || reading.lint.is_some() {
                failures.push(format!(
                    "{}: {sentence:?} gave {got:?} (lint {:?}), expected {want:?}",
                    p.name, reading.lint
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn relative_and_rate_phrases_make_no_bound() {
    for s in [
        "At most 2 times the size of the source disk.",
        "Up to 10 snapshots per day.",
        "Up to 5 per region.",
        "At most 100 in total.",
        "Up to 20 per account.",
        "It can be changed at most 3 times.",
        "每天最多100个。",
    ] {
        assert_eq!(field(s, TypeRef::Integer), Vec::<String>::new(), "{s}");
        assert_eq!(
            field(s, TypeRef::Array(Box::new(TypeRef::String))),
            Vec::<String>::new(),
            "{s}"
        );
        assert_eq!(field_lints(s, TypeRef::Integer).len(), 1, "{s}");
    }
}

#[test]
fn conditions_the_client_cannot_know_make_no_rule() {
    // The condition on the subnet's stack is dropped by a naive reading.
    assert_eq!(
        note("If `zoneId` is set, `vpcId` is required when the subnet is IPv6 only."),
        Vec::<String>::new()
    );
    assert_eq!(
        field(
            "If the specified stack type ( stackType ) includes IPv4, this field is required.",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field(
            "Required when creating a prepaid instance.",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field(
            "For GPU instances, the value range is [1, 8].",
            TypeRef::Integer
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field(
            "For TCP and UDP protocols: The value ranges from 1 to 65535.",
            TypeRef::Integer
        ),
        Vec::<String>::new()
    );
    // Two conditions at once cannot be one rule.
    assert_eq!(
        field(
            "Required when `internetChargeType` is `BandwidthCluster` and `stackType` is `IPv4_IPv6`.",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_sentence_about_another_field_is_not_a_rule_between_them() {
    assert_eq!(
        field(
            "Only one of the addresses of `nicId` is used.",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field_lints(
            "Only one of the addresses of `nicId` is used.",
            TypeRef::String
        )
        .len(),
        1
    );
}

#[test]
fn each_part_of_a_sentence_is_read_and_the_rest_reported() {
    assert_eq!(
        field("Default value: 20, maximum value: 1000.", TypeRef::Integer),
        names(&["default 20", "range ..1000"])
    );
    assert_eq!(
        field("Default value: 20; Maximum value: 1000.", TypeRef::Integer),
        names(&["default 20", "range ..1000"])
    );
    assert_eq!(
        field("Defaults to 20, maximum is 1000.", TypeRef::Integer),
        names(&["default 20", "range ..1000"])
    );
    // A clause that only describes does not stop the rest.
    assert_eq!(
        field("TCP probe port, range [1-65535].", TypeRef::Integer),
        names(&["range 1..65535"])
    );
    // The part read stands; the rest is reported.
    let text = "Value range: [-1, 65535]; `0` is not accepted.";
    assert_eq!(field(text, TypeRef::Integer), names(&["range -1..65535"]));
    assert_eq!(field_lints(text, TypeRef::Integer).len(), 1);
    // A clause that may restrict the one read voids it.
    let text = "Value range: 24 to 1176, or 87600 to 175200.";
    assert_eq!(field(text, TypeRef::Integer), Vec::<String>::new());
    assert_eq!(field_lints(text, TypeRef::Integer).len(), 1);
    let text = "Default: `true`, which lets the disks go only from a stopped instance.";
    assert_eq!(field(text, TypeRef::Boolean), Vec::<String>::new());
    assert_eq!(field_lints(text, TypeRef::Boolean).len(), 1);
    // A value or a range bounds the field by what holds both; what lies between (0 here)
    // is left to the server.
    assert_eq!(
        field("Value range: -1 or [1,65535].", TypeRef::Integer),
        names(&["range -1..65535"])
    );
    assert_eq!(
        field("Value range: 0 or [1,65535].", TypeRef::Integer),
        names(&["range 0..65535"])
    );
}

#[test]
fn facts_must_fit_the_type() {
    // A range on a string is not a numeric range; a length on a number is not a length.
    assert_eq!(
        field("Value range: [1, 100]", TypeRef::String),
        Vec::<String>::new()
    );
    assert_eq!(
        field_lints("Value range: [1, 100]", TypeRef::String).len(),
        1
    );
    assert_eq!(
        field("Up to 64 characters.", TypeRef::Integer),
        Vec::<String>::new()
    );
    // Item counts only on lists; a default must be a value of the type.
    assert_eq!(
        field("Up to 100 IDs.", TypeRef::String),
        Vec::<String>::new()
    );
    assert_eq!(
        field("Default value: NAT mode.", TypeRef::Integer),
        Vec::<String>::new()
    );
    assert_eq!(
        field("Default value: 1Mbps.", TypeRef::Integer),
        names(&["default 1"])
    );
    assert_eq!(
        field("默认值：1Mbps。", TypeRef::Integer),
        names(&["default 1"])
    );
    // "IPv4" is not the number 4.
    assert_eq!(
        field("At most IPv4 addresses.", TypeRef::Integer),
        Vec::<String>::new()
    );
    // A reversed pair is not a range.
    assert_eq!(
        field("Value range: 100 to 1.", TypeRef::Integer),
        Vec::<String>::new()
    );
    // An expression is not a default value.
    assert_eq!(
        field("Default value: floor(partitionNum / 2).", TypeRef::Integer),
        Vec::<String>::new()
    );
}

#[test]
fn a_limit_the_docs_state_twice_in_conflicting_ways_is_not_read() {
    let text = "The name.\nLength must be between 2 and 63 characters.\nAvailable range: [2.0, +).";
    assert_eq!(field(text, TypeRef::String), Vec::<String>::new());
    assert_eq!(field_lints(text, TypeRef::String).len(), 2);
    // A sentence read in part keeps its own limit.
    assert_eq!(
        field(
            "Value range: [-1, 65535]; `0` is not accepted.",
            TypeRef::Integer
        ),
        names(&["range -1..65535"])
    );
}

#[test]
fn masked_placeholders_are_not_defaults() {
    assert_eq!(
        field("Default value: `0.0.XX.XX/0`.", TypeRef::String),
        Vec::<String>::new()
    );
    assert_eq!(
        field("Default value: `0.0.0.0/0`.", TypeRef::String),
        names(&["default 0.0.0.0/0"])
    );
}

#[test]
fn ranges_on_lists_of_numbers_bound_each_item() {
    let days = TypeRef::Array(Box::new(TypeRef::Integer));
    assert_eq!(
        field("Available range: [1, 7].", days.clone()),
        names(&["range 1..7"])
    );
    assert_eq!(field("Up to 7 days.", days), names(&["max_items 7"]));
}

#[test]
fn lengths_need_a_unit_next_to_the_number() {
    let facts = field(
        "Instance password.\nThe parameter must be 8-16 characters, including:\nlowercase letters: [a-z] digits: 0-9 special characters: ~!@",
        TypeRef::String,
    );
    assert_eq!(facts, names(&["length 8..16"]));
    assert_eq!(
        field("Name length: 1 to 64 characters.", TypeRef::String),
        names(&["length 1..64"])
    );
}

#[test]
fn allowed_values_from_lists_one_per_line() {
    assert_eq!(
        field(
            "Sell status.\n- SELL：in stock\n- SOLD_OUT：sold out",
            TypeRef::String
        ),
        names(&["values SELL|SOLD_OUT"])
    );
    assert_eq!(
        field("Category.\nPossible:\n- CentOS\n- Windows", TypeRef::String),
        names(&["values CentOS|Windows"])
    );
    assert_eq!(
        field(
            "Language.\n- zh-CN：Chinese\n- en-US：English",
            TypeRef::String
        ),
        names(&["values zh-CN|en-US"])
    );
    assert_eq!(
        field("Values: a new one, b", TypeRef::String),
        Vec::<String>::new()
    );
}

#[test]
fn plain_word_fields_count_only_in_code_spans() {
    assert_eq!(
        field(
            "Required when the billing mode is shared bandwidth package billing (BandwidthCluster).",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field("Required when `bandwidth` is set.", TypeRef::String),
        names(&["required_if x when bandwidth"])
    );
    assert_eq!(
        field("Required when bandwidth is set.", TypeRef::String),
        Vec::<String>::new()
    );
}

#[test]
fn rules_in_notes() {
    assert_eq!(
        note(
            "You must specify exactly one of `nicId`, `natId` or `lanIp`; in order of priority: `nicId` > `natId` > `lanIp`."
        ),
        names(&["exactly_one_of nicId,natId,lanIp by_priority"])
    );
    // A chain that orders other fields is not this list's priority: the first part stands,
    // the second is reported.
    let text = "You must specify exactly one of `nicId`, `natId`; in order of priority: `nicId` > `lanIp`.";
    assert_eq!(note(text), names(&["exactly_one_of nicId,natId"]));
    let ctx = Context::note(&names(SIBLINGS), src());
    assert!(read_sentence(text, &ctx).lint.is_some());
    assert_eq!(
        note("`cidrId` and `eipV4Type` cannot both be set."),
        names(&["at_most_one_of cidrId,eipV4Type"])
    );
    assert_eq!(
        note("If `internetChargeType` is `BandwidthCluster`, `clusterId` is required."),
        names(&["required_if clusterId when internetChargeType=BandwidthCluster"])
    );
    assert_eq!(
        note("When `internetChargeType` is `ByBandwidth`, `bandwidth` is required."),
        names(&["required_if bandwidth when internetChargeType=ByBandwidth"])
    );
    // "this field" means nothing in a note.
    assert_eq!(
        note("If `nicId` is provided, this field is required."),
        Vec::<String>::new()
    );
    // A field the request does not have makes no rule.
    assert_eq!(
        note("If `internetChargeType` is `BandwidthCluster`, `poolId` is required."),
        Vec::<String>::new()
    );
}

#[test]
fn presence_words_are_not_values() {
    assert_eq!(
        field(
            "Required when `internetChargeType` is specified.",
            TypeRef::String
        ),
        names(&["required_if x when internetChargeType"])
    );
    assert_eq!(
        field(
            "Required when `internetChargeType` is empty.",
            TypeRef::String
        ),
        Vec::<String>::new()
    );
}

#[test]
fn unrecognised_constraints_are_reported_and_plain_prose_is_not() {
    assert_eq!(
        field_lints(
            "The instance password.\nMust contain upper and lower case letters.",
            TypeRef::String
        )
        .len(),
        1
    );
    assert_eq!(
        field_lints("密钥与密码不能同时指定。", TypeRef::String).len(),
        1
    );
    assert!(field_lints("Private IP.", TypeRef::String).is_empty());
}

#[test]
fn async_notes_in_english() {
    let note = "This is an asynchronous API. A list of instance IDs will be returned immediately after the request is successfully submitted, but the operation is not yet complete. During this period, the instance status will be `DEPLOYING`. You can query the creation result by calling [`DescribeInstances`](describeinstances.md). If the instance status changes from `DEPLOYING` to `RUNNING`, the creation was successful; if it changes to `CREATE_FAILED`, the creation failed.";
    assert!(is_async_note(note));
    let w = read_waiter(note, src()).unwrap();
    assert_eq!(w.poll_action, "DescribeInstances");
    assert_eq!(w.pending, names(&["DEPLOYING"]));
    assert_eq!(w.success, names(&["RUNNING"]));
    assert_eq!(w.failure, names(&["CREATE_FAILED"]));
    assert!(!w.until_gone);
    let note = "This is an asynchronous API. You can query the disk rollback status by calling `DescribeDisks`. If the disk status changes from `ROLLING_BACK` to `AVAILABLE` or `IN_USE`, the rollback was successful.";
    let w = read_waiter(note, src()).unwrap();
    assert_eq!(w.success, names(&["AVAILABLE", "IN_USE"]));
    assert_eq!(w.pending, names(&["ROLLING_BACK"]));
    let note = "This is an asynchronous API. You can query the instance status by calling `DescribeInstances`. When the instance no longer appears in the query results, it has been fully destroyed.";
    let w = read_waiter(note, src()).unwrap();
    assert!(w.until_gone);
    assert!(w.success.is_empty());
}

#[test]
fn async_notes_name_the_action_in_a_link_or_plain_text() {
    // A link's text reaches the reader as plain text.
    let note = "This is an asynchronous API. Query the result with DescribeEips. The status changes from **ASSOCIATING** to **BIND**.";
    let w = read_waiter(note, src()).unwrap();
    assert_eq!(w.poll_action, "DescribeEips");
    assert_eq!(w.pending, names(&["ASSOCIATING"]));
    assert_eq!(w.success, names(&["BIND"]));
    // Without an action to poll or a state for success there is no waiter.
    assert!(read_waiter("This is an asynchronous API. Wait a while.", src()).is_none());
}

#[test]
fn async_notes_in_chinese() {
    let note = "本接口为异步接口，当创建实例请求下发成功后会返回一个实例`ID`列表，此时创建实例操作并未立即完成。在此期间实例的状态将会处于`DEPLOYING`，实例创建结果可以通过调用`DescribeInstances` 接口查询，如果实例状态由`DEPLOYING`变为`RUNNING`则代表创建成功，如果变为`CREATE_FAILED`则代表创建失败，创建过程中不可对实例进行任何操作。";
    let w = read_waiter(note, src()).unwrap();
    assert_eq!(w.poll_action, "DescribeInstances");
    assert_eq!(w.pending, names(&["DEPLOYING"]));
    assert_eq!(w.success, names(&["RUNNING"]));
    assert_eq!(w.failure, names(&["CREATE_FAILED"]));
}

#[test]
fn async_notes_with_bold_states_in_nested_items() {
    let note = "本接口属于异步接口，您可以调用`DescribeEipAddresses`查询EIP的状态：\n- 当EIP处于 **ASSOCIATING** 状态时，表示EIP正在绑定中，在该状态下，您只能执行查询操作。\n- 当EIP处于 **INUSE** 状态时，表示EIP绑定完成。";
    let w = read_waiter(note, src()).unwrap();
    assert_eq!(w.poll_action, "DescribeEipAddresses");
    assert_eq!(w.pending, names(&["ASSOCIATING"]));
    assert_eq!(w.success, names(&["INUSE"]));
}

#[test]
fn nothing_panics_on_odd_text() {
    let ctx = Context::field("x", &TypeRef::Integer, &names(SIBLINGS), src());
    for s in [
        "",
        "`",
        "``",
        "(",
        ")",
        "[",
        "]",
        "[1,",
        "默认值：",
        "Default value: `",
        "1,0",
        "-",
        "— ，；。",
        "Value range: [",
        "up to",
        "\u{0301}\u{0301}",
    ] {
        let _ = read(s, &ctx);
        let _ = read_sentence(s, &Context::note(&[], src()));
    }
}

#[test]
fn minimum_maximum_and_default_in_one_sentence() {
    for (text, want) in [
        (
            "Minimum value: 1, maximum value: 100, default value: 10.",
            vec!["range 1..100", "default 10"],
        ),
        (
            "The minimum is 1, the maximum is 100 and the default is 10.",
            vec!["range 1..100", "default 10"],
        ),
        (
            "Value range: 1-100, default 10.",
            vec!["range 1..100", "default 10"],
        ),
        (
            "Value range: 1-100, and the default is 10.",
            vec!["range 1..100", "default 10"],
        ),
        (
            "取值范围1~100，默认10。",
            vec!["range 1..100", "default 10"],
        ),
        (
            "最小值为1，最大值为100，默认值为10。",
            vec!["range 1..100", "default 10"],
        ),
    ] {
        assert_eq!(field(text, TypeRef::Integer), want, "{text}");
        assert!(field_lints(text, TypeRef::Integer).is_empty(), "{text}");
    }
}

#[test]
fn cannot_both_be_set_nor_both_be_empty_is_exactly_one() {
    for text in [
        "`nicId` and `natId` cannot both be set, and cannot both be empty.",
        "Either `nicId` or `natId` must be set, but not both.",
    ] {
        assert_eq!(note(text), ["exactly_one_of nicId,natId"], "{text}");
    }
    // Either half alone: at most one, or (which the IR cannot hold) at least one.
    assert_eq!(
        note("`nicId` and `natId` cannot both be set."),
        ["at_most_one_of natId,nicId"]
    );
    assert!(note("`nicId` and `natId` cannot both be empty.").is_empty());
}

#[test]
fn values_listed_under_a_condition_are_not_a_check() {
    let ty = TypeRef::String;
    assert_eq!(
        field(
            "Mode.\nWhen `stackType` is `IPv6`, valid values:\n- A\n- B",
            ty.clone()
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field(
            "Mode.\nFor IPv6 subnets, valid values: `A`, `B`.",
            ty.clone()
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        field("Mode.\n当子网为IPv6时，可选值：A、B。", ty.clone()),
        Vec::<String>::new()
    );
    // Without the condition, the same lists are read.
    assert_eq!(
        field("Mode.\nValid values:\n- A\n- B", ty.clone()),
        names(&["values A|B"])
    );
    assert_eq!(field("Valid values: `A`, `B`.", ty), names(&["values A|B"]));
}

#[test]
fn rules_naming_fields_by_what_they_are_or_misspelt_are_linted_not_made() {
    let ty = TypeRef::String;
    let text = "It is required if the pricing model is PREPAID.";
    assert_eq!(field(text, ty.clone()), Vec::<String>::new());
    let lints = field_lints(text, ty.clone());
    assert!(lints[0].contains("by what they are"), "{lints:?}");
    let text = "If the value of internetChargeType is Bandwidth , clusterld is required.";
    assert_eq!(field(text, ty.clone()), Vec::<String>::new());
    let lints = field_lints(text, ty.clone());
    assert!(
        lints[0].contains("`clusterld`") && lints[0].contains("`clusterId`"),
        "{lints:?}"
    );
    // Spelt right, the same rule is made.
    assert_eq!(
        field(
            "If the value of internetChargeType is Bandwidth , clusterId is required.",
            ty
        ),
        names(&["required_if clusterId when internetChargeType=Bandwidth"])
    );
}

#[test]
fn a_description_that_states_one_thing_twice_differently_gives_neither() {
    let ty = TypeRef::Integer;
    let text = "Bandwidth.\nAvailable value range: [0, 100000].\nUnit: Mbps.\nAvailable value range: [0, 999999].";
    assert_eq!(field(text, ty.clone()), Vec::<String>::new());
    assert_eq!(field_lints(text, ty.clone()).len(), 2);
    let text = "Category.\nThe default value is Standard Disk.\nDefault value: SSD";
    assert_eq!(field(text, TypeRef::String), Vec::<String>::new());
    // Paragraphs run together (a page rendered as text loses its line breaks) are still
    // separate sentences.
    let text = "Type.Standard Disk: HDDThe default value is Standard Disk.\nDefault value: SSD";
    assert_eq!(field(text, TypeRef::String), Vec::<String>::new());
    // The same thing said twice, or two sides of a range in two sentences, stands.
    assert_eq!(
        field(
            "Minimum value: 1.\nMaximum value: 100.\nMinimum value: 1.",
            ty.clone()
        ),
        names(&["range 1..", "range ..100", "range 1.."])
    );
    // Within one sentence, the bounds make one range; bounds that disagree make none.
    assert_eq!(
        field("Minimum value: 1, maximum value: 50.", ty.clone()),
        names(&["range 1..50"])
    );
    assert_eq!(
        field(
            "Minimum value: 1 (default value); Maximum value: 50.",
            ty.clone()
        ),
        names(&["range 1..50", "default 1"])
    );
    assert_eq!(
        field("Minimum value: 10, maximum value: 5.", ty),
        Vec::<String>::new()
    );
}
