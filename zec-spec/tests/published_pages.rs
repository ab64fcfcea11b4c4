//! Pages as the docs site publishes them, in every variation the reader must take without
//! edits. Each page here is written for the test and shows one variation.

use zec_spec::diag::{Kind, Severity};
use zec_spec::ir::{ExampleBody, Shape, TypeRef};
use zec_spec::{Loaded, load_pages};

const DATA_STRUCTURES: &str = "# Data Structures\n\n## BindType\n\n| Value | Description |\n|---|---|\n| FullNat | NAT. |\n| Passthrough | Pass through. |\n\n## EipInfo\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| eipId | String | ID. |\n";

/// An action page whose request has one field typed by `type_cell`.
fn action_page(type_cell: &str) -> String {
    format!(
        "# DescribeThings\n\n## 1. API Description\n\nLists things.\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| mode | No | {type_cell} | Mode. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n"
    )
}

/// The overview page that names the product of `compute/zec`.
const OVERVIEW: &str = "# ZEC\n\n| Item | Value |\n| --- | --- |\n| Service | `zec` |\n| API version | `2025-09-01` |\n";

/// Load `pages` with the product's overview page beside them.
fn load(pages: &[(&str, &str)]) -> Loaded {
    let mut pages: Vec<(String, String)> = pages
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    pages.push(("compute/zec/README.md".into(), OVERVIEW.into()));
    load_pages(&pages)
}

fn warnings(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn type_cells_link_to_a_structure_in_every_published_form() {
    let links = [
        "../datastructure.md#bindtype",
        "datastructure.md#bindtype",
        "/api-reference/compute/zec/datastructure.md#bindtype",
        "/api-reference/cn/compute/zec/datastructure.md#bindtype",
        "https://docs.console.zenlayer.com/api-reference/compute/zec/datastructure#bindtype",
        "https://docs.console.zenlayer.com/api-reference/compute/zec/datastructure.md#bindtype",
        "https://docs.console.zenlayer.com/api-reference/cn/compute/zec/datastructure#BindType",
        "../datastructure.md#BINDTYPE",
    ];
    for href in links {
        for (cell, want) in [
            (
                format!("[BindType]({href})"),
                TypeRef::Named("BindType".into()),
            ),
            (
                format!("Array of [BindType]({href})"),
                TypeRef::Array(Box::new(TypeRef::Named("BindType".into()))),
            ),
        ] {
            let page = action_page(&cell);
            let loaded = load(&[
                ("compute/zec/datastructure.md", DATA_STRUCTURES),
                ("compute/zec/thing/describethings.md", &page),
            ]);
            assert!(!loaded.has_errors(), "{href}: {:#?}", warnings(&loaded));
            let action = loaded.api.action("zec", "DescribeThings").expect("action");
            assert_eq!(action.request[0].ty, want, "{cell}");
        }
    }
}

#[test]
fn the_data_structure_page_is_found_by_what_it_holds() {
    let body = "## BindType\n\n| Value | Description |\n|---|---|\n| FullNat | NAT. |\n\n### EipInfo\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| eipId | String | ID. |\n| bindType | [BindType](#bindtype) | Mode. |\n";
    // A group heading over `###` types is passed over.
    let grouped = format!(
        "# Types\n\n## Structures\n\n{}",
        body.replace("## BindType", "### BindType")
    );
    for page in [
        format!("# Data Structures\n\n{body}"),
        format!("# Data Types\n\n{body}"),
        format!("# 数据结构\n\n{body}"),
        body.to_string(),
        grouped,
    ] {
        let title = page.lines().next().unwrap_or("").to_string();
        let loaded = load(&[("compute/zec/datastructure.md", &page)]);
        assert!(
            loaded.diagnostics.is_empty(),
            "{title:?}: {:#?}",
            warnings(&loaded)
        );
        let names: Vec<&str> = loaded.api.types().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["BindType", "EipInfo"], "{title:?}");
        assert!(matches!(
            loaded.api.products[0].types[0].shape,
            Shape::Enum { .. }
        ));
        assert!(matches!(
            loaded.api.products[0].types[1].shape,
            Shape::Struct { .. }
        ));
    }
}

#[test]
fn a_page_with_a_table_that_is_read_as_nothing_is_reported() {
    // A parameter table under a title that names no action and no request section.
    let page = "# Things\n\nSome parameters.\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| mode | No | String | Mode. |\n";
    let loaded = load(&[("compute/zec/thing/things.md", page)]);
    let found: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.kind == Kind::Structure)
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        found,
        ["compute/zec/thing/things.md"],
        "{:#?}",
        warnings(&loaded)
    );
    assert_eq!(loaded.diagnostics[0].line, 5);
    // A page with neither tables nor an action is an overview: nothing to say.
    let loaded = load(&[("compute/zec/overview.md", "# Overview\n\nAbout ZEC.\n")]);
    assert!(loaded.diagnostics.is_empty());
}

