//! What needs the whole tree, resolved once every page is read: the members each waiter
//! reads, and the links between pages.
//!
//! A waiter note names the action to poll and the states; which members carry the resource
//! ids and the state follows from the docs' naming conventions: the poll action takes
//! `<noun>Ids`, its listed items carry `<noun>Id` and a `status` (or `<noun>Status`, `…State`)
//! member, and the asynchronous action was given `<noun>Ids`/`<noun>Id` or returns them
//! (`<noun>IdSet`). An action that makes resources (`Create…`, `Copy…`) is watched through the
//! ids it returns, since the ids it was given name the source (the snapshot `CopySnapshot`
//! copies); any other action through the ids it was given, since the ids it returns may be the
//! ones that failed (`StartInstances`). A waiter for which a piece is missing keeps no `watch`
//! (so no waiter is generated), with a warning that says which; the action's docs still
//! describe the behaviour.

use crate::diag::{Diagnostics, Kind, Pos};
use crate::ir::{Action, Api, Field, Product, Shape, Side, TypeRef, Watch};
use std::collections::BTreeSet;

/// Resolve every waiter of `api` and check the links between its pages.
pub fn resolve(api: &mut Api, links: &[PageLink], diags: &mut Diagnostics) {
    for p in 0..api.products.len() {
        for a in 0..api.products[p].actions.len() {
            let product = &api.products[p];
            let action = &product.actions[a];
            let Some(waiter) = &action.waiter else {
                continue;
            };
            let pos = Pos {
                line: waiter.source.line,
                col: 1,
            };
            let file = waiter.source.file.clone();
            match watch(product, action, &waiter.poll_action) {
                Ok(found) => {
                    if let Some(w) = api.products[p].actions[a].waiter.as_mut() {
                        w.watch = Some(found);
                    }
                }
                Err(why) => {
                    diags.warning(
                        &file,
                        pos,
                        Kind::Structure,
                        format!(
                            "{} is asynchronous, but no waiter is generated: {why}",
                            action.name
                        ),
                    );
                    if let Some(w) = api.products[p].actions[a].waiter.as_mut() {
                        w.watch = None;
                    }
                }
            }
        }
    }
    check_links(api, links, diags);
}

fn is_string_list(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Array(inner) if **inner == TypeRef::String)
}

/// The members the waiter of `action` reads when it polls `poll_name`, or why they cannot be
/// found: a poll action that lists resources by their ids, or one that describes the one
/// resource the action made or acted on.
fn watch(product: &Product, action: &Action, poll_name: &str) -> Result<Watch, String> {
    let poll = product.action(poll_name).ok_or_else(|| {
        format!(
            "it waits by polling {poll_name}, which no page of {} defines",
            product.name
        )
    })?;
    match watch_list(product, action, poll) {
        Ok(found) => Ok(found),
        Err(why) => watch_one(product, action, poll).ok_or(why),
    }
}

/// A poll action that takes the id of one resource (`ticketId`) and answers with that
/// resource's id and state at the top of its response, for an action that made or acted on
/// one resource (`ticketId` in its request or response).
fn watch_one(product: &Product, action: &Action, poll: &Action) -> Option<Watch> {
    let required: Vec<&Field> = poll.request.iter().filter(|f| f.required).collect();
    for poll_id in poll.request.iter().filter(|f| f.ty == TypeRef::String) {
        let Some(noun) = poll_id.name.strip_suffix("Id") else {
            continue;
        };
        if !matches!(required.as_slice(), [] | [_] if required.iter().all(|f| f.name == poll_id.name))
        {
            continue;
        }
        let one_id = |fields: &[Field], side: Side| {
            fields
                .iter()
                .find(|f| f.name == poll_id.name && f.ty == TypeRef::String)
                .map(|f| (side, f.name.clone()))
        };
        let creates = ["Create", "Copy"]
            .iter()
            .any(|v| action.name.starts_with(v));
        let ids = if creates {
            one_id(&action.response, Side::Response)
                .or_else(|| one_id(&action.request, Side::Request))
        } else {
            one_id(&action.request, Side::Request)
                .or_else(|| one_id(&action.response, Side::Response))
        };
        let Some((ids_in, ids)) = ids else { continue };
        if !poll
            .response
            .iter()
            .any(|f| f.name == poll_id.name && f.ty == TypeRef::String)
        {
            continue;
        }
        let state = state_member(product, &poll.response, noun)?;
        return Some(Watch {
            ids_in,
            ids,
            poll_ids: poll_id.name.clone(),
            items: None,
            item_id: poll_id.name.clone(),
            item_state: state.name.clone(),
        });
    }
    None
}

