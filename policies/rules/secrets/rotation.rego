# METADATA
# title: Rotating secrets rotate at least every 90 days
# description: >-
#   Every aws_secretsmanager_secret_rotation rotates automatically within 90
#   days (rotation_rules.automatically_after_days, or a schedule expression),
#   so a generated key's cryptoperiod is bounded.
# custom:
#   id: LC-SEC-007
#   severity: deny
#   pci: ["3.7.4", "8.3.9"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_secretsmanager_secret_rotation]
#   remediation: Set rotation_rules { automatically_after_days = 90 or fewer } (the root's secrets.rotation_days in the tfvars).
package lookcard.rules.secrets.rotation

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

# Known days (checked below) or unknown until apply, or a schedule.
bounded(rc) if lib.at_least(rc, ["rotation_rules", 0, "automatically_after_days"], 1)

bounded(rc) if lib.is_set(rc, ["rotation_rules", 0, "schedule_expression"])

days(rc) := lib.value(rc, ["rotation_rules", 0, "automatically_after_days"])

violation contains lib.violation(rc, sprintf("rotates every %v days; the limit is 90", [days(rc)])) if {
	some rc in lib.resources("aws_secretsmanager_secret_rotation")
	is_number(days(rc))
	days(rc) > 90
}

violation contains lib.violation(rc, "no rotation_rules: the secret would never rotate on a schedule") if {
	some rc in lib.resources("aws_secretsmanager_secret_rotation")
	not bounded(rc)
}
