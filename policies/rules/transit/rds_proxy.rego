# METADATA
# title: RDS Proxy requires TLS
# description: >-
#   Every aws_db_proxy sets require_tls = true, so application connections to
#   the proxy are encrypted (the proxy always uses TLS to the database when
#   the cluster forces it).
# custom:
#   id: LC-TLS-008
#   severity: deny
#   pci: ["4.2.1", "2.2.7"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_db_proxy]
#   remediation: Set require_tls = true; clients connect with sslmode=verify-full.
package lookcard.rules.transit.rds_proxy

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "require_tls is not true: clients may connect to the proxy in plaintext") if {
	some rc in lib.resources("aws_db_proxy")
	not lib.enabled(rc, "require_tls")
}
