package engine

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// devOverrideWarning is the warning exactly as OpenTofu prints it with -no-color.
const devOverrideWarning = `Warning: Provider development overrides are in effect

The following provider development overrides are set in the CLI
configuration:
 - hashicorp/aws in /work/main/bin/providers
 - cloudflare/cloudflare in /work/main/bin/providers

The behavior may therefore not match any released version of the provider and
applying changes may cause the state to become incompatible with published
releases.

`

const (
	validWithWarnings = "Success! The configuration is valid, but there were some validation warnings as shown above.\n"
	validClean        = "Success! The configuration is valid.\n"
	// validWrapped and validWrappedColour are the message as piped OpenTofu
	// word-wraps it (see testdata/tofu-1.10.6-validate-*.txt).
	validWrapped            = "Success! The configuration is valid, but there were some validation warnings\nas shown above.\n"
	validWrappedColour      = "\x1b[32m\x1b[1mSuccess!\x1b[0m The configuration is valid, but there were some\nvalidation warnings as shown above.\x1b[0m\n"
	validWrappedColourClean = "\x1b[32m\x1b[1mSuccess!\x1b[0m The configuration is valid.\x1b[0m\n"
)

// colouredOpen is the box opener as coloured OpenTofu prints it.
const colouredOpen = "\x1b[33m╷\x1b[0m\x1b[0m\n"

// boxed draws text the way coloured OpenTofu output draws a diagnostic:
// "╷", every line prefixed with "│ ", then "╵". With ansi, the rules carry
// the escape sequences OpenTofu puts around them.
func boxed(text string, ansi bool) string {
	open, rule, end := "╷\n", "│ ", "╵\n"
	if ansi {
		open, rule, end = "\x1b[33m╷\x1b[0m\x1b[0m\n", "\x1b[33m│\x1b[0m \x1b[0m", "\x1b[33m╵\x1b[0m\x1b[0m\n"
	}
	var b strings.Builder
	b.WriteString(open)
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		b.WriteString(rule + line)
	}
	b.WriteString(end)
	return b.String()
}

// colouredWarning is the warning with the escapes OpenTofu puts inside the box.
var colouredWarning = strings.Replace(devOverrideWarning,
	"Warning: Provider development overrides are in effect",
	"\x1b[1m\x1b[33mWarning: \x1b[0m\x1b[0m\x1b[1mProvider development overrides are in effect\x1b[0m", 1)

var otherWarning = "Warning: Argument is deprecated\n\n  with aws_s3_bucket.logs,\n  on main.tf line 4:\n   4:   acl = \"private\"\n\nUse the aws_s3_bucket_acl resource instead.\n"

// feed writes in through a DevOverrideFilter in chunks of the sizes split
// returns, then flushes, and returns what reached the underlying writer.
func feed(t *testing.T, in string, split func(rest int) int) string {
	t.Helper()
	var out bytes.Buffer
	f := NewDevOverrideFilter(&out)
	for rest := in; rest != ""; {
		n := min(split(len(rest)), len(rest))
		n = max(n, 1)
		written, err := f.Write([]byte(rest[:n]))
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		if written != n {
			t.Fatalf("Write(%d bytes) = %d, want %d", n, written, n)
		}
		rest = rest[n:]
	}
	if err := f.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	return out.String()
}

// splits are the chunkings every case is fed in.
func splits() map[string]func(int) int {
	r := rand.New(rand.NewSource(1))
	return map[string]func(int) int{
		"whole":        func(rest int) int { return rest },
		"byte-by-byte": func(int) int { return 1 },
		"2 bytes":      func(int) int { return 2 }, // splits the 3-byte box runes
		"5 bytes":      func(int) int { return 5 },
		"64 bytes":     func(int) int { return 64 },
		"random":       func(int) int { return 1 + r.Intn(40) },
	}
}

