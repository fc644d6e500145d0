# METADATA
# title: Secrets Manager secrets are encrypted with a customer-managed KMS key
# description: >-
#   Every aws_secretsmanager_secret sets kms_key_id, so reading a secret
#   needs kms:Decrypt on LookCard's secrets key as well as the secret's
#   policy, and the key can be revoked. Without it the AWS-managed
#   aws/secretsmanager key is used.
# custom:
#   id: LC-ENC-006
#   severity: deny
#   pci: ["3.6.1", "8.3.2"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_secretsmanager_secret]
#   remediation: Set kms_key_id = module.kms.key_arns["secrets"].
package lookcard.rules.encryption.secrets

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no kms_key_id: the secret is encrypted with the AWS-managed aws/secretsmanager key, not a customer-managed key") if {
	some rc in lib.resources("aws_secretsmanager_secret")
	not lib.is_set(rc, "kms_key_id")
}
