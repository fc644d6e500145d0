# METADATA
# title: CloudWatch log groups are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_cloudwatch_log_group sets kms_key_id. Logs carry request
#   metadata, identifiers and occasionally data that must stay confidential;
#   a customer-managed key limits who can read them.
# custom:
#   id: LC-ENC-005
#   severity: deny
#   pci: ["3.5.1", "10.3.2"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_cloudwatch_log_group]
#   remediation: Set kms_key_id = module.kms.key_arns["logs"] (the key's policy must allow logs.<region>.amazonaws.com).
package lookcard.rules.encryption.log_groups

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no kms_key_id: log events are encrypted with a CloudWatch-owned key, not a customer-managed key") if {
	some rc in lib.resources("aws_cloudwatch_log_group")
	not lib.is_set(rc, "kms_key_id")
}
