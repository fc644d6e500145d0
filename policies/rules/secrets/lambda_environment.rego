# METADATA
# title: Lambda environment variables hold no secrets
# description: >-
#   No aws_lambda_function has an environment variable named like a secret
#   holding a literal, or a value that looks like an AWS access key id or a
#   PEM block. Functions read secrets from Secrets Manager at run time.
#   Variables unknown at plan time are listed as unverified.
# custom:
#   id: LC-SEC-006
#   severity: deny
#   pci: ["8.6.2", "3.5.1"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_lambda_function]
#   remediation: Store the value in Secrets Manager and have the function read it (GetSecretValue) with its own role.
package lookcard.rules.secrets.lambda_environment

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_lambda_function")
	lib.unknown(rc, ["environment", 0, "variables"])
}

violation contains lib.violation(rc, sprintf("environment variable %s %s", [name, reason])) if {
	some rc in lib.resources("aws_lambda_function")
	vars := lib.value(rc, ["environment", 0, "variables"])
	is_object(vars)
	some name, v in vars
	reason := lib.secret_reason([name], v)
}
