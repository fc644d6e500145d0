//go:build unix

package statehttp

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// tryFileLock takes an exclusive advisory lock on path without waiting. It
// returns the open file holding it, or, when another process holds it, that
// holder's lock info.
func tryFileLock(path string) (*os.File, []byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the lock file %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			held, _ := io.ReadAll(f)
			if len(held) == 0 {
				held = []byte(`{"ID":"","Info":"held by another process"}`)
			}
			return nil, held, nil
		}
		return nil, nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return f, nil, nil
}
