# METADATA
# title: Databases are never publicly accessible
# description: >-
#   No aws_db_instance or aws_rds_cluster_instance sets publicly_accessible =
#   true, which would give it a public DNS name and address.
# custom:
#   id: LC-NET-004
#   severity: deny
#   pci: ["1.4.4"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_db_instance, aws_rds_cluster_instance]
#   remediation: Set publicly_accessible = false; connect through RDS Proxy from the private tier or the bastion.
package lookcard.rules.network.public_databases

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "publicly_accessible is true: the database gets a public address") if {
	some type in ["aws_db_instance", "aws_rds_cluster_instance"]
	some rc in lib.resources(type)
	lib.value(rc, "publicly_accessible") == true
}
