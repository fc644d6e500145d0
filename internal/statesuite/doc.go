// Package statesuite runs the engines' real S3 backend against local servers
// of the S3 and DynamoDB protocols: gofakes3 in this process (behind a
// handler that can fail requests or play dead) and dynalite on Node.js
// (scripts/install-dynalite.sh). A test-only backend_override.tf, generated
// into a throwaway fixture repository, points the shipped backend.tf at them;
// the shipped backend has nothing test-only. Each account's bucket,
// lock table and state key on the servers are the outputs of an offline
// apply of bootstrap/ (the path of `lookcard check --bootstrap`, once per
// account and run), and what `lookcard init` gives the engine must name exactly those
// (bootstrap_test.go). Skipped under -short.
package statesuite
