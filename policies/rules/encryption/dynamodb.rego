# METADATA
# title: DynamoDB tables are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_dynamodb_table has a server_side_encryption block that is
#   enabled with a kms_key_arn. Without it DynamoDB uses an AWS-owned key;
#   enabled without a key ARN it uses the AWS-managed aws/dynamodb key.
# custom:
#   id: LC-ENC-003
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_dynamodb_table]
#   remediation: >-
#     Add server_side_encryption { enabled = true, kms_key_arn =
#     module.kms.key_arns["data"] }.
package lookcard.rules.encryption.dynamodb

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no server_side_encryption block: the table is encrypted with an AWS-owned key") if {
	some rc in lib.resources("aws_dynamodb_table")
	not lib.has_block(rc, "server_side_encryption")
}

violation contains lib.violation(rc, "server_side_encryption is not enabled: the table is encrypted with an AWS-owned key") if {
	some rc in lib.resources("aws_dynamodb_table")
	some i in lib.blocks(rc, "server_side_encryption")
	not lib.enabled(rc, ["server_side_encryption", i, "enabled"])
}

violation contains lib.violation(rc, "server_side_encryption has no kms_key_arn: the AWS-managed aws/dynamodb key is used, not a customer-managed key") if {
	some rc in lib.resources("aws_dynamodb_table")
	some i in lib.blocks(rc, "server_side_encryption")
	lib.enabled(rc, ["server_side_encryption", i, "enabled"])
	not lib.is_set(rc, ["server_side_encryption", i, "kms_key_arn"])
}
