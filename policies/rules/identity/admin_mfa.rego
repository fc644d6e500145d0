# METADATA
# title: Human admin roles require MFA
# description: >-
#   Every admin role (named "...-admin", "...-administrator" or
#   "...-break-glass", or holding AdministratorAccess) is assumed only with
#   MFA: each Allow statement of its trust policy trusts IAM principals and
#   requires aws:MultiFactorAuthPresent. Trust policies computed at apply
#   time are listed as unverified.
# custom:
#   id: LC-IAM-005
#   severity: deny
#   pci: ["8.4.1", "8.4.2"]
#   soc2: ["CC6.1", "CC6.2"]
#   applies_to: [aws_iam_role]
#   remediation: >-
#     Add Condition { Bool = { "aws:MultiFactorAuthPresent" = "true" } } (and
#     NumericLessThan aws:MultiFactorAuthAge) to every statement of the trust
#     policy.
package lookcard.rules.identity.admin_mfa

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

admin_name(role) if regex.match(`(?i)-(admin|administrator|break-glass)$`, lib.name_of(role))

admin_policy(arn) if regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, arn)

# The attachments of AdministratorAccess: [attachment, role argument].
admin_attachments := array.concat(
	[[a, "role"] |
		some a in lib.resources("aws_iam_role_policy_attachment")
		admin_policy(lib.value(a, "policy_arn"))
	],
	[[a, "role_name"] |
		some a in lib.resources("aws_iam_role_policy_attachments_exclusive")
		some arn in object.get(a.change.after, "policy_arns", [])
		admin_policy(arn)
	],
)

holds_admin(role) if {
	some arn in object.get(role.change.after, "managed_policy_arns", [])
	admin_policy(arn)
}

holds_admin(role) if {
	some [a, attr] in admin_attachments
	attached(a, attr, role)
}

attached(a, attr, role) if lib.value(a, attr) == lib.value(role, "name")

attached(a, attr, role) if lib.refers_to(a, attr, role)

admins contains role if {
	some role in lib.resources("aws_iam_role")
	admin_name(role)
}

admins contains role if {
	some role in lib.resources("aws_iam_role")
	holds_admin(role)
}

examined contains role.address if some role in admins

unverified contains role.address if {
	some role in admins
	lib.unknown(role, "assume_role_policy")
}

violation contains lib.violation(role, sprintf("trust statement %v lets principals assume this admin role without MFA", [object.get(st, "Sid", i)])) if {
	some role in admins
	some i, st in lib.statements(lib.trust(role))
	lib.allows(st)
	not lib.requires_mfa(st)
}

violation contains lib.violation(role, sprintf("trust statement %v trusts a service or federated identity, not people", [object.get(st, "Sid", i)])) if {
	some role in admins
	some i, st in lib.statements(lib.trust(role))
	lib.allows(st)
	not lib.trusts_people(st)
}
