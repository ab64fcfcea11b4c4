// Only list actions stream pages.
use zec_api::{Client, Config};

fn main() {
    let client = Client::new(Config::new()).expect("https endpoint");
    let _ = client.associate_eip_address().eip_ids(["eip-1"]).stream();
}
