// Setters take what the member holds: a number for `pageSize`, a list for `instanceIds`.
use zec_api::{Client, Config};

fn main() {
    let client = Client::new(Config::new()).expect("https endpoint");
    let _ = client.describe_instances().page_size("2");
    let _ = client.describe_instances().instance_ids(7);
}
