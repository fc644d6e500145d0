# METADATA
# title: Helpers shared by LookCard's compliance rules
# description: |
#   Reading an OpenTofu plan (`tofu show -json`): the resources that will
#   exist after apply, their planned values, values only known at apply time,
#   the configuration expressions behind them, IAM policy documents and
#   secret-looking strings.
#
#   A value that is unknown at plan time (null in `after`, true in
#   `after_unknown`) cannot be proven wrong, so every "is it set" helper
#   treats unknown as set.
package lookcard.lib

# The environment the plan is for (TF_VAR_environment; bootstrap/'s plans
# name their account instead).
default environment := "unknown"

environment := input.variables.environment.value

environment := input.variables.account_name.value if not input.variables.environment

# bootstrap: the plan is of bootstrap/ (state bucket, CI and admin roles),
# not of an environment's stack.
bootstrap if {
	input.variables.account_name
	not input.variables.environment
}

# preview: the plan is a sandbox preview stack, which relies on its
# environment's account-level services (trail, detectors, alarms).
preview if object.get(input, ["variables", "preview", "value"], "") != ""

# account_stack: the plan is an environment's own stack, which owns the
# account-level controls.
account_stack if {
	not bootstrap
	not preview
}

production if environment == "production"

# --- Resources --------------------------------------------------------------

# live(rc): the managed resource exists after apply (created, updated,
# replaced or unchanged; not destroyed).
live(rc) if {
	rc.mode == "managed"
	rc.change.actions != ["delete"]
	rc.change.after != null
}

# changes are the live managed resources, in plan order.
changes := [rc | some rc in input.resource_changes; live(rc)]

by_type[t] := rcs if {
	some t in {rc.type | some rc in changes}
	rcs := [rc | some rc in changes; rc.type == t]
}

by_address := {rc.address: rc | some rc in changes}

# resources(t) lists the live resources of type t.
resources(t) := object.get(by_type, t, [])

# --- Planned values ---------------------------------------------------------

# value(rc, p) is the planned value at p (an attribute name or a path such as
# ["root_block_device", 0, "encrypted"]), null when absent.
value(rc, p) := object.get(rc.change.after, p, null)

# unknown(rc, p): the value at p, or a block enclosing it, is computed at apply.
unknown(rc, p) if {
	is_string(p)
	object.get(rc.change, ["after_unknown", p], false) == true
}

unknown(rc, p) if {
	is_array(p)
	some n in numbers.range(1, count(p))
	object.get(rc.change, array.concat(["after_unknown"], array.slice(p, 0, n)), false) == true
}

# is_set(rc, p): the value is present, or unknown (so it cannot be proven absent).
is_set(rc, p) if {
	v := value(rc, p)
	v != null
	v != ""
}

is_set(rc, p) if unknown(rc, p)

# enabled(rc, p): true (the provider types some flags as the string "true"), or unknown.
enabled(rc, p) if value(rc, p) in {true, "true"}

enabled(rc, p) if unknown(rc, p)

# equals(rc, p, want): the value is want, or unknown.
equals(rc, p, want) if value(rc, p) == want

equals(rc, p, _) if unknown(rc, p)

# one_of(rc, p, wants): the value is one of wants, or unknown.
one_of(rc, p, wants) if value(rc, p) in wants

one_of(rc, p, _) if unknown(rc, p)

# at_least(rc, p, n): the number is at least n, or unknown.
at_least(rc, p, n) if {
	v := value(rc, p)
	is_number(v)
	v >= n
}

at_least(rc, p, _) if unknown(rc, p)

# blocks(rc, name): the indexes of the nested block name (a list of objects).
blocks(rc, name) := numbers.range(0, count(bs) - 1) if {
	bs := value(rc, name)
	is_array(bs)
	count(bs) > 0
}

blocks(rc, name) := [] if {
	bs := value(rc, name)
	not nonempty_array(bs)
}

nonempty_array(x) if {
	is_array(x)
	count(x) > 0
}

# has_block(rc, name): the nested block is present, or unknown.
has_block(rc, name) if count(blocks(rc, name)) > 0

has_block(rc, name) if unknown(rc, name)

# tag(rc, key) is the tag's planned value (tags_all includes provider default tags).
tag(rc, key) := object.get(object.get(rc.change.after, "tags_all", {}), key, null)

# name_of(rc) is the planned name of a resource, or its address.
name_of(rc) := n if {
	n := value(rc, "name")
	is_string(n)
}

name_of(rc) := rc.address if not is_string(value(rc, "name"))

