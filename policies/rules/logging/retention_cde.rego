# METADATA
# title: Log groups keep at least three months of history
# description: >-
#   Every aws_cloudwatch_log_group keeps events at least 90 days
#   (retention_in_days >= 90, or 0/unset: never expire): PCI DSS 10.5.1's
#   three months immediately available. A failure in the environments that
#   hold or mirror cardholder data (production, and staging, which is
#   production-like); a warning elsewhere. LC-LOG-003 adds production's
#   year.
# custom:
#   id: LC-LOG-015
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["10.5.1"]
#   soc2: ["CC7.2", "CC7.3"]
#   equivalents: {security_hub: [CloudWatch.16], checkov: [CKV_AWS_338]}
#   applies_to: [aws_cloudwatch_log_group]
#   remediation: Set logs.retention_in_days to 90 or more in the environment's tfvars (365 in production).
package lookcard.rules.logging.retention_cde

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("retention_in_days is %v: less than the three months PCI DSS 10.5.1 keeps at hand", [days])) if {
	some rc in lib.resources("aws_cloudwatch_log_group")
	days := lib.value(rc, "retention_in_days")
	is_number(days)
	days > 0
	days < 90
}
