# METADATA
# title: EC2 instances (the bastion) get no public IP
# description: >-
#   No aws_instance sets associate_public_ip_address = true, no launch
#   template's network interface asks for one, and no Elastic IP is attached
#   to an instance. The bastion is reached through SSM Session Manager only.
# custom:
#   id: LC-NET-006
#   severity: deny
#   pci: ["1.4.4", "1.3.1"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_instance, aws_launch_template, aws_eip, aws_eip_association]
#   remediation: Set associate_public_ip_address = false, use a private subnet and connect with aws ssm start-session.
package lookcard.rules.network.instance_public_ip

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, "associate_public_ip_address is true: the instance gets a public address") if {
	some rc in lib.resources("aws_instance")
	lib.value(rc, "associate_public_ip_address") == true
}

violation contains lib.violation(rc, sprintf("network_interfaces[%d] associates a public IP address", [i])) if {
	some rc in lib.resources("aws_launch_template")
	some i in lib.blocks(rc, "network_interfaces")
	lib.value(rc, ["network_interfaces", i, "associate_public_ip_address"]) in {true, "true"}
}

violation contains lib.violation(rc, "attaches an Elastic IP to an instance") if {
	some rc in lib.resources("aws_eip")
	instance_attached(rc)
}

violation contains lib.violation(rc, "attaches an Elastic IP to an instance") if {
	some rc in lib.resources("aws_eip_association")
	instance_attached(rc)
}

instance_attached(rc) if {
	v := lib.value(rc, "instance")
	is_string(v)
	v != ""
}

instance_attached(rc) if {
	some a in lib.referenced(rc, "instance")
	lib.by_address[a].type == "aws_instance"
}
