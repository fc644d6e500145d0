# METADATA
# title: CloudFront viewers negotiate TLS 1.2 or newer
# description: >-
#   Every aws_cloudfront_distribution serves a custom certificate with
#   minimum_protocol_version TLSv1.2_2021 or newer. The default
#   *.cloudfront.net certificate accepts TLS 1.0.
# custom:
#   id: LC-TLS-006
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_cloudfront_distribution]
#   remediation: >-
#     Set viewer_certificate { acm_certificate_arn = ..., ssl_support_method =
#     "sni-only", minimum_protocol_version = "TLSv1.2_2021" }.
package lookcard.rules.transit.cloudfront_tls

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

strong := {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

violation contains lib.violation(rc, "no viewer_certificate") if {
	some rc in lib.resources("aws_cloudfront_distribution")
	not lib.has_block(rc, "viewer_certificate")
}

violation contains lib.violation(rc, "viewer_certificate uses the default *.cloudfront.net certificate, which accepts TLS 1.0") if {
	some rc in lib.resources("aws_cloudfront_distribution")
	some i in lib.blocks(rc, "viewer_certificate")
	lib.value(rc, ["viewer_certificate", i, "cloudfront_default_certificate"]) == true
}

violation contains lib.violation(rc, sprintf("minimum_protocol_version is %v, not TLSv1.2_2021 or newer", [lib.value(rc, ["viewer_certificate", i, "minimum_protocol_version"])])) if {
	some rc in lib.resources("aws_cloudfront_distribution")
	some i in lib.blocks(rc, "viewer_certificate")
	lib.value(rc, ["viewer_certificate", i, "cloudfront_default_certificate"]) != true
	not lib.one_of(rc, ["viewer_certificate", i, "minimum_protocol_version"], strong)
}
