# METADATA
# title: No role trusts every AWS principal
# description: >-
#   No aws_iam_role's trust policy allows Principal "*" (or AWS "*") without a
#   Condition, which would let any AWS account assume it.
# custom:
#   id: LC-IAM-008
#   severity: deny
#   pci: ["7.2.1", "8.2.2"]
#   soc2: ["CC6.1", "CC6.3"]
#   applies_to: [aws_iam_role]
#   remediation: Name the trusted principals (accounts, roles, services, the OIDC provider) explicitly.
package lookcard.rules.identity.trust_anyone

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

everyone(st) if st.Principal == "*"

everyone(st) if "*" in lib.as_list(object.get(st, ["Principal", "AWS"], []))

violation contains lib.violation(rc, sprintf("trust statement %v lets any AWS principal assume the role", [object.get(st, "Sid", i)])) if {
	some rc in lib.resources("aws_iam_role")
	some i, st in lib.statements(lib.trust(rc))
	lib.allows(st)
	everyone(st)
	count(object.get(st, "Condition", {})) == 0
}
