// A former name of a renamed data structure warns, naming the new one.
#![deny(deprecated)]

use zec_api::types::AsnObservation;

fn main() {
    let _ = AsnObservation::default();
}
