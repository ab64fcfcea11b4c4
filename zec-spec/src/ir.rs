//! The intermediate representation: what the doc pages say about the API, with no Rust syntax.
//!
//! Everything here is plain data with a stable order, so that `zec-spec ir` prints the same JSON
//! for the same pages and snapshot tests stay meaningful. Every item remembers where it came
//! from ([`SourceRef`]) so that later stages can point a maintainer at the page and line.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The whole API as read from one spec tree: its products, each with its actions and types,
/// and the error codes every action of every product may return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Products found in the tree (`ccs`, `zec`, `zlb`, …), sorted by service name.
    pub products: Vec<Product>,
    /// Error codes that any action may return, in page order.
    pub common_errors: Vec<ErrorCode>,
}

impl Api {
    /// The product with this service name.
    pub fn product(&self, service: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.name == service)
    }

    /// The product with this service name, to change it.
    pub fn product_mut(&mut self, service: &str) -> Option<&mut Product> {
        self.products.iter_mut().find(|p| p.name == service)
    }

    /// Every action of every product, by product and then name.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.products.iter().flat_map(|p| p.actions.iter())
    }

    /// Every type of every product, by product and then name.
    pub fn types(&self) -> impl Iterator<Item = &TypeDef> {
        self.products.iter().flat_map(|p| p.types.iter())
    }

    /// The action of `product` with this wire name.
    pub fn action(&self, product: &str, name: &str) -> Option<&Action> {
        self.product(product)?.action(name)
    }

    /// The type of `product` with this name.
    pub fn type_def(&self, product: &str, name: &str) -> Option<&TypeDef> {
        self.product(product)?.type_def(name)
    }

    /// Keep what a crate with cargo features `features`, of which `enabled` says which are
    /// on, builds: of the `root` product (laid out at the crate root) the actions of groups
    /// whose feature is on, and every other product whose feature is on. A group or product
    /// that has no feature (a newer tree's) is always kept, and so are the root product's
    /// types.
    pub fn retain_enabled(
        &mut self,
        root: &str,
        features: &[String],
        enabled: impl Fn(&str) -> bool,
    ) {
        let on = |name: &str| !features.iter().any(|f| f == name) || enabled(name);
        self.products.retain(|p| p.name == root || on(&p.name));
        if let Some(root) = self.product_mut(root) {
            root.actions.retain(|a| a.group.is_empty() || on(&a.group));
        }
    }
}

/// A product: one service of the API (`zec`, `zlb`), with its own API version, endpoint path,
/// data-structure page and action pages, in a directory of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// Service name: the `X-ZC-Service` header and the last segment of the endpoint path
    /// (`zlb`). Actions and types name their product by it.
    pub name: String,
    /// Directory of the product relative to the tree root (`networking/zlb`).
    pub path: String,
    /// The product's name in the docs (`Zenlayer Load Balancer (ZLB)`); the service name when
    /// the tree has no overview page for it.
    pub title: String,
    /// The API version requests name (`X-ZC-Version`), from the product's overview page;
    /// `None` when the tree does not state it (a warning says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where requests are posted under the endpoint (`/api/v2/zlb`).
    pub endpoint_path: String,
    /// What the overview page says the product is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// The overview page, when the tree has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// Every action, sorted by name; names are unique within the product.
    pub actions: Vec<Action>,
    /// Every data structure and enum, sorted by name; names are unique within the product.
    pub types: Vec<TypeDef>,
}

impl Product {
    /// A product with no actions or types yet.
    pub fn new(name: &str, path: &str) -> Self {
        Product {
            name: name.to_string(),
            path: path.to_string(),
            title: name.to_string(),
            version: None,
            endpoint_path: format!("/api/v2/{name}"),
            docs: Vec::new(),
            source: None,
            actions: Vec::new(),
            types: Vec::new(),
        }
    }

    /// The action with this wire name.
    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    /// The type with this name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}

/// Name prefixes of the actions that only read: they can be retried freely, and waiters poll
/// them.
pub const READ_ONLY_PREFIXES: &[&str] = &["Describe", "Inquiry", "Query", "Get", "List", "Check"];

/// Whether the action named `name` only reads: its name is a read-only verb, alone or followed
/// by the rest of a CamelCase name (`DescribeInstances`, not `Listener`).
pub fn is_read_only_action(name: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|p| {
        name.strip_prefix(p).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
        })
    })
}

