package graph

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium, which scripts/install-chromium.sh installs.
const chromiumPath = "/usr/bin/chromium"

// artifact is the screenshot the browser test keeps.
const artifact = ".lookcard/artifacts/graph-production.png"

// needTool skips, or fails under LOOKCARD_REQUIRE_TOOLS=1 (make test, CI).
func needTool(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("LOOKCARD_REQUIRE_TOOLS") == "1" {
		t.Fatal(reason)
	}
	t.Skip(reason)
}

// TestBrowser loads the page generated for the production plan in headless
// Chromium over the DevTools protocol and uses it as a person would: the node
// count shows, search highlights, a click shows a resource's (masked)
// attributes, a service highlights its dependencies, and nothing is logged
// to the console nor fetched from the network. The screenshot is kept in
// .lookcard/artifacts/graph-production.png.
func TestBrowser(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	planPath := filepath.Join(root, ".lookcard", "plans", "production.offline.json")
	raw, err := os.ReadFile(planPath)
	if err != nil {
		needTool(t, "no production plan at "+planPath+": run `lookcard plan --env production --offline` first")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		needTool(t, chromiumPath+" is missing: run scripts/install-chromium.sh (installs Debian's chromium)")
	}
	productionModel(t) // the production graph, built once for the package's tests
	g := production.g
	managed := countManaged(t, raw)
	if len(g.Nodes) != managed {
		t.Fatalf("graph has %d nodes, the plan %d managed resources", len(g.Nodes), managed)
	}
	page := filepath.Join(t.TempDir(), "graph-production.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.HTML(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 1000),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				report("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			report("uncaught exception at %d:%d: %s", d.LineNumber, d.ColumnNumber, msg)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				report("browser log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") {
				report("network request at view time: %s", u)
			}
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	evalInt := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return n
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("reading %s[%s]: %v", sel, name, err)
		}
		return v.Value
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading the text of %s: %v", sel, err)
		}
		return v
	}
	poll := func(what, expr string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("waiting until %s: %v", what, err)
		}
	}

	pageURL := (&url.URL{Scheme: "file", Path: page}).String()
	step("loading the page", chromedp.Navigate(pageURL), chromedp.WaitReady(chromedp.CSS(`body[data-ready="1"]`)))

	// The expected node count is visible, every module starts closed.
	if got := attr("#stats", "data-node-count"); got != strconv.Itoa(managed) {
		t.Errorf("data-node-count = %s, want %d managed resources", got, managed)
	}
	if s := text("#stats"); !strings.Contains(s, thousands(managed)+" resources") {
		t.Errorf("the header says %q, want it to show %s resources", s, thousands(managed))
	}
	if got := evalInt(`document.querySelectorAll('#items .group').length`); got != len(g.Groups) {
		t.Errorf("%d closed modules drawn, want %d", got, len(g.Groups))
	}

	// Search: "card-api" highlights the modules holding matches, and counts them.
	wantMatches, matchGroups := 0, map[string]bool{}
	for _, n := range g.Nodes {
		if strings.Contains(strings.ToLower(n.Address), "card-api") {
			wantMatches++
			matchGroups[n.Module] = true
		}
	}
	step("typing in the search box", chromedp.SendKeys(chromedp.CSS("#search"), "card-api"))
	poll("the search count shows", `document.getElementById('search-count').dataset.count !== '0'`)
	if got := attr("#search-count", "data-count"); got != strconv.Itoa(wantMatches) {
		t.Errorf("search count %s, want %d", got, wantMatches)
	}
	if s := text("#search-count"); !strings.Contains(s, strconv.Itoa(wantMatches)+" resources match") {
		t.Errorf("search count text %q", s)
	}
	if got := evalInt(`document.querySelectorAll('#items .group.match').length`); got != len(matchGroups) {
		t.Errorf("%d modules highlighted for the search, want %d", got, len(matchGroups))
	}

	// Clicking a module opens it; clicking a resource shows its planned
	// attributes, with sensitive values masked.
	target := "module.aurora.aws_rds_cluster.this"
	var node *Node
	for _, n := range g.Nodes {
		if n.Address == target {
			node = n
		}
	}
	if node == nil {
		t.Fatalf("no %s in the production plan", target)
	}
	gi := groupIndex(g, node.Module)
	step("opening "+node.Module, chromedp.Click(chromedp.CSS(fmt.Sprintf("#g-%d > rect.body", gi))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#n-%d", node.ID))))
	step("clicking "+target, chromedp.Click(chromedp.CSS(fmt.Sprintf("#n-%d > rect.body", node.ID))),
		chromedp.WaitVisible(chromedp.CSS("#attributes")))
	if got := attr("#details", "data-address"); got != target {
		t.Errorf("details show %q, want %q", got, target)
	}
	attrs := text("#attributes")
	for _, want := range []string{`"master_password": "(sensitive)"`, `"engine": "aurora-postgresql"`, `"arn": "(known after apply)"`} {
		if !strings.Contains(attrs, want) {
			t.Errorf("the attributes of %s lack %s:\n%.600s", target, want, attrs)
		}
	}

	// Expand all: every resource is drawn.
	step("expanding every module", chromedp.Click(chromedp.CSS("#expand-all")))
	if got := evalInt(`document.querySelectorAll('#items .node').length`); got != managed {
		t.Errorf("%d resources drawn with every module open, want %d", got, managed)
	}
	step("collapsing every module", chromedp.Click(chromedp.CSS("#collapse-all")))

	// Selecting a service highlights what it depends on and what depends on it.
	seeds, up, down := g.Related("card-api")
	step("selecting the service card-api", chromedp.SetValue(chromedp.CSS("#service"), "card-api"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('service').dispatchEvent(new Event('change'))`))
	poll("the service is highlighted", `document.getElementById('related').dataset.seeds !== '0'`)
	for _, c := range []struct {
		name string
		want int
	}{{"data-seeds", len(seeds)}, {"data-upstream", len(up)}, {"data-downstream", len(down)}} {
		if got := attr("#related", c.name); got != strconv.Itoa(c.want) {
			t.Errorf("#related %s = %s, want %d", c.name, got, c.want)
		}
	}
	if got := evalInt(`document.querySelectorAll('#items .hl-seed').length`); got == 0 {
		t.Error("no element of the service is highlighted")
	}
	if got := evalInt(`document.querySelectorAll('#items .hl-up, #items .hl-down').length`); got == 0 {
		t.Error("nothing the service depends on (or that depends on it) is highlighted")
	}
	if got := evalInt(`document.querySelectorAll('#edges .edge.hl').length`); got == 0 {
		t.Error("no reference of the service is highlighted")
	}

	// Show the search and the details in the kept screenshot.
	step("selecting a resource of the service", chromedp.Evaluate[chromedp.Void](
		fmt.Sprintf(`document.querySelector('#n-%d > rect.body').dispatchEvent(new MouseEvent('click', {bubbles: true}))`, serviceNode(t, g, "card-api"))))
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(root, artifact)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}

func countManaged(t *testing.T, raw []byte) int {
	t.Helper()
	p, err := parsePlan(raw)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rc := range p.ResourceChanges {
		if rc.Mode == "managed" {
			n++
		}
	}
	return n
}

func groupIndex(g *Graph, module string) int {
	for i, gr := range g.Groups {
		if gr.Module == module {
			return i
		}
	}
	return -1
}

// serviceNode is the aws_ecs_service of a service.
func serviceNode(t *testing.T, g *Graph, service string) int {
	t.Helper()
	for _, n := range g.Nodes {
		if n.Service == service && n.Type == "aws_ecs_service" {
			return n.ID
		}
	}
	t.Fatalf("no aws_ecs_service for %s", service)
	return -1
}

// thousands formats like the page (en-US): 1,234.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
