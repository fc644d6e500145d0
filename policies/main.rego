# METADATA
# title: LookCard compliance checks (conftest entry point)
# description: |
#   `conftest test plan.json -p policies` reads this package (conftest's
#   default namespace, main): every rule under data.lookcard.rules reports
#   its violations at the level its metadata gives for the plan's
#   environment. With `--data policies`, exceptions.yaml applies as it does
#   in `lookcard check`: an active exception suppresses matching findings,
#   an expired one is itself a failure.
package main

import data.lookcard.lib

# findings are the violations of every rule that applies to this environment.
findings contains f if {
	some area, name
	m := data.lookcard.rules[area][name].meta
	level := lib.level(m)
	level in {"deny", "warn"}
	some v in data.lookcard.rules[area][name].violation
	not excepted(m.id, v.address)
	f := {"id": m.id, "level": level, "address": v.address, "msg": v.msg}
}

# A value a rule needs but the plan computes at apply time is a finding too
# (fail closed), at the rule's unverified level.
findings contains f if {
	some area, name
	m := data.lookcard.rules[area][name].meta
	level := lib.unverified_level(m)
	level in {"deny", "warn"}
	failed := {v.address | some v in data.lookcard.rules[area][name].violation}
	some a in data.lookcard.rules[area][name].unverified
	not a in failed
	not excepted(m.id, a)
	f := {"id": m.id, "level": level, "address": a, "msg": lib.unverified_msg}
}

deny contains sprintf("%s %s: %s", [f.id, f.address, f.msg]) if {
	some f in findings
	f.level == "deny"
}

warn contains sprintf("%s %s: %s", [f.id, f.address, f.msg]) if {
	some f in findings
	f.level == "warn"
}

deny contains sprintf("exception %s for %s expired on %s (owner %s): fix the finding or renew the exception", [e.id, e.rule, e.expires, e.owner]) if {
	some e in exceptions
	expired(e)
}

# --- Exceptions (policies/exceptions.yaml, loaded with --data) ---------------

default exceptions := []

exceptions := data.exceptions

excepted(id, address) if {
	some e in exceptions
	e.rule == id
	not expired(e)
	glob.match(glob_pattern(e.resource), null, address)
}

# An exception holds through its expiry date (UTC).
expired(e) if time.now_ns() >= time.add_date(time.parse_ns("2006-01-02", e.expires), 0, 0, 1)

# Addresses contain brackets, which glob would read as character classes:
# only * and ? are wildcards in an exception's resource.
glob_pattern(p) := strings.replace_n({"\\": "\\\\", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}"}, p)
