# METADATA
# title: Lambda environment variables are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_lambda_function that sets environment variables also sets
#   kms_key_arn, so its configuration is encrypted at rest with a key
#   LookCard controls and audits rather than the AWS-managed aws/lambda key.
# custom:
#   id: LC-ENC-012
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_lambda_function]
#   remediation: Set kms_key_arn to a customer-managed key (modules/secret-rotation takes it as environment_kms_key_arn).
package lookcard.rules.encryption.lambda

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

has_environment(rc) if {
	some env in object.get(rc.change.after, "environment", [])
	count(object.get(env, "variables", {})) > 0
}

has_environment(rc) if lib.unknown(rc, ["environment", 0, "variables"])

violation contains lib.violation(rc, "environment variables without kms_key_arn are encrypted with the AWS-managed aws/lambda key") if {
	some rc in lib.resources("aws_lambda_function")
	has_environment(rc)
	not lib.is_set(rc, "kms_key_arn")
}
