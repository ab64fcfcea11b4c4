// Code written against the former names of renamed data structures still compiles: the old
// names are deprecated aliases of the new ones, the same types.
#![allow(deprecated)]

use zec_api::actions::DescribeEipNetworkLineTypesResponse;
use zec_api::types::{
    AsnObservation, AsnObservationDetail, EipRegionNetworkLineType, RegionNetworkLineType,
};

fn first_region(response: &DescribeEipNetworkLineTypesResponse) -> Option<&RegionNetworkLineType> {
    response.region_network_line_types.as_ref()?.first()
}

fn as_new(old: AsnObservation) -> AsnObservationDetail {
    old
}

fn main() {
    let observation = as_new(AsnObservation::default().observed_prefix("203.0.113.0/24"));
    assert_eq!(observation.observed_prefix.as_deref(), Some("203.0.113.0/24"));
    let region: RegionNetworkLineType = EipRegionNetworkLineType::default().region_id("asia-east-1");
    assert_eq!(region.region_id.as_deref(), Some("asia-east-1"));
    let _ = first_region;
}
