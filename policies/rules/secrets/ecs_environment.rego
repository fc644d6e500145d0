# METADATA
# title: ECS task environment variables hold no secrets
# description: >-
#   No container in an aws_ecs_task_definition has an environment variable
#   named like a secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, other
#   than references such as *_ARN or *_NAME) holding a literal, nor a value
#   that looks like an AWS access key id or a PEM block. Secrets reach tasks
#   through the secrets field (Secrets Manager). container_definitions
#   unknown at plan time is listed as unverified.
# custom:
#   id: LC-SEC-001
#   severity: deny
#   pci: ["8.6.2", "3.5.1"]
#   soc2: ["CC6.1"]
#   applies_to: [aws_ecs_task_definition]
#   remediation: Move the value to Secrets Manager and reference it from the container's secrets (modules/ecs-service's secrets input).
package lookcard.rules.secrets.ecs_environment

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "container_definitions")
}

violation contains lib.violation(rc, sprintf("container %v: environment variable %v %s", [object.get(c, "name", i), e.name, reason])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	defs := lib.value(rc, "container_definitions")
	is_string(defs)
	some i, c in json.unmarshal(defs)
	some e in object.get(c, "environment", [])
	reason := lib.secret_reason([e.name], object.get(e, "value", ""))
}
