package cost

// Pricers of the edge tier: load balancers, API Gateway, CloudFront and
// Route 53 zones. pricers.go maps resource types to them.

import "fmt"

func priceLB(c *calc, r *Resource, rc *ResourceCost) {
	switch t := orDefault(str(r.Values, "load_balancer_type"), "application"); t {
	case "application":
		c.add(rc, "alb_hour", "Application Load Balancer", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
		if internal, ok := r.Values["internal"].(bool); ok && !internal {
			// An internet-facing load balancer holds one public IPv4 address per
			// AZ (subnet), billed like any other public address.
			azs := float64(len(list(r.Values, "subnets")))
			if m := float64(len(blocks(r.Values, "subnet_mapping"))); m > azs {
				azs = m
			}
			if azs == 0 {
				rc.Unknown = "subnets unknown: public IPv4 addresses priced for 2–3 AZs"
				azs = 2
				rc.UnknownExtra = c.book.USD("public_ipv4_hour") * c.hours
			}
			c.add(rc, "public_ipv4_hour", "Public IPv4 addresses (internet-facing, one per AZ)", Hourly, azs*c.hours,
				fmt.Sprintf("%s %s × %s h", n(azs), plural(azs, "address", "addresses"), n(c.hours)))
		}
		l := c.usage.Traffic.ALBLCUPerHour
		c.add(rc, "alb_lcu_hour", "ALB capacity units", UsageBased, l*c.hours, fmt.Sprintf("%s LCU (traffic.alb_lcu_per_hour) × %s h", n(l), n(c.hours)))
	case "network":
		c.add(rc, "nlb_hour", "Network Load Balancer", Hourly, c.hours, fmt.Sprintf("%s h", n(c.hours)))
		l := c.usage.Traffic.NLBNLCUPerHour
		c.add(rc, "nlb_nlcu_hour", "NLB capacity units", UsageBased, l*c.hours, fmt.Sprintf("%s NLCU (traffic.nlb_nlcu_per_hour) × %s h", n(l), n(c.hours)))
	default:
		rc.unpriced = "load balancer type " + t + " is not in the price book"
	}
}

func priceRESTAPI(c *calc, r *Resource, rc *ResourceCost) {
	apis := float64(c.count["aws_api_gateway_rest_api"])
	m := c.usage.Traffic.APIRequestsMillions / apis
	c.add(rc, "api_gateway_rest_million", "REST API requests", UsageBased, m,
		fmt.Sprintf("%s million (traffic.api_requests_millions) / %s REST APIs", n(c.usage.Traffic.APIRequestsMillions), n(apis)))
}

func priceHTTPAPI(c *calc, r *Resource, rc *ResourceCost) {
	if p := str(r.Values, "protocol_type"); p != "HTTP" {
		rc.unpriced = "API Gateway " + p + " APIs are not in the price book"
		return
	}
	apis := float64(c.count["aws_apigatewayv2_api"])
	m := c.usage.Traffic.APIRequestsMillions / apis
	c.add(rc, "api_gateway_http_million", "HTTP API requests", UsageBased, m,
		fmt.Sprintf("%s million (traffic.api_requests_millions) / %s HTTP APIs", n(c.usage.Traffic.APIRequestsMillions), n(apis)))
}

func priceCloudFront(c *calc, r *Resource, rc *ResourceCost) {
	d := float64(c.count["aws_cloudfront_distribution"])
	t := c.usage.Traffic
	c.add(rc, "cloudfront_asia_gb", "CloudFront data out (Asia Pacific)", UsageBased, t.WebGBOut/d,
		fmt.Sprintf("%s GB (traffic.web_gb_out) / %s distributions", n(t.WebGBOut), n(d)))
	c.add(rc, "cloudfront_https_10k", "CloudFront HTTPS requests", UsageBased, t.WebRequestsMillions*100/d,
		fmt.Sprintf("%s million (traffic.web_requests_millions) = %s × 10k / %s distributions", n(t.WebRequestsMillions), n(t.WebRequestsMillions*100), n(d)))
}

func priceRoute53Zone(c *calc, r *Resource, rc *ResourceCost) {
	c.add(rc, "route53_zone_month", "Hosted zone", Hourly, 1, "1 zone")
	q := c.usage.Route53.QueriesMillionsPerZone
	if len(blocks(r.Values, "vpc")) > 0 {
		rc.Notes = append(rc.Notes, "private zone: queries from the VPC are free")
		return
	}
	c.addUsage(rc, "route53_query_million", "DNS queries", q, "million", "route53.queries_millions_per_zone")
}
