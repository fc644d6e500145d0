# METADATA
# title: CloudFront redirects viewers to HTTPS
# description: >-
#   The default and every ordered cache behavior of every
#   aws_cloudfront_distribution sets viewer_protocol_policy redirect-to-https
#   or https-only; allow-all serves content over plain HTTP.
# custom:
#   id: LC-TLS-007
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_cloudfront_distribution]
#   remediation: Set viewer_protocol_policy = "redirect-to-https" on every cache behavior.
package lookcard.rules.transit.cloudfront_https

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

secure := {"redirect-to-https", "https-only"}

violation contains lib.violation(rc, sprintf("%s[%d] viewer_protocol_policy is %v: content is served over plain HTTP", [behavior, i, lib.value(rc, [behavior, i, "viewer_protocol_policy"])])) if {
	some rc in lib.resources("aws_cloudfront_distribution")
	some behavior in ["default_cache_behavior", "ordered_cache_behavior"]
	some i in lib.blocks(rc, behavior)
	not lib.one_of(rc, [behavior, i, "viewer_protocol_policy"], secure)
}
