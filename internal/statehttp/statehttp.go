// Package statehttp serves one state file over the engines' "http" backend
// protocol (GET/POST the state, LOCK/UNLOCK it), in-process on loopback, for
// the offline rehearsal. Why: Terraform's local backend rewrites and fsyncs
// the whole state (~4 MB for an environment) after every resource change,
// which made a rehearsal cost minutes of CPU; through a remote backend both
// engines write the state only at their persist points. The file stays a
// plain state file at the same path, so everything that reads it (check,
// cost, the suite) is unchanged.
//
// Protocol (both engines' backend/remote-state/http):
//   - GET    address: 200 with the state, or 404 when there is none yet.
//   - POST   address[?ID=<lock id>]: the new state as the body; 200.
//   - DELETE address: removes the state; 200.
//   - LOCK   lock_address with the lock info (JSON, "ID" field): 200 when
//     taken, 423 Locked with the holder's lock info when someone holds it.
//   - UNLOCK unlock_address with the lock info: 200; 409 when the ID is not
//     the holder's.
package statehttp

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
)

// Server serves the state file at Path. The lock is held both in this
// process and as an advisory file lock on Path+".lock", so that two lookcard
// processes rehearsing the same stack exclude each other as the local
// backend's lock did.
type Server struct {
	Path string

	mu     sync.Mutex
	holder []byte // lock info of the holder (nil: unlocked)
	id     string
	file   *os.File // the held file lock
}

// LockFile is where a server holds its cross-process lock.
func (s *Server) LockFile() string { return s.Path + ".lock" }

type lockInfo struct {
	ID string `json:"ID"`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.get(w)
	case http.MethodPost, http.MethodPut:
		s.put(w, r)
	case http.MethodDelete:
		s.delete(w, r)
	case "LOCK":
		s.lock(w, r)
	case "UNLOCK":
		s.unlock(w, r)
	default:
		http.Error(w, "method not allowed: "+r.Method, http.StatusMethodNotAllowed)
	}
}

func (s *Server) get(w http.ResponseWriter) {
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(b) == 0) {
		http.Error(w, "no state yet", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := md5.Sum(b)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-MD5", base64.StdEncoding.EncodeToString(sum[:]))
	_, _ = w.Write(b)
}

// checkID refuses a write under a lock by anyone but the holder.
func (s *Server) checkID(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id := r.URL.Query().Get("ID"); s.holder != nil && id != s.id {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write(s.holder)
		return false
	}
	return true
}

func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	if !s.checkID(w, r) {
		return
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "reading the state: "+err.Error(), http.StatusBadRequest)
		return
	}
	if md := r.Header.Get("Content-MD5"); md != "" {
		sum := md5.Sum(b)
		if md != base64.StdEncoding.EncodeToString(sum[:]) {
			http.Error(w, "Content-MD5 does not match the body", http.StatusBadRequest)
			return
		}
	}
	if !json.Valid(b) {
		http.Error(w, "the state is not JSON", http.StatusBadRequest)
		return
	}
	if err := writeAtomic(s.Path, b); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) delete(w http.ResponseWriter, r *http.Request) {
	if !s.checkID(w, r) {
		return
	}
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) lock(w http.ResponseWriter, r *http.Request) {
	b, info, ok := readLockInfo(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holder != nil {
		locked(w, s.holder)
		return
	}
	f, held, err := tryFileLock(s.LockFile())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if held != nil {
		locked(w, held)
		return
	}
	// The holder's info, for the 423 another process gets.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(b, 0)
	}
	s.holder, s.id, s.file = b, info.ID, f
	w.WriteHeader(http.StatusOK)
}

func (s *Server) unlock(w http.ResponseWriter, r *http.Request) {
	_, info, ok := readLockInfo(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holder == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	// The engines send the ID they locked with; an empty one is a
	// force-unlock's.
	if info.ID != "" && info.ID != s.id {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write(s.holder)
		return
	}
	s.release()
	w.WriteHeader(http.StatusOK)
}

func (s *Server) release() {
	if s.file != nil {
		_ = s.file.Truncate(0)
		_ = s.file.Close() // closing drops the file lock
	}
	s.holder, s.id, s.file = nil, "", nil
}

func readLockInfo(w http.ResponseWriter, r *http.Request) ([]byte, lockInfo, bool) {
	var info lockInfo
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "reading the lock info: "+err.Error(), http.StatusBadRequest)
		return nil, info, false
	}
	if len(bytes.TrimSpace(b)) > 0 {
		if err := json.Unmarshal(b, &info); err != nil {
			http.Error(w, "the lock info is not JSON: "+err.Error(), http.StatusBadRequest)
			return nil, info, false
		}
	}
	return b, info, true
}

func locked(w http.ResponseWriter, holder []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusLocked)
	_, _ = w.Write(holder)
}

// writeAtomic replaces path with b through a rename, so a reader never sees
// half a state. No fsync: a rehearsal state is rebuilt by the next rehearsal,
// and syncing 4 MB at every persist is the cost this package avoids.
func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tfstate-*")
	if err != nil {
		return fmt.Errorf("writing the state %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the state %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the state %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the state %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("replacing the state %s: %w", path, err)
	}
	return nil
}

// Running is a server listening on loopback.
type Running struct {
	URL string // the backend's address (also its lock and unlock address)
	srv *http.Server
	s   *Server
}

// Start serves the state file at path on a free loopback port until Close.
func Start(path string) (*Running, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the rehearsal state server: %w", err)
	}
	s := &Server{Path: path}
	srv := &http.Server{Handler: s}
	go func() { _ = srv.Serve(ln) }()
	return &Running{URL: "http://" + ln.Addr().String() + "/state", srv: srv, s: s}, nil
}

// Close stops the server and drops a lock an interrupted engine left.
func (r *Running) Close() error {
	err := r.srv.Close()
	r.s.mu.Lock()
	r.s.release()
	r.s.mu.Unlock()
	return err
}

// BackendBlock is the terraform block that points an engine at the server.
func (r *Running) BackendBlock() string {
	return fmt.Sprintf(`# Written by lookcard for an offline rehearsal: the state lives in
# %s, served by lookcard itself while it runs.
terraform {
  backend "http" {
    address        = %q
    lock_address   = %q
    unlock_address = %q
  }
}
`, r.s.Path, r.URL, r.URL, r.URL)
}
