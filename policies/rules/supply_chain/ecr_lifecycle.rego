# METADATA
# title: ECR repositories expire old images
# description: >-
#   Every aws_ecr_repository has an aws_ecr_lifecycle_policy (matched by
#   repository name or reference) with at least one expire rule, so that
#   superseded images with known vulnerabilities do not linger and stay
#   deployable.
# custom:
#   id: LC-SUP-004
#   severity: deny
#   pci: ["6.3.3"]
#   soc2: ["CC7.1", "CC8.1"]
#   equivalents: {security_hub: [ECR.3], checkov: []}
#   applies_to: [aws_ecr_repository]
#   remediation: Keep module "ecr"'s aws_ecr_lifecycle_policy (expire untagged images after 7 days, keep the last 30 tagged).
package lookcard.rules.supply_chain.ecr_lifecycle

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

lifecycle(repo) := [p |
	some p in lib.resources("aws_ecr_lifecycle_policy")
	governs(p, repo)
]

governs(p, repo) if {
	n := lib.value(p, "repository")
	is_string(n)
	n == lib.value(repo, "name")
}

governs(p, repo) if lib.refers_to(p, "repository", repo)

expires(p) if lib.unknown(p, "policy")

expires(p) if {
	some r in object.get(lib.policy(p, "policy"), "rules", [])
	r.action.type == "expire"
}

violation contains lib.violation(rc, "no aws_ecr_lifecycle_policy: old images are kept forever") if {
	some rc in lib.resources("aws_ecr_repository")
	count(lifecycle(rc)) == 0
}

violation contains lib.violation(rc, sprintf("%s has no expire rule", [p.address])) if {
	some rc in lib.resources("aws_ecr_repository")
	some p in lifecycle(rc)
	not expires(p)
}
