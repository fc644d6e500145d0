# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   Every aws_instance and aws_launch_template sets metadata_options
#   http_tokens = "required" (or turns the metadata endpoint off), so
#   instance credentials cannot be read through a server-side request forgery.
# custom:
#   id: LC-NET-008
#   severity: deny
#   pci: ["2.2.6", "6.2.4"]
#   soc2: ["CC6.1", "CC6.6"]
#   applies_to: [aws_instance, aws_launch_template]
#   remediation: Add metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }.
package lookcard.rules.network.imdsv2

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

hosts := array.concat(lib.resources("aws_instance"), lib.resources("aws_launch_template"))

protected(rc, i) if lib.equals(rc, ["metadata_options", i, "http_tokens"], "required")

protected(rc, i) if lib.value(rc, ["metadata_options", i, "http_endpoint"]) == "disabled"

violation contains lib.violation(rc, "no metadata_options: IMDSv1 stays available") if {
	some rc in hosts
	not lib.has_block(rc, "metadata_options")
}

violation contains lib.violation(rc, sprintf("metadata_options http_tokens is %v, not required: IMDSv1 stays available", [lib.value(rc, ["metadata_options", i, "http_tokens"])])) if {
	some rc in hosts
	some i in lib.blocks(rc, "metadata_options")
	not protected(rc, i)
}
