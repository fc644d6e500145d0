# METADATA
# title: No IAM policy allows every action on every resource
# description: >-
#   No statement in an identity policy (aws_iam_policy, aws_iam_role_policy,
#   aws_iam_user_policy, aws_iam_group_policy, a role's inline_policy) or a
#   role's trust policy is an Allow of Action "*" on Resource "*". Documents
#   computed at apply time (they embed ARNs created by the same plan) cannot
#   be read from the plan and are listed as unverified.
# custom:
#   id: LC-IAM-001
#   severity: deny
#   pci: ["7.2.1", "7.2.2"]
#   soc2: ["CC6.1", "CC6.3"]
#   applies_to: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#   remediation: >-
#     Grant the actions the workload uses on the resources it uses; people
#     who need administrator access assume the MFA-only admin role.
package lookcard.rules.identity.wildcard

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

violation contains lib.violation(rc, sprintf("%s statement %v allows every action on every resource", [concat(".", [sprintf("%v", [x]) | some x in p]), object.get(st, "Sid", i)])) if {
	some rc in subjects
	some [p, doc] in lib.documents(rc)
	some i, st in lib.statements(doc)
	lib.allows_all(st)
}

violation contains lib.violation(rc, sprintf("assume_role_policy statement %v allows every action", [object.get(st, "Sid", i)])) if {
	some rc in lib.resources("aws_iam_role")
	some i, st in lib.statements(lib.trust(rc))
	lib.allows(st)
	"*" in lib.as_list(object.get(st, "Action", []))
}
