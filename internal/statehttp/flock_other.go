//go:build !unix

package statehttp

import (
	"fmt"
	"os"
	"path/filepath"
)

// tryFileLock only opens the file where flock does not exist: the lock then
// excludes within this process alone.
func tryFileLock(path string) (*os.File, []byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the lock file %s: %w", path, err)
	}
	return f, nil, nil
}
