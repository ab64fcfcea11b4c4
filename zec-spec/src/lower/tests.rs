use super::*;
use crate::ir::{Pagination, Shape, TypeRef};
use crate::markdown::{Link, Rich, parse};

fn index(names: &[&str]) -> TypeIndex {
    let mut i = TypeIndex::default();
    for n in names {
        i.insert("zec", n);
    }
    i
}

fn rich(text: &str, href: Option<&str>) -> Rich {
    Rich {
        text: text.to_string(),
        links: href
            .map(|h| {
                vec![Link {
                    text: text.trim_start_matches("Array of ").to_string(),
                    href: h.to_string(),
                }]
            })
            .unwrap_or_default(),
    }
}

#[test]
fn type_cells_scalars_arrays_and_every_link_form() {
    let idx = index(&[
        "BindType",
        "DiskStatus",
        "InstanceAvailableSecurityGroup",
        "VpcStatus",
    ]);
    let t = |text: &str, href: Option<&str>| parse_type(&rich(text, href), "zec", &idx);
    assert_eq!(t("String", None), Ok(TypeRef::String));
    assert_eq!(
        t("Array of Integer", None),
        Ok(TypeRef::Array(Box::new(TypeRef::Integer)))
    );
    assert_eq!(t("BigDecimal", None), Ok(TypeRef::BigDecimal));
    let bind = Ok(TypeRef::Named("BindType".into()));
    assert_eq!(t("BindType", Some("../datastructure.md#bindtype")), bind);
    assert_eq!(
        t(
            "BindType",
            Some("/api-reference/compute/zec/datastructure.md#bindtype")
        ),
        bind
    );
    assert_eq!(
        t(
            "BindType",
            Some(
                "https://docs.console.zenlayer.com/api-reference/cn/compute/datastructure#bindtype"
            )
        ),
        bind
    );
    assert_eq!(
        t(
            "BindType",
            Some(
                "https://docs.console.zenlayer.com/api-reference/compute/zec/datastructure.md#bindtype"
            )
        ),
        bind
    );
    assert_eq!(
        t(
            "diskstatus",
            Some(
                "https://app.gitbook.com/o/Rd/s/q4/\\~/changes/236/xu-ni-ji/shu-ju-jie-gou#diskstatus"
            )
        ),
        Ok(TypeRef::Named("DiskStatus".into()))
    );
    // Chinese link text: the fragment names the type.
    let vpc = Rich {
        text: "VPC的状态。".into(),
        links: vec![Link {
            text: "VPC的状态。".into(),
            href: "datastructure.md#vpcstatus".into(),
        }],
    };
    assert_eq!(
        parse_type(&vpc, "zec", &idx),
        Ok(TypeRef::Named("VpcStatus".into()))
    );
    assert_eq!(
        t(
            "Array of InstanceAvailableSecurityGroup",
            Some("../shu-ju-jie-gou.md#instanceavailablesecuritygroup")
        ),
        Ok(TypeRef::Array(Box::new(TypeRef::Named(
            "InstanceAvailableSecurityGroup".into()
        ))))
    );
    assert!(
        t("Nope", Some("../datastructure.md#nope"))
            .unwrap_err()
            .contains("resolves to no type")
    );
    assert!(t("", None).is_err());
    assert!(
        t("Array of zoneId", None)
            .unwrap_err()
            .contains("unknown type")
    );
}

#[test]
fn types_resolve_within_their_product_only() {
    let mut idx = TypeIndex::default();
    idx.insert("bmc", "Nic");
    idx.insert("vm", "Nic");
    idx.insert("vm", "DiskInfo");
    assert_eq!(idx.resolve("bmc", "nic"), Some("Nic".into()));
    assert_eq!(idx.resolve("zec", "nic"), None);
    assert_eq!(idx.resolve("zec", "diskinfo"), None);
    assert_eq!(idx.resolve("vm", "diskinfo"), Some("DiskInfo".into()));
}

#[test]
fn name_cells_with_deprecation_markers() {
    assert_eq!(
        field_name("eipV4Type \\[已废弃]".replace('\\', "").as_str()),
        ("eipV4Type".into(), true)
    );
    assert_eq!(
        field_name("eipV4Type [Deprecated]"),
        ("eipV4Type".into(), true)
    );
    assert_eq!(field_name("`nicId`"), ("nicId".into(), false));
    assert_eq!(required_flag(" 是 "), Some(true));
    assert_eq!(required_flag("No"), Some(false));
    assert_eq!(required_flag("maybe"), None);
}

#[test]
fn referenced_by_lines() {
    assert_eq!(
        datastructure::referenced_by_line("Referenced by：AssociateEipAddress, CreateEipAddresses"),
        Some(vec![
            "AssociateEipAddress".to_string(),
            "CreateEipAddresses".to_string()
        ])
    );
    assert_eq!(datastructure::referenced_by_line("A mode."), None);
}

#[test]
fn enum_tables_in_every_header_form() {
    let src = "# 数据结构\n\n## A\n\n| Value | Description |\n|---|---|\n| FullNat | NAT |\n\n## B\n\n| 状态值 | 状态说明 |\n|---|---|\n| RUNNING | 运行中 |\n\n### C\n\n| 类型 | 说明 |\n|---|---|\n| ByBandwidth | 固定带宽 |\n| | |\n";
    let blocks = parse(src);
    assert_eq!(classify(&blocks), PageKind::DataStructures);
    let info = PageInfo {
        file: "ds.md".into(),
        product: "zec".into(),
        group: String::new(),
    };
    let mut d = Diagnostics::new();
    let types = lower_page(&info, &blocks, &TypeIndex::default(), &mut d).types;
    let values: Vec<(String, Vec<String>)> = types
        .iter()
        .map(|t| match &t.shape {
            Shape::Enum { values } => (
                t.name.clone(),
                values.iter().map(|v| v.value.clone()).collect(),
            ),
            Shape::Struct { .. } => panic!("{} read as a struct", t.name),
        })
        .collect();
    assert_eq!(
        values,
        vec![
            ("A".to_string(), vec!["FullNat".to_string()]),
            ("B".to_string(), vec!["RUNNING".to_string()]),
            ("C".to_string(), vec!["ByBandwidth".to_string()]),
        ]
    );
    assert_eq!(d.iter().count(), 0, "{:?}", d.into_sorted());
}

#[test]
fn pagination_by_convention_in_both_languages() {
    let page = |req: &str, resp: &str| {
        format!(
            "# DescribeThings\n\n## 2. {req}\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| pageNum | No | Integer | Page. |\n| pageSize | No | Integer | Size. |\n\n## 3. {resp}\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| totalCount | Integer | Total. |\n| dataSet | Array of String | Items. |\n"
        )
    };
    for (req, resp) in [
        ("Input Parameters", "Output Parameters"),
        ("请求参数", "响应结果"),
    ] {
        let loaded = crate::load_pages(&[("p/g/describethings.md".into(), page(req, resp))]);
        let action = loaded.api.action("p", "DescribeThings").expect("action");
        assert_eq!(
            action.pagination,
            Some(Pagination {
                page_num: "pageNum".into(),
                page_size: "pageSize".into(),
                total_count: "totalCount".into(),
                items: "dataSet".into(),
            })
        );
    }
    // Without totalCount there is no way to know when to stop: not paginated.
    let no_total = page("Input Parameters", "Output Parameters").replace("totalCount", "count");
    let loaded = crate::load_pages(&[("p/g/describethings.md".into(), no_total)]);
    assert_eq!(
        loaded.api.action("p", "DescribeThings").unwrap().pagination,
        None
    );
}
