//! Compile-fail and compile-pass tests of the generated API (`TRYBUILD=overwrite` to update
//! the `.stderr` files, then review them).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/spec_error_names_file_and_line.rs");
    t.compile_fail("ui/new_without_required_field.rs");
    t.compile_fail("ui/unknown_variant.rs");
    t.compile_fail("ui/required_field_is_not_optional.rs");
    t.compile_fail("ui/renamed_type_is_deprecated.rs");
    t.pass("ui/page_pass.rs");
    t.pass("ui/api_pass.rs");
    t.pass("ui/renamed_types_pass.rs");
}
