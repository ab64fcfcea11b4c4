use super::*;

fn tables(src: &str) -> Vec<Table> {
    parse(src)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn table_walker_reads_head_and_rows_with_positions() {
    let src = "# T\n\n| Name | Type |\n| --- | --- |\n| a | String |\n| b | Integer |\n";
    let t = &tables(src)[0];
    assert_eq!(t.head.len(), 2);
    assert_eq!(t.head[1].rich.text, "Type");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].cells[0].rich.text, "b");
    assert_eq!(t.rows[1].pos.line, 6);
    assert_eq!(t.rows[0].cells[1].pos, Pos { line: 5, col: 6 });
    assert_eq!(t.column(&["type"]), Some(1));
    assert_eq!(t.column(&["Required"]), None);
}

#[test]
fn table_walker_marks_padding_of_short_rows() {
    let src = "| 参数名称 | 必选 | 类型 | 描述 |\n| -- | -- | -- | -- |\n| x | 否 |\n| y | 是 | String ||\n";
    let t = &tables(src)[0];
    assert_eq!(t.rows.len(), 2);
    // The short row has its name and flag; the rest is padding, and says so.
    assert_eq!(t.rows[0].cells[0].rich.text, "x");
    assert!(
        t.rows[0]
            .cells
            .iter()
            .skip(2)
            .all(|c| c.rich.is_empty() && c.padded)
    );
    assert!(!t.rows[0].cells[1].padded);
    assert!(t.rows[1].cells.iter().all(|c| !c.padded));
    assert_eq!(t.rows[1].cells[2].rich.text, "String");
}

#[test]
fn cell_cleaner_handles_html_entities_and_escapes() {
    let src = "| a | b |\n|---|---|\n| INVALID\\_LB\\_STATUS | <p>Private IP.</p><p>If <code>nicId</code> is set&#x20;it is required.</p><ul><li>SELL：ok</li><li>SOLD_OUT：gone &#x3C;10</li></ul> |\n";
    let t = &tables(src)[0];
    assert_eq!(t.rows[0].cells[0].rich.text, "INVALID_LB_STATUS");
    let d = &t.rows[0].cells[1].rich;
    assert_eq!(
        d.text,
        "Private IP.\nIf `nicId` is set it is required.\n- SELL：ok\n- SOLD_OUT：gone <10"
    );
}

#[test]
fn cell_cleaner_reads_links_in_markdown_and_html_even_split_across_paragraphs() {
    let src = "| a | b |\n|---|---|\n| x | [BindType](/api-reference/compute/zec/datastructure.md#bindtype) |\n| y | <p>Array of </p><p><a href=\"../shu-ju-jie-gou.md#instanceavailablesecuritygroup\">InstanceAvailableSecurityGroup</a> </p> |\n";
    let t = &tables(src)[0];
    let first = &t.rows[0].cells[1].rich;
    assert_eq!(first.text, "BindType");
    assert_eq!(
        first.links[0].href,
        "/api-reference/compute/zec/datastructure.md#bindtype"
    );
    let second = &t.rows[1].cells[1].rich;
    assert_eq!(second.one_line(), "Array of InstanceAvailableSecurityGroup");
    assert_eq!(second.links[0].text, "InstanceAvailableSecurityGroup");
}

#[test]
fn headings_lose_anchors_and_entities() {
    let blocks = parse("## 1. 接口描述 <a href=\"#1\" id=\"1\"></a>\n\n#### 1. EIP绑定&#x20;\n");
    let texts: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, level, .. } => Some((*level, text.text.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            (2, "1. 接口描述".to_string()),
            (4, "1. EIP绑定".to_string())
        ]
    );
}

#[test]
fn front_matter_is_skipped_and_lines_kept() {
    let blocks = parse("---\ndescription: DeleteVpc\n---\n\n# DeleteVpc\n");
    match &blocks[0] {
        Block::Heading { text, pos, .. } => {
            assert_eq!(text.text, "DeleteVpc");
            assert_eq!(pos.line, 5);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn hint_blocks_mark_their_text_including_list_items() {
    let src = "before\n\n{% hint style=\"info\" %} <mark style=\"color:blue;\">**Note**</mark>\n\n* <mark>one</mark>\n* two\n  {% endhint %}\n\nafter\n";
    let texts: Vec<_> = parse(src)
        .into_iter()
        .filter_map(|b| match b {
            Block::Text { text, in_hint, .. } => Some((text.text, in_hint)),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            ("before".to_string(), false),
            ("**Note**".to_string(), true),
            ("one".to_string(), true),
            ("two".to_string(), true),
            ("after".to_string(), false),
        ]
    );
}

#[test]
fn pre_blocks_become_code_with_entities_decoded() {
    let src = "<pre class=\"language-json\"><code class=\"lang-json\">POST / HTTP/1.1\n&#x3C;Common Request Params>\n\nRequest:\n<strong>{\n</strong>    \"a\": 1\n}\n</code></pre>\n";
    let code: Vec<_> = parse(src)
        .into_iter()
        .filter_map(|b| match b {
            Block::Code { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(code.len(), 1);
    assert!(code[0].contains("<Common Request Params>"));
    assert!(code[0].contains("Request:\n{\n    \"a\": 1\n}"));
}

#[test]
fn entity_decoder_leaves_unknown_and_bare_ampersands() {
    assert_eq!(
        decode_entities("a &amp; b &#x3C; &#60; &bogus; & c"),
        "a & b < < &bogus; & c"
    );
    assert_eq!(decode_entities("&#xFFFFFFFF;"), "&#xFFFFFFFF;");
}
