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
		f.skipping = true
		return nil
	}
	if pending != "" {
		if _, err := io.WriteString(f.w, pending); err != nil {
			return err
		}
	}
	switch {
	case f.skipping:
		if strings.Contains(plain, "published releases.") || strings.HasPrefix(line, "╵") {
			f.skipping = false
		}
		return nil
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
