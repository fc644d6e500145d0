package statehttp

import (
	"crypto/md5"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// do sends one request of the http backend protocol and returns the status
// and body.
func do(t *testing.T, method, url, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func md5of(s string) string {
	sum := md5.Sum([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// TestProtocol walks the sequence an engine sends: read (no state yet),
// lock, write under the lock, read back, unlock.
func TestProtocol(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rehearsal", "sandbox", "terraform.tfstate")
	ts := httptest.NewServer(&Server{Path: path})
	defer ts.Close()
	url := ts.URL + "/state"

	if code, _ := do(t, http.MethodGet, url, ""); code != http.StatusNotFound {
		t.Fatalf("GET without a state: %d, want 404 (the engines' \"no state yet\")", code)
	}
	lock := `{"ID":"a1","Operation":"OperationTypeApply","Who":"me@host"}`
	if code, body := do(t, "LOCK", url, lock); code != http.StatusOK {
		t.Fatalf("LOCK: %d %s", code, body)
	}
	state := `{"version":4,"serial":1,"lineage":"l","resources":[]}`
	if code, body := do(t, http.MethodPost, url+"?ID=a1", state, "Content-MD5", md5of(state)); code != http.StatusOK {
		t.Fatalf("POST under the lock: %d %s", code, body)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != state {
		t.Fatalf("the state file holds %q (%v), want what was posted", b, err)
	}
	code, body := do(t, http.MethodGet, url, "")
	if code != http.StatusOK || body != state {
		t.Fatalf("GET: %d %q, want 200 and the posted state", code, body)
	}
	if code, body := do(t, "UNLOCK", url, lock); code != http.StatusOK {
		t.Fatalf("UNLOCK: %d %s", code, body)
	}
	// Unlocked, a write needs no ID.
	state2 := `{"version":4,"serial":2,"lineage":"l","resources":[]}`
	if code, body := do(t, http.MethodPost, url, state2); code != http.StatusOK {
		t.Fatalf("POST unlocked: %d %s", code, body)
	}
	if code, _ := do(t, http.MethodDelete, url, ""); code != http.StatusOK {
		t.Fatalf("DELETE: %d", code)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the state file survived DELETE: %v", err)
	}
	// No temporary file is left beside the state.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".tfstate-*")); len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// TestLockConflict: a second locker gets 423 Locked with the holder's lock
// info (the engines print its ID and Who), and a write or unlock with a
// foreign ID gets 409 Conflict and changes nothing.
func TestLockConflict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terraform.tfstate")
	ts := httptest.NewServer(&Server{Path: path})
	defer ts.Close()
	url := ts.URL + "/state"
	first := `{"ID":"first","Who":"a@host"}`
	if code, _ := do(t, "LOCK", url, first); code != http.StatusOK {
		t.Fatalf("first LOCK: %d", code)
	}
	code, body := do(t, "LOCK", url, `{"ID":"second"}`)
	if code != http.StatusLocked || !strings.Contains(body, `"first"`) {
		t.Fatalf("second LOCK: %d %q, want 423 with the holder's info", code, body)
	}
	if code, _ := do(t, http.MethodPost, url+"?ID=second", `{"version":4}`); code != http.StatusConflict {
		t.Fatalf("POST with a foreign lock ID: %d, want 409", code)
	}
	if code, _ := do(t, http.MethodPost, url, `{"version":4}`); code != http.StatusConflict {
		t.Fatalf("POST without the lock ID while locked: %d, want 409", code)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("a refused write created the state")
	}
	if code, _ := do(t, "UNLOCK", url, `{"ID":"second"}`); code != http.StatusConflict {
		t.Fatalf("UNLOCK with a foreign ID: %d, want 409", code)
	}
	if code, _ := do(t, "UNLOCK", url, first); code != http.StatusOK {
		t.Fatalf("UNLOCK by the holder: %d", code)
	}
	if code, _ := do(t, "LOCK", url, `{"ID":"second"}`); code != http.StatusOK {
		t.Fatalf("LOCK after UNLOCK: %d", code)
	}
}

// TestLockAcrossServers: two lookcard processes rehearsing one stack each
// run a server on the same file; the file lock keeps them apart, and it is
// dropped when the holder closes.
func TestLockAcrossServers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terraform.tfstate")
	a, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if code, _ := do(t, "LOCK", a.URL, `{"ID":"a","Who":"process-a"}`); code != http.StatusOK {
		t.Fatalf("LOCK on a: %d", code)
	}
	code, body := do(t, "LOCK", b.URL, `{"ID":"b"}`)
	if code != http.StatusLocked || !strings.Contains(body, "process-a") {
		t.Fatalf("LOCK on b while a holds it: %d %q, want 423 naming a's holder", code, body)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, "LOCK", b.URL, `{"ID":"b"}`); code != http.StatusOK {
		t.Fatalf("LOCK on b after a closed: %d", code)
	}
}

func TestRejectsBadInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terraform.tfstate")
	ts := httptest.NewServer(&Server{Path: path})
	defer ts.Close()
	url := ts.URL + "/state"
	for _, c := range []struct {
		name, method, body string
		header             []string
		want               int
	}{
		{"state that is not JSON", http.MethodPost, "{half", nil, http.StatusBadRequest},
		{"wrong Content-MD5", http.MethodPost, `{"version":4}`, []string{"Content-MD5", md5of("other")}, http.StatusBadRequest},
		{"lock info that is not JSON", "LOCK", "nope", nil, http.StatusBadRequest},
		{"unknown method", http.MethodPatch, "", nil, http.StatusMethodNotAllowed},
	} {
		if code, _ := do(t, c.method, url, c.body, c.header...); code != c.want {
			t.Errorf("%s: %d, want %d", c.name, code, c.want)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("bad input created the state")
	}
}
