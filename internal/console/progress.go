package console

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"
)

// progressLine matches the per-resource lines OpenTofu and Terraform stream
// while they work ("module.x.aws_y.z: Reading...", "...: Creation complete
// after 2s [id=...]"). On a terminal they are folded into one status line.
var progressLine = regexp.MustCompile(`^\S+: (Refreshing state\.\.\.|Reading\.\.\.|Read complete after|Still reading\.\.\.|Creating\.\.\.|Still creating\.\.\.|Creation complete after|Modifying\.\.\.|Still modifying\.\.\.|Modifications complete after|Destroying\.\.\.|Still destroying\.\.\.|Destruction complete after)`)

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// Progress is an io.Writer for the engine's streamed output on a terminal:
// per-resource lines become a counter on a single redrawn status line (with
// elapsed time and the latest resource); every other line (plan diffs,
// warnings, errors) passes through unchanged above it.
type Progress struct {
	mu       sync.Mutex
	out      io.Writer
	label    string
	style    Style
	now      func() time.Time
	start    time.Time
	buf      bytes.Buffer
	counts   map[string]int // by verb: read, refresh, create, update, destroy
	latest   string
	frame    int
	active   bool          // a status line may be drawn (since the last write)
	drawn    bool          // a status line is on screen
	interval time.Duration // between redraws of the spinner and clock
	stop     chan struct{} // ends the redraw loop; nil while paused
	body     io.Writer     // where the other lines go instead of the screen (SetBody)
}

// SetBody sends every line that is not per-resource progress (the plan's
// full diff, tens of thousands of lines for an environment) to w instead of
// the screen, so that a terminal keeps the summary and the banner in view.
// The engine's stderr (errors, warnings) still reaches the screen.
func (p *Progress) SetBody(w io.Writer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.body = w
}

// NewProgress returns a progress display on out labelled, for example,
// "plan production". It animates while the engine writes; call Pause before
// printing anything else to out.
func NewProgress(out io.Writer, label string, style Style) *Progress {
	return &Progress{out: out, label: label, style: style, now: time.Now, counts: map[string]int{}, interval: 150 * time.Millisecond}
}

// animate redraws the status line every interval until Pause; the loop
// holds no lock while waiting, so a paused display leaves no goroutine.
func (p *Progress) animate() {
	if p.stop != nil || p.interval <= 0 {
		return
	}
	stop := make(chan struct{})
	p.stop = stop
	go func() {
		t := time.NewTicker(p.interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
}

func (p *Progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.frame++
	if p.active {
		p.draw()
	}
}

// Write takes the engine's output.
func (p *Progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.start.IsZero() {
		p.start = p.now()
	}
	p.active = true
	p.animate()
	p.buf.Write(b)
	for {
		line, err := p.buf.ReadString('\n')
		if err != nil {
			p.buf.Reset()
			p.buf.WriteString(line) // incomplete: wait for the rest
			break
		}
		if err := p.line(strings.TrimRight(line, "\r\n")); err != nil {
			return len(b), err
		}
	}
	// The status line is redrawn on the ticker, not per write: the engine
	// writes thousands of plan lines, and a redraw each would flood the screen.
	return len(b), nil
}

func (p *Progress) line(l string) error {
	if m := progressLine.FindStringSubmatch(l); m != nil {
		if v := verb(m[1]); v != "" {
			p.counts[v]++
		}
		p.latest = strings.TrimSuffix(strings.SplitN(l, ": ", 2)[0], ":")
		return nil
	}
	if p.body != nil {
		_, err := fmt.Fprintln(p.body, l)
		return err
	}
	p.clear()
	_, err := fmt.Fprintln(p.out, l)
	return err
}

// verb counts a resource once, when its step completes (or, for refresh,
// when it starts: OpenTofu prints no completion line for it).
func verb(step string) string {
	switch {
	case step == "Refreshing state...":
		return "refreshed"
	case strings.HasPrefix(step, "Read complete"):
		return "read"
	case strings.HasPrefix(step, "Creation complete"):
		return "created"
	case strings.HasPrefix(step, "Modifications complete"):
		return "updated"
	case strings.HasPrefix(step, "Destruction complete"):
		return "destroyed"
	}
	return ""
}

// Status is the text of the status line (without spinner or escapes).
func (p *Progress) Status() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.status()
}

func (p *Progress) status() string {
	elapsed := p.now().Sub(p.start).Truncate(time.Second)
	parts := []string{fmt.Sprintf("%s %s", p.label, elapsed)}
	for _, v := range []string{"refreshed", "read", "created", "updated", "destroyed"} {
		if n := p.counts[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	if p.latest != "" {
		parts = append(parts, p.latest)
	}
	s := strings.Join(parts, " · ")
	if r := []rune(s); len(r) > 100 { // keep it on one line of a normal terminal
		s = string(r[:99]) + "…"
	}
	return s
}

func (p *Progress) draw() {
	fmt.Fprintf(p.out, "\r\x1b[K%s %s", spinner[p.frame%len(spinner)], p.style.Dim(p.status()))
	p.drawn = true
}

func (p *Progress) clear() {
	if p.drawn {
		fmt.Fprint(p.out, "\r\x1b[K")
		p.drawn = false
	}
}

// Pause clears the status line, prints any unfinished line and ends the
// redraws, so the caller can write to the terminal; the next engine output
// resumes the display.
func (p *Progress) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.active = false
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
	p.clear()
	if p.buf.Len() > 0 {
		if p.body != nil {
			fmt.Fprintln(p.body, p.buf.String())
		} else {
			fmt.Fprintln(p.out, p.buf.String())
		}
		p.buf.Reset()
	}
}

// Above returns a writer for another stream on the same screen (the
// engine's stderr): what it writes appears above the status line.
func (p *Progress) Above(w io.Writer) io.Writer { return above{p, w} }

type above struct {
	p *Progress
	w io.Writer
}

func (a above) Write(b []byte) (int, error) {
	a.p.mu.Lock()
	defer a.p.mu.Unlock()
	a.p.clear()
	return a.w.Write(b)
}
