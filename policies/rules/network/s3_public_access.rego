# METADATA
# title: S3 buckets block every kind of public access
# description: >-
#   Every aws_s3_bucket has an aws_s3_bucket_public_access_block (matched by
#   bucket name or configuration reference) with block_public_acls,
#   block_public_policy, ignore_public_acls and restrict_public_buckets all
#   true, so neither an ACL nor a bucket policy can make its objects public.
# custom:
#   id: LC-NET-011
#   severity: deny
#   pci: ["1.4.4", "7.2.1"]
#   soc2: ["CC6.1", "CC6.6"]
#   equivalents: {security_hub: [S3.8], checkov: [CKV2_AWS_6]}
#   applies_to: [aws_s3_bucket]
#   remediation: >-
#     Use modules/s3-bucket, which adds aws_s3_bucket_public_access_block with
#     all four settings true; never turn one of them off.
package lookcard.rules.network.s3_public_access

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

blocks_of(bucket) := [b |
	some b in lib.resources("aws_s3_bucket_public_access_block")
	lib.same_bucket(b, bucket)
]

violation contains lib.violation(rc, "no aws_s3_bucket_public_access_block: an ACL or bucket policy can make objects public") if {
	some rc in lib.resources("aws_s3_bucket")
	count(blocks_of(rc)) == 0
}

violation contains lib.violation(rc, sprintf("%s sets %s to %v: public access is not fully blocked", [b.address, s, lib.value(b, s)])) if {
	some rc in lib.resources("aws_s3_bucket")
	some b in blocks_of(rc)
	some s in settings
	not lib.enabled(b, s)
}
