# METADATA
# title: GuardDuty is enabled in the account
# description: >-
#   Each environment's stack manages an aws_guardduty_detector with enable
#   true, so that threat detection covers the account. Previews and
#   bootstrap/ rely on their environment's stack.
# custom:
#   id: LC-LOG-009
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["11.5.1", "10.4.1"]
#   soc2: ["CC7.2", "CC7.3"]
#   equivalents: {security_hub: [GuardDuty.1], checkov: []}
#   applies_to: [aws_guardduty_detector]
#   remediation: Keep module "audit" (aws_guardduty_detector with enable = true) in the environment's stack.
package lookcard.rules.logging.guardduty

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains "(plan)" if lib.account_stack

examined contains rc.address if some rc in lib.resources("aws_guardduty_detector")

violation contains {"address": "(plan)", "msg": "no aws_guardduty_detector: nothing detects compromised credentials or instances in the account"} if {
	lib.account_stack
	count(lib.resources("aws_guardduty_detector")) == 0
}

violation contains lib.violation(rc, "enable is false: the detector is suspended") if {
	some rc in lib.resources("aws_guardduty_detector")
	not lib.enabled(rc, "enable")
}
