// Package tfvars checks an environment's variable file before the engine
// sees it, so that a typo is reported with its line and column.
package tfvars

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"unicode/utf8"
)

// Check reads path, requires a JSON object, and requires its "environment"
// to be env.
func Check(path, env string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("variable file %s is missing: every environment needs terraform.<env>.tfvars.json at the repository root", path)
		}
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var vars map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&vars); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			// Offset counts the bytes read, the offending one included.
			line, col := position(b, syn.Offset-1)
			return nil, fmt.Errorf("%s:%d:%d: malformed JSON: %v", path, line, col, syn)
		case errors.As(err, &typ):
			// Values nest as any, so only the top level can have the wrong
			// type; the error's offset is past (some of) it, so point at its
			// start instead.
			line, col := position(b, skipSpace(b, 0))
			return nil, fmt.Errorf("%s:%d:%d: the file must hold one JSON object of variable values", path, line, col)
		}
		return nil, fmt.Errorf("%s: malformed JSON: %w", path, err)
	}
	if dec.More() {
		line, col := position(b, skipSpace(b, dec.InputOffset()))
		return nil, fmt.Errorf("%s:%d:%d: unexpected content after the JSON object", path, line, col)
	}
	got, ok := vars["environment"].(string)
	if !ok {
		return nil, fmt.Errorf("%s has no \"environment\" string: add \"environment\": %q", path, env)
	}
	if got != env {
		return nil, fmt.Errorf("%s says environment %q but it is being used for %q: fix the file's \"environment\" or pick the matching --env", path, got, env)
	}
	return vars, nil
}

// skipSpace returns the offset of the first byte at or after offset that
// is not JSON whitespace.
func skipSpace(b []byte, offset int64) int64 {
	for offset < int64(len(b)) && bytes.IndexByte([]byte(" \t\r\n"), b[offset]) >= 0 {
		offset++
	}
	return offset
}

// position converts a byte offset into a 1-based line and column; the
// column counts characters, as editors do, not bytes.
func position(b []byte, offset int64) (int, int) {
	offset = max(0, min(offset, int64(len(b))))
	before := b[:offset]
	line := 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}