/// Where an item was read: a file relative to the tree root, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// Path relative to the spec root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One API action, read from its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Wire name, sent as `X-ZC-Action` (`AssociateEipAddress`).
    pub name: String,
    /// Product the page belongs to.
    pub product: String,
    /// Group directory of the page (`elastic-ip`); empty when the page sits in the product's
    /// own directory.
    pub group: String,
    /// Whether the action only reads state (its name starts with a read-only verb, see
    /// [`is_read_only_action`]): it may be retried freely, and waiters poll such actions.
    #[serde(default)]
    pub read_only: bool,
    /// First sentence of the description.
    pub summary: String,
    /// The description, one paragraph per entry.
    pub docs: Vec<String>,
    /// Notes from the page's hint blocks, one item per entry.
    pub notes: Vec<String>,
    /// Request parameters in table order.
    pub request: Vec<Field>,
    /// Response fields in table order (the content of the `response` object).
    pub response: Vec<Field>,
    /// Error codes specific to this action, in table order.
    pub errors: Vec<ErrorCode>,
    /// Rules over several request fields.
    pub rules: Vec<Rule>,
    /// Examples from the page.
    pub examples: Vec<Example>,
    /// Present when the action returns its results page by page.
    pub pagination: Option<Pagination>,
    /// Present when the docs call the action asynchronous and say how to observe completion.
    pub waiter: Option<Waiter>,
    /// Where the page's title is.
    pub source: SourceRef,
}

/// A request parameter, response field or data-structure member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Wire name, exactly as in the JSON.
    pub name: String,
    /// The declared type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Whether the docs mark it required. Response fields are never required.
    pub required: bool,
    /// Marked deprecated in the docs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The description, one paragraph per entry.
    pub docs: Vec<String>,
    /// Documented default value, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Constraints read from the description.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    /// Where the row is.
    pub source: SourceRef,
}

/// A type as written in a type cell.
///
/// Serialised in the docs' own notation (`String`, `Array of BindType`), so the JSON reads like
/// the page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `String`
    String,
    /// `Integer` (32-bit)
    Integer,
    /// `Long` (64-bit)
    Long,
    /// `Float`
    Float,
    /// `Double`
    Double,
    /// `BigDecimal`: a decimal number carried as text or number.
    BigDecimal,
    /// `Boolean`
    Boolean,
    /// `Timestamp`: an ISO 8601 string.
    Timestamp,
    /// `Object`: a JSON value the docs give no type or structure for (a map of labels, the
    /// opaque items of a cursor), kept as JSON.
    Object,
    /// `Array of X`
    Array(Box<TypeRef>),
    /// A data structure or enum from a data-structure page.
    Named(String),
    /// The cell could not be read; an error was reported.
    Unknown,
}

impl TypeRef {
    /// The scalar a type cell names, if it names one: the docs' notation in any case, and the
    /// other common spellings (`int`, `int64`, `bool`, `datetime`, …).
    pub fn scalar(name: &str) -> Option<TypeRef> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "string" | "str" => TypeRef::String,
            "integer" | "int" | "int32" => TypeRef::Integer,
            "long" | "int64" => TypeRef::Long,
            "float" => TypeRef::Float,
            "double" => TypeRef::Double,
            "bigdecimal" | "decimal" => TypeRef::BigDecimal,
            "boolean" | "bool" => TypeRef::Boolean,
            "timestamp" | "datetime" => TypeRef::Timestamp,
            "object" | "map" | "json" => TypeRef::Object,
            _ => return None,
        })
    }

    /// The named type inside this one, looking through arrays.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Array(inner) => inner.named(),
            _ => None,
        }
    }

    /// Whether values of this type are numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            TypeRef::Integer
                | TypeRef::Long
                | TypeRef::Float
                | TypeRef::Double
                | TypeRef::BigDecimal
        )
    }

    /// Parse the docs' notation, as written by `Display`.
    pub fn parse(s: &str) -> Option<TypeRef> {
        let s = s.trim();
        if let Some(rest) = s.strip_prefix("Array of ") {
            return TypeRef::parse(rest).map(|t| TypeRef::Array(Box::new(t)));
        }
        if s == "Unknown" {
            return Some(TypeRef::Unknown);
        }
        if let Some(t) = TypeRef::scalar(s) {
            return Some(t);
        }
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(TypeRef::Named(s.to_string()));
        }
        None
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("String"),
            TypeRef::Integer => f.write_str("Integer"),
            TypeRef::Long => f.write_str("Long"),
            TypeRef::Float => f.write_str("Float"),
            TypeRef::Double => f.write_str("Double"),
            TypeRef::BigDecimal => f.write_str("BigDecimal"),
            TypeRef::Boolean => f.write_str("Boolean"),
            TypeRef::Timestamp => f.write_str("Timestamp"),
            TypeRef::Object => f.write_str("Object"),
            TypeRef::Array(inner) => write!(f, "Array of {inner}"),
            TypeRef::Named(n) => f.write_str(n),
            TypeRef::Unknown => f.write_str("Unknown"),
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TypeRef::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a type: {s:?}")))
    }
}

