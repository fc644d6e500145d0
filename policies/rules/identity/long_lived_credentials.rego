# METADATA
# title: No IAM users or long-lived access keys
# description: >-
#   The plan creates no aws_iam_user, aws_iam_access_key or
#   aws_iam_user_login_profile. People sign in through the identity account
#   and assume MFA-protected roles; workloads use roles; CI uses OIDC.
# custom:
#   id: LC-IAM-007
#   severity: deny
#   pci: ["8.2.2", "8.6.3", "8.3.9"]
#   soc2: ["CC6.1", "CC6.2"]
#   applies_to: [aws_iam_user, aws_iam_access_key, aws_iam_user_login_profile]
#   remediation: Replace the user with a role (an ECS task role, an OIDC-trusted CI role or an MFA-protected role for people).
package lookcard.rules.identity.long_lived_credentials

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

kinds := {
	"aws_iam_user": "an IAM user (long-lived identity outside SSO)",
	"aws_iam_access_key": "a long-lived access key",
	"aws_iam_user_login_profile": "a console password for an IAM user",
}

violation contains lib.violation(rc, sprintf("creates %s", [what])) if {
	some type, what in kinds
	some rc in lib.resources(type)
}
