# METADATA
# title: App Runner environment variables hold no secrets
# description: >-
#   No aws_apprunner_service has a runtime environment variable named like a
#   secret holding a literal, or a value that looks like an AWS access key id
#   or a PEM block. Secrets go in runtime_environment_secrets (Secrets
#   Manager or SSM references). Values unknown at plan time are listed as
#   unverified.
# custom:
#   id: LC-SEC-002
#   severity: deny
#   pci: ["8.6.2", "3.5.1"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_apprunner_service]
#   remediation: Move the value to Secrets Manager and list it in runtime_environment_secrets.
package lookcard.rules.secrets.app_runner_environment

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

paths := [
	["source_configuration", 0, "image_repository", 0, "image_configuration", 0, "runtime_environment_variables"],
	["source_configuration", 0, "code_repository", 0, "code_configuration", 0, "code_configuration_values", 0, "runtime_environment_variables"],
]

unverified contains rc.address if {
	some rc in lib.resources("aws_apprunner_service")
	some p in paths
	lib.unknown(rc, p)
}

violation contains lib.violation(rc, sprintf("runtime environment variable %s %s", [name, reason])) if {
	some rc in lib.resources("aws_apprunner_service")
	some p in paths
	vars := lib.value(rc, p)
	is_object(vars)
	some name, v in vars
	reason := lib.secret_reason([name], v)
}
