# METADATA
# title: No identity policy lets its holder grant itself more access
# description: >-
#   No Allow in an identity policy (aws_iam_policy, aws_iam_*_policy, a
#   role's inline_policy) grants, on Resource "*", an action that changes
#   IAM permissions or hands a role to a service (iam:PassRole,
#   iam:CreatePolicyVersion, iam:Put/Attach*Policy, iam:CreateRole,
#   iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, iam:*, ...). Where such
#   an action is scoped to named roles, creating a role or changing a role's
#   boundary must require the permissions boundary (Condition on
#   iam:PermissionsBoundary), and no policy may allow removing a boundary.
#   Documents computed at apply time are read from the rehearsal state and
#   are unverified without one.
# custom:
#   id: LC-IAM-009
#   severity: deny
#   pci: ["7.2.1", "7.2.2", "7.2.5"]
#   soc2: ["CC6.1", "CC6.3"]
#   equivalents: {security_hub: [IAM.21], checkov: [CKV_AWS_286, CKV_AWS_287, CKV_AWS_288, CKV_AWS_289]}
#   applies_to: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role]
#   remediation: >-
#     Scope IAM-changing actions to the roles the workload manages
#     (arn:aws:iam::<account>:role/lookcard-<env>-*), require
#     iam:PermissionsBoundary on iam:CreateRole and
#     iam:PutRolePermissionsBoundary, and never allow
#     iam:DeleteRolePermissionsBoundary to a pipeline role.
package lookcard.rules.identity.privilege_escalation

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

escalation_actions := {
	"iam:passrole", "iam:createpolicyversion", "iam:setdefaultpolicyversion",
	"iam:putrolepolicy", "iam:putuserpolicy", "iam:putgrouppolicy",
	"iam:attachrolepolicy", "iam:attachuserpolicy", "iam:attachgrouppolicy",
	"iam:createrole", "iam:updateassumerolepolicy", "iam:createaccesskey",
	"iam:createloginprofile", "iam:updateloginprofile", "iam:addusertogroup",
	"iam:createuser", "iam:putrolepermissionsboundary", "iam:deleterolepermissionsboundary",
	"iam:createservicelinkedrole", "sts:assumerole",
}

boundary_actions := {"iam:createrole", "iam:putrolepermissionsboundary"}

subjects := [rc |
	some type in object.get(meta, "applies_to", [])
	some rc in lib.resources(type)
]

# grants(st, a): the statement's Action covers the action a (globs included).
grants(st, a) if {
	some pat in lib.as_list(object.get(st, "Action", []))
	glob.match(lower(pat), [], a)
}

on_everything(st) if "*" in lib.as_list(object.get(st, "Resource", []))

requires_boundary(st) if {
	some _, kv in object.get(st, "Condition", {})
	some k, _ in kv
	lower(k) == "iam:permissionsboundary"
}

where(p) := concat(".", [sprintf("%v", [x]) | some x in p])

unverified contains rc.address if {
	some rc in subjects
	lib.unknown_documents(rc)
}

violation contains lib.violation(rc, sprintf("%s statement %v allows %s on every resource: its holder can grant itself more access", [where(p), object.get(st, "Sid", i), a])) if {
	some rc in subjects
	some [p, doc] in lib.documents(rc)
	some i, st in lib.statements(doc)
	lib.allows(st)
	on_everything(st)
	some a in escalation_actions
	grants(st, a)
	not lib.allows_all(st)
}

violation contains lib.violation(rc, sprintf("%s statement %v allows %s without requiring iam:PermissionsBoundary: a role created by its holder need not carry the boundary", [where(p), object.get(st, "Sid", i), a])) if {
	some rc in subjects
	some [p, doc] in lib.documents(rc)
	some i, st in lib.statements(doc)
	lib.allows(st)
	not on_everything(st)
	some a in boundary_actions
	grants(st, a)
	not requires_boundary(st)
}

violation contains lib.violation(rc, sprintf("%s statement %v allows iam:DeleteRolePermissionsBoundary: its holder can lift a role's boundary", [where(p), object.get(st, "Sid", i)])) if {
	some rc in subjects
	some [p, doc] in lib.documents(rc)
	some i, st in lib.statements(doc)
	lib.allows(st)
	not on_everything(st)
	grants(st, "iam:deleterolepermissionsboundary")
}
