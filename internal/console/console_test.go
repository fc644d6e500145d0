package console

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestColourOnlyWhereAllowed(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"TERM": "xterm-256color"}, true},
		{map[string]string{"TERM": "xterm", "NO_COLOR": "1"}, false},
		{map[string]string{"TERM": "xterm", "NO_COLOR": "0"}, false}, // any non-empty value disables
		{map[string]string{"TERM": "dumb"}, false},
	} {
		if got := colourAllowed(env(c.env)); got != c.want {
			t.Errorf("colourAllowed(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

func TestNoColourOffATerminal(t *testing.T) {
	var b bytes.Buffer
	if For(&b).On() {
		t.Fatal("a buffer is not a terminal: no colour")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) || For(f).On() {
		t.Fatal("a regular file is not a terminal: no colour")
	}
	if got := For(&b).Danger("DESTROY"); got != "DESTROY" {
		t.Fatalf("plain style changed the text: %q", got)
	}
	if got := (Style{on: true}).Danger("DESTROY"); got != "\x1b[1;31mDESTROY\x1b[0m" {
		t.Fatalf("coloured Danger = %q", got)
	}
}

// fakeClock advances only when told to.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newTestProgress(out *bytes.Buffer) (*Progress, *fakeClock) {
	clk := &fakeClock{t: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
	p := NewProgress(out, "plan production", Plain)
	p.now = clk.now
	p.interval = 0 // redraws are driven by tick() in tests
	return p, clk
}

func TestProgressFoldsResourceLinesIntoOneStatusLine(t *testing.T) {
	var out bytes.Buffer
	p, clk := newTestProgress(&out)
	write := func(s string) {
		t.Helper()
		if _, err := p.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	write("data.aws_region.current: Reading...\n")
	write("data.aws_region.current: Read complete after 0s [id=ap-southeast-1]\nmodule.kms.aws_kms_key.this[\"data\"]: Refreshing state... [id=k-1]\n")
	clk.t = clk.t.Add(42 * time.Second)
	if got, want := p.Status(), "plan production 42s · 1 refreshed · 1 read · module.kms.aws_kms_key.this[\"data\"]"; got != want {
		t.Fatalf("status = %q, want %q", got, want)
	}
	if strings.Contains(out.String(), "Read complete") || strings.Contains(out.String(), "\n") {
		t.Fatalf("resource lines must not be printed, got %q", out.String())
	}
	p.tick() // the ticker draws the status line
	if !strings.HasSuffix(out.String(), "\r\x1b[K⠙ plan production 42s · 1 refreshed · 1 read · module.kms.aws_kms_key.this[\"data\"]") {
		t.Fatalf("status line not drawn: %q", out.String())
	}
	// Anything else passes through, above the status line.
	write("Warning: something to read\n")
	if !strings.Contains(out.String(), "\r\x1b[KWarning: something to read\n") {
		t.Fatalf("other lines must clear the status line and pass through: %q", out.String())
	}
	// Half a line waits for its end.
	write("Plan: 3 to add")
	if strings.Contains(out.String(), "Plan: 3 to add") {
		t.Fatal("an incomplete line was printed early")
	}
	write(", 0 to change, 0 to destroy.\n")
	if !strings.Contains(out.String(), "Plan: 3 to add, 0 to change, 0 to destroy.\n") {
		t.Fatalf("the completed line is missing: %q", out.String())
	}
	p.tick()
	p.Pause()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Fatalf("Pause must leave the cursor on a cleared line: %q", out.String())
	}
}

func TestProgressCountsApplySteps(t *testing.T) {
	var out bytes.Buffer
	p, _ := newTestProgress(&out)
	for _, l := range []string{
		"aws_sqs_queue.dlq: Creating...",
		"aws_sqs_queue.dlq: Still creating... [10s elapsed]",
		"aws_sqs_queue.dlq: Creation complete after 12s [id=q]",
		"aws_ecs_service.this: Modifying... [id=s]",
		"aws_ecs_service.this: Modifications complete after 3s [id=s]",
		"aws_instance.old: Destroying... [id=i]",
		"aws_instance.old: Destruction complete after 30s",
	} {
		if _, err := p.Write([]byte(l + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"1 created", "1 updated", "1 destroyed", "aws_instance.old"} {
		if !strings.Contains(p.Status(), want) {
			t.Errorf("status %q lacks %q", p.Status(), want)
		}
	}
}

func TestProgressPauseFlushesAndStopsDrawing(t *testing.T) {
	var out bytes.Buffer
	p, _ := newTestProgress(&out)
	if _, err := p.Write([]byte("aws_vpc.this: Reading...\nno newline yet")); err != nil {
		t.Fatal(err)
	}
	p.tick()
	p.Pause()
	if !strings.HasSuffix(out.String(), "\r\x1b[Kno newline yet\n") {
		t.Fatalf("Pause must clear the status and print the unfinished line: %q", out.String())
	}
	n := out.Len()
	p.tick() // a redraw while paused draws nothing
	if out.Len() != n {
		t.Fatalf("paused progress drew: %q", out.String()[n:])
	}
	p.Pause() // idempotent
}

func TestProgressAnimatesUntilPaused(t *testing.T) {
	var out bytes.Buffer
	p := NewProgress(&out, "plan develop", Plain)
	p.interval = time.Millisecond
	if _, err := p.Write([]byte("aws_vpc.this: Reading...\n")); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	running := p.stop != nil
	p.mu.Unlock()
	if !running {
		t.Fatal("engine output must start the redraw loop")
	}
	p.Pause()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		t.Fatal("Pause must end the redraw loop")
	}
}

func TestAboveClearsTheStatusLine(t *testing.T) {
	var out, errw bytes.Buffer
	p, _ := newTestProgress(&out)
	if _, err := p.Write([]byte("aws_vpc.this: Reading...\n")); err != nil {
		t.Fatal(err)
	}
	p.tick()
	if _, err := p.Above(&errw).Write([]byte("Error: boom\n")); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\r\x1b[K") || errw.String() != "Error: boom\n" {
		t.Fatalf("stderr must be written after the status line is cleared: out %q err %q", out.String(), errw.String())
	}
}

// TestProgressBodyKeepsTheScreenShort: with a body writer, the plan's diff
// goes there and the screen keeps only the status line.
func TestProgressBodyKeepsTheScreenShort(t *testing.T) {
	var screen, body bytes.Buffer
	p, _ := newTestProgress(&screen)
	p.SetBody(&body)
	if _, err := p.Write([]byte("module.a.aws_kms_key.k: Creating...\n  # module.a.aws_kms_key.k will be created\n  + resource \"aws_kms_key\" \"k\" {\nPlan: 1 to add")); err != nil {
		t.Fatal(err)
	}
	p.Pause()
	if strings.Contains(screen.String(), "will be created") || strings.Contains(screen.String(), "Plan: 1 to add") {
		t.Errorf("the diff reached the screen: %q", screen.String())
	}
	for _, want := range []string{"# module.a.aws_kms_key.k will be created", "+ resource \"aws_kms_key\" \"k\" {", "Plan: 1 to add"} {
		if !strings.Contains(body.String(), want) {
			t.Errorf("body lacks %q: %q", want, body.String())
		}
	}
	if strings.Contains(body.String(), "Creating...") {
		t.Errorf("progress lines belong to the status line, not the body: %q", body.String())
	}
}
