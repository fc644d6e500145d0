package engine

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// DevOverrideFilter drops the warning OpenTofu prints on every command while
// the offline provider is installed through dev_overrides; the tooling says
// OFFLINE itself, once, instead.
type DevOverrideFilter struct {
	mu       sync.Mutex
	w        io.Writer
	buf      bytes.Buffer
	skipping bool
	pending  string // a box-opening line held until we know what it opens
	eatBlank bool   // drop the blank line that followed the warning
	boxed    bool   // the warning is drawn in a box (coloured output)
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
	plain := strings.TrimSpace(strings.Trim(stripANSI(line), "│╷╵ \t\r\n"))
	if !f.skipping && strings.TrimSpace(stripANSI(line)) == "╷" && f.pending == "" {
		f.pending = line
		return nil
	}
	pending := f.pending
	f.pending = ""
	if strings.Contains(plain, "Provider development overrides are in effect") {
		f.skipping, f.boxed = true, pending != ""
		return nil
	}
	if pending != "" {
		if _, err := io.WriteString(f.w, pending); err != nil {
			return err
		}
	}
	switch {
	case f.skipping:
		// The warning's last paragraph ends "...published releases."; in a
		// coloured box the box closes with ╵.
		if f.boxed && strings.HasPrefix(stripANSI(line), "╵") || !f.boxed && strings.HasSuffix(plain, "releases.") {
			f.skipping = false
			f.eatBlank = true
		}
		return nil
	case f.eatBlank && plain == "":
		f.eatBlank = false
		return nil
	case f.eatBlank:
		f.eatBlank = false
		if strings.Contains(plain, "but there were some validation warnings as shown above") {
			_, err := io.WriteString(f.w, "Success! The configuration is valid.\n")
			return err
		}
	case strings.Contains(plain, "but there were some validation warnings as shown above"):
		_, err := io.WriteString(f.w, "Success! The configuration is valid.\n")
		return err
	}
	_, err := io.WriteString(f.w, line)
	return err
}

// Flush writes any incomplete last line.
func (f *DevOverrideFilter) Flush() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.buf.Len() == 0 {
		return nil
	}
	s := f.buf.String()
	f.buf.Reset()
	return f.line(s)
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
