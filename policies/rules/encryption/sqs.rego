# METADATA
# title: SQS queues are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_sqs_queue sets kms_master_key_id to a customer-managed key.
#   SQS-managed SSE (sqs_managed_sse_enabled) and alias/aws/sqs use keys
#   LookCard cannot control or audit.
# custom:
#   id: LC-ENC-009
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_sqs_queue]
#   remediation: Set kms_master_key_id = module.kms.key_arns["data"] (and kms_data_key_reuse_period_seconds as needed).
package lookcard.rules.encryption.sqs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no kms_master_key_id: messages are encrypted with an SQS-owned key at best") if {
	some rc in lib.resources("aws_sqs_queue")
	not lib.is_set(rc, "kms_master_key_id")
}

violation contains lib.violation(rc, "kms_master_key_id is the AWS-managed alias/aws/sqs key, not a customer-managed key") if {
	some rc in lib.resources("aws_sqs_queue")
	lib.value(rc, "kms_master_key_id") == "alias/aws/sqs"
}
