# METADATA
# title: Customer-managed KMS keys rotate yearly
# description: >-
#   Every symmetric aws_kms_key sets enable_key_rotation = true, so key
#   material has a defined cryptoperiod (rotation_period_in_days, 365 by
#   default). Asymmetric and HMAC keys cannot rotate automatically and are
#   not examined.
# custom:
#   id: LC-ENC-011
#   severity: deny
#   pci: ["3.6.1", "3.7.4"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_kms_key]
#   remediation: Set enable_key_rotation = true (optionally rotation_period_in_days).
package lookcard.rules.encryption.kms_rotation

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

symmetric(rc) if lib.value(rc, "customer_master_key_spec") in {null, "SYMMETRIC_DEFAULT"}

symmetric(rc) if lib.unknown(rc, "customer_master_key_spec")

examined contains rc.address if {
	some rc in lib.resources("aws_kms_key")
	symmetric(rc)
}

violation contains lib.violation(rc, "enable_key_rotation is not true: key material never rotates") if {
	some rc in lib.resources("aws_kms_key")
	symmetric(rc)
	not lib.enabled(rc, "enable_key_rotation")
}