func TestDevOverrideFilter(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"untouched output", "line one\n\nline two\n", "line one\n\nline two\n"},
		{
			"plain warning",
			"Initializing...\n" + devOverrideWarning + "data.aws_region.current: Reading...\n",
			"Initializing...\ndata.aws_region.current: Reading...\n",
		},
		{
			"plain warning followed by a blank line of output",
			"before\n" + devOverrideWarning + "\nafter\n",
			"before\n\nafter\n",
		},
		{
			"plain warning at the end",
			"before\n" + devOverrideWarning,
			"before\n",
		},
		{
			"plain warning with CRLF line ends",
			"before\r\n" + strings.ReplaceAll(devOverrideWarning, "\n", "\r\n") + "after\r\n",
			"before\r\nafter\r\n",
		},
		{
			"boxed warning",
			"before\n" + boxed(devOverrideWarning, false) + "after\n",
			"before\nafter\n",
		},
		{
			"boxed warning with ANSI escapes",
			"\x1b[0m\x1b[1mbefore\x1b[0m\n" + boxed(colouredWarning, true) + "\x1b[0m\x1b[1mafter\x1b[0m\n",
			"\x1b[0m\x1b[1mbefore\x1b[0m\n\x1b[0m\x1b[1mafter\x1b[0m\n",
		},
		{
			"boxed warning, box lines without trailing spaces",
			"before\n" + strings.ReplaceAll(boxed(devOverrideWarning, false), "│ \n", "│\n") + "after\n",
			"before\nafter\n",
		},
		{
			"other plain warning is kept",
			"before\n\n" + otherWarning + "after\n",
			"before\n\n" + otherWarning + "after\n",
		},
		{
			"other boxed warning is kept",
			"before\n" + boxed(otherWarning, true) + "after\n",
			"before\n" + boxed(otherWarning, true) + "after\n",
		},
		{
			"boxed error is kept",
			boxed("Error: Unsupported argument\n\nAn argument named \"foo\" is not expected here.\n", true),
			boxed("Error: Unsupported argument\n\nAn argument named \"foo\" is not expected here.\n", true),
		},
		{
			"other box right after the warning box is kept",
			boxed(colouredWarning, true) + boxed(otherWarning, true) + "after\n",
			boxed(otherWarning, true) + "after\n",
		},
		{
			"other box right before the warning box is kept",
			boxed(otherWarning, true) + boxed(colouredWarning, true) + "after\n",
			boxed(otherWarning, true) + "after\n",
		},
		{
			"warning on both sides of output",
			devOverrideWarning + "middle\n" + devOverrideWarning + "end\n",
			"middle\nend\n",
		},
		{
			"validate success rewritten alone",
			validWithWarnings,
			validClean,
		},
		{
			"validate success rewritten after the plain warning",
			devOverrideWarning + validWithWarnings,
			validClean,
		},
		{
			"validate success rewritten after the boxed warning",
			boxed(colouredWarning, true) + validWithWarnings,
			validClean,
		},
		{
			"validate success without warnings untouched",
			validClean,
			validClean,
		},
		{
			"wrapped validate success rewritten after the plain warning",
			devOverrideWarning + validWrapped,
			validClean,
		},
		{
			"wrapped validate success rewritten after the boxed warning",
			boxed(colouredWarning, true) + validWrappedColour,
			validWrappedColourClean,
		},
		{
			"wrapped validate success with CRLF line ends",
			strings.ReplaceAll(devOverrideWarning+validWrapped, "\n", "\r\n"),
			"Success! The configuration is valid.\r\n",
		},
		{
			"wrapped validate success without a final newline",
			devOverrideWarning + strings.TrimSuffix(validWrapped, "\n"),
			strings.TrimSuffix(validClean, "\n"),
		},
		{
			"wrapped validate success kept after another plain warning",
			devOverrideWarning + otherWarning + "\n" + validWrapped,
			otherWarning + "\n" + validWrapped,
		},
		{
			"wrapped validate success kept after another boxed warning",
			boxed(otherWarning, true) + boxed(colouredWarning, true) + validWrappedColour,
			boxed(otherWarning, true) + validWrappedColour,
		},
		{
			"one-line validate success kept after another warning",
			otherWarning + "\n" + devOverrideWarning + validWithWarnings,
			otherWarning + "\n" + validWithWarnings,
		},
		{
			"success first line not followed by the rest is kept",
			"Success! The configuration is valid, but there were some\nother text\n",
			"Success! The configuration is valid, but there were some\nother text\n",
		},
		{
			"success first line at the end is kept",
			"Success! The configuration is valid, but there were some\n",
			"Success! The configuration is valid, but there were some\n",
		},
		{
			"held box opener at the end is flushed",
			"before\n╷\n",
			"before\n╷\n",
		},
		{
			"held box opener alone is flushed",
			colouredOpen,
			colouredOpen,
		},
		{
			"two box openers before the warning box",
			"before\n╷\n" + boxed(devOverrideWarning, false) + "after\n",
			"before\n╷\nafter\n",
		},
		{
			"two coloured box openers before the warning box",
			colouredOpen + boxed(colouredWarning, true) + "\x1b[0m\x1b[1mafter\x1b[0m\n",
			colouredOpen + "\x1b[0m\x1b[1mafter\x1b[0m\n",
		},
		{
			"two box openers before another box",
			"╷\n" + boxed(otherWarning, false) + "after\n",
			"╷\n" + boxed(otherWarning, false) + "after\n",
		},
		{
			"plain warning without its last paragraph ends at the next error",
			"Warning: Provider development overrides are in effect\n\nchanged text\n\nError: boom\n\nmore\n",
			"Error: boom\n\nmore\n",
		},
		{
			"plain warning without its last paragraph ends at the next warning",
			"Warning: Provider development overrides are in effect\n\nchanged text\n" + otherWarning + "after\n",
			otherWarning + "after\n",
		},
		{
			"plain warning without its last paragraph ends at the next box",
			"Warning: Provider development overrides are in effect\n\nchanged text\n" + boxed(otherWarning, true) + "after\n",
			boxed(otherWarning, true) + "after\n",
		},
		{
			"blank line after the boxed warning is kept",
			boxed(colouredWarning, true) + "\nafter\n",
			"\nafter\n",
		},
		{
			"blank line after the uncoloured boxed warning is kept",
			"before\n" + boxed(devOverrideWarning, false) + "\nafter\n",
			"before\n\nafter\n",
		},
		{
			"final partial line is flushed",
			"before\n" + devOverrideWarning + "no newline at the end",
			"before\nno newline at the end",
		},
		{
			"final partial line only",
			"partial",
			"partial",
		},
		{
			"box-drawing text inside a line is kept",
			"a │ b ╷ c ╵ d\n",
			"a │ b ╷ c ╵ d\n",
		},
	}
	for _, c := range cases {
		for sname, split := range splits() {
			t.Run(c.name+"/"+sname, func(t *testing.T) {
				if got := feed(t, c.in, split); got != c.want {
					t.Errorf("filtered output\n%q\nwant\n%q", got, c.want)
				}
			})
		}
	}
}

