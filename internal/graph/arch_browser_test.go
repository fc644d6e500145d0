package graph

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// archPage writes the production architecture page to a temporary file.
func archPage(t testing.TB) (string, *Model) {
	t.Helper()
	if testing.Short() {
		t.Skip("headless Chromium: not in -short (make test-quick); make test runs it")
	}
	m := productionModel(t)
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
			t.Fatal(chromiumPath + " is missing: run scripts/install-chromium.sh")
		}
		t.Skip(chromiumPath + " is missing: run scripts/install-chromium.sh")
	}
	page := filepath.Join(t.TempDir(), "architecture-production.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.ArchitectureHTML(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return (&url.URL{Scheme: "file", Path: page}).String(), m
}

// browser starts headless Chromium at the window size, 1400×900.
func browser(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 900))
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	return bctx
}

// legibility returns the smallest rendered font size (CSS px) of any text of
// the shown view at the current zoom, and the text that has it.
const legibility = `(function () {
  var min = 1e9, which = '';
  document.querySelectorAll('#canvas svg text').forEach(function (t) {
    var px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (px < min) { min = px; which = t.textContent; }
  });
  return JSON.stringify({min: min, text: which});
})()`

// overlaps lists the pairs of cluster boxes that intersect on screen.
const overlaps = `(function () {
  var r = Array.from(document.querySelectorAll('#canvas svg .cluster > rect')).map(function (e) {
    var b = e.getBoundingClientRect(); return {n: e.parentNode.dataset.cluster, l: b.left, t: b.top, r: b.right, b: b.bottom};
  });
  var out = [];
  for (var i = 0; i < r.length; i++) for (var j = i + 1; j < r.length; j++) {
    var a = r[i], c = r[j];
    if (a.l < c.r && c.l < a.r && a.t < c.b && c.t < a.b) out.push(a.n + '/' + c.n);
  }
  return out.join(',') + '|' + r.length;
})()`

