//! Building from a tree of pages that is not ours: what has errors is left out, the rest is
//! kept.
//!
//! The pages shipped in `spec/` must be free of errors. A user who builds from a newer tree of
//! published pages would rather have every action that reads correctly than none, so
//! [`leave_out_errors`] takes out of the IR each action whose page has an error, each
//! structure or enum whose definition has one, and then, until nothing changes, everything
//! that refers to something taken out. Nothing with an error, or resting on one, is left.

use crate::diag::Diagnostic;
use crate::ir::{Product, Shape, TypeRef};
use crate::load::Loaded;
use std::collections::BTreeSet;

/// An item left out of the IR, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The action or type (`DescribeThings`, `type EipInfo`).
    pub item: String,
    /// The page it comes from.
    pub file: String,
    /// Its first error, or what it refers to that was left out.
    pub reason: String,
    /// How many errors it has (0 when it was left out for what it refers to).
    pub errors: usize,
}

/// Take out of `loaded.api` everything with an error or resting on one; the diagnostics stay.
pub fn leave_out_errors(loaded: &mut Loaded) -> Vec<LeftOut> {
    let errors: Vec<Diagnostic> = loaded.errors().cloned().collect();
    let mut out = Vec::new();
    for product in &mut loaded.api.products {
        leave_out_of_product(product, &errors, &mut out);
    }
    out
}

/// What has an error in one product, or rests on one: types refer only to their own
/// product's types, and waiters poll their own product's actions.
fn leave_out_of_product(product: &mut Product, errors: &[Diagnostic], out: &mut Vec<LeftOut>) {
    // Types whose definition (from its heading to the next type's) holds an error.
    let mut starts: Vec<(String, u32, String)> = product
        .types
        .iter()
        .map(|t| (t.source.file.clone(), t.source.line, t.name.clone()))
        .collect();
    starts.sort();
    let mut bad_types: BTreeSet<String> = BTreeSet::new();
    for def in &product.types {
        let end = starts
            .iter()
            .filter(|(f, l, _)| *f == def.source.file && *l > def.source.line)
            .map(|(_, l, _)| *l)
            .min()
            .unwrap_or(u32::MAX);
        let own: Vec<&Diagnostic> = errors
            .iter()
            .filter(|d| d.file == def.source.file && (def.source.line..end).contains(&d.line))
            .collect();
        if let Some(first) = own.first() {
            bad_types.insert(def.name.clone());
            out.push(LeftOut {
                item: format!("type {}", def.name),
                file: def.source.file.clone(),
                reason: first.to_string(),
                errors: own.len(),
            });
        }
    }
    product.types.retain(|t| !bad_types.contains(&t.name));

    // Actions whose page holds an error.
    let mut kept = Vec::new();
    for action in std::mem::take(&mut product.actions) {
        let own: Vec<&Diagnostic> = errors
            .iter()
            .filter(|d| d.file == action.source.file)
            .collect();
        match own.first() {
            Some(first) => out.push(LeftOut {
                item: action.name.clone(),
                file: action.source.file.clone(),
                reason: first.to_string(),
                errors: own.len(),
            }),
            None => kept.push(action),
        }
    }
    product.actions = kept;

    // Whatever refers to a type that is gone, until nothing more goes.
    loop {
        let known: BTreeSet<String> = product.types.iter().map(|t| t.name.clone()).collect();
        let missing = |ty: &TypeRef| {
            ty.named()
                .filter(|n| !known.contains(*n))
                .map(str::to_string)
        };
        let before = out.len();
        let mut types = Vec::new();
        for def in std::mem::take(&mut product.types) {
            let gone = match &def.shape {
                Shape::Struct { fields } => fields.iter().find_map(|f| missing(&f.ty)),
                Shape::Enum { .. } => None,
            };
            match gone {
                Some(name) => out.push(LeftOut {
                    item: format!("type {}", def.name),
                    file: def.source.file.clone(),
                    reason: format!("uses type {name}, which was left out"),
                    errors: 0,
                }),
                None => types.push(def),
            }
        }
        product.types = types;
        let mut actions = Vec::new();
        for action in std::mem::take(&mut product.actions) {
            let gone = action
                .request
                .iter()
                .chain(&action.response)
                .find_map(|f| missing(&f.ty));
            match gone {
                Some(name) => out.push(LeftOut {
                    item: action.name.clone(),
                    file: action.source.file.clone(),
                    reason: format!("uses type {name}, which was left out"),
                    errors: 0,
                }),
                None => actions.push(action),
            }
        }
        product.actions = actions;
        if out.len() == before {
            break;
        }
    }
    remove_dangling_waiters(product);
}

/// A waiter that polls an action which was left out cannot run.
fn remove_dangling_waiters(product: &mut Product) {
    let names: BTreeSet<String> = product.actions.iter().map(|a| a.name.clone()).collect();
    for action in &mut product.actions {
        if action
            .waiter
            .as_ref()
            .is_some_and(|w| !names.contains(&w.poll_action))
        {
            action.waiter = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_pages;

    fn page(name: &str, field_type: &str) -> String {
        format!(
            "# {name}\n\n## 2. Request Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| a | No | {field_type} | A. |\n\n## 3. Response Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| requestId | String | Request ID. |\n"
        )
    }

    #[test]
    fn what_has_an_error_or_rests_on_one_is_left_out_and_the_rest_kept() {
        let ds = "# Data Structures\n\n## Good\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| x | String | X. |\n\n## Bad\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| y | Nonsense | Y. |\n\n## UsesBad\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| z | [Bad](#bad) | Z. |\n";
        let pages = vec![
            ("p/datastructure.md".to_string(), ds.to_string()),
            (
                "p/g/describeone.md".to_string(),
                page("DescribeOne", "[Good](../datastructure.md#good)"),
            ),
            (
                "p/g/describetwo.md".to_string(),
                page("DescribeTwo", "Wrongtype"),
            ),
            (
                "p/g/describethree.md".to_string(),
                page("DescribeThree", "[UsesBad](../datastructure.md#usesbad)"),
            ),
        ];
        let mut loaded = load_pages(&pages);
        assert!(loaded.has_errors());
        let left = leave_out_errors(&mut loaded);
        let items: Vec<&str> = left.iter().map(|l| l.item.as_str()).collect();
        assert_eq!(
            items,
            ["type Bad", "DescribeTwo", "type UsesBad", "DescribeThree"]
        );
        assert_eq!(left[0].errors, 1);
        assert!(
            left[1].reason.contains("p/g/describetwo.md:"),
            "{}",
            left[1].reason
        );
        assert!(left[3].reason.contains("UsesBad"));
        let names: Vec<&str> = loaded.api.actions().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["DescribeOne"]);
        let types: Vec<&str> = loaded.api.types().map(|t| t.name.as_str()).collect();
        assert_eq!(types, ["Good"]);
    }

    #[test]
    fn a_tree_without_errors_loses_nothing() {
        let pages = vec![(
            "p/g/describeone.md".to_string(),
            page("DescribeOne", "String"),
        )];
        let mut loaded = load_pages(&pages);
        assert!(leave_out_errors(&mut loaded).is_empty());
        assert_eq!(loaded.api.actions().count(), 1);
    }
}
