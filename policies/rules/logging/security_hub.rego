# METADATA
# title: Security Hub is enabled with a standard subscribed
# description: >-
#   Each environment's stack manages an aws_securityhub_account and at least
#   one aws_securityhub_standards_subscription, so that findings from
#   GuardDuty, Config and the standards' controls are collected in one
#   place for review.
# custom:
#   id: LC-LOG-010
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["10.4.1", "11.5.1"]
#   soc2: ["CC7.2", "CC4.1"]
#   equivalents: {security_hub: ["(securityhub-enabled Config rule)"], checkov: []}
#   applies_to: [aws_securityhub_account, aws_securityhub_standards_subscription]
#   remediation: Keep module "audit" (aws_securityhub_account and its standards subscriptions) in the environment's stack.
package lookcard.rules.logging.security_hub

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

examined contains "(plan)" if lib.account_stack

examined contains rc.address if some rc in lib.resources("aws_securityhub_account")

violation contains {"address": "(plan)", "msg": "no aws_securityhub_account: security findings are not collected"} if {
	lib.account_stack
	count(lib.resources("aws_securityhub_account")) == 0
}

violation contains lib.violation(rc, "no aws_securityhub_standards_subscription: no standard's controls are evaluated") if {
	some rc in lib.resources("aws_securityhub_account")
	count(lib.resources("aws_securityhub_standards_subscription")) == 0
}
