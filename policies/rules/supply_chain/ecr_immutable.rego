# METADATA
# title: ECR image tags are immutable
# description: >-
#   Every aws_ecr_repository sets image_tag_mutability = "IMMUTABLE", so the
#   image a deployment names by tag (the git commit) cannot be replaced after
#   it was scanned and approved.
# custom:
#   id: LC-SUP-001
#   severity: deny
#   pci: ["6.5.1", "6.3.2"]
#   soc2: ["CC8.1", "CC7.1"]
#   applies_to: [aws_ecr_repository]
#   remediation: Set image_tag_mutability = "IMMUTABLE" and tag images with the commit hash.
package lookcard.rules.supply_chain.ecr_immutable

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("image_tag_mutability is %v: a tag can be moved to a different image", [object.get(rc.change.after, "image_tag_mutability", "MUTABLE")])) if {
	some rc in lib.resources("aws_ecr_repository")
	not lib.equals(rc, "image_tag_mutability", "IMMUTABLE")
}
