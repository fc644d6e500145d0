# METADATA
# title: Containers run with a read-only root filesystem
# description: >-
#   Every container of every aws_ecs_task_definition sets readonlyRootFilesystem = true, so a compromised process cannot change the image's files. The container definitions embed values known only at apply time
#   (the image URL): they are read from the rehearsal state, and are
#   unverified without one.
# custom:
#   id: LC-CTR-001
#   severity: deny
#   pci: ["2.2.6", "6.4.1"]
#   soc2: ["CC6.1", "CC6.8"]
#   equivalents: {security_hub: [ECS.5], checkov: [CKV_AWS_336]}
#   applies_to: [aws_ecs_task_definition]
#   remediation: >-
#     Set readonlyRootFilesystem = true in every container definition (modules/ecs-service/task.tf) and mount writable paths as volumes.
package lookcard.rules.containers.read_only_root

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "container_definitions")
}

violation contains lib.violation(rc, sprintf("container %v: readonlyRootFilesystem is not true: the process can rewrite its own image at run time", [object.get(c, "name", i)])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	defs := lib.value(rc, "container_definitions")
	is_string(defs)
	some i, c in json.unmarshal(defs)
	not c.readonlyRootFilesystem == true
}
