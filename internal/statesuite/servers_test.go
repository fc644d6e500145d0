package statesuite

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// faults sits in front of gofakes3: per bucket (so that tests of other
// buckets run on undisturbed), it can answer PUTs of one key with 500
// InternalError (the bucket failing) or every request with 503 (the server
// gone).
type faults struct {
	mu      sync.Mutex
	next    http.Handler
	failPut map[string]string // bucket: key whose PUTs fail
	down    map[string]bool   // bucket: every request fails
}

func (f *faults) set(bucket, failPut string, down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failPut == nil {
		f.failPut, f.down = map[string]string{}, map[string]bool{}
	}
	f.failPut[bucket], f.down[bucket] = failPut, down
}

func (f *faults) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Path style: /<bucket>/<key>.
	bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	f.mu.Lock()
	failPut, down := f.failPut[bucket], f.down[bucket]
	f.mu.Unlock()
	switch {
	case down:
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>injected: server stopped</Message></Error>`)
		return
	case failPut != "" && r.Method == http.MethodPut && key == failPut:
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected: We encountered an internal error. Please try again.</Message></Error>`)
		return
	}
	f.next.ServeHTTP(w, r)
}

type servers struct {
	s3URL, ddbURL string
	faults        *faults
	s3            *s3.Client
	ddb           *dynamodb.Client
}

const region = "ap-southeast-1"

// startServers starts gofakes3 and dynalite for the whole test binary.
func startServers(t *testing.T, root string) *servers {
	t.Helper()
	f := &faults{next: gofakes3.New(s3mem.New()).Server()}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)

	out, err := exec.Command(filepath.Join(root, "scripts", "install-dynalite.sh")).Output()
	if err != nil {
		t.Fatalf("scripts/install-dynalite.sh: %v", err)
	}
	server := strings.TrimSpace(string(out))
	port := freePort(t)
	cmd := exec.Command("node", server, "--host", "127.0.0.1", "--port", fmt.Sprint(port),
		"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dynalite: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(20 * time.Second); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dynalite did not listen on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	s := &servers{s3URL: ts.URL, ddbURL: "http://" + addr, faults: f}
	cfg := aws.Config{Region: region, Credentials: credentials.NewStaticCredentialsProvider("AKIAFAKEFAKEFAKE", "fake", "")}
	s.s3 = s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(s.s3URL); o.UsePathStyle = true })
	s.ddb = dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(s.ddbURL) })
	return s
}

// bootstrap creates what bootstrap/ creates in one account, by the names
// internal/environment gives (checked against bootstrap/ by its tests): the
// versioned state bucket and the lock table, keyed as the engines expect.
func (s *servers) bootstrap(t *testing.T, bucket, table string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.s3.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("creating bucket %s: %v", bucket, err)
	}
	if _, err := s.s3.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatalf("versioning bucket %s: %v", bucket, err)
	}
	if table == "" {
		return
	}
	_, err := s.ddb.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("LockID"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
		KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("LockID"), KeyType: ddbtypes.KeyTypeHash}},
		BillingMode:          ddbtypes.BillingModePayPerRequest,
	})
	if err != nil && !strings.Contains(err.Error(), "ResourceInUse") {
		t.Fatalf("creating table %s: %v", table, err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// killTree SIGKILLs pid and every process descended from it, as a crash or
// a killed CI runner would: nothing gets to release its lock.
func killTree(pid int) {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		var p int
		if _, err := fmt.Sscan(e.Name(), &p); err != nil {
			continue
		}
		f, err := os.Open(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		// pid (comm) state ppid …; comm may hold spaces.
		if i := strings.LastIndex(line, ")"); i > 0 {
			var state string
			var ppid int
			if _, err := fmt.Sscan(line[i+1:], &state, &ppid); err == nil {
				children[ppid] = append(children[ppid], p)
			}
		}
	}
	var walk func(int)
	walk = func(p int) {
		if proc, err := os.FindProcess(p); err == nil {
			_ = proc.Kill()
		}
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
}
