package cost

import "testing"

// networkExamples are the hand-calculated examples of the network tier
// (pricers_network.go), run by TestPricedExamples.
func networkExamples() []pricedCase {
	const h = 730.0
	return []pricedCase{
		{name: "NAT gateway, one of two sharing 100 GB",
			rs:   []*Resource{res("module.network", "aws_nat_gateway", "this", "a", m{}), res("module.network", "aws_nat_gateway", "this", "b", m{})},
			addr: `module.network.aws_nat_gateway.this["a"]`,
			want: func(t *testing.T) float64 { return h*p(t, "nat_gateway_hour") + 100.0/2*p(t, "nat_gateway_gb") }},
		{name: "Elastic IP", rs: []*Resource{res("", "aws_eip", "nat", nil, m{"domain": "vpc"})}, addr: "aws_eip.nat",
			want: func(t *testing.T) float64 { return h * p(t, "public_ipv4_hour") }},
		{name: "interface endpoint in 3 AZs, one of 2 interface endpoints sharing 40 GB",
			rs: []*Resource{
				res("module.network", "aws_vpc_endpoint", "interface", "kms", m{"vpc_endpoint_type": "Interface", "subnet_ids": l(nil, nil, nil)}),
				res("module.network", "aws_vpc_endpoint", "interface", "logs", m{"vpc_endpoint_type": "Interface", "subnet_ids": l(nil)}),
				res("module.network", "aws_vpc_endpoint", "gateway", "s3", m{"vpc_endpoint_type": "Gateway"}),
			},
			addr: `module.network.aws_vpc_endpoint.interface["kms"]`,
			want: func(t *testing.T) float64 {
				return 3*h*p(t, "vpc_interface_endpoint_hour") + 40.0/2*p(t, "vpc_interface_endpoint_gb")
			}},
		{name: "gateway endpoint has no charge",
			rs:   []*Resource{res("module.network", "aws_vpc_endpoint", "gateway", "s3", m{"vpc_endpoint_type": "Gateway"})},
			addr: `module.network.aws_vpc_endpoint.gateway["s3"]`,
			want: func(t *testing.T) float64 { return 0 }},
		{name: "Cloud Map private DNS namespace",
			rs:   []*Resource{res("", "aws_service_discovery_private_dns_namespace", "this", nil, m{})},
			addr: "aws_service_discovery_private_dns_namespace.this",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") }},
		{name: "Cloud Map service with 2 registered tasks",
			rs: []*Resource{res("", "aws_service_discovery_service", "card", nil, m{})}, addr: "aws_service_discovery_service.card",
			want: func(t *testing.T) float64 { return 2 * p(t, "cloudmap_instance_month") }},
		{name: "VPC data transfer (usage-driven)", rs: []*Resource{res("module.network", "aws_vpc", "this", nil, m{})},
			addr: "module.network.aws_vpc.this", want: func(t *testing.T) float64 {
				return 500*p(t, "data_transfer_internet_out_gb") + 900*p(t, "data_transfer_inter_az_gb")
			}},
	}
}
