# METADATA
# title: No ingress from the internet except HTTP(S) to the public ALB
# description: >-
#   No security group takes traffic from 0.0.0.0/0 or ::/0, whether through
#   aws_vpc_security_group_ingress_rule, aws_security_group_rule or an inline
#   ingress block, except TCP 80 and 443 on the public ALB's security group
#   (named or Name-tagged "...-alb"). A standalone rule's group is found by
#   its security_group_id, or, when that is unknown at plan time, by the
#   resource its configuration refers to.
# custom:
#   id: LC-NET-001
#   severity: deny
#   pci: ["1.3.1", "1.4.2", "1.2.5"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_vpc_security_group_ingress_rule, aws_security_group_rule, aws_security_group]
#   remediation: >-
#     Reach instances through SSM Session Manager and services through the
#     ALB; allow internal sources by security group (referenced_security_group_id),
#     never by an open CIDR.
package lookcard.rules.network.internet_ingress

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

open_cidrs := {"0.0.0.0/0", "::/0"}

alb_group(sg) if endswith(lib.name_of(sg), "-alb")

alb_group(sg) if endswith(lib.tag(sg, "Name"), "-alb")

# groups(rc, attr): the security groups a rule's argument names or refers to.
groups(rc, attr) := array.concat(
	[lib.by_address[a] | some a in lib.referenced(rc, attr)],
	[sg |
		v := lib.value(rc, attr)
		is_string(v)
		some sg in lib.resources("aws_security_group")
		lib.value(sg, "id") == v
	],
)

web(protocol, from, to) if {
	protocol in {"tcp", "6"}
	from == to
	from in {80, 443}
}

allowed(sgs, protocol, from, to) if {
	web(protocol, from, to)
	some sg in sgs
	alb_group(sg)
}

describe(protocol, from, to, cidr) := sprintf("allows %v ports %v-%v from %s", [protocol, from, to, cidr])

violation contains lib.violation(rc, sprintf("%s; only the public ALB's security group may take 80/443 from the internet", [describe(protocol, from, to, cidr)])) if {
	some rc in lib.resources("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	cidr := lib.value(rc, attr)
	cidr in open_cidrs
	protocol := lib.value(rc, "ip_protocol")
	from := lib.value(rc, "from_port")
	to := lib.value(rc, "to_port")
	not allowed(groups(rc, "security_group_id"), protocol, from, to)
}

violation contains lib.violation(rc, sprintf("%s; only the public ALB's security group may take 80/443 from the internet", [describe(protocol, from, to, cidr)])) if {
	some rc in lib.resources("aws_security_group_rule")
	lib.value(rc, "type") == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	some cidr in object.get(rc.change.after, attr, [])
	cidr in open_cidrs
	protocol := lib.value(rc, "protocol")
	from := lib.value(rc, "from_port")
	to := lib.value(rc, "to_port")
	not allowed(groups(rc, "security_group_id"), protocol, from, to)
}

violation contains lib.violation(sg, sprintf("ingress[%d] %s; only the public ALB's security group may take 80/443 from the internet", [i, describe(protocol, from, to, cidr)])) if {
	some sg in lib.resources("aws_security_group")
	some i in lib.blocks(sg, "ingress")
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	some cidr in object.get(sg.change.after.ingress[i], attr, [])
	cidr in open_cidrs
	protocol := lib.value(sg, ["ingress", i, "protocol"])
	from := lib.value(sg, ["ingress", i, "from_port"])
	to := lib.value(sg, ["ingress", i, "to_port"])
	not allowed([sg], protocol, from, to)
}
