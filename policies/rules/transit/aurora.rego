# METADATA
# title: Aurora forces TLS connections
# description: >-
#   Every Aurora PostgreSQL cluster parameter group sets rds.force_ssl = 1
#   (Aurora MySQL: require_secure_transport = ON), and every aws_rds_cluster
#   uses a parameter group from the plan that does, never a default.* group.
# custom:
#   id: LC-TLS-002
#   severity: deny
#   pci: ["4.2.1", "2.2.7"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_rds_cluster_parameter_group, aws_rds_cluster]
#   remediation: >-
#     Add parameter { name = "rds.force_ssl", value = "1" } to the cluster
#     parameter group and set db_cluster_parameter_group_name on the cluster.
package lookcard.rules.transit.aurora

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

# The parameter that forces TLS, by engine family.
tls_parameter(family) := {"name": "rds.force_ssl", "values": {"1"}} if regex.match(`^(aurora-postgresql|postgres)`, family)

tls_parameter(family) := {"name": "require_secure_transport", "values": {"1", "ON", "on"}} if regex.match(`^(aurora-mysql|aurora|mysql)[0-9.]*$`, family)

forces_tls(pg) if {
	want := tls_parameter(lib.value(pg, "family"))
	some i in lib.blocks(pg, "parameter")
	lib.value(pg, ["parameter", i, "name"]) == want.name
	lib.value(pg, ["parameter", i, "value"]) in want.values
}

forces_tls(pg) if lib.unknown(pg, "parameter")

violation contains lib.violation(pg, sprintf("does not set %s: clients may connect without TLS", [tls_parameter(lib.value(pg, "family")).name])) if {
	some pg in lib.resources("aws_rds_cluster_parameter_group")
	tls_parameter(lib.value(pg, "family"))
	not forces_tls(pg)
}

violation contains lib.violation(rc, "no db_cluster_parameter_group_name: the engine's default parameter group does not force TLS") if {
	some rc in lib.resources("aws_rds_cluster")
	not lib.is_set(rc, "db_cluster_parameter_group_name")
}

violation contains lib.violation(rc, sprintf("uses parameter group %s, which is not in the plan or does not force TLS", [name])) if {
	some rc in lib.resources("aws_rds_cluster")
	name := lib.value(rc, "db_cluster_parameter_group_name")
	is_string(name)
	not tls_group(name)
}

tls_group(name) if {
	some pg in lib.resources("aws_rds_cluster_parameter_group")
	lib.value(pg, "name") == name
	forces_tls(pg)
}
