use zec_api::types::BindType;

fn main() {
    let _ = BindType::Turbo;
}
