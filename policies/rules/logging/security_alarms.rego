# METADATA
# title: Root account use and IAM changes raise an alarm
# description: >-
#   Each environment's stack turns two CloudTrail event classes into a
#   notification: use of the account root user, and changes to IAM
#   policies, roles, users or groups. Either an
#   aws_cloudwatch_log_metric_filter on the trail's log group with an
#   aws_cloudwatch_metric_alarm on its metric, or an aws_cloudwatch_event_rule
#   whose pattern matches the events with an aws_cloudwatch_event_target.
# custom:
#   id: LC-LOG-016
#   severity: deny
#   pci: ["10.4.1", "10.7.2"]
#   soc2: ["CC7.2", "CC7.3", "CC7.4"]
#   equivalents: {security_hub: [CloudWatch.1, CloudWatch.4], checkov: []}
#   applies_to: [aws_cloudwatch_log_metric_filter, aws_cloudwatch_event_rule]
#   remediation: >-
#     Add a metric filter and alarm (CIS 4.3 and 4.4 patterns) on the
#     CloudTrail log group, or EventBridge rules on root sign-in/API use and
#     on iam.amazonaws.com write events, targeting the critical alert topic.
package lookcard.rules.logging.security_alarms

import data.lookcard.lib

meta := lib.meta(rego.metadata.chain())

classes := {
	"root": "use of the account root user",
	"iam": "changes to IAM policies, roles, users or groups",
}

examined contains "(plan)" if lib.account_stack

matches("root", text) if {
	contains(text, "Root")
	contains(text, "userIdentity")
}

matches("iam", text) if contains(text, "iam.amazonaws.com")

matches("iam", text) if {
	some a in ["PutRolePolicy", "AttachRolePolicy", "CreatePolicyVersion", "PutUserPolicy", "DeleteRolePolicy"]
	contains(text, a)
}

metric_alarm(class) if {
	some f in lib.resources("aws_cloudwatch_log_metric_filter")
	matches(class, sprintf("%v", [lib.value(f, "pattern")]))
	some i in lib.blocks(f, "metric_transformation")
	name := lib.value(f, ["metric_transformation", i, "name"])
	some a in lib.resources("aws_cloudwatch_metric_alarm")
	lib.value(a, "metric_name") == name
	lib.value(a, "namespace") == lib.value(f, ["metric_transformation", i, "namespace"])
	count(object.get(a.change.after, "alarm_actions", [])) + count([1 | lib.unknown(a, "alarm_actions")]) > 0
}

event_alarm(class) if {
	some r in lib.resources("aws_cloudwatch_event_rule")
	matches(class, sprintf("%v", [lib.value(r, "event_pattern")]))
	lib.value(r, "state") != "DISABLED"
	some t in lib.resources("aws_cloudwatch_event_target")
	targets(t, r)
}

targets(t, r) if {
	n := lib.value(t, "rule")
	is_string(n)
	n == lib.value(r, "name")
}

targets(t, r) if lib.refers_to(t, "rule", r)

violation contains {"address": "(plan)", "msg": sprintf("nothing alerts on %s: no metric filter with an alarm and no EventBridge rule with a target matches it", [desc])} if {
	lib.account_stack
	some class, desc in classes
	not metric_alarm(class)
	not event_alarm(class)
}
