# METADATA
# title: ECR scans every pushed image
# description: >-
#   Every aws_ecr_repository sets image_scanning_configuration scan_on_push
#   = true, unless the registry's aws_ecr_registry_scanning_configuration
#   scans every repository ("*") on push or continuously.
# custom:
#   id: LC-SUP-002
#   severity: deny
#   pci: ["6.3.1", "11.3.1"]
#   soc2: ["CC7.1"]
#   applies_to: [aws_ecr_repository]
#   remediation: Add image_scanning_configuration { scan_on_push = true } (or enhanced scanning for the registry).
package lookcard.rules.supply_chain.ecr_scanning

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

registry_scans if {
	some rc in lib.resources("aws_ecr_registry_scanning_configuration")
	some i in lib.blocks(rc, "rule")
	lib.value(rc, ["rule", i, "scan_frequency"]) in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	some j in lib.blocks(rc, ["rule", i, "repository_filter"])
	lib.value(rc, ["rule", i, "repository_filter", j, "filter"]) == "*"
}

scans(rc) if {
	some i in lib.blocks(rc, "image_scanning_configuration")
	lib.enabled(rc, ["image_scanning_configuration", i, "scan_on_push"])
}

scans(rc) if lib.unknown(rc, "image_scanning_configuration")

violation contains lib.violation(rc, "scan_on_push is not true: pushed images are not scanned for vulnerabilities") if {
	some rc in lib.resources("aws_ecr_repository")
	not scans(rc)
	not registry_scans
}
