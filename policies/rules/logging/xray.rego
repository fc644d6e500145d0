# METADATA
# title: Every ECS task definition runs the X-Ray daemon
# description: >-
#   Every aws_ecs_task_definition has a container whose name or image is the
#   X-Ray daemon (or the ADOT collector), so requests are traced across
#   services. container_definitions is often unknown at plan time (it embeds
#   the image URL); then the configuration expression must refer to an X-Ray
#   container, else the task definition is listed as unverified.
# custom:
#   id: LC-LOG-006
#   severity: deny
#   severity_by_environment: {develop: warn, testing: warn, sandbox: warn}
#   pci: ["10.2.1", "10.4.1"]
#   soc2: ["CC7.2"]
#   applies_to: [aws_ecs_task_definition]
#   remediation: Use modules/ecs-service, which adds the xray-daemon sidecar, or add a container running public.ecr.aws/xray/aws-xray-daemon.
package lookcard.rules.logging.xray

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

tracer_pattern := `(?i)(xray|x-ray|aws-otel|adot)`

containers(rc) := json.unmarshal(lib.value(rc, "container_definitions"))

traced(rc) if {
	some c in containers(rc)
	some field in ["name", "image"]
	regex.match(tracer_pattern, object.get(c, field, ""))
}

# Unknown at plan time: the configuration names the X-Ray container.
configured(rc) if {
	lib.unknown(rc, "container_definitions")
	some ref in lib.references(rc, "container_definitions")
	regex.match(tracer_pattern, ref)
}

unverified contains rc.address if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "container_definitions")
	not configured(rc)
}

violation contains lib.violation(rc, "no X-Ray daemon container: the service's requests are not traced") if {
	some rc in lib.resources("aws_ecs_task_definition")
	is_string(lib.value(rc, "container_definitions"))
	not traced(rc)
}
