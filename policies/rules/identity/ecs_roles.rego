# METADATA
# title: ECS task definitions use separate execution and task roles
# description: >-
#   An aws_ecs_task_definition's task_role_arn (what the application may do)
#   differs from its execution_role_arn (what ECS needs to pull the image,
#   read secrets and write logs), so the application never holds secret-read
#   permissions it does not need. When the ARNs are unknown at plan time the
#   configuration references are compared instead.
# custom:
#   id: LC-IAM-004
#   severity: deny
#   pci: ["7.2.5", "7.2.2"]
#   soc2: ["CC6.3"]
#   applies_to: [aws_ecs_task_definition]
#   remediation: Give each task definition its own aws_iam_role for execution and another for the task (modules/ecs-service does).
package lookcard.rules.identity.ecs_roles

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

violation contains lib.violation(rc, sprintf("execution_role_arn and task_role_arn are the same role (%s)", [arn])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	arn := lib.value(rc, "execution_role_arn")
	is_string(arn)
	arn == lib.value(rc, "task_role_arn")
}

violation contains lib.violation(rc, sprintf("execution_role_arn and task_role_arn refer to the same role (%s)", [concat(", ", same)])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	lib.unknown(rc, "execution_role_arn")
	lib.unknown(rc, "task_role_arn")
	execution := {r | some r in lib.references(rc, "execution_role_arn")}
	task := {r | some r in lib.references(rc, "task_role_arn")}
	same := execution & task
	count(same) > 0
}
