package lookcard.lib_test

import data.lookcard.lib

rc(after, unknown) := {
	"address": "module.a[\"x\"].module.b.aws_instance.this[0]",
	"module_address": "module.a[\"x\"].module.b",
	"mode": "managed",
	"type": "aws_instance",
	"name": "this",
	"change": {"actions": ["create"], "after": after, "after_unknown": unknown},
}

test_is_set_treats_unknown_as_set if {
	lib.is_set(rc({"kms_key_id": "arn:aws:kms:k"}, {}), "kms_key_id")
	lib.is_set(rc({}, {"kms_key_id": true}), "kms_key_id")
	not lib.is_set(rc({"kms_key_id": null}, {}), "kms_key_id")
	not lib.is_set(rc({"kms_key_id": ""}, {}), "kms_key_id")
}

test_unknown_follows_nested_blocks if {
	r := rc({"root_block_device": [{"encrypted": true}]}, {"root_block_device": [{"kms_key_id": true}], "metadata_options": true})
	lib.unknown(r, ["root_block_device", 0, "kms_key_id"])
	lib.unknown(r, ["metadata_options", 0, "http_tokens"])
	not lib.unknown(r, ["root_block_device", 0, "encrypted"])
	lib.value(r, ["root_block_device", 0, "encrypted"]) == true
}

test_enabled_accepts_the_string_true if {
	lib.enabled(rc({"at_rest_encryption_enabled": "true"}, {}), "at_rest_encryption_enabled")
	lib.enabled(rc({"flag": true}, {}), "flag")
	lib.enabled(rc({}, {"flag": true}), "flag")
	not lib.enabled(rc({"flag": "false"}, {}), "flag")
	not lib.enabled(rc({"flag": null}, {}), "flag")
}

test_blocks if {
	lib.blocks(rc({"ingress": [{}, {}]}, {}), "ingress") == [0, 1]
	lib.blocks(rc({"ingress": []}, {}), "ingress") == []
	lib.blocks(rc({}, {}), "ingress") == []
	lib.has_block(rc({}, {"ingress": true}), "ingress")
	not lib.has_block(rc({"ingress": []}, {}), "ingress")
}

test_module_path_drops_instance_keys if {
	lib.module_path(rc({}, {})) == ["module_calls", "a", "module", "module_calls", "b", "module"]
	lib.module_path({"address": "aws_vpc.this"}) == []
}

test_referenced_resolves_configuration_references if {
	plan := {
		"resource_changes": [
			{"address": "module.n.aws_vpc.this", "module_address": "module.n", "mode": "managed", "type": "aws_vpc", "name": "this", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
			{"address": "module.n.aws_flow_log.this", "module_address": "module.n", "mode": "managed", "type": "aws_flow_log", "name": "this", "change": {"actions": ["create"], "after": {}, "after_unknown": {"vpc_id": true}}},
		],
		"configuration": {"root_module": {"module_calls": {"n": {"module": {"resources": [{"address": "aws_flow_log.this", "expressions": {"vpc_id": {"references": ["aws_vpc.this.id", "aws_vpc.this"]}}}]}}}}},
	}
	lib.referenced(plan.resource_changes[1], "vpc_id") == {"module.n.aws_vpc.this"} with input as plan
}

test_resources_skip_deleted_and_data if {
	plan := {"resource_changes": [
		{"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["create"], "after": {}}},
		{"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "change": {"actions": ["delete"], "after": null}},
		{"address": "data.aws_vpc.c", "mode": "data", "type": "aws_vpc", "change": {"actions": ["read"], "after": {}}},
	]}
	[rc.address | some rc in lib.resources("aws_vpc")] == ["aws_vpc.a"] with input as plan
}

test_statements_and_wildcards if {
	doc := json.unmarshal(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)
	some st in lib.statements(doc)
	lib.allows_all(st)
	not lib.allows_all({"Effect": "Deny", "Action": "*", "Resource": "*"})
	not lib.allows_all({"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"})
}

test_requires_mfa if {
	lib.requires_mfa({"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	lib.requires_mfa({"Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": true}}})
	not lib.requires_mfa({"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}})
}

test_secret_reasons if {
	lib.secret_reason(["DATABASE_PASSWORD"], "hunter2")
	lib.secret_reason(["anything"], "AKIAABCDEFGHIJKLMNOP") == "looks like an AWS access key id"
	lib.secret_reason(["cert"], "-----BEGIN PRIVATE KEY-----\nabc") == "holds a PEM block"
	not lib.secret_reason(["JWT_SECRET_ARN"], "arn:aws:secretsmanager:x")
	not lib.secret_reason(["secret_names", "app/jwt-secret"], "lookcard/app/jwt-secret")
	not lib.secret_reason(["API_TOKEN"], "")
	not lib.secret_reason(["SESSION_SECRET"], "arn:aws:secretsmanager:ap-southeast-1:1:secret:s")
	not lib.secret_reason(["REDIS_USER"], "card_api")
}

test_secret_literals_walk_nested_values if {
	found := lib.secret_literals("integrations", {"reap": {"access_key_id": "AKIAABCDEFGHIJKLMNOP", "url": "https://x"}})
	found == [[["integrations", "reap", "access_key_id"], "looks like an AWS access key id"]]
}

test_level_by_environment if {
	m := {"severity": "deny", "severity_by_environment": {"develop": "warn"}}
	lib.level(m) == "warn" with input.variables.environment.value as "develop"
	lib.level(m) == "deny" with input.variables.environment.value as "production"
	lib.level(m) == "deny" with input as {}
}
