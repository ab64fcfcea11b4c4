//! Header names of each kind of column, English and Chinese. Tables are read by these names,
//! never by column position.

use crate::markdown::Table;

pub const NAME: &[&str] = &[
    "Parameter Name",
    "Parameter",
    "Name",
    "Field",
    "Field Name",
    "参数名称",
    "参数名",
    "名称",
    "参数",
    "字段",
];
pub const REQUIRED: &[&str] = &["Required", "必选", "是否必选", "必填", "是否必填"];
pub const TYPE: &[&str] = &["Type", "Data Type", "类型", "数据类型"];
pub const DESCRIPTION: &[&str] = &[
    "Description",
    "描述",
    "说明",
    "语义",
    "状态说明",
    "Meaning",
    "Remarks",
];
pub const VALUE: &[&str] = &[
    "Value",
    "Enum Value",
    "Values",
    "状态值",
    "取值",
    "枚举值",
    "值",
    "Status",
    "状态",
];
pub const STATUS: &[&str] = &[
    "HTTP Status Code",
    "HTTP Status",
    "Status Code",
    "HTTP状态码",
    "HTTP 状态码",
    "状态码",
];
pub const CODE: &[&str] = &["Error Code", "Code", "错误码"];

/// A table of fields: it has a name and a type column.
pub fn is_field_table(table: &Table) -> bool {
    table.column(NAME).is_some() && table.column(TYPE).is_some()
}

/// A table of fields or of enum values (a value column, or values in a `类型` column beside
/// their meaning).
pub fn is_field_or_value_table(table: &Table) -> bool {
    let values = table.column(VALUE).is_some()
        || (table.column(TYPE).is_some() && table.column(NAME).is_none());
    is_field_table(table) || (values && table.column(CODE).is_none())
}