// TestArchitectureBrowser opens the production architecture page in
// headless Chromium at 1400×900 and checks what a new engineer would see:
// every label at least 11 px at the fitted zoom, the six cluster boxes apart,
// the request path drawn in order (Cloudflare left of the API Gateway, then
// down to the NLB and the ALB), a service's view with its stores and no
// unrelated service, supporting resources on demand. Screenshots go to
// .lookcard/artifacts/.
func TestArchitectureBrowser(t *testing.T) {
	pageURL, m := archPage(t)
	ctx := browser(t)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "uncaught exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console."+string(ev.Type))
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				problems = append(problems, "network request at view time: "+u)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Error(p)
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), chromedp.WaitReady(chromedp.CSS(`body[data-ready="1"]`))); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	eval := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		out := filepath.Join("..", "..", ".lookcard", "artifacts", name)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", out)
	}
	shot("architecture-production.png")

	if got := eval(`document.body.dataset.view`); got != ViewArchitecture {
		t.Fatalf("the page opened on %q, want the architecture", got)
	}
	if s := eval(legibility); !legible(s) {
		t.Errorf("a label is under 11 px at the fitted zoom: %s", s)
	} else {
		t.Logf("smallest label at the fitted zoom: %s", s)
	}
	if s := eval(overlaps); !strings.HasPrefix(s, "|") || s != "|6" {
		t.Errorf("cluster boxes overlap or are missing (overlapping pairs|boxes): %s", s)
	}
	// The request path, in order on screen and as drawn edges.
	v := m.Architecture()
	byLabel := ids(v)
	pos := func(label string) [4]float64 {
		t.Helper()
		n := byLabel[label]
		if n == nil {
			t.Fatalf("no %s in the architecture", label)
		}
		var r [4]float64
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(function(){var b=document.querySelector('#canvas .thing[data-id="`+strings.ReplaceAll(n.ID, `"`, `\\"`)+`"]').getBoundingClientRect();return [b.left,b.top,b.right,b.bottom];})()`))
		if err != nil || len(got) != 4 {
			t.Fatalf("locating %s: %v", label, err)
		}
		copy(r[:], got)
		return r
	}
	cf, api, nlb, alb := pos("Cloudflare"), pos("API Gateway"), pos("NLB (internal)"), pos("ALB")
	card, cdn, web := pos("card-api"), pos("CloudFront"), pos("App Runner web-app")
	if !(cf[2] <= api[0] && api[3] <= nlb[1] && nlb[3] <= alb[1] && alb[2] <= card[0]) {
		t.Errorf("the request path is not laid out in order: Cloudflare %v, API Gateway %v, NLB %v, ALB %v, card-api %v", cf, api, nlb, alb, card)
	}
	if !(cf[2] <= cdn[0] && cdn[3] <= web[1]) {
		t.Errorf("Cloudflare -> CloudFront -> App Runner is not laid out in order: %v %v %v", cf, cdn, web)
	}
	for _, e := range [][2]string{{"Cloudflare", "API Gateway"}, {"API Gateway", "NLB (internal)"}, {"NLB (internal)", "ALB"}, {"ALB", "card-api"}, {"Cloudflare", "CloudFront"}, {"CloudFront", "App Runner web-app"}} {
		sel := `#canvas .edge[data-from="` + strings.ReplaceAll(byLabel[e[0]].ID, `"`, `\\"`) + `"][data-to="` + strings.ReplaceAll(byLabel[e[1]].ID, `"`, `\\"`) + `"]`
		if eval(`String(document.querySelectorAll('`+strings.ReplaceAll(sel, `'`, `\'`)+`').length)`) != "1" {
			t.Errorf("no drawn edge %s -> %s", e[0], e[1])
		}
	}

	// Supporting resources on demand: clicking card-api lists its rules and alarms.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#canvas .thing[data-id="svc:card-api"] rect`)), chromedp.WaitVisible(chromedp.CSS(`#details`))); err != nil {
		t.Fatalf("clicking card-api: %v", err)
	}
	for _, c := range []string{"rules", "alarms", "policies"} {
		if eval(`String(document.querySelectorAll('#details details[data-category="`+c+`"] li').length > 0)`) != "true" {
			t.Errorf("card-api's details list no %s", c)
		}
	}

	// The service view, opened from the details.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#details a[data-view="service:card-api"]`)),
		chromedp.WaitReady(chromedp.CSS(`body[data-view="service:card-api"]`))); err != nil {
		t.Fatalf("opening card-api's view: %v", err)
	}
	shot("architecture-production-card-api.png")
	labels := eval(`Array.from(document.querySelectorAll('#canvas .thing title')).map(function(t){return t.textContent.split(' — ')[0];}).join('\n')`)
	shown := map[string]bool{}
	for _, l := range strings.Split(labels, "\n") {
		shown[l] = true
	}
	for _, want := range []string{"card-api", "RDS Proxy", "Redis", "table idempotency-keys", "secret reap-api-key"} {
		if !shown[want] {
			t.Errorf("card-api's view in the browser lacks %s", want)
		}
	}
	for _, unrelated := range []string{"supabase-studio", "crypto-listener", "liquidity-manager"} {
		if shown[unrelated] {
			t.Errorf("card-api's view shows the unrelated %s", unrelated)
		}
	}
	if s := eval(legibility); !legible(s) {
		t.Errorf("a label of card-api's view is under 11 px at the fitted zoom: %s", s)
	}
}

func legible(js string) bool {
	i := strings.Index(js, `"min":`)
	if i < 0 {
		return false
	}
	var px float64
	rest := js[i+6:]
	if j := strings.IndexAny(rest, ",}"); j > 0 {
		rest = rest[:j]
	}
	if _, err := fmtSscan(rest, &px); err != nil {
		return false
	}
	return px >= 11
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }

// BenchmarkArchitecturePage measures how long the production architecture
// page takes to become interactive in headless Chromium (navigation to the
// page's ready mark: every view parsed, the architecture drawn and fitted).
// Target: under 2 s on the 2-core CI machine.
//
//	go test -run '^$' -bench ArchitecturePage -benchtime 5x ./internal/graph
func BenchmarkArchitecturePage(b *testing.B) {
	pageURL, _ := archPage(b)
	ctx := browser(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(pageURL),
			chromedp.WaitReady(chromedp.CSS(`body[data-ready="1"]`))); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/interactive")
}
