# METADATA
# title: Application load balancers write access logs
# description: >-
#   Every application aws_lb has access_logs enabled with a bucket, so each
#   request reaching the edge is on record.
# custom:
#   id: LC-LOG-004
#   severity: deny
#   pci: ["10.2.1", "10.2.2"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_lb, aws_alb]
#   remediation: Add access_logs { bucket = aws_s3_bucket.access_logs.id, enabled = true }.
package lookcard.rules.logging.alb_access_logs

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

albs := [rc |
	some rc in array.concat(lib.resources("aws_lb"), lib.resources("aws_alb"))
	lib.value(rc, "load_balancer_type") in {null, "application"}
]

examined contains rc.address if some rc in albs

violation contains lib.violation(rc, "no access_logs: requests to the load balancer are not recorded") if {
	some rc in albs
	not lib.has_block(rc, "access_logs")
}

violation contains lib.violation(rc, "access_logs are not enabled or have no bucket") if {
	some rc in albs
	some i in lib.blocks(rc, "access_logs")
	not logging(rc, i)
}

logging(rc, i) if {
	lib.enabled(rc, ["access_logs", i, "enabled"])
	lib.is_set(rc, ["access_logs", i, "bucket"])
}
