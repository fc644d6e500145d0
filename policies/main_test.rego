package main_test

import data.main

plan(env) := {"variables": {"environment": {"value": env}}, "resource_changes": [
	{
		"address": "aws_db_proxy.p", "mode": "managed", "type": "aws_db_proxy", "name": "p",
		"change": {"actions": ["create"], "after": {"require_tls": false}, "after_unknown": {}},
	},
	{
		"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition", "name": "t",
		"change": {"actions": ["create"], "after": {"container_definitions": "[{\"name\":\"app\",\"image\":\"app:1\"}]"}, "after_unknown": {}},
	},
]}

test_conftest_deny_and_warn_by_environment if {
	"LC-TLS-008 aws_db_proxy.p: require_tls is not true: clients may connect to the proxy in plaintext" in main.deny with input as plan("production")
	some msg in main.deny with input as plan("production")
	startswith(msg, "LC-LOG-006 aws_ecs_task_definition.t:")
	some w in main.warn with input as plan("develop")
	startswith(w, "LC-LOG-006 aws_ecs_task_definition.t:")
}

test_exceptions_suppress_and_expire if {
	active := [{"id": "tls", "rule": "LC-TLS-008", "resource": "aws_db_proxy.*", "justification": "j", "owner": "o", "expires": "2999-01-01"}]
	expired := [{"id": "tls", "rule": "LC-TLS-008", "resource": "aws_db_proxy.*", "justification": "j", "owner": "o", "expires": "2001-01-01"}]
	denies := main.deny with input as plan("production") with data.exceptions as active
	every msg in denies {
		not startswith(msg, "LC-TLS-008")
	}
	"exception tls for LC-TLS-008 expired on 2001-01-01 (owner o): fix the finding or renew the exception" in main.deny with input as plan("production") with data.exceptions as expired
}

test_brackets_in_exception_globs_are_literal if {
	main.excepted("LC-X-001", `module.s["a"].aws_vpc.this`) with data.exceptions as [{"rule": "LC-X-001", "resource": `module.s["a"].*`, "expires": "2999-01-01"}]
	not main.excepted("LC-X-001", `module.s["b"].aws_vpc.this`) with data.exceptions as [{"rule": "LC-X-001", "resource": `module.s["a"].*`, "expires": "2999-01-01"}]
}
