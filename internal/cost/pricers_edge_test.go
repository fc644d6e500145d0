package cost

import "testing"

// edgeExamples are the hand-calculated examples of the edge tier
// (pricers_edge.go), run by TestPricedExamples.
func edgeExamples() []pricedCase {
	const h = 730.0
	return []pricedCase{
		{name: "Application Load Balancer at 2 LCU",
			rs: []*Resource{res("", "aws_lb", "public", nil, m{"load_balancer_type": "application"})}, addr: "aws_lb.public",
			want: func(t *testing.T) float64 { return h*p(t, "alb_hour") + 2*h*p(t, "alb_lcu_hour") }},
		{name: "Network Load Balancer at 0.5 NLCU",
			rs: []*Resource{res("", "aws_lb", "nlb", nil, m{"load_balancer_type": "network"})}, addr: "aws_lb.nlb",
			want: func(t *testing.T) float64 { return h*p(t, "nlb_hour") + 0.5*h*p(t, "nlb_nlcu_hour") }},
		{name: "REST API with all 6 million API requests",
			rs: []*Resource{res("", "aws_api_gateway_rest_api", "api", nil, m{})}, addr: "aws_api_gateway_rest_api.api",
			want: func(t *testing.T) float64 { return 6 * p(t, "api_gateway_rest_million") }},
		{name: "HTTP API with all 6 million API requests",
			rs: []*Resource{res("", "aws_apigatewayv2_api", "api", nil, m{"protocol_type": "HTTP"})}, addr: "aws_apigatewayv2_api.api",
			want: func(t *testing.T) float64 { return 6 * p(t, "api_gateway_http_million") }},
		{name: "CloudFront distribution: 50 GB and 2 million HTTPS requests",
			rs: []*Resource{res("", "aws_cloudfront_distribution", "web", nil, m{})}, addr: "aws_cloudfront_distribution.web",
			want: func(t *testing.T) float64 {
				return 50*p(t, "cloudfront_asia_gb") + 2e6/1e4*p(t, "cloudfront_https_10k")
			}},
		{name: "public hosted zone with 20 million queries",
			rs: []*Resource{res("", "aws_route53_zone", "public", nil, m{})}, addr: "aws_route53_zone.public",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") + 20*p(t, "route53_query_million") }},
		{name: "private hosted zone: queries from the VPC are free",
			rs: []*Resource{res("", "aws_route53_zone", "private", nil, m{"vpc": l(m{"vpc_id": "v"})})}, addr: "aws_route53_zone.private",
			want: func(t *testing.T) float64 { return p(t, "route53_zone_month") }},
	}
}