/// A poll action that lists resources selected by a list of ids (`instanceIds`).
fn watch_list(product: &Product, action: &Action, poll: &Action) -> Result<Watch, String> {
    let poll_name = poll.name.as_str();
    let is_struct = |name: &str| {
        matches!(
            product.type_def(name).map(|t| &t.shape),
            Some(Shape::Struct { .. })
        )
    };
    // The listed items: the paginated list if there is one, else the first list of structures.
    let items = poll
        .pagination
        .as_ref()
        .and_then(|p| poll.response.iter().find(|f| f.name == p.items))
        .or_else(|| {
            poll.response.iter().find(
                |f| matches!(&f.ty, TypeRef::Array(inner) if inner.named().is_some_and(is_struct)),
            )
        })
        .ok_or_else(|| format!("{poll_name} lists no structures"))?;
    let item_name = items
        .ty
        .named()
        .filter(|n| is_struct(n))
        .ok_or_else(|| format!("{poll_name}'s {} holds no structure", items.name))?;
    let Some(Shape::Struct {
        fields: item_fields,
    }) = product.type_def(item_name).map(|t| &t.shape)
    else {
        return Err(format!(
            "{item_name} is not a structure of {}",
            product.name
        ));
    };

    let required: Vec<&Field> = poll.request.iter().filter(|f| f.required).collect();
    let mut tried = Vec::new();
    for poll_ids in poll.request.iter().filter(|f| is_string_list(&f.ty)) {
        let Some(noun) = poll_ids.name.strip_suffix("Ids") else {
            continue;
        };
        tried.push(poll_ids.name.clone());
        let wires = [
            format!("{noun}IdSet"),
            format!("{noun}Ids"),
            format!("{noun}Id"),
        ];
        let find = |fields: &[Field], side: Side| {
            wires.iter().find_map(|wire| {
                fields
                    .iter()
                    .find(|f| &f.name == wire && (is_string_list(&f.ty) || f.ty == TypeRef::String))
                    .map(|f| (side, f.name.clone()))
            })
        };
        let creates = ["Create", "Copy"]
            .iter()
            .any(|v| action.name.starts_with(v));
        let ids = if creates {
            find(&action.response, Side::Response).or_else(|| find(&action.request, Side::Request))
        } else {
            find(&action.request, Side::Request).or_else(|| find(&action.response, Side::Response))
        };
        let Some((ids_in, ids)) = ids else {
            continue;
        };
        let id_member = format!("{noun}Id");
        if !item_fields
            .iter()
            .any(|f| f.name == id_member && f.ty == TypeRef::String)
        {
            continue;
        }
        let Some(state) = state_member(product, item_fields, noun) else {
            continue;
        };
        let only_ids = match required.as_slice() {
            [] => true,
            [only] => only.name == poll_ids.name,
            _ => false,
        };
        if !only_ids {
            return Err(format!(
                "{poll_name} requires more than the ids ({})",
                required
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return Ok(Watch {
            ids_in,
            ids,
            poll_ids: poll_ids.name.clone(),
            items: Some(items.name.clone()),
            item_id: id_member,
            item_state: state.name.clone(),
        });
    }
    if tried.is_empty() {
        Err(format!("{poll_name} takes no list of ids (`<noun>Ids`)"))
    } else {
        Err(format!(
            "for {} of {poll_name}, {} has no matching ids, or {item_name} no matching id and state",
            tried.join(", "),
            action.name
        ))
    }
}

/// The member that holds an item's state: `status`, then `<noun>Status`, then any text or
/// enum member ending in `Status` or `State`.
fn state_member<'a>(product: &Product, fields: &'a [Field], noun: &str) -> Option<&'a Field> {
    let textual = |f: &Field| match &f.ty {
        TypeRef::String => true,
        TypeRef::Named(n) => matches!(
            product.type_def(n).map(|t| &t.shape),
            Some(Shape::Enum { .. })
        ),
        _ => false,
    };
    let candidates: Vec<&Field> = fields.iter().filter(|f| textual(f)).collect();
    candidates
        .iter()
        .find(|f| f.name == "status")
        .or_else(|| {
            candidates
                .iter()
                .find(|f| f.name == format!("{noun}Status"))
        })
        .or_else(|| {
            candidates
                .iter()
                .find(|f| f.name.ends_with("Status") || f.name.ends_with("State"))
        })
        .copied()
}

/// A link from a page to another page of the docs site, as written, and where it is.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// The page the link is on.
    pub file: String,
    /// Where on that page.
    pub pos: Pos,
    /// The target as written.
    pub href: String,
}

/// Links from one page to another (`/api-reference/networking/zlb/…/describeloadbalancers.md`)
/// must reach a page of the tree when the product they point into is in the tree: a link into
/// a product the tree has, to a page it does not have, is a warning. Links into products the
/// tree does not hold are fine (a tree may hold only some products).
fn check_links(api: &Api, links: &[PageLink], diags: &mut Diagnostics) {
    let mut pages: BTreeSet<&str> = BTreeSet::new();
    for product in &api.products {
        for a in &product.actions {
            pages.insert(a.source.file.as_str());
        }
        for t in &product.types {
            pages.insert(t.source.file.as_str());
        }
        if let Some(source) = &product.source {
            pages.insert(source.file.as_str());
        }
    }
    for link in links {
        let Some(path) = site_path(&link.href) else {
            continue;
        };
        let in_tree = api
            .products
            .iter()
            .any(|p| path.starts_with(&format!("{}/", p.path)));
        if in_tree && !pages.contains(path.as_str()) {
            diags.warning(
                &link.file,
                link.pos,
                Kind::Structure,
                format!("the link to {} reaches no page of the tree", link.href),
            );
        }
    }
}

/// The tree path of a docs-site link: `/api-reference/networking/zlb/x/y.md` →
/// `networking/zlb/x/y.md` (English or Chinese pages alike). The anchor is dropped.
fn site_path(href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or(href);
    let rest = href.split("/api-reference/").nth(1)?;
    let rest = rest.strip_prefix("cn/").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() {
        return None;
    }
    Some(if rest.ends_with(".md") {
        rest.to_string()
    } else {
        format!("{rest}.md")
    })
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn site_paths_of_links() {
        assert_eq!(
            site_path(
                "/api-reference/networking/zlb/load-balancer-instance/describeloadbalancers.md"
            )
            .as_deref(),
            Some("networking/zlb/load-balancer-instance/describeloadbalancers.md")
        );
        assert_eq!(
            site_path("https://docs.console.zenlayer.com/api-reference/cn/compute/zec/vnic/x")
                .as_deref(),
            Some("compute/zec/vnic/x.md")
        );
        assert_eq!(site_path("/api-reference/"), None);
    }
}
