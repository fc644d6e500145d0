# METADATA
# title: Containers never run privileged
# description: >-
#   No container of an aws_ecs_task_definition sets privileged = true. The container definitions embed values known only at apply time
#   (the image URL): they are read from the rehearsal state, and are
#   unverified without one.
# custom:
#   id: LC-CTR-002
#   severity: deny
#   pci: ["2.2.6", "7.2.1"]
#   soc2: ["CC6.1", "CC6.8"]
#   equivalents: {security_hub: [ECS.4], checkov: [CKV_AWS_334]}
#   applies_to: [aws_ecs_task_definition]
#   remediation: >-
#     Remove privileged from the container definition (Fargate refuses it; keep it off everywhere).
package lookcard.rules.containers.non_privileged

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "container_definitions")
}

violation contains lib.violation(rc, sprintf("container %v: privileged is true: the container has every capability of the host", [object.get(c, "name", i)])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	defs := lib.value(rc, "container_definitions")
	is_string(defs)
	some i, c in json.unmarshal(defs)
	object.get(c, "privileged", false) in {true, "true"}
}
