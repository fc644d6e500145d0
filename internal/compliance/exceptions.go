package compliance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// ExceptionsFile is the exceptions file's name in the policies directory.
const ExceptionsFile = "exceptions.yaml"

// Exception is an accepted deviation: it suppresses the findings of one rule
// on the resources matching a glob until it expires.
type Exception struct {
	ID            string `yaml:"id" json:"id"`
	Rule          string `yaml:"rule" json:"rule"`
	Resource      string `yaml:"resource" json:"resource"`
	Justification string `yaml:"justification" json:"justification"`
	Owner         string `yaml:"owner" json:"owner"`
	Expires       string `yaml:"expires" json:"expires"`

	expires time.Time
	pattern *regexp.Regexp
}

// Expired reports whether the exception no longer holds at now: it holds
// through its expiry date (UTC).
func (e Exception) Expired(now time.Time) bool {
	return !now.Before(e.expires.AddDate(0, 0, 1))
}

// Matches reports whether the exception covers a finding.
func (e Exception) Matches(ruleID, address string) bool {
	return e.Rule == ruleID && e.pattern.MatchString(address)
}

// Expiry is the exception's expiry date.
func (e Exception) Expiry() time.Time { return e.expires }

// globPattern compiles an address glob: * matches any run of characters, ?
// one character, everything else (dots, brackets, quotes) is literal.
func globPattern(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// MaxExceptionValidity is the longest an exception may run from the day it
// is checked: an accepted deviation is re-justified at least this often
// (PCI DSS asks for yearly review). A reviewer changes it here, only here.
const MaxExceptionValidity = 365 * 24 * time.Hour

// ParseExceptions reads an exceptions document and checks every exception
// against the rules, as of now.
func ParseExceptions(src []byte, rules []Rule) ([]Exception, error) {
	return ParseExceptionsAt(src, rules, time.Now())
}

// ParseExceptionsAt is ParseExceptions as of the given time: an exception
// whose expiry lies more than MaxExceptionValidity after now is refused.
func ParseExceptionsAt(src []byte, rules []Rule, now time.Time) ([]Exception, error) {
	var doc struct {
		Exceptions []Exception `yaml:"exceptions"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) { // io.EOF: an empty document
		return nil, fmt.Errorf("reading %s: %w", ExceptionsFile, err)
	}
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	ids := map[string]bool{}
	for i := range doc.Exceptions {
		e := &doc.Exceptions[i]
		where := fmt.Sprintf("%s: exception %d (%s)", ExceptionsFile, i+1, e.ID)
		for field, v := range map[string]string{"id": e.ID, "rule": e.Rule, "resource": e.Resource, "justification": e.Justification, "owner": e.Owner, "expires": e.Expires} {
			if strings.TrimSpace(v) == "" {
				return nil, fmt.Errorf("%s has no %s", where, field)
			}
		}
		if ids[e.ID] {
			return nil, fmt.Errorf("%s: the id is used twice", where)
		}
		ids[e.ID] = true
		if !known[e.Rule] {
			return nil, fmt.Errorf("%s: no rule %s", where, e.Rule)
		}
		t, err := time.Parse(time.DateOnly, e.Expires)
		if err != nil {
			return nil, fmt.Errorf("%s: expires %q is not a date (YYYY-MM-DD)", where, e.Expires)
		}
		e.expires = t
		if limit := now.UTC().Add(MaxExceptionValidity); t.After(limit) {
			return nil, fmt.Errorf("%s: expires %s, more than %d days ahead (latest allowed today: %s); exceptions are re-justified at least that often: set an earlier expiry",
				where, e.Expires, int(MaxExceptionValidity.Hours()/24), limit.Format(time.DateOnly))
		}
		if strings.Trim(e.Resource, "*?") == "" {
			return nil, fmt.Errorf("%s: resource %q matches every resource; name the resources the exception covers (a module path or address glob)", where, e.Resource)
		}
		if e.pattern, err = globPattern(e.Resource); err != nil {
			return nil, fmt.Errorf("%s: resource %q: %w", where, e.Resource, err)
		}
	}
	return doc.Exceptions, nil
}

func readExceptions(fsys fs.FS, p *Policies) ([]Exception, error) {
	src, err := fs.ReadFile(fsys, ExceptionsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", ExceptionsFile, err)
	}
	return ParseExceptions(src, p.Rules)
}