# instance_key(rc) is the for_each key of a resource instance ("" if none).
instance_key(rc) := k if {
	m := regex.find_all_string_submatch_n(`\["([^"]*)"\]$`, rc.address, 1)
	count(m) == 1
	k := m[0][1]
}

instance_key(rc) := "" if not regex.match(`\["[^"]*"\]$`, rc.address)

# missing(rc, p): the value is known and absent (null, "" or false).
missing(rc, p) if {
	not unknown(rc, p)
	value(rc, p) in {null, "", false, "false"}
}

# same_bucket(rc, bucket): rc configures bucket, by name or by reference.
same_bucket(rc, bucket) if {
	name := value(rc, "bucket")
	is_string(name)
	name == value(bucket, "bucket")
}

same_bucket(rc, bucket) if refers_to(rc, "bucket", bucket)

# --- Configuration ----------------------------------------------------------

# module_path(rc) is the path to the resource's module in input.configuration
# (module instance keys dropped: configuration is per module, not per instance).
module_path(rc) := [x |
	some m in regex.find_all_string_submatch_n(`module\.([A-Za-z0-9_-]+)`, object.get(rc, "module_address", ""), -1)
	some x in ["module_calls", m[1], "module"]
]

# config(rc) is the resource's configuration block.
config(rc) := r if {
	want := concat(".", [rc.type, rc.name])
	mod := object.get(input, array.concat(["configuration", "root_module"], module_path(rc)), {})
	some r in object.get(mod, "resources", [])
	r.address == want
}

# configured(rc, attr): the configuration sets the argument (a computed
# attribute it does not set is the provider's, often never set at all).
configured(rc, attr) if object.get(config(rc), ["expressions", attr], null) != null

# references(rc, attr) are the configuration references of an argument.
references(rc, attr) := object.get(config(rc), ["expressions", attr, "references"], [])

# local_address(rc, ref) is ref's address in rc's module instance.
local_address(rc, ref) := ref if not rc.module_address

local_address(rc, ref) := concat(".", [rc.module_address, ref]) if rc.module_address

# referenced(rc, attr) is the set of live resources an argument refers to in
# the same module instance (for values that are unknown at plan time).
referenced(rc, attr) := {a |
	some ref in references(rc, attr)
	a := local_address(rc, ref)
	by_address[a]
}

# refers_to(rc, attr, target): rc's argument refers to the target resource.
refers_to(rc, attr, target) if target.address in referenced(rc, attr)

# --- IAM policy documents ---------------------------------------------------

# policy(rc, attr) is the parsed JSON policy document of an argument.
policy(rc, attr) := doc if {
	s := value(rc, attr)
	is_string(s)
	s != ""
	doc := json.unmarshal(s)
}

# statements(doc) lists a document's statements (one statement may be an object).
statements(doc) := doc.Statement if is_array(doc.Statement)

statements(doc) := [doc.Statement] if is_object(doc.Statement)

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

allows(st) if st.Effect == "Allow"

# allows_all(st): an Allow of Action "*" on Resource "*".
allows_all(st) if {
	allows(st)
	"*" in as_list(object.get(st, "Action", []))
	"*" in as_list(object.get(st, "Resource", []))
}

# documents(rc) lists a resource's inline policy documents as [attribute path, document] pairs.
documents(rc) := array.concat(
	[[["policy"], doc] |
		rc.type in policy_types
		doc := policy(rc, "policy")
	],
	[[["inline_policy", i, "policy"], doc] |
		rc.type == "aws_iam_role"
		some i in blocks(rc, "inline_policy")
		doc := policy(rc, ["inline_policy", i, "policy"])
	],
)

# The resource types whose policy argument is an identity policy document.
policy_types := {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}

# unknown_documents(rc): a policy document that is computed at apply time.
unknown_documents(rc) if {
	rc.type in policy_types
	unknown(rc, "policy")
}

unknown_documents(rc) if {
	rc.type == "aws_iam_role"
	unknown(rc, "inline_policy")
}

unknown_documents(rc) if {
	rc.type == "aws_iam_role"
	some i in blocks(rc, "inline_policy")
	unknown(rc, ["inline_policy", i, "policy"])
}

# wildcard_principal(st): the statement names every principal.
wildcard_principal(st) if st.Principal == "*"

wildcard_principal(st) if "*" in as_list(object.get(st, ["Principal", "AWS"], []))

