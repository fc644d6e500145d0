# METADATA
# title: CloudFront distributions are protected by AWS WAF
# description: >-
#   Every aws_cloudfront_distribution sets web_acl_id (a CLOUDFRONT-scope
#   web ACL in us-east-1). The ARN is read from the rehearsal state
#   (unverified without one). Sandbox runs without WAF by design.
# custom:
#   id: LC-WAF-003
#   severity: deny
#   severity_by_environment: {sandbox: warn}
#   pci: ["6.4.2"]
#   soc2: ["CC6.6", "CC7.1"]
#   equivalents: {security_hub: [CloudFront.6], checkov: [CKV_AWS_68]}
#   applies_to: [aws_cloudfront_distribution]
#   remediation: Keep waf.enabled = true; module.cloudfront takes module.waf_cloudfront's web ACL ARN as web_acl_arn.
package lookcard.rules.waf.cloudfront

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_cloudfront_distribution")
	lib.unknown(rc, "web_acl_id")
}

violation contains lib.violation(rc, "web_acl_id is not set: viewer requests are not inspected by WAF") if {
	some rc in lib.resources("aws_cloudfront_distribution")
	lib.missing(rc, "web_acl_id")
}
