# METADATA
# title: No internet-facing load balancer
# description: >-
#   Every load balancer (aws_lb, aws_alb, aws_elb) is internal. The public
#   entry points are AWS-managed edges (API Gateway, CloudFront) behind
#   Cloudflare; an internet-facing load balancer would let anyone who
#   resolves its name skip them, with their API keys, usage plans,
#   throttling and web ACLs.
# custom:
#   id: LC-EDGE-001
#   severity: deny
#   pci: ["1.3.1", "1.4.1", "1.4.2"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_lb, aws_alb, aws_elb]
#   remediation: >-
#     Set internal = true and place the load balancer in private subnets
#     (modules/load-balancers); let the edge reach it through the VPC link's NLB.
package lookcard.rules.edge.internal_load_balancers

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "internal is not true: the load balancer faces the internet, so the edge and its controls can be skipped") if {
	some type in ["aws_lb", "aws_alb", "aws_elb"]
	some rc in lib.resources(type)
	not lib.enabled(rc, "internal")
}
