# METADATA
# title: Containers run as a non-root user
# description: >-
#   Every container of every aws_ecs_task_definition sets user to a non-root user (not unset, root or UID 0). The container definitions embed values known only at apply time
#   (the image URL): they are read from the rehearsal state, and are
#   unverified without one.
# custom:
#   id: LC-CTR-003
#   severity: deny
#   pci: ["2.2.6", "7.2.1"]
#   soc2: ["CC6.1", "CC6.8"]
#   equivalents: {security_hub: [ECS.20], checkov: []}
#   applies_to: [aws_ecs_task_definition]
#   remediation: >-
#     Set user to a non-zero UID (user = "10001") in every container definition, and build the image to run as that user.
package lookcard.rules.containers.non_root

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

unverified contains rc.address if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "container_definitions")
}

violation contains lib.violation(rc, sprintf("container %v: user is root (unset, root or UID 0): a container escape starts with root privileges", [object.get(c, "name", i)])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	defs := lib.value(rc, "container_definitions")
	is_string(defs)
	some i, c in json.unmarshal(defs)
	root_user(object.get(c, "user", ""))
}

root_user(u) if u in {"", "root", "0", "0:0", "root:root"}

root_user(u) if startswith(u, "0:")

root_user(u) if startswith(u, "root:")
