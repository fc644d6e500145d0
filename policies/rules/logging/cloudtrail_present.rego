# METADATA
# title: The environment's plan includes a CloudTrail trail
# description: >-
#   The stack manages an aws_cloudtrail (the audit module). A warning, not a
#   failure: preview stacks leave the trail to their environment's stack
#   (module.audit has count 0 there), and an account may be covered by an
#   organization trail managed elsewhere.
# custom:
#   id: LC-LOG-002
#   severity: warn
#   pci: ["10.2.1", "10.2.2"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_cloudtrail]
#   remediation: Keep module "audit" in the root module for every environment (previews rely on their environment's trail).
package lookcard.rules.logging.cloudtrail_present

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains {"address": "(plan)", "msg": "no aws_cloudtrail in the plan: API activity is recorded only if a trail outside this stack covers the account"} if {
	not lib.bootstrap
	count(lib.resources("aws_cloudtrail")) == 0
}
