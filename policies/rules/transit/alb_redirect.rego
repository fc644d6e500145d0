# METADATA
# title: Plain HTTP listeners only redirect to HTTPS
# description: >-
#   Every HTTP aws_lb_listener's default actions are redirects to HTTPS, so
#   no request or response crosses the internet in plaintext beyond the
#   redirect itself.
# custom:
#   id: LC-TLS-004
#   severity: deny
#   pci: ["4.2.1"]
#   soc2: ["CC6.7"]
#   applies_to: [aws_lb_listener, aws_alb_listener]
#   remediation: Make the HTTP listener's default_action a redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" }.
package lookcard.rules.transit.alb_redirect

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

listeners := array.concat(lib.resources("aws_lb_listener"), lib.resources("aws_alb_listener"))

examined contains rc.address if {
	some rc in listeners
	lib.value(rc, "protocol") == "HTTP"
}

redirects_to_https(rc, i) if {
	lib.value(rc, ["default_action", i, "type"]) == "redirect"
	lib.equals(rc, ["default_action", i, "redirect", 0, "protocol"], "HTTPS")
}

redirects_to_https(rc, i) if lib.unknown(rc, ["default_action", i])

violation contains lib.violation(rc, sprintf("default_action[%d] is %v, not a redirect to HTTPS", [i, lib.value(rc, ["default_action", i, "type"])])) if {
	some rc in listeners
	lib.value(rc, "protocol") == "HTTP"
	some i in lib.blocks(rc, "default_action")
	not redirects_to_https(rc, i)
}