/// A named data structure or enum from a data-structure page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Name as in the heading (`BindType`).
    pub name: String,
    /// Product whose data-structure page defines it.
    pub product: String,
    /// The description, one paragraph per entry.
    pub docs: Vec<String>,
    /// Actions and types the page says use it ("Referenced by").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referenced_by: Vec<String>,
    /// Struct members or enum values.
    #[serde(flatten)]
    pub shape: Shape,
    /// Where the heading is.
    pub source: SourceRef,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Shape {
    /// A JSON object with these members.
    Struct {
        /// Members in table order.
        fields: Vec<Field>,
    },
    /// A string with one of these values.
    Enum {
        /// Values in table order.
        values: Vec<EnumValue>,
    },
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The wire value.
    pub value: String,
    /// What it means.
    pub docs: String,
    /// Where the row is.
    pub source: SourceRef,
}

/// A documented error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorCode {
    /// HTTP status the server answers with, when the table gives one.
    pub status: Option<u16>,
    /// The code (`INVALID_LB_NOT_FOUND`).
    pub code: String,
    /// What it means.
    pub description: String,
    /// Where the row is.
    pub source: SourceRef,
}

/// A constraint on one field's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Constraint {
    /// The numeric value (each item, for a list of numbers) lies in `[min, max]`.
    Range {
        /// Inclusive lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Inclusive upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// The string has between `min` and `max` characters.
    Length {
        /// Inclusive lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u64>,
        /// Inclusive upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u64>,
    },
    /// The array has at most `max` items.
    MaxItems {
        /// Inclusive upper bound.
        max: u64,
    },
    /// The value is one of these.
    AllowedValues {
        /// The values, in the order the docs list them.
        values: Vec<String>,
    },
}

/// A rule relating several request fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Exactly one of the fields must be set; when `by_priority`, the docs list them in the
    /// order the server prefers.
    ExactlyOneOf {
        /// Wire names.
        fields: Vec<String>,
        /// Whether the order is a priority order.
        by_priority: bool,
        /// Where the sentence is.
        source: SourceRef,
    },
    /// At most one of the fields may be set.
    AtMostOneOf {
        /// Wire names.
        fields: Vec<String>,
        /// Where the sentence is.
        source: SourceRef,
    },
    /// `field` is required when `when` is set (and, if `equals` is not empty, has one of those
    /// values).
    RequiredIf {
        /// The field that becomes required.
        field: String,
        /// The field whose presence or value decides.
        when: String,
        /// Values of `when` that make `field` required; empty means any value.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        equals: Vec<String>,
        /// Where the sentence is.
        source: SourceRef,
    },
}

impl Rule {
    /// Whether two rules say the same, wherever they were read (the order of fields of which
    /// at most one may be set does not matter).
    pub fn same_as(&self, other: &Rule) -> bool {
        match (self, other) {
            (Rule::AtMostOneOf { fields: a, .. }, Rule::AtMostOneOf { fields: b, .. }) => {
                a.len() == b.len() && a.iter().all(|f| b.contains(f))
            }
            (
                Rule::ExactlyOneOf {
                    fields: a,
                    by_priority: pa,
                    ..
                },
                Rule::ExactlyOneOf {
                    fields: b,
                    by_priority: pb,
                    ..
                },
            ) => a == b && pa == pb,
            (
                Rule::RequiredIf {
                    field: fa,
                    when: wa,
                    equals: ea,
                    ..
                },
                Rule::RequiredIf {
                    field: fb,
                    when: wb,
                    equals: eb,
                    ..
                },
            ) => fa == fb && wa == wb && ea == eb,
            _ => false,
        }
    }

    /// Where the rule was read.
    pub fn source(&self) -> &SourceRef {
        match self {
            Rule::ExactlyOneOf { source, .. }
            | Rule::AtMostOneOf { source, .. }
            | Rule::RequiredIf { source, .. } => source,
        }
    }
}

