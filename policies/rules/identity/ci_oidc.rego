# METADATA
# title: CI roles are assumed through GitHub's OIDC provider, scoped to the repository
# description: >-
#   Every CI role (named "...-deploy", "...-plan", "...-ci" or
#   "...-github-*", or trusting a federated principal) trusts only
#   token.actions.githubusercontent.com with sts:AssumeRoleWithWebIdentity,
#   requires the audience sts.amazonaws.com and restricts the subject to
#   "repo:<owner>/<repository>:...". No long-lived CI access keys exist.
# custom:
#   id: LC-IAM-006
#   severity: deny
#   pci: ["8.6.1", "8.6.3", "8.3.1"]
#   soc2: ["CC6.1", "CC6.2"]
#   applies_to: [aws_iam_role]
#   remediation: >-
#     Trust { Federated = <GitHub OIDC provider ARN> }, Action
#     sts:AssumeRoleWithWebIdentity, Condition StringEquals
#     token.actions.githubusercontent.com:aud = sts.amazonaws.com and
#     StringLike token.actions.githubusercontent.com:sub = repo:owner/name:ref:refs/heads/main.
package lookcard.rules.identity.ci_oidc

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

host := "token.actions.githubusercontent.com"

ci_name(role) if regex.match(`(?i)-(deploy|plan|ci|github(-[a-z0-9-]+)?)$`, lib.name_of(role))

federated(role) if {
	some st in lib.statements(lib.trust(role))
	object.get(st, ["Principal", "Federated"], null) != null
}

ci_roles contains role if {
	some role in lib.resources("aws_iam_role")
	ci_name(role)
}

ci_roles contains role if {
	some role in lib.resources("aws_iam_role")
	federated(role)
}

examined contains role.address if some role in ci_roles

unverified contains role.address if {
	some role in ci_roles
	lib.unknown(role, "assume_role_policy")
}

github(st) if {
	some p in lib.as_list(object.get(st, ["Principal", "Federated"], []))
	endswith(p, concat("", [":oidc-provider/", host]))
}

condition_values(st, key) := [v |
	some op, conds in object.get(st, "Condition", {})
	some k, vs in conds
	k == key
	some v in lib.as_list(vs)
]

scoped_subject(v) if regex.match(`^repo:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:.+$`, v)

# problems(st) lists what is wrong with a CI role's trust statement.
problems(st) := {msg |
	some [wrong, msg] in [
		[not_github(st), "does not trust GitHub's OIDC provider"],
		[other_action(st), "allows an action other than sts:AssumeRoleWithWebIdentity"],
		[no_audience(st), "does not require the audience sts.amazonaws.com"],
		[unscoped(st), "does not restrict the subject to one repository (repo:<owner>/<name>:...)"],
	]
	wrong
}

default not_github(_) := false

not_github(st) if not github(st)

default other_action(_) := false

other_action(st) if {
	some a in lib.as_list(object.get(st, "Action", []))
	a != "sts:AssumeRoleWithWebIdentity"
}

default no_audience(_) := false

no_audience(st) if {
	github(st)
	not "sts.amazonaws.com" in condition_values(st, concat("", [host, ":aud"]))
}

default unscoped(_) := false

unscoped(st) if {
	github(st)
	not all_scoped(condition_values(st, concat("", [host, ":sub"])))
}

all_scoped(subjects) if {
	count(subjects) > 0
	every s in subjects {
		scoped_subject(s)
	}
}

# admin_handoff(st): the statement lets only the account's MFA-only admin
# role (LC-IAM-005) assume the CI role, so that people apply as the deploy
# role too; no CI job reaches it that way.
admin_handoff(st) if {
	object.get(st, ["Principal", "Federated"], null) == null
	principals := lib.as_list(object.get(st, ["Principal", "AWS"], []))
	count(principals) > 0
	every p in principals {
		regex.match(`^arn:aws:iam::[0-9]{12}:role/lookcard-[a-z0-9-]+-admin$`, p)
	}
	every a in lib.as_list(object.get(st, "Action", [])) {
		a in {"sts:AssumeRole", "sts:TagSession"}
	}
}

violation contains lib.violation(role, sprintf("CI role trust statement %v %s", [object.get(st, "Sid", i), msg])) if {
	some role in ci_roles
	some i, st in lib.statements(lib.trust(role))
	lib.allows(st)
	not admin_handoff(st)
	some msg in problems(st)
}
