// A setter whose name is not a member of the request does not compile.
use zec_api::{Client, Config};

fn main() {
    let client = Client::new(Config::new()).expect("https endpoint");
    let _ = client.associate_eip_address().nic_idd("nic-1");
}
