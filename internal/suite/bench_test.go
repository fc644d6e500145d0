package suite

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/lookcard/infrastructure/internal/catalog"
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

// BenchmarkEngineGC plans develop offline with the engine and the provider
// collecting garbage at Go's default (GOGC=100) and at the Makefile's 400,
// reporting the CPU seconds of every process a plan runs (lookcard, the engine,
// the providers: the children this benchmark waits for, and theirs). On a
// shared CI machine CPU, not wall time, is what a plan costs the suite.
func BenchmarkEngineGC(b *testing.B) {
	tl := needB(b)
	for _, gogc := range []string{"100", "400"} {
		b.Run("GOGC="+gogc, func(b *testing.B) {
			before := childrenCPU(b)
			for i := 0; i < b.N; i++ {
				cmd := exec.CommandContext(context.Background(), tl.lookcard, "plan", "--env", "develop", "--offline", "--json", "-C", tl.root)
				cmd.Env = append(os.Environ(), "GOGC="+gogc)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("plan develop at GOGC=%s: %v\n%s", gogc, err, out)
				}
			}
			b.ReportMetric((childrenCPU(b)-before)/float64(b.N), "cpu-s/plan")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/plan")
		})
	}
}

// BenchmarkEngineProcs runs two module test directories at once, as the
// suite's engineSlots do on 2 cores, with the engines (and their providers)
// on Go's default number of processors and on one (oneProc), reporting the
// CPU seconds and wall milliseconds of each pair.
func BenchmarkEngineProcs(b *testing.B) {
	tl := needB(b)
	var base []string
	for _, kv := range tl.env {
		if !strings.HasPrefix(kv, "GOMAXPROCS=") {
			base = append(base, kv)
		}
	}
	for _, procs := range []string{"default", "1"} {
		b.Run("GOMAXPROCS="+procs, func(b *testing.B) {
			env := base
			if procs != "default" {
				env = append(append([]string(nil), base...), "GOMAXPROCS="+procs)
			}
			mods := []string{"network", "observability"}
			datas := map[string]string{}
			for _, m := range mods {
				datas[m] = b.TempDir()
				cmd := exec.Command(tl.tofu, "get", "-no-color")
				cmd.Dir = filepath.Join(tl.root, "modules", m)
				cmd.Env = append(append([]string(nil), env...), "TF_DATA_DIR="+datas[m])
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("tofu get in modules/%s: %v\n%s", m, err, out)
				}
			}
			before := childrenCPU(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var wg sync.WaitGroup
				for _, m := range mods {
					data := datas[m]
					wg.Go(func() {
						cmd := exec.Command(tl.tofu, "test", "-no-color")
						cmd.Dir = filepath.Join(tl.root, "modules", m)
						cmd.Env = append(append([]string(nil), env...), "TF_DATA_DIR="+data)
						if out, err := cmd.CombinedOutput(); err != nil {
							b.Errorf("%s native tests at GOMAXPROCS=%s: %v\n%s", m, procs, err, out)
						}
					})
				}
				wg.Wait()
			}
			b.ReportMetric((childrenCPU(b)-before)/float64(b.N), "cpu-s/pair")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/pair")
		})
	}
}

// childrenCPU is the user+system CPU seconds of this process's finished
// children and of the descendants they waited for.
func childrenCPU(b *testing.B) float64 {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	sec := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return sec(ru.Utime) + sec(ru.Stime)
}

// BenchmarkCatalogScale plans a sandbox preview offline with the real catalog and with
// a synthetic catalog of 200 services, reporting plan time and resource count
// for each: growth should be roughly linear in the number of services.
func BenchmarkCatalogScale(b *testing.B) {
	tl := needB(b)
	for _, n := range []int{22, 200} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "services.yaml")
			if err := catalog.Synthetic(n).Write(path); err != nil {
				b.Fatal(err)
			}
			// A preview stack of its own, so the environments' saved plans stay
			// theirs: a detached worktree of HEAD, where the branch may be
			// named through LOOKCARD_BRANCH as in CI.
			wt := filepath.Join(b.TempDir(), "wt")
			if out, err := exec.Command("git", "-C", tl.root, "worktree", "add", "--detach", wt).CombinedOutput(); err != nil {
				b.Fatalf("git worktree add: %v\n%s", err, out)
			}
			b.Cleanup(func() { _ = exec.Command("git", "-C", tl.root, "worktree", "remove", "--force", wt).Run() })
			var resources int
			for i := 0; i < b.N; i++ {
				cmd := exec.CommandContext(context.Background(), tl.lookcard, "plan", "--offline", "--json", "-C", wt)
				cmd.Env = append(os.Environ(), "TF_VAR_catalog_file="+path, fmt.Sprintf("LOOKCARD_BRANCH=scale-%d", n),
					"LOOKCARD_OFFLINE_PROVIDER_DIR="+filepath.Join(tl.root, "bin", "providers"), "TOFU="+tl.tofu)
				out, err := cmd.Output()
				if err != nil {
					b.Fatalf("plan with %d services: %v", n, err)
				}
				var res struct {
					Summary struct {
						Counts map[string]int `json:"counts"`
					} `json:"summary"`
				}
				if err := json.Unmarshal(out, &res); err != nil {
					b.Fatal(err)
				}
				resources = res.Summary.Counts["create"]
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/plan")
			b.ReportMetric(float64(resources), "resources")
			b.ReportMetric(float64(resources)/float64(n), "resources/service")
		})
	}
}
