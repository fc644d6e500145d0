package engine

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// successWithWarnings starts the line `tofu validate` ends with when it
// printed warnings; piped, OpenTofu word-wraps it onto a second line.
const successWithWarnings = "Success! The configuration is valid, but there were some"

// DevOverrideFilter drops the warning OpenTofu prints on every command while
// the offline provider is installed through dev_overrides; the tooling says
// OFFLINE itself, once, instead.
type DevOverrideFilter struct {
	mu       sync.Mutex
	w        io.Writer
	buf      bytes.Buffer
	skipping bool
	pending  string // a box-opening line held until we know what it opens
	success  string // the first line of a wrapped validate success message
	eatBlank bool   // drop the blank line that followed the plain warning
	boxed    bool   // the warning is drawn in a box (coloured output)
	warned   bool   // some other warning was passed through
}

// NewDevOverrideFilter wraps w.
func NewDevOverrideFilter(w io.Writer) *DevOverrideFilter { return &DevOverrideFilter{w: w} }

func (f *DevOverrideFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.buf.Write(p)
	for {
		line, err := f.buf.ReadString('\n')
		if err != nil {
			f.buf.Reset()
			f.buf.WriteString(line) // incomplete line: wait for the rest
			return len(p), nil
		}
		if err := f.line(line); err != nil {
			return len(p), err
		}
	}
}

func (f *DevOverrideFilter) line(line string) error {
	if f.success != "" {
		first := f.success
		f.success = ""
		return f.finishSuccess(first, line)
	}
	raw := stripANSI(line)
	plain := strings.TrimSpace(strings.Trim(raw, "│╷╵ \t\r\n"))
	// Safety net: if the end of a plain warning was missed, the next
	// diagnostic still ends the skipping rather than swallowing everything.
	if f.skipping && !f.boxed && startsDiagnostic(raw) {
		f.skipping = false
	}
	if !f.skipping && strings.TrimSpace(raw) == "╷" {
		// Only the latest opener can open the warning's box.
		err := f.write(f.pending)
		f.pending = line
		return err
	}
	pending := f.pending
	f.pending = ""
	if strings.Contains(plain, "Provider development overrides are in effect") {
		f.skipping, f.boxed, f.eatBlank = true, pending != "", false
		return nil
	}
	if err := f.write(pending); err != nil {
		return err
	}
	if f.skipping {
		// The plain warning's last paragraph ends "...published releases.";
		// a coloured box closes with ╵.
		switch {
		case f.boxed && strings.HasPrefix(raw, "╵"):
			f.skipping = false
		case !f.boxed && strings.HasSuffix(plain, "releases."):
			// A blank line separates the plain warning from what follows;
			// after a box it belongs to the following output.
			f.skipping, f.eatBlank = false, true
		}
		return nil
	}
	if f.eatBlank {
		f.eatBlank = false
		if plain == "" {
			return nil
		}
	}
	if strings.HasPrefix(raw, successWithWarnings) {
		if !strings.Contains(raw, "as shown above.") {
			f.success = line // wrapped: wait for its second line
			return nil
		}
		return f.finishSuccess(line, "")
	}
	if isWarning(raw) {
		f.warned = true
	}
	return f.write(line)
}

// finishSuccess writes validate's success message, first (and next, its
// wrapped second line, if any), dropping "but there were some validation
// warnings" when the only warning was the one filtered out.
func (f *DevOverrideFilter) finishSuccess(first, next string) error {
	last := first
	if next != "" {
		last = next
		joined := strings.TrimSpace(stripANSI(first)) + " " + strings.TrimSpace(stripANSI(next))
		if !strings.HasSuffix(joined, "as shown above.") {
			// Not the message after all: pass both on as they are.
			if err := f.write(first); err != nil {
				return err
			}
			return f.line(next)
		}
	}
	if f.warned {
		return f.write(first + next)
	}
	// Keep the colour codes before the cut, reset any opened after it, and
	// keep the original line end.
	cut := first[:strings.Index(first, ", but there were some")]
	reset := ""
	if strings.Contains(first+next, "\x1b[") {
		reset = "\x1b[0m"
	}
	eol := last[len(strings.TrimRight(last, "\r\n")):]
	return f.write(cut + "." + reset + eol)
}

func (f *DevOverrideFilter) write(s string) error {
	if s == "" {
		return nil
	}
	_, err := io.WriteString(f.w, s)
	return err
}

// Flush writes any incomplete last line and whatever is still held.
func (f *DevOverrideFilter) Flush() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.buf.Len() > 0 {
		s := f.buf.String()
		f.buf.Reset()
		if err := f.line(s); err != nil {
			return err
		}
	}
	held := f.pending + f.success
	f.pending, f.success = "", ""
	return f.write(held)
}

// startsDiagnostic reports whether a line (ANSI stripped) opens a new
// diagnostic.
func startsDiagnostic(raw string) bool {
	for _, p := range []string{"╷", "Warning:", "Error:"} {
		if strings.HasPrefix(raw, p) {
			return true
		}
	}
	return false
}

// isWarning reports whether a line (ANSI stripped) is a warning's title,
// plain or inside a box.
func isWarning(raw string) bool {
	return strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(raw, "│"), " "), "Warning:")
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