/// An example request and response from the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The example's heading.
    pub title: String,
    /// Action named by the example's `X-ZC-Action` header, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_header: Option<String>,
    /// Endpoint path the example posts to (`/api/v2/zec`), if it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleBody>,
    /// The response envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleBody>,
    /// Where the code block starts.
    pub source: SourceRef,
}

/// A JSON body from an example, kept as text when it is not valid JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleBody {
    /// Valid JSON.
    Json(serde_json::Value),
    /// Text that does not parse as JSON (a warning was reported).
    Text(String),
}

/// How a list action pages its results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// Request field with the 1-based page number.
    pub page_num: String,
    /// Request field with the page size.
    pub page_size: String,
    /// Response field with the total number of items.
    pub total_count: String,
    /// Response field with this page's items.
    pub items: String,
}

/// How to observe that an asynchronous action has finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiter {
    /// Action to poll (`DescribeInstances`).
    pub poll_action: String,
    /// States while the operation runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<String>,
    /// States that mean success; empty when success means the resource disappears.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success: Vec<String>,
    /// States that mean failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure: Vec<String>,
    /// Success is the resource no longer being listed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub until_gone: bool,
    /// Which members carry the resources and their states. A page alone cannot say (it needs
    /// the poll action's page and the data structures); loading the tree fills it in, or
    /// warns that it cannot (and then no waiter is generated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<Watch>,
    /// Where the sentence is.
    pub source: SourceRef,
}

/// The members a waiter reads: the ids of the resources the action works on, and, in the
/// poll action's answer, each resource's id and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// Where the resource ids are: the action's request or its response.
    pub ids_in: Side,
    /// The member holding them there (a string or a list of strings: `instanceIds`).
    pub ids: String,
    /// Request member of the poll action that selects resources by id (`instanceIds`), or
    /// the one resource (`ticketId`) when the poll action describes one at a time.
    pub poll_ids: String,
    /// Response member of the poll action listing the resources (`dataSet`); `None` when the
    /// poll action answers with the one resource's members themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// Member of a listed resource holding its id (`instanceId`).
    pub item_id: String,
    /// Member of a listed resource holding its state (`status`).
    pub item_state: String,
}

/// The request or the response of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// What the caller sends.
    Request,
    /// What the server answers.
    Response,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_keep_the_products_and_groups_that_are_on() {
        let product = |name: &str, groups: &[&str]| {
            let mut p = Product::new(name, name);
            for g in groups {
                p.actions.push(Action {
                    name: format!("Describe{g}"),
                    product: name.into(),
                    group: g.to_string(),
                    read_only: true,
                    summary: String::new(),
                    docs: Vec::new(),
                    notes: Vec::new(),
                    request: Vec::new(),
                    response: Vec::new(),
                    errors: Vec::new(),
                    rules: Vec::new(),
                    examples: Vec::new(),
                    pagination: None,
                    waiter: None,
                    source: SourceRef {
                        file: String::new(),
                        line: 1,
                    },
                });
            }
            p
        };
        let api = Api {
            products: vec![
                product("zec", &["disk", "vpc", "newgroup"]),
                product("zlb", &["listener"]),
                product("vm", &["instance"]),
                product("newproduct", &["x"]),
            ],
            common_errors: Vec::new(),
        };
        let features: Vec<String> = ["disk", "vpc", "zlb", "vm"].map(String::from).to_vec();
        let kept = |on: &[&str]| {
            let mut api = api.clone();
            api.retain_enabled("zec", &features, |f| on.contains(&f));
            api.actions()
                .map(|a| format!("{}/{}", a.product, a.group))
                .collect::<Vec<_>>()
        };
        // Only `zlb`: no ZEC action of a group with a feature, no `vm`.
        assert_eq!(
            kept(&["zlb"]),
            ["zec/newgroup", "zlb/listener", "newproduct/x"]
        );
        // ZEC's groups alone: no other product with a feature.
        assert_eq!(
            kept(&["disk", "vpc"]),
            ["zec/disk", "zec/vpc", "zec/newgroup", "newproduct/x"]
        );
    }

    #[test]
    fn read_only_actions_by_name() {
        assert!(is_read_only_action("DescribeInstances"));
        assert!(is_read_only_action("InquiryPriceCreateInstance"));
        assert!(is_read_only_action("Describe"));
        assert!(!is_read_only_action("CreateZecInstances"));
        assert!(!is_read_only_action("Describer"));
        assert!(!is_read_only_action("AssociateEipAddress"));
    }
}
