// Package lambdazip builds and checks the deployment packages of the
// repository's Lambda functions. Each function's source lives in
// modules/<module>/function/ and its package, function.zip, is committed
// next to it, so plain `terraform plan` works without an archive provider;
// the tests keep the two in step.
package lambdazip

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// epoch is the fixed modification time of every entry: the same sources
// always give the same bytes, so source_code_hash changes only with the code.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Sources lists the files of a function directory that belong in its
// package: Python modules other than tests (test_*.py) and caches.
func Sources(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing function sources: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".py") || strings.HasPrefix(n, "test_") {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s holds no function source (*.py other than test_*.py)", dir)
	}
	sort.Strings(names)
	return names, nil
}

// Build zips the function sources of dir at the archive root, deterministically.
func Build(dir string) ([]byte, error) {
	names, err := Sources(dir)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		body, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", n, err)
		}
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: epoch}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, fmt.Errorf("adding %s: %w", n, err)
		}
		if _, err := w.Write(body); err != nil {
			return nil, fmt.Errorf("adding %s: %w", n, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("closing the package: %w", err)
	}
	return buf.Bytes(), nil
}

// Diff compares a package with its sources and describes every difference:
// a source missing from the package, an entry with other content, an entry
// with no source. Empty means the package is current.
func Diff(zipPath, dir string) ([]string, error) {
	names, err := Sources(dir)
	if err != nil {
		return nil, err
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", zipPath, err)
	}
	defer zr.Close()
	packed := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("reading %s in %s: %w", f.Name, zipPath, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s in %s: %w", f.Name, zipPath, err)
		}
		packed[f.Name] = b
	}
	var diffs []string
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", n, err)
		}
		got, ok := packed[n]
		switch {
		case !ok:
			diffs = append(diffs, n+" is not in the package")
		case !bytes.Equal(got, src):
			diffs = append(diffs, n+" in the package differs from the source")
		}
		delete(packed, n)
	}
	for n := range packed {
		diffs = append(diffs, n+" in the package has no source")
	}
	sort.Strings(diffs)
	return diffs, nil
}
