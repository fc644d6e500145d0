# METADATA
# title: AWS Config records every resource and is running
# description: >-
#   Each environment's stack manages an aws_config_configuration_recorder
#   that records all supported resources (global ones included), an
#   aws_config_configuration_recorder_status with is_enabled true and an
#   aws_config_delivery_channel, so configuration changes are tracked.
# custom:
#   id: LC-LOG-011
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["10.2.1", "11.5.2"]
#   soc2: ["CC7.1", "CC8.1"]
#   equivalents: {security_hub: [Config.1], checkov: [CKV2_AWS_45, CKV2_AWS_48]}
#   applies_to: [aws_config_configuration_recorder, aws_config_configuration_recorder_status]
#   remediation: Keep module "audit" (recorder with recording_group.all_supported = true, a delivery channel and a recorder status with is_enabled = true).
package lookcard.rules.logging.config_recorder

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains "(plan)" if lib.account_stack

examined contains rc.address if some rc in lib.resources("aws_config_configuration_recorder")

violation contains {"address": "(plan)", "msg": "no aws_config_configuration_recorder: configuration changes are not recorded"} if {
	lib.account_stack
	count(lib.resources("aws_config_configuration_recorder")) == 0
}

violation contains lib.violation(rc, "recording_group does not record all supported resource types, global ones included") if {
	some rc in lib.resources("aws_config_configuration_recorder")
	some i in lib.blocks(rc, "recording_group")
	not all_supported(rc, i)
}

all_supported(rc, i) if {
	lib.enabled(rc, ["recording_group", i, "all_supported"])
	lib.enabled(rc, ["recording_group", i, "include_global_resource_types"])
}

violation contains lib.violation(rc, "no aws_config_configuration_recorder_status with is_enabled = true: the recorder is stopped") if {
	some rc in lib.resources("aws_config_configuration_recorder")
	not running
}

running if {
	some s in lib.resources("aws_config_configuration_recorder_status")
	lib.enabled(s, "is_enabled")
}

violation contains lib.violation(rc, "no aws_config_delivery_channel: recorded configuration is not delivered") if {
	some rc in lib.resources("aws_config_configuration_recorder")
	count(lib.resources("aws_config_delivery_channel")) == 0
}
