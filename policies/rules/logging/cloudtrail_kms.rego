# METADATA
# title: CloudTrail trails are logging and encrypted with a customer-managed key
# description: >-
#   Every aws_cloudtrail has enable_logging true and a kms_key_id, so that
#   recording cannot be switched off in code and the log files are
#   encrypted with a key LookCard controls. The key ARN is known only at
#   apply time: the check reads it from the rehearsal state, and is
#   unverified without one.
# custom:
#   id: LC-LOG-012
#   severity: deny
#   pci: ["10.2.1", "10.3.2", "10.5.1"]
#   soc2: ["CC7.2", "C1.1"]
#   equivalents: {security_hub: [CloudTrail.1, CloudTrail.2], checkov: [CKV_AWS_35, CKV_AWS_252]}
#   applies_to: [aws_cloudtrail]
#   remediation: Keep enable_logging = true and kms_key_id = module.kms.key_arns["audit"] on the trail (modules/audit).
package lookcard.rules.logging.cloudtrail_kms

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_cloudtrail")
	lib.unknown(rc, "kms_key_id")
}

violation contains lib.violation(rc, "enable_logging is false: the trail records nothing") if {
	some rc in lib.resources("aws_cloudtrail")
	lib.value(rc, "enable_logging") in {false, "false"}
}

violation contains lib.violation(rc, "kms_key_id is not set: log files are encrypted with SSE-S3 only, not a customer-managed key") if {
	some rc in lib.resources("aws_cloudtrail")
	lib.missing(rc, "kms_key_id")
}
