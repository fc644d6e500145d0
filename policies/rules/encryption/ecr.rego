# METADATA
# title: ECR repositories encrypt images with a customer-managed KMS key
# description: >-
#   Every aws_ecr_repository has encryption_configuration with
#   encryption_type KMS (or KMS_DSSE) and a kms_key. The default is AES256
#   with an ECR-owned key; KMS without a key uses the AWS-managed aws/ecr key.
# custom:
#   id: LC-ENC-007
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_ecr_repository]
#   remediation: >-
#     Add encryption_configuration { encryption_type = "KMS", kms_key =
#     module.kms.key_arns["data"] } (this replaces the repository: push the
#     images again).
package lookcard.rules.encryption.ecr

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "no encryption_configuration: images are encrypted with AES256 and an ECR-owned key") if {
	some rc in lib.resources("aws_ecr_repository")
	not lib.has_block(rc, "encryption_configuration")
}

violation contains lib.violation(rc, sprintf("encryption_type is %v, not KMS", [lib.value(rc, ["encryption_configuration", i, "encryption_type"])])) if {
	some rc in lib.resources("aws_ecr_repository")
	some i in lib.blocks(rc, "encryption_configuration")
	not lib.one_of(rc, ["encryption_configuration", i, "encryption_type"], {"KMS", "KMS_DSSE"})
}

violation contains lib.violation(rc, "encryption_type is KMS without kms_key: the AWS-managed aws/ecr key is used, not a customer-managed key") if {
	some rc in lib.resources("aws_ecr_repository")
	some i in lib.blocks(rc, "encryption_configuration")
	lib.value(rc, ["encryption_configuration", i, "encryption_type"]) in {"KMS", "KMS_DSSE"}
	not lib.is_set(rc, ["encryption_configuration", i, "kms_key"])
}
