# METADATA
# title: No inline policy grants administrative wildcards
# description: >-
#   Inline policies (aws_iam_role_policy, aws_iam_user_policy,
#   aws_iam_group_policy, a role's inline_policy) never Allow Action "*" or
#   "iam:*" (on any resource) nor use Allow with NotAction, which grants
#   everything else. Administrative power comes only from the reviewed,
#   MFA-protected admin role. Documents computed at apply time are listed as
#   unverified.
# custom:
#   id: LC-IAM-003
#   severity: deny
#   pci: ["7.2.2", "7.2.5"]
#   soc2: ["CC6.3"]
#   applies_to: [aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#   remediation: List the actions the workload needs; move administration to the access module's admin role.
package lookcard.rules.identity.inline_admin

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

subjects := [rc |
	some type in object.get(meta, "applies_to", [])
	some rc in lib.resources(type)
]

unverified contains rc.address if {
	some rc in subjects
	lib.unknown_documents(rc)
}

admin_actions := {"*", "iam:*"}

# grants(st) lists the administrative grants of a statement.
grants(st) := {g |
	lib.allows(st)
	some g in array.concat(
		[sprintf("Action %s", [a]) | some a in lib.as_list(object.get(st, "Action", [])); a in admin_actions],
		["NotAction (everything else)" | object.get(st, "NotAction", null) != null],
	)
}

violation contains lib.violation(rc, sprintf("inline policy statement %v allows %s", [object.get(st, "Sid", i), g])) if {
	some rc in subjects
	some [_, doc] in lib.documents(rc)
	some i, st in lib.statements(doc)
	some g in grants(st)
}