// TestDevOverrideFilterHoldsPartialLines checks that nothing of an incomplete
// line is passed on before its newline (the filter must see whole lines to
// recognise the warning) and that Flush passes it on.
func TestDevOverrideFilterHoldsPartialLines(t *testing.T) {
	var out bytes.Buffer
	f := NewDevOverrideFilter(&out)
	steps := []struct {
		write, want string
	}{
		{"first li", ""},
		{"ne\nsecond", "first line\n"},
		{" line\nWarning: Provider development", "first line\nsecond line\n"},
		{" overrides are in effect\n", "first line\nsecond line\n"},
		{devOverrideWarning[strings.Index(devOverrideWarning, "\n")+1:], "first line\nsecond line\n"},
		{"tail", "first line\nsecond line\n"},
	}
	for i, s := range steps {
		if _, err := f.Write([]byte(s.write)); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if out.String() != s.want {
			t.Fatalf("after step %d (%q): output %q, want %q", i, s.write, out.String(), s.want)
		}
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "first line\nsecond line\ntail"; out.String() != want {
		t.Errorf("after Flush: %q, want %q", out.String(), want)
	}
	// A second Flush has nothing left to write.
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "first line\nsecond line\ntail"; out.String() != want {
		t.Errorf("after second Flush: %q, want %q", out.String(), want)
	}
}

type failingWriter struct{}

var errSink = errors.New("sink closed")

func (failingWriter) Write([]byte) (int, error) { return 0, errSink }

func TestDevOverrideFilterWriteError(t *testing.T) {
	cases := []struct {
		name, in string
	}{
		{"plain line", "hello\n"},
		{"held box opener", "╷\n│ Error: x\n"},
		{"rewritten success", validWithWarnings},
		{"rewritten wrapped success", validWrapped},
		{"kept wrapped success", otherWarning + validWrapped},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := NewDevOverrideFilter(failingWriter{})
			if _, err := f.Write([]byte(c.in)); !errors.Is(err, errSink) {
				t.Errorf("Write error = %v, want %v", err, errSink)
			}
		})
	}
	t.Run("flush", func(t *testing.T) {
		f := NewDevOverrideFilter(failingWriter{})
		if _, err := f.Write([]byte("partial")); err != nil {
			t.Fatalf("Write of a partial line writes nothing yet, got %v", err)
		}
		if err := f.Flush(); !errors.Is(err, errSink) {
			t.Errorf("Flush error = %v, want %v", err, errSink)
		}
	})
	t.Run("flush of a held box opener", func(t *testing.T) {
		f := NewDevOverrideFilter(failingWriter{})
		if _, err := f.Write([]byte("╷\n")); err != nil {
			t.Fatalf("Write of a box opener writes nothing yet, got %v", err)
		}
		if err := f.Flush(); !errors.Is(err, errSink) {
			t.Errorf("Flush error = %v, want %v", err, errSink)
		}
	})
}

