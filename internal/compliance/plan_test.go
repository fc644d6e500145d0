package compliance

import (
	"strings"
	"testing"
)

// Every plan reader refuses what it cannot read in one wording (planfile):
// a plan of another format_version is not evaluated as if it were 1.x.
func TestParsePlanRejectsOtherFormats(t *testing.T) {
	for in, want := range map[string]string{
		`{`:                         "p.json: not plan JSON",
		`{"values": {}}`:            "p.json: not plan JSON: no format_version",
		`{"format_version": "2.0"}`: "p.json: unsupported plan format_version 2.0",
	} {
		if _, err := ParsePlan("p.json", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePlan(%s) = %v, want %q", in, err, want)
		}
	}
}

func TestParsePlanTarget(t *testing.T) {
	p, err := ParsePlan("b.json", []byte(`{"format_version": "1.2", "variables": {"account_name": {"value": "staging"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Environment != "staging" || !p.Bootstrap || p.Preview != "" {
		t.Errorf("bootstrap plan: %+v", p)
	}
}
