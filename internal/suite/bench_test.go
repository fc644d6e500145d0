package suite

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/lookcard/infrastructure/internal/environment"
)

// BenchmarkOfflinePlan measures the wall time of `lookcard plan --offline`
// (init, plan, show -json, summary) per environment. Run through `make bench`.
func BenchmarkOfflinePlan(b *testing.B) {
	tl := needB(b)
	for _, env := range environment.Names {
		b.Run(env, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				cmd := exec.CommandContext(context.Background(), tl.lookcard, "plan", "--env", env, "--offline", "--json", "-C", tl.root)
				cmd.Env = os.Environ()
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("plan %s: %v\n%s", env, err, out)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/plan")
		})
	}
}
