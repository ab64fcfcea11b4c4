//! `zec-spec check` prints, per page, how many constraint-like sentences the reader read,
//! read in part and did not read, so that a maintainer sees what a tree costs in validation.

use std::process::Command;

#[test]
fn check_counts_what_the_reader_made_of_each_page() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-command");
    let _ = std::fs::remove_dir_all(&root);
    let page = root.join("compute/zec/thing/describethings.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(
        &page,
        "# DescribeThings\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| pageSize | No | Integer | <p>Items per page.</p><p>Default value: 20.</p><p>Maximum: 1000.</p> |\n| name | No | String | <p>Name.</p><p>At most 64 characters; it must be unique within the account.</p> |\n| zoneId | No | String | <p>Zone.</p><p>It must be in the same region as the VPC.</p> |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zec-spec"))
        .args(["check"])
        .arg(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "describethings.md: 4 constraint-like sentences: 2 read, 1 partly read, 1 not read"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("prose: 4 constraint-like sentences: 2 read, 1 partly read, 1 not read"),
        "{stderr}"
    );
}