// TestDevOverrideFilterRealValidate checks the exact output for the captured
// `tofu validate` runs, whose success message OpenTofu word-wrapped.
func TestDevOverrideFilterRealValidate(t *testing.T) {
	cases := []struct{ file, want string }{
		{"tofu-1.10.6-validate-plain.txt", "\n" + validClean},
		{"tofu-1.10.6-validate-color.txt", validWrappedColourClean},
	}
	for _, c := range cases {
		raw, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		for sname, split := range splits() {
			t.Run(c.file+"/"+sname, func(t *testing.T) {
				if got := feed(t, string(raw), split); got != c.want {
					t.Errorf("filtered output\n%q\nwant\n%q", got, c.want)
				}
			})
		}
	}
}

// TestDevOverrideFilterRealOutput feeds what OpenTofu 1.10.6 really printed
// (see testdata/README.md). The expected output is the capture with the
// warning's own lines cut out. OpenTofu separates a diagnostic from what
// follows with a blank line on one side or the other, so at the cut (and only
// there) one blank line may go too.
func TestDevOverrideFilterRealOutput(t *testing.T) {
	cases := []struct {
		file       string
		first, end string // the warning's first and last lines start with these (ANSI stripped)
	}{
		{"tofu-1.10.6-plan-plain.txt", "Warning: Provider development overrides", "releases."},
		{"tofu-1.10.6-plan-color.txt", "╷", "╵"},
		{"tofu-1.10.6-plan-create-plain.txt", "Warning: Provider development overrides", "releases."},
		{"tofu-1.10.6-plan-create-color.txt", "╷", "╵"},
		{"tofu-1.10.6-validate-plain.txt", "Warning: Provider development overrides", "releases."},
		{"tofu-1.10.6-validate-color.txt", "╷", "╵"},
	}
	for _, c := range cases {
		raw, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		in := string(raw)
		if strings.Count(in, "Provider development overrides are in effect") != 1 {
			t.Fatalf("%s does not hold the warning once", c.file)
		}
		var before, after strings.Builder
		state := 0 // 0 before, 1 inside, 2 after the warning
		for _, line := range strings.SplitAfter(in, "\n") {
			plain := stripANSI(line)
			switch {
			case state == 0 && strings.HasPrefix(plain, c.first):
				state = 1
			case state == 0:
				before.WriteString(line)
			case state == 1:
				if strings.HasPrefix(plain, c.end) {
					state = 2
				}
			default:
				after.WriteString(line)
			}
		}
		if state != 2 {
			t.Fatalf("%s: could not find the warning's end %q", c.file, c.end)
		}
		b, a := before.String(), after.String()
		candidates := []string{b + a}
		if strings.HasSuffix(b, "\n\n") || b == "\n" {
			candidates = append(candidates, b[:len(b)-1]+a)
		}
		if strings.HasPrefix(a, "\n") {
			candidates = append(candidates, b+a[1:])
		}
		// validate ends with the word-wrapped success message: compare up
		// to it exactly, then require that it still says "valid".
		marker := ""
		if strings.Contains(in, "Success!") {
			marker = "Success!"
			if strings.Contains(c.file, "color") {
				marker = "\x1b[32m\x1b[1mSuccess!"
			}
		}
		for sname, split := range splits() {
			t.Run(c.file+"/"+sname, func(t *testing.T) {
				got := feed(t, in, split)
				for _, bad := range []string{"Provider development overrides", "hashicorp/aws in", "published", "╷", "│", "╵"} {
					if strings.Contains(got, bad) {
						t.Errorf("output still contains %q:\n%s", bad, got)
					}
				}
				cut := func(s string) string { return s }
				if marker != "" {
					tail := stripANSI(got[max(strings.Index(got, marker), 0):])
					if !strings.HasPrefix(tail, "Success! The configuration is valid") {
						t.Errorf("success message lost: %q", got)
					}
					cut = func(s string) string {
						if i := strings.Index(s, marker); i >= 0 {
							return s[:i]
						}
						return s
					}
				}
				for _, want := range candidates {
					if cut(got) == cut(want) {
						return
					}
				}
				t.Errorf("filtered output\n%q\nwant\n%q", cut(got), cut(candidates[0]))
			})
		}
	}
}

func TestStripANSI(t *testing.T) {
	cases := map[string]string{
		"":                                "",
		"plain":                           "plain",
		"\x1b[33m╷\x1b[0m\x1b[0m\n":       "╷\n",
		"\x1b[1m\x1b[33mWarning: \x1b[0m": "Warning: ",
		"a\x1b[90mb\x1b[0mc":              "abc",
		"\x1b[38;5;196mred\x1b[0m":        "red",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := stripANSI(in); got != want {
				t.Errorf("stripANSI(%q) = %q, want %q", in, got, want)
			}
		})
	}
}
