package suite

import "testing"

// skipShort skips an integration test under `go test -short` (`make
// test-quick`): these drive the real engine and take minutes. `make test`
// never passes -short, so they always run there.
func skipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: skipped under -short (make test-quick); make test runs it")
	}
}
