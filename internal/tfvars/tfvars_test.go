package tfvars

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func write(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraform.develop.tfvars.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckValid(t *testing.T) {
	cases := []struct {
		name    string
		content string
		want    map[string]any
	}{
		{
			name:    "minimal",
			content: `{"environment": "develop"}`,
			want:    map[string]any{"environment": "develop"},
		},
		{
			name: "typical",
			content: "{\n  \"environment\": \"develop\",\n  \"aws_region\": \"ap-southeast-1\",\n" +
				"  \"azs\": 3,\n  \"enable_waf\": true,\n  \"cidrs\": [\"10.0.0.0/16\"],\n  \"tags\": {\"Team\": \"platform\"}\n}\n",
			want: map[string]any{
				"environment": "develop",
				"aws_region":  "ap-southeast-1",
				"azs":         float64(3),
				"enable_waf":  true,
				"cidrs":       []any{"10.0.0.0/16"},
				"tags":        map[string]any{"Team": "platform"},
			},
		},
		{
			name:    "trailing whitespace",
			content: "{\"environment\": \"develop\"}\n\n  \t\n",
			want:    map[string]any{"environment": "develop"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Check(write(t, c.content), "develop")
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Check = %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestCheckMalformedPosition(t *testing.T) {
	cases := []struct {
		name      string
		content   string
		line, col int // of the offending byte, 1-based
		want      string
	}{
		{
			name: "missing comma on line 3",
			//       1234567890123
			content: "{\n  \"environment\": \"develop\",\n  \"a\": 1 \"b\": 2\n}\n",
			line:    3, col: 10,
			want: "malformed JSON",
		},
		{
			name:    "missing comma before the next line",
			content: "{\n  \"environment\": \"develop\",\n  \"a\": 1\n  \"b\": 2\n}\n",
			line:    4, col: 3,
			want: "malformed JSON",
		},
		{
			name:    "bad literal",
			content: "{\"environment\": \"develop\", \"x\": tru}",
			line:    1, col: 36,
			want: "malformed JSON",
		},
		{
			name:    "trailing comma",
			content: "{\n\t\"environment\": \"develop\",\n}\n",
			line:    3, col: 1,
			want: "malformed JSON",
		},
		{
			name:    "array at top level",
			content: "\n\n[1,2]",
			line:    3, col: 1,
			want: "must hold one JSON object",
		},
		{
			name:    "string at top level",
			content: `"develop"`,
			line:    1, col: 1,
			want: "must hold one JSON object",
		},
		{
			name:    "number at top level after whitespace",
			content: " \r\n\t 42\n",
			line:    2, col: 3,
			want: "must hold one JSON object",
		},
		{
			name:    "long array at top level",
			content: "  [" + strings.Repeat(`"x", `, 200) + `"y"]`,
			line:    1, col: 3,
			want: "must hold one JSON object",
		},
		{
			name:    "trailing content after whitespace",
			content: "{\"environment\": \"develop\"}\n\n  x",
			line:    3, col: 3,
			want: "unexpected content after the JSON object",
		},
		{
			name:    "trailing content after much whitespace",
			content: "{\"environment\": \"develop\"}" + strings.Repeat(" \n", 3000) + "\t{}",
			line:    3001, col: 2,
			want: "unexpected content after the JSON object",
		},
		{
			name:    "trailing content on the same line",
			content: "{\"environment\": \"develop\"}   {}",
			line:    1, col: 30,
			want: "unexpected content after the JSON object",
		},
		{
			name:    "column counts characters, not bytes",
			content: "{\"environment\": \"develop\", \"owner\": \"Zoë Müller\" \"b\": 2}",
			line:    1, col: 50, // 52 counting bytes
			want: "malformed JSON",
		},
		{
			name:    "column counts characters on a later line",
			content: "{\n  \"environment\": \"develop\",\n  \"名前\": tru\n}",
			line:    3, col: 12, // 16 counting bytes
			want: "malformed JSON",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := write(t, c.content)
			_, err := Check(path, "develop")
			if err == nil {
				t.Fatal("Check accepted malformed JSON")
			}
			prefix := fmt.Sprintf("%s:%d:%d: ", path, c.line, c.col)
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q\nwant prefix %q", err, prefix)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
		})
	}
}

func TestCheckErrors(t *testing.T) {
	cases := []struct {
		name    string
		content string // "" means the file does not exist
		env     string
		want    []string
	}{
		{
			name: "missing file",
			env:  "develop",
			want: []string{"is missing", "terraform.<env>.tfvars.json"},
		},
		{
			name:    "no environment",
			content: `{"aws_region": "ap-southeast-1"}`,
			env:     "develop",
			want:    []string{`no "environment" string`, `"environment": "develop"`},
		},
		{
			name:    "environment not a string",
			content: `{"environment": 1}`,
			env:     "develop",
			want:    []string{`no "environment" string`},
		},
		{
			name:    "null document",
			content: `null`,
			env:     "develop",
			want:    []string{`no "environment" string`},
		},
		{
			name:    "environment mismatch",
			content: `{"environment": "staging"}`,
			env:     "production",
			want:    []string{`"staging"`, `"production"`},
		},
		{
			name:    "second object after the first",
			content: "{\"environment\": \"develop\"}\n{\"environment\": \"develop\"}",
			env:     "develop",
			want:    []string{":2:", "unexpected content after the JSON object"},
		},
		{
			name:    "string at top level",
			content: `"develop"`,
			env:     "develop",
			want:    []string{":1:1:", "must hold one JSON object"},
		},
		{
			name:    "empty file",
			content: " ",
			env:     "develop",
			want:    []string{"malformed JSON"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var path string
			if c.content == "" {
				path = filepath.Join(t.TempDir(), "terraform."+c.env+".tfvars.json")
			} else {
				path = write(t, c.content)
			}
			got, err := Check(path, c.env)
			if err == nil {
				t.Fatalf("Check = %v, want an error", got)
			}
			if got != nil {
				t.Errorf("Check returned values with its error: %v", got)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestCheckUnreadable(t *testing.T) {
	// A directory exists but cannot be read as a file: the error is not
	// the "missing" one.
	dir := t.TempDir()
	_, err := Check(dir, "develop")
	if err == nil {
		t.Fatal("Check accepted a directory")
	}
	if strings.Contains(err.Error(), "is missing") {
		t.Errorf("a directory is not a missing file: %v", err)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name %s", err, dir)
	}
}

func TestPositionCountsCharacters(t *testing.T) {
	b := []byte("é\n\tñß€x\n𝄞y")
	cases := []struct {
		offset    int64
		line, col int
	}{
		{0, 1, 1},
		{2, 1, 2}, // after the 2-byte é
		{3, 2, 1},
		{4, 2, 2}, // a tab is one character
		{6, 2, 3},
		{8, 2, 4},
		{11, 2, 5}, // after the 3-byte €
		{13, 3, 1},
		{17, 3, 2}, // after the 4-byte 𝄞
		{18, 3, 3},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.offset), func(t *testing.T) {
			line, col := position(b, c.offset)
			if line != c.line || col != c.col {
				t.Errorf("position(%d) = %d:%d, want %d:%d", c.offset, line, col, c.line, c.col)
			}
		})
	}
}

func TestPosition(t *testing.T) {
	b := []byte("ab\ncd\n\nef")
	cases := []struct {
		offset    int64
		line, col int
	}{
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the newline itself
		{3, 2, 1},
		{6, 3, 1},
		{7, 4, 1},
		{9, 4, 3},
		{100, 4, 3}, // clamped to the end
		{-1, 1, 1},  // clamped to the start
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.offset), func(t *testing.T) {
			line, col := position(b, c.offset)
			if line != c.line || col != c.col {
				t.Errorf("position(%d) = %d:%d, want %d:%d", c.offset, line, col, c.line, c.col)
			}
		})
	}
}