#[test]
fn error_tables_with_emphasis_extra_text_and_columns_in_any_order() {
    let page = "# DeleteThing\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingId | Yes | String | ID. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n\n## 5. Error Codes\n\n| Description | Error Code | HTTP Status Code |\n|---|---|---|\n| Not there. | INVALID_THING_NOT_FOUND | **404** |\n| Busy. | OPERATION_DENIED_THING_BUSY | 409 Conflict |\n";
    let loaded = load(&[("compute/zec/thing/deletething.md", page)]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", warnings(&loaded));
    let errors: Vec<(&str, Option<u16>, &str)> = loaded.api.products[0].actions[0]
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.status, e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("INVALID_THING_NOT_FOUND", Some(404), "Not there."),
            ("OPERATION_DENIED_THING_BUSY", Some(409), "Busy."),
        ]
    );
}

#[test]
fn asynchronous_notes_name_the_poll_action_as_a_link_or_code_with_bold_or_code_states() {
    for note in [
        "This is an asynchronous API. Query the result with [DescribeThings](describethings.md): the status changes from **BINDING** to **BOUND**.",
        "This is an asynchronous API. Query the result with `DescribeThings`: the status changes from `BINDING` to `BOUND`.",
    ] {
        let page = format!(
            "# BindThing\n\n## 1. API Description\n\nBinds a thing.\n\n{{% hint style=\"info\" %}}\n* {note}\n{{% endhint %}}\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingId | Yes | String | ID. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n"
        );
        let describe = "# DescribeThings\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingIds | No | Array of String | IDs. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| dataSet | Array of [Thing](../datastructure.md#thing) | Things. |\n";
        let things = "# Data Structures\n\n## Thing\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| thingId | String | ID. |\n| status | String | State. |\n";
        let loaded = load(&[
            ("compute/zec/thing/bindthing.md", &page),
            ("compute/zec/thing/describethings.md", describe),
            ("compute/zec/datastructure.md", things),
        ]);
        assert!(loaded.diagnostics.is_empty(), "{:#?}", warnings(&loaded));
        let waiter = loaded
            .api
            .action("zec", "BindThing")
            .unwrap()
            .waiter
            .as_ref();
        let waiter = waiter.expect("a waiter");
        assert_eq!(waiter.poll_action, "DescribeThings");
        assert_eq!(waiter.pending, ["BINDING"]);
        assert_eq!(waiter.success, ["BOUND"]);
        let watch = waiter.watch.as_ref().expect("the members it reads");
        assert_eq!(
            (
                watch.ids.as_str(),
                watch.poll_ids.as_str(),
                watch.items.as_deref().unwrap_or_default()
            ),
            ("thingId", "thingIds", "dataSet")
        );
        assert_eq!(
            (watch.item_id.as_str(), watch.item_state.as_str()),
            ("thingId", "status")
        );
    }
}

#[test]
fn broken_example_json_is_kept_as_text_with_a_warning_and_the_action_still_builds() {
    let bodies = [
        "{\n  \"a\": 1\n  \"b\": 2\n}",
        "{\n  \"a\"\"b\": 1\n}",
        "{\n  \"ip\": xx.0\n}",
        "{\n  \"a\": 1,\n}",
    ];
    for body in bodies {
        let page = format!(
            "# DescribeThings\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| a | No | Integer | A. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n\n## 4. Code Example\n\n```\nRequest:\n{body}\n```\n"
        );
        let loaded = load(&[("compute/zec/thing/describethings.md", &page)]);
        assert!(!loaded.has_errors(), "{:#?}", warnings(&loaded));
        let action = loaded
            .api
            .action("zec", "DescribeThings")
            .expect("the action builds");
        assert!(matches!(
            action.examples[0].request,
            Some(ExampleBody::Text(_))
        ));
        let warning = loaded
            .diagnostics
            .iter()
            .find(|d| d.kind == Kind::Example)
            .expect("a warning");
        assert_eq!(warning.file, "compute/zec/thing/describethings.md");
        // The line is inside the code block, where the JSON breaks.
        assert!((20..=24).contains(&warning.line), "{warning}");
    }
}