# scoping_condition_keys narrow a statement naming every principal to
# known callers (a service's source, the account, the organization, a VPC
# endpoint).
scoping_condition_keys := {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid", "aws:principalaccount",
	"aws:principalarn", "aws:sourcevpce", "aws:sourcevpc", "kms:calleraccount", "kms:viaservice",
	"aws:resourceorgid", "aws:principalorgpaths",
}

# scoped(st): a condition limits who the statement admits.
scoped(st) if {
	some op, kv in object.get(st, "Condition", {})
	not startswith(lower(op), "null")
	some k, _ in kv
	lower(k) in scoping_condition_keys
}

# trust(rc) is a role's parsed trust (assume role) policy.
trust(rc) := policy(rc, "assume_role_policy")

# requires_mfa(st): the statement only admits sessions signed in with MFA.
requires_mfa(st) if {
	some op in ["Bool", "BoolIfExists"]
	object.get(st, ["Condition", op, "aws:MultiFactorAuthPresent"], null) in {true, "true", ["true"], [true]}
}

# trusts_people(st): the statement lets IAM principals (people, other accounts) assume the role.
trusts_people(st) if {
	allows(st)
	object.get(st, ["Principal", "AWS"], null) != null
}

trusts_people(st) if {
	allows(st)
	st.Principal == "*"
}

# --- Secrets ----------------------------------------------------------------

secret_name_pattern := `(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)`

# Names that hold a reference to a secret, or something about it, not the secret itself.
reference_name_pattern := `(?i)(_ARNS?|_NAMES?|_IDS?|_PATH|_FILE|_VERSION|_DAYS|_ENABLED|_TTL|_URL|_HEADER|_TYPE|_LENGTH|_ROTATION)$`

aws_key_pattern := `AKIA[0-9A-Z]{16}`

pem_pattern := `-----BEGIN [A-Z0-9 ]+-----`

# secret_value_reason(v): why a string looks like secret material.
secret_value_reason(v) := "looks like an AWS access key id" if regex.match(aws_key_pattern, v)

secret_value_reason(v) := "holds a PEM block" if {
	not regex.match(aws_key_pattern, v)
	regex.match(pem_pattern, v)
}

# secret_reason(names, v): why the string v, reached through the keys names
# (outermost first), looks like a secret literal. Undefined when it does not.
secret_reason(_, v) := secret_value_reason(v) if is_string(v)

secret_reason(names, v) := sprintf("is named like a secret (%s) and holds a literal value", [names[count(names) - 1]]) if {
	is_string(v)
	not secret_value_reason(v)
	v != ""
	not startswith(v, "arn:")
	regex.match(secret_name_pattern, names[count(names) - 1])
	not reference_name(names)
}

reference_name(names) if {
	some n in names
	regex.match(reference_name_pattern, n)
}

# secret_literals(name, x): [key path, reason] of every secret-looking string in x.
secret_literals(name, x) := [[keys, reason] |
	walk(x, [p, v])
	is_string(v)
	keys := array.concat([name], [k | some k in p; is_string(k)])
	reason := secret_reason(keys, v)
]

# --- Rule metadata ------------------------------------------------------------

# meta(chain) is a rule's metadata: the custom fields of its package
# annotation plus its title. Each rule package sets
# `meta := lib.meta(rego.metadata.chain())` so that package main can
# tell deny from warn without reading annotations.
meta(chain) := object.union(entry.annotations.custom, {"title": entry.annotations.title}) if {
	some entry in chain
	entry.annotations.custom.id
}

# level(m) is a rule's level in this plan's environment: deny, warn or skip
# (not applicable here).
level(m) := object.get(object.get(m, "severity_by_environment", {}), environment, m.severity)

# unverified_level(m) is how a value the rule cannot see counts here (fail
# closed): the rule's level in production and staging, warn elsewhere;
# custom.unverified_severity caps it (internal/compliance Rule.UnverifiedLevel).
unverified_level(m) := "skip" if level(m) == "skip"

unverified_level(m) := "warn" if {
	level(m) != "skip"
	not environment in {"production", "staging"}
}

unverified_level(m) := l if {
	level(m) != "skip"
	environment in {"production", "staging"}
	l := capped(level(m), object.get(m, "unverified_severity", "deny"))
}

capped(l, cap) := "warn" if "warn" in {l, cap}

capped(l, cap) := "deny" if {
	l == "deny"
	cap == "deny"
}

unverified_msg := "cannot be verified: the checked value is computed at apply time; run `lookcard apply --env <env> --offline` so that check reads it from the rehearsal state"

# violation(rc, msg) is a finding about the resource rc.
violation(rc, msg) := {"address": rc.address, "msg": msg}
