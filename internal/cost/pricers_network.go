package cost

// Pricers of the network tier: NAT gateways, public addresses, VPC endpoints,
// the VPC's data transfer and Cloud Map. pricers.go maps resource types to
// them.

import (
	"fmt"
	"strings"
)

func priceNAT(c *calc, r *Resource, rc *ResourceCost) {
	if str(r.Values, "connectivity_type") == "private" {
		rc.Notes = append(rc.Notes, "private NAT gateway: priced like a public one")
	}
	c.add(rc, "nat_gateway_hour", "NAT gateway", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
	gws := float64(c.count["aws_nat_gateway"])
	gb := c.usage.Network.NATGBPerMonth / gws
	c.add(rc, "nat_gateway_gb", "NAT data processed", UsageBased, gb,
		fmt.Sprintf("%s GB (network.nat_gb_per_month) / %s gateways", n(c.usage.Network.NATGBPerMonth), n(gws)))
}

func priceEIP(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "public_ipv4_hour", "Public IPv4 address", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
}

func priceVPCEndpoint(c *calc, r *Resource, rc *ResourceCost) {
	switch t := str(r.Values, "vpc_endpoint_type"); strings.ToLower(t) {
	case "gateway":
		rc.Notes = append(rc.Notes, "gateway endpoint ("+str(r.Values, "service_name")+"): no charge")
	case "interface":
		azs := float64(len(list(r.Values, "subnet_ids")))
		why := "subnet_ids"
		if azs == 0 {
			azs, why = 1, "no subnet_ids in the plan: 1 assumed"
		}
		c.add(rc, "vpc_interface_endpoint_hour", "Interface endpoint", Hourly, azs*c.hours,
			fmt.Sprintf("%s %s (%s) × %s h", n(azs), plural(azs, "AZ", "AZs"), why, n(c.hours)))
		total := c.usage.Network.InterfaceEndpointGBPerMonth
		c.add(rc, "vpc_interface_endpoint_gb", "Interface endpoint data processed", UsageBased, total/float64(c.interfaceEPs),
			fmt.Sprintf("%s GB (network.interface_endpoint_gb_per_month) / %d interface endpoints", n(total), c.interfaceEPs))
	default:
		rc.unpriced = "endpoint type " + t + " is not in the price book"
	}
}

// priceVPCDataTransfer prices the VPC's usage-driven data transfer: internet
// egress (responses through the ALB, calls out through NAT) and traffic
// between AZs (services, Redis and Aurora in different AZs).
func priceVPCDataTransfer(c *calc, r *Resource, rc *ResourceCost) {
	d := c.usage.DataTransfer
	c.add(rc, "data_transfer_internet_out_gb", "Data transfer out to the internet", UsageBased, d.InternetOutGB,
		fmt.Sprintf("%s GB (data_transfer.internet_out_gb)", n(d.InternetOutGB)))
	c.add(rc, "data_transfer_inter_az_gb", "Data transfer between AZs (billed out and in)", UsageBased, d.CrossAZGB,
		fmt.Sprintf("%s GB (data_transfer.cross_az_gb)", n(d.CrossAZGB)))
}

func priceCloudMapNamespace(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "route53_zone_month", "Private hosted zone of the namespace", Hourly, 1, "1 zone (queries from the VPC are free)")
}

func priceCloudMapService(c *calc, r *Resource, rc *ResourceCost) {
	c.addUsage(rc, "cloudmap_instance_month", "Registered instances", c.usage.CloudMap.InstancesPerService, "instances", "cloud_map.instances_per_service")
}
