# METADATA
# title: AdministratorAccess is attached only to MFA-protected admin roles
# description: >-
#   The AWS-managed AdministratorAccess policy is attached (by
#   aws_iam_role_policy_attachment, aws_iam_role_policy_attachments_exclusive,
#   aws_iam_policy_attachment or a role's managed_policy_arns) only to roles
#   in the plan whose every trust statement requires
#   aws:MultiFactorAuthPresent, and never to users or groups. Attachments
#   whose policy ARN is unknown at plan time are listed as unverified.
# custom:
#   id: LC-IAM-002
#   severity: deny
#   pci: ["7.2.2", "8.4.1"]
#   soc2: ["CC6.1", "CC6.3"]
#   applies_to: [aws_iam_role_policy_attachment, aws_iam_role_policy_attachments_exclusive, aws_iam_policy_attachment, aws_iam_user_policy_attachment, aws_iam_group_policy_attachment]
#   remediation: >-
#     Attach AdministratorAccess only to the access module's admin role
#     (trusted by people with MFA); give workloads and CI scoped policies.
package lookcard.rules.identity.administrator_access

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

admin_policy(arn) if regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)

roles := lib.resources("aws_iam_role")

# Attachments whose policy ARN comes from a data source or another resource
# cannot be read from the plan.
unverified contains rc.address if {
	some rc in array.concat(lib.resources("aws_iam_role_policy_attachment"), lib.resources("aws_iam_policy_attachment"))
	lib.unknown(rc, "policy_arn")
}

unverified contains rc.address if {
	some rc in lib.resources("aws_iam_role_policy_attachments_exclusive")
	some i, _ in object.get(rc.change.after, "policy_arns", [])
	lib.unknown(rc, ["policy_arns", i])
}

unverified contains rc.address if {
	some rc in lib.resources("aws_iam_role_policy_attachments_exclusive")
	lib.unknown(rc, "policy_arns")
}

# roles_for(rc, attr): the roles a role-name argument names or, when the
# name is unknown at plan time, refers to.
roles_for(rc, attr) := [role |
	name := lib.value(rc, attr)
	is_string(name)
	some role in roles
	lib.value(role, "name") == name
] if not lib.unknown(rc, attr)

roles_for(rc, attr) := [lib.by_address[a] |
	some a in lib.referenced(rc, attr)
	lib.by_address[a].type == "aws_iam_role"
] if lib.unknown(rc, attr)

# mfa_only(role): every Allow statement of the role's trust requires MFA.
mfa_only(role) if {
	sts := [st | some st in lib.statements(lib.trust(role)); lib.allows(st)]
	count(sts) > 0
	every st in sts {
		lib.requires_mfa(st)
	}
}

# problems(rc, attr) says why attaching AdministratorAccess to the role is not allowed.
problems(rc, attr) := {"its role is not in the plan, so MFA cannot be shown"} if count(roles_for(rc, attr)) == 0

problems(rc, attr) := {sprintf("role %s does not require MFA in every trust statement", [role.address]) |
	some role in roles_for(rc, attr)
	not mfa_only(role)
} if count(roles_for(rc, attr)) > 0

violation contains lib.violation(rc, sprintf("attaches AdministratorAccess: %s", [msg])) if {
	some rc in lib.resources("aws_iam_role_policy_attachment")
	admin_policy(lib.value(rc, "policy_arn"))
	some msg in problems(rc, "role")
}

violation contains lib.violation(rc, sprintf("attaches AdministratorAccess: %s", [msg])) if {
	some rc in lib.resources("aws_iam_role_policy_attachments_exclusive")
	some arn in object.get(rc.change.after, "policy_arns", [])
	admin_policy(arn)
	some msg in problems(rc, "role_name")
}

violation contains lib.violation(rc, "managed_policy_arns includes AdministratorAccess but a trust statement does not require MFA") if {
	some rc in roles
	some arn in object.get(rc.change.after, "managed_policy_arns", [])
	admin_policy(arn)
	not mfa_only(rc)
}

violation contains lib.violation(rc, sprintf("attaches AdministratorAccess to %s: only MFA-protected roles may hold it", [kind])) if {
	some rc in lib.resources("aws_iam_policy_attachment")
	admin_policy(lib.value(rc, "policy_arn"))
	some kind in ["users", "groups"]
	count(object.get(rc.change.after, kind, [])) > 0
}

violation contains lib.violation(rc, sprintf("attaches AdministratorAccess: %s", [msg])) if {
	some rc in lib.resources("aws_iam_policy_attachment")
	admin_policy(lib.value(rc, "policy_arn"))
	some name in object.get(rc.change.after, "roles", [])
	some role in roles
	lib.value(role, "name") == name
	not mfa_only(role)
	msg := sprintf("role %s does not require MFA in every trust statement", [role.address])
}

violation contains lib.violation(rc, "attaches AdministratorAccess to a user or group: only MFA-protected roles may hold it") if {
	some type in ["aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"]
	some rc in lib.resources(type)
	admin_policy(lib.value(rc, "policy_arn"))
}
