// Package console decides how output looks on the user's screen: colour only
// on a terminal and never with NO_COLOR (https://no-color.org), and a
// one-line progress display for long engine runs on a terminal.
package console

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal (an *os.File on a tty).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Style adds ANSI colour when it is on and is the identity when it is off.
type Style struct{ on bool }

// Plain never colours: for files, pipes, CI logs and JSON.
var Plain = Style{}

// For colours w's output only when w is a terminal, NO_COLOR is unset or
// empty and TERM is not "dumb".
func For(w io.Writer) Style {
	return Style{on: IsTerminal(w) && colourAllowed(os.Getenv)}
}

func colourAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// On reports whether the style colours.
func (s Style) On() bool { return s.on }

func (s Style) wrap(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Danger is for destruction and data loss (bold red).
func (s Style) Danger(text string) string { return s.wrap("1;31", text) }

// Warn is for what the user must notice, such as OFFLINE (bold yellow).
func (s Style) Warn(text string) string { return s.wrap("1;33", text) }

// Good is for success (green).
func (s Style) Good(text string) string { return s.wrap("32", text) }

// Bold is for headings and totals.
func (s Style) Bold(text string) string { return s.wrap("1", text) }

// Dim is for secondary detail such as the progress line.
func (s Style) Dim(text string) string { return s.wrap("2", text) }
