# METADATA
# title: EBS volumes are encrypted
# description: >-
#   The root and data volumes of every aws_instance (root_block_device,
#   ebs_block_device), every aws_ebs_volume and every launch template's block
#   device are encrypted. An instance without a root_block_device block gets
#   whatever its AMI says unless the account encrypts EBS by default
#   (aws_ebs_encryption_by_default in the plan).
# custom:
#   id: LC-ENC-010
#   severity: deny
#   pci: ["3.5.1"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_instance, aws_ebs_volume, aws_launch_template]
#   remediation: >-
#     Set root_block_device { encrypted = true } (and encrypted = true on every
#     ebs_block_device, aws_ebs_volume and launch template ebs block).
package lookcard.rules.encryption.ebs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

default_encryption if {
	some rc in lib.resources("aws_ebs_encryption_by_default")
	lib.enabled(rc, "enabled")
}

violation contains lib.violation(rc, "no root_block_device: the root volume's encryption depends on the AMI") if {
	some rc in lib.resources("aws_instance")
	not lib.has_block(rc, "root_block_device")
	not default_encryption
}

violation contains lib.violation(rc, sprintf("%s[%d].encrypted is not true", [block, i])) if {
	some rc in lib.resources("aws_instance")
	some block in ["root_block_device", "ebs_block_device"]
	some i in lib.blocks(rc, block)
	not lib.enabled(rc, [block, i, "encrypted"])
	not default_encryption
}

violation contains lib.violation(rc, "encrypted is not true") if {
	some rc in lib.resources("aws_ebs_volume")
	not lib.enabled(rc, "encrypted")
	not default_encryption
}

violation contains lib.violation(rc, sprintf("block_device_mappings[%d].ebs.encrypted is not true", [i])) if {
	some rc in lib.resources("aws_launch_template")
	some i in lib.blocks(rc, "block_device_mappings")
	some j in lib.blocks(rc, ["block_device_mappings", i, "ebs"])
	not lib.enabled(rc, ["block_device_mappings", i, "ebs", j, "encrypted"])
	not default_encryption
}
