// Package suite holds the repository-wide integration tests: the native
// OpenTofu tests of every module and environment, offline plans of all five
// environments through the lookcard binary, and the offline provider's
// schema conformance. They drive the real pinned OpenTofu that `make tools`
// builds; without it they skip, unless LOOKCARD_REQUIRE_TOOLS=1 (as in
// `make test`), which turns a missing tool into a failure. Under
// $LOOKCARD_PLAN_OUTPUTS (set by scripts/test.sh, which plans every
// environment first) the offline-plan test checks those plans' output
// instead of planning each environment a second time.
package suite
