# METADATA
# title: The audit log bucket records every access to it
# description: >-
#   Every S3 bucket a CloudTrail trail writes to (its s3_bucket_name) has an
#   aws_s3_bucket_logging that delivers server access logs to another
#   bucket, so that reads and deletions of the audit trail are themselves
#   recorded.
# custom:
#   id: LC-LOG-017
#   severity: deny
#   pci: ["10.2.1.3", "10.3.2"]
#   soc2: ["CC7.2", "CC6.1"]
#   equivalents: {security_hub: [CloudTrail.7, S3.9], checkov: [CKV_AWS_18]}
#   applies_to: [aws_s3_bucket]
#   remediation: >-
#     Add aws_s3_bucket_logging to the audit bucket (modules/audit) with a
#     target_bucket other than the audit bucket itself.
package lookcard.rules.logging.audit_bucket_access_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

audit_buckets contains rc if {
	some t in lib.resources("aws_cloudtrail")
	some rc in lib.resources("aws_s3_bucket")
	lib.value(rc, "bucket") == lib.value(t, "s3_bucket_name")
}

examined contains rc.address if some rc in audit_buckets

logs_access(bucket) if {
	some l in lib.resources("aws_s3_bucket_logging")
	lib.same_bucket(l, bucket)
	target := lib.value(l, "target_bucket")
	target != lib.value(bucket, "bucket")
}

violation contains lib.violation(rc, "no aws_s3_bucket_logging to another bucket: access to the audit trail is not recorded") if {
	some rc in audit_buckets
	not logs_access(rc)
}
