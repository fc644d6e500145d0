package remotestate

import (
	"regexp"
	"strings"
	"time"
)

var lockField = regexp.MustCompile(`(?m)^\s*(ID|Path|Operation|Who|Version|Created):\s*(.*?)\s*$`)

// ParseLockError finds the lock an engine reported it could not take
// ("Error acquiring the state lock" … "Lock Info:"), in its error text.
func ParseLockError(msg string) (Lock, bool) {
	i := strings.Index(msg, "Error acquiring the state lock")
	if i < 0 {
		return Lock{}, false
	}
	j := strings.Index(msg[i:], "Lock Info:")
	if j < 0 {
		return Lock{}, false
	}
	var l Lock
	for _, m := range lockField.FindAllStringSubmatch(msg[i+j:], -1) {
		switch m[1] {
		case "ID":
			if l.ID == "" {
				l.ID = m[2]
			}
		case "Path":
			l.Path = m[2]
		case "Operation":
			l.Operation = m[2]
		case "Who":
			l.Who = m[2]
		case "Version":
			l.Version = m[2]
		case "Created":
			// The engines print Go's default time format.
			if t, err := time.Parse("2006-01-02 15:04:05.999999999 -0700 MST", m[2]); err == nil {
				l.Created = t
			}
		}
	}
	return l, l.ID != ""
}
