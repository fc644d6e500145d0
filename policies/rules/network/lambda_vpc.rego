# METADATA
# title: Lambda functions run inside the VPC
# description: >-
#   Every aws_lambda_function has a vpc_config with subnets and security
#   groups, so its traffic stays on private subnets, passes its security
#   group and reaches AWS APIs through the VPC endpoints.
# custom:
#   id: LC-NET-010
#   severity: deny
#   pci: ["1.3.1", "1.4.1"]
#   soc2: ["CC6.6"]
#   applies_to: [aws_lambda_function]
#   remediation: Give the function vpc_config { subnet_ids = private subnets, security_group_ids = [its own group] }.
package lookcard.rules.network.lambda_vpc

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

in_vpc(rc) if lib.unknown(rc, "vpc_config")

in_vpc(rc) if {
	some field in ["subnet_ids", "security_group_ids"]
	lib.unknown(rc, ["vpc_config", 0, field])
}

in_vpc(rc) if {
	count(lib.value(rc, ["vpc_config", 0, "subnet_ids"])) > 0
	count(lib.value(rc, ["vpc_config", 0, "security_group_ids"])) > 0
}

violation contains lib.violation(rc, "no vpc_config with subnets and security groups: the function runs outside the VPC") if {
	some rc in lib.resources("aws_lambda_function")
	not in_vpc(rc)
}
