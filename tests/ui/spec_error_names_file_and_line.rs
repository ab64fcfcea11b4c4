// A page with a type link that resolves nowhere: the error names the page, line and column.
zec_api::generate_page!("pages/bad_type_link.md");

fn main() {}