#[test]
fn markup_template_tags_front_matter_windows_line_ends_and_a_byte_order_mark() {
    let page = "\u{feff}---\ndescription: Lists things.\n---\n\n# DescribeThings\n\n## 1. API Description\n\nLists <mark>things</mark> of a zone.<br>One page at a time.\n\n{% hint style=\"info\" %}\n* Things are listed newest first.\n{% endhint %}\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingIds | No | Array of String | <p>IDs.</p><p>Up to <mark>10</mark> IDs.</p> |\n| pageSize | No | Integer | Size.<br>Default value: 20. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n\n## 4. Code Example\n\n{% tabs %}\n{% tab title=\"Example\" %}\n```json\nRequest:\n{\"thingIds\": [\"a\"]}\n```\n{% endtab %}\n{% endtabs %}\n";
    for text in [page.to_string(), page.replace('\n', "\r\n")] {
        let loaded = load(&[("compute/zec/thing/describethings.md", &text)]);
        assert!(loaded.diagnostics.is_empty(), "{:#?}", warnings(&loaded));
        let action = loaded.api.action("zec", "DescribeThings").expect("action");
        assert_eq!(action.source.line, 5);
        assert_eq!(action.docs, ["Lists things of a zone. One page at a time."]);
        assert_eq!(action.notes, ["Things are listed newest first."]);
        assert_eq!(
            action.request[0].constraints,
            [zec_spec::ir::Constraint::MaxItems { max: 10 }]
        );
        assert_eq!(action.request[1].default.as_deref(), Some("20"));
        assert_eq!(action.request[1].source.line, 20);
        assert!(matches!(
            action.examples[0].request,
            Some(ExampleBody::Json(_))
        ));
    }
}

#[test]
fn links_between_products_must_reach_a_page_of_a_product_the_tree_holds() {
    let note = |target: &str| {
        format!(
            "# BindThing\n\n## 1. API Description\n\nBinds a thing.\n\n{{% hint style=\"info\" %}}\n* Load balancers are listed by [DescribeLoadBalancers]({target}).\n{{% endhint %}}\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| thingId | Yes | String | ID. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n"
        )
    };
    let zlb_page = "# DescribeLoadBalancers\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| regionId | No | String | Region. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n";
    let zlb_overview = "# ZLB\n\n| Item | Value |\n| --- | --- |\n| Service | `zlb` |\n| API version | `2025-04-01` |\n";
    let good =
        note("/api-reference/networking/zlb/load-balancer-instance/describeloadbalancers.md");
    let bad = note("/api-reference/networking/zlb/load-balancer-instance/describeloadbalancer.md");
    for (page, broken) in [(&good, false), (&bad, true)] {
        let loaded = load(&[
            ("compute/zec/thing/bindthing.md", page),
            (
                "networking/zlb/load-balancer-instance/describeloadbalancers.md",
                zlb_page,
            ),
            ("networking/zlb/README.md", zlb_overview),
        ]);
        let link_warnings: Vec<String> = warnings(&loaded)
            .into_iter()
            .filter(|w| w.contains("reaches no page"))
            .collect();
        assert_eq!(!link_warnings.is_empty(), broken, "{link_warnings:#?}");
        // Two products, each named by its overview page.
        let names: Vec<&str> = loaded
            .api
            .products
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["zec", "zlb"]);
    }
    // A link into a product the tree does not hold is not checked.
    let loaded = load(&[("compute/zec/thing/bindthing.md", &bad)]);
    assert!(
        warnings(&loaded)
            .iter()
            .all(|w| !w.contains("reaches no page")),
        "{:#?}",
        warnings(&loaded)
    );
}

#[test]
fn an_input_section_whose_table_cannot_be_read_is_an_error_not_an_action_without_parameters() {
    // The parameters as text (a table that failed to render), then as an empty section.
    for body in [
        "Parameter Name Required Type Description\neipIds Yes Array of String IDs.\n",
        "",
    ] {
        let page = format!(
            "# DescribeThings\n\n## 1. API Description\n\nLists things.\n\n## 2. Input Parameters\n\n{body}\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n"
        );
        let mut loaded = load(&[("compute/zec/thing/describethings.md", &page)]);
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        assert!(
            errors
                .iter()
                .any(|e| e.contains("no table that can be read")),
            "{errors:#?}"
        );
        // A user's tree leaves the action out, with the reason.
        let left = zec_spec::leave_out::leave_out_errors(&mut loaded);
        assert_eq!(left.len(), 1, "{left:?}");
        assert!(loaded.api.actions().next().is_none());
    }
    // Saying so is enough.
    let none = "# DescribeThings\n\n## 2. Input Parameters\n\nNone.\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n";
    let loaded = load(&[("compute/zec/thing/describethings.md", none)]);
    assert!(!loaded.has_errors(), "{:#?}", warnings(&loaded));
}
