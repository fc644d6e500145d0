# METADATA
# title: S3 buckets encrypt objects by default with a customer-managed KMS key
# description: >-
#   Every aws_s3_bucket has an aws_s3_bucket_server_side_encryption_configuration
#   whose default is aws:kms (or aws:kms:dsse) with a kms_master_key_id.
#   Without one, S3 applies SSE-S3 (AES256) with keys LookCard does not
#   control. The configuration is matched to its bucket by name or by its
#   configuration reference. Buckets that cannot use KMS (ALB access logs
#   support SSE-S3 only) are exceptions in policies/exceptions.yaml.
# custom:
#   id: LC-ENC-004
#   severity: deny
#   pci: ["3.5.1", "3.6.1"]
#   soc2: ["CC6.1", "C1.1"]
#   applies_to: [aws_s3_bucket]
#   remediation: >-
#     Add aws_s3_bucket_server_side_encryption_configuration with
#     apply_server_side_encryption_by_default { sse_algorithm = "aws:kms",
#     kms_master_key_id = module.kms.key_arns["data"] } and bucket_key_enabled
#     = true; if the writing service cannot use KMS, add a justified, expiring
#     exception.
package lookcard.rules.encryption.s3

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

configurations(bucket) := [c |
	some c in lib.resources("aws_s3_bucket_server_side_encryption_configuration")
	configures(c, bucket)
]

configures(c, bucket) if lib.refers_to(c, "bucket", bucket)

configures(c, bucket) if {
	name := lib.value(c, "bucket")
	is_string(name)
	name == lib.value(bucket, "bucket")
}

violation contains lib.violation(rc, "no server-side encryption configuration: objects are encrypted with SSE-S3 (AES256), not a customer-managed KMS key") if {
	some rc in lib.resources("aws_s3_bucket")
	count(configurations(rc)) == 0
}

violation contains lib.violation(rc, sprintf("%s sets sse_algorithm %v, not aws:kms with a customer-managed key", [c.address, alg])) if {
	some rc in lib.resources("aws_s3_bucket")
	some c in configurations(rc)
	some i in lib.blocks(c, "rule")
	some j in lib.blocks(c, ["rule", i, "apply_server_side_encryption_by_default"])
	p := ["rule", i, "apply_server_side_encryption_by_default", j]
	not lib.one_of(c, array.concat(p, ["sse_algorithm"]), kms_algorithms)
	alg := lib.value(c, array.concat(p, ["sse_algorithm"]))
}

violation contains lib.violation(rc, sprintf("%s uses aws:kms without kms_master_key_id: the AWS-managed aws/s3 key is used, not a customer-managed key", [c.address])) if {
	some rc in lib.resources("aws_s3_bucket")
	some c in configurations(rc)
	some i in lib.blocks(c, "rule")
	some j in lib.blocks(c, ["rule", i, "apply_server_side_encryption_by_default"])
	p := ["rule", i, "apply_server_side_encryption_by_default", j]
	lib.value(c, array.concat(p, ["sse_algorithm"])) in kms_algorithms
	not lib.is_set(c, array.concat(p, ["kms_master_key_id"]))
}
