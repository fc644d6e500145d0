# METADATA
# title: SNS topics are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_sns_topic sets kms_master_key_id to a customer-managed key (not
#   alias/aws/sns, which other services cannot be granted).
# custom:
#   id: LC-ENC-008
#   severity: deny
#   pci: ["3.5.1", "4.2.1"]
#   soc2: ["CC6.1", "CC6.7"]
#   applies_to: [aws_sns_topic]
#   remediation: Set kms_master_key_id = module.kms.key_arns["data"] and allow the publishing services in the key policy.
package lookcard.rules.encryption.sns

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no kms_master_key_id: messages are stored unencrypted") if {
	some rc in lib.resources("aws_sns_topic")
	not lib.is_set(rc, "kms_master_key_id")
}

violation contains lib.violation(rc, "kms_master_key_id is the AWS-managed alias/aws/sns key, not a customer-managed key") if {
	some rc in lib.resources("aws_sns_topic")
	lib.value(rc, "kms_master_key_id") == "alias/aws/sns"
}
