// Package docs generates the documentation that has a source of truth in the
// repository: each module's inputs, outputs and resources (from its HCL), the
// environment matrix (from the tfvars files) and the service catalog table.
// Generated text lives between markers so hand-written text survives.
package docs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-config-inspect/tfconfig"
)

// Begin and End delimit a generated section named by its key.
func Begin(key string) string { return "<!-- BEGIN_LOOKCARD_DOCS " + key + " -->" }
func End(key string) string   { return "<!-- END_LOOKCARD_DOCS " + key + " -->" }

// Module renders the inputs, outputs and resources of the module in dir.
func Module(dir string) (string, error) {
	m, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		return "", fmt.Errorf("reading module %s: %w", dir, diags.Err())
	}
	var b strings.Builder
	b.WriteString("## Inputs\n\n| Name | Type | Default | Required | Description |\n| --- | --- | --- | --- | --- |\n")
	for _, name := range slices.Sorted(maps.Keys(m.Variables)) {
		v := m.Variables[name]
		def := "n/a"
		if !v.Required {
			def = "`" + compactJSON(v.Default) + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", name, cell("`"+oneLine(v.Type)+"`"), cell(def), yesNo(v.Required), cell(v.Description))
	}
	b.WriteString("\n## Outputs\n\n| Name | Description |\n| --- | --- |\n")
	for _, name := range slices.Sorted(maps.Keys(m.Outputs)) {
		fmt.Fprintf(&b, "| `%s` | %s |\n", name, cell(m.Outputs[name].Description))
	}
	b.WriteString("\n## Resources\n\n")
	var res []string
	for _, r := range m.ManagedResources {
		res = append(res, fmt.Sprintf("- `%s.%s`", r.Type, r.Name))
	}
	for _, r := range m.DataResources {
		res = append(res, fmt.Sprintf("- `data.%s.%s`", r.Type, r.Name))
	}
	for _, c := range m.ModuleCalls {
		res = append(res, fmt.Sprintf("- `module.%s` (`%s`)", c.Name, c.Source))
	}
	sort.Strings(res)
	if len(res) == 0 {
		b.WriteString("None: this module only validates and derives values.\n")
	} else {
		b.WriteString(strings.Join(res, "\n") + "\n")
	}
	return b.String(), nil
}

// Splice replaces the section key of doc with body, appending the section
// (with its markers) when doc has none yet.
func Splice(doc, key, body string) (string, error) {
	begin, end := Begin(key), End(key)
	section := begin + "\n" + strings.TrimRight(body, "\n") + "\n" + end
	i := strings.Index(doc, begin)
	if i < 0 {
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		if doc != "" {
			doc += "\n"
		}
		return doc + section + "\n", nil
	}
	j := strings.Index(doc[i:], end)
	if j < 0 {
		return "", fmt.Errorf("%s has no matching %s", begin, end)
	}
	return doc[:i] + section + doc[i+j+len(end):], nil
}

// File is one generated file: its path and wanted content.
type File struct {
	Path    string
	Content []byte
}

// Generate computes every generated file of the repository at root.
func Generate(root string) ([]File, error) {
	var files []File
	dirs, err := filepath.Glob(filepath.Join(root, "modules", "*"))
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		body, err := Module(dir)
		if err != nil {
			return nil, err
		}
		f, err := spliceFile(filepath.Join(dir, "README.md"), "module", body, "# "+filepath.Base(dir)+"\n")
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	matrix, err := EnvironmentMatrix(root)
	if err != nil {
		return nil, err
	}
	f, err := spliceFile(filepath.Join(root, "README.md"), "environments", matrix, "")
	if err != nil {
		return nil, err
	}
	files = append(files, f)
	arch, err := Architecture(root)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: filepath.Join(root, "docs", "architecture.md"), Content: []byte(arch)})
	return files, nil
}

func spliceFile(path, key, body, fresh string) (File, error) {
	cur, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return File{}, fmt.Errorf("reading %s: %w", path, err)
	}
	doc := string(cur)
	if doc == "" {
		doc = fresh
	}
	out, err := Splice(doc, key, body)
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	return File{Path: path, Content: []byte(out)}, nil
}

// Stale lists the generated files whose content on disk differs.
func Stale(files []File) []string {
	var stale []string
	for _, f := range files {
		cur, err := os.ReadFile(f.Path)
		if err != nil || !bytes.Equal(cur, f.Content) {
			stale = append(stale, f.Path)
		}
	}
	return stale
}

// Write writes every file.
func Write(files []File) error {
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", filepath.Dir(f.Path), err)
		}
		if err := os.WriteFile(f.Path, f.Content, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	return nil
}

func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(oneLine(s), "|", "\\|"), "\n", " ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
