# METADATA
# title: CloudTrail trails are multi-region and validate their log files
# description: >-
#   Every aws_cloudtrail in the plan records all regions
#   (is_multi_region_trail) and writes digest files
#   (enable_log_file_validation), so missing or altered log files are
#   detectable. Applies only when a trail exists in the plan (see LC-LOG-002).
# custom:
#   id: LC-LOG-001
#   severity: deny
#   pci: ["10.2.1", "10.3.2", "10.3.4"]
#   soc2: ["CC7.2", "CC7.3"]
#   applies_to: [aws_cloudtrail]
#   remediation: Set is_multi_region_trail = true and enable_log_file_validation = true.
package lookcard.rules.logging.cloudtrail

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "is_multi_region_trail is not true: activity in other regions is not recorded") if {
	some rc in lib.resources("aws_cloudtrail")
	not lib.enabled(rc, "is_multi_region_trail")
}

violation contains lib.violation(rc, "enable_log_file_validation is not true: altered or deleted log files go unnoticed") if {
	some rc in lib.resources("aws_cloudtrail")
	not lib.enabled(rc, "enable_log_file_validation")
}
