# METADATA
# title: Load balancer TLS listeners use a TLS 1.2+ forward-secrecy policy
# description: >-
#   Every HTTPS or TLS aws_lb_listener uses an ELBSecurityPolicy-TLS13-1-2*,
#   -TLS13-1-3* or -FS-1-2* policy: TLS 1.2 or newer with forward-secret
#   ciphers only. Older policies (the default ELBSecurityPolicy-2016-08,
#   TLS13-1-0, TLS13-1-1) still negotiate TLS 1.0/1.1.
# custom:
#   id: LC-TLS-003
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_lb_listener, aws_alb_listener]
#   remediation: Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a TLS13-1-2/FS-1-2 successor).
package lookcard.rules.transit.alb_tls

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

listeners := array.concat(lib.resources("aws_lb_listener"), lib.resources("aws_alb_listener"))

strong(rc) if regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]|FS-1-2)(-|$)`, lib.value(rc, "ssl_policy"))

strong(rc) if lib.unknown(rc, "ssl_policy")

examined contains rc.address if {
	some rc in listeners
	lib.value(rc, "protocol") in {"HTTPS", "TLS"}
}

violation contains lib.violation(rc, sprintf("ssl_policy %v allows TLS below 1.2 or ciphers without forward secrecy", [lib.value(rc, "ssl_policy")])) if {
	some rc in listeners
	lib.value(rc, "protocol") in {"HTTPS", "TLS"}
	not strong(rc)
}
