package review

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"
)

// fakeGitHub speaks the part of GitHub's REST API the review and drift
// posting use, with GitHub's rules that matter here: a token, the JSON
// media type and API version headers, pagination by Link header (two items
// a page, so every listing is paginated), 65,536 characters at most in a
// body, and pull requests listed among issues.
type fakeGitHub struct {
	t        *testing.T
	mu       sync.Mutex
	nextID   int64
	comments map[int][]ghComment // issue or pull request number -> comments
	issues   map[int]*fakeIssue
	requests []string
}

type fakeIssue struct {
	Number      int      `json:"number"`
	Title       string   `json:"title"`
	Body        string   `json:"body"`
	State       string   `json:"state"`
	StateReason string   `json:"state_reason,omitempty"`
	Labels      []string `json:"-"`
	PullRequest any      `json:"pull_request,omitempty"`
}

const fakeRepo = "lookcard/infrastructure"

func newFakeGitHub(t *testing.T) (*fakeGitHub, *GitHub) {
	f := &fakeGitHub{t: t, nextID: 100, comments: map[int][]ghComment{}, issues: map[int]*fakeIssue{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, &GitHub{API: srv.URL, Repo: fakeRepo, Token: "test-token", HTTP: srv.Client()}
}

var (
	reComments     = regexp.MustCompile(`^/repos/` + fakeRepo + `/issues/(\d+)/comments$`)
	reComment      = regexp.MustCompile(`^/repos/` + fakeRepo + `/issues/comments/(\d+)$`)
	reIssues       = regexp.MustCompile(`^/repos/` + fakeRepo + `/issues$`)
	reIssue        = regexp.MustCompile(`^/repos/` + fakeRepo + `/issues/(\d+)$`)
	fakePageLength = 2
)

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	fail := func(code int, msg string) {
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]string{"message": msg})
	}
	if r.Header.Get("Authorization") != "Bearer test-token" {
		fail(http.StatusUnauthorized, "Bad credentials")
		return
	}
	if r.Header.Get("Accept") != "application/vnd.github+json" || r.Header.Get("X-GitHub-Api-Version") != "2022-11-28" {
		fail(http.StatusBadRequest, "missing the media type or API version header")
		return
	}
	var in map[string]any
	if r.Method == http.MethodPost || r.Method == http.MethodPatch {
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			fail(http.StatusBadRequest, "Problems parsing JSON")
			return
		}
		if body, ok := in["body"].(string); ok && utf8.RuneCountInString(body) > CommentLimit {
			fail(http.StatusUnprocessableEntity, "Validation Failed: body is too long (maximum is 65536 characters)")
			return
		}
	}
	str := func(k string) string { s, _ := in[k].(string); return s }
	num := func(m []string) int { n, _ := strconv.Atoi(m[1]); return n }
	switch m := []string(nil); {
	case func() bool { m = reComments.FindStringSubmatch(r.URL.Path); return m != nil }():
		n := num(m)
		switch r.Method {
		case http.MethodGet:
			f.page(w, r, len(f.comments[n]), func(i int) any { return f.comments[n][i] })
		case http.MethodPost:
			f.nextID++
			c := ghComment{ID: f.nextID, Body: str("body")}
			f.comments[n] = append(f.comments[n], c)
			w.WriteHeader(http.StatusCreated)
			json.NewEncoder(w).Encode(c)
		default:
			fail(http.StatusMethodNotAllowed, "Not Found")
		}
	case func() bool { m = reComment.FindStringSubmatch(r.URL.Path); return m != nil }():
		id, _ := strconv.ParseInt(m[1], 10, 64)
		for n, cs := range f.comments {
			for i := range cs {
				if cs[i].ID == id && r.Method == http.MethodPatch {
					f.comments[n][i].Body = str("body")
					json.NewEncoder(w).Encode(f.comments[n][i])
					return
				}
			}
		}
		fail(http.StatusNotFound, "Not Found")
	case reIssues.MatchString(r.URL.Path):
		switch r.Method {
		case http.MethodGet:
			q := r.URL.Query()
			var list []*fakeIssue
			for _, n := range f.numbers() {
				is := f.issues[n]
				if (q.Get("state") == "" || q.Get("state") == is.State) && (q.Get("labels") == "" || contains(is.Labels, q.Get("labels"))) {
					list = append(list, is)
				}
			}
			f.page(w, r, len(list), func(i int) any { return list[i] })
		case http.MethodPost:
			n := len(f.issues) + 1
			is := &fakeIssue{Number: n, Title: str("title"), Body: str("body"), State: "open"}
			for _, l := range in["labels"].([]any) {
				is.Labels = append(is.Labels, l.(string))
			}
			f.issues[n] = is
			w.WriteHeader(http.StatusCreated)
			json.NewEncoder(w).Encode(is)
		}
	case func() bool { m = reIssue.FindStringSubmatch(r.URL.Path); return m != nil }():
		is := f.issues[num(m)]
		if is == nil || r.Method != http.MethodPatch {
			fail(http.StatusNotFound, "Not Found")
			return
		}
		if b, ok := in["body"]; ok {
			is.Body = b.(string)
		}
		if s, ok := in["state"]; ok {
			is.State, is.StateReason = s.(string), str("state_reason")
		}
		json.NewEncoder(w).Encode(is)
	default:
		fail(http.StatusNotFound, "Not Found")
	}
}

// page answers a listing a page at a time, with GitHub's Link header.
func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, n int, item func(int) any) {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if p < 1 {
		p = 1
	}
	start, end := (p-1)*fakePageLength, p*fakePageLength
	if end < n {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p+1))
		w.Header().Set("Link", fmt.Sprintf(`<http://%s%s?%s>; rel="next", <http://%s%s?page=1>; rel="first"`, r.Host, r.URL.Path, q.Encode(), r.Host, r.URL.Path))
	}
	out := []any{}
	for i := start; i < end && i < n; i++ {
		out = append(out, item(i))
	}
	json.NewEncoder(w).Encode(out)
}

func (f *fakeGitHub) numbers() []int {
	var ns []int
	for n := range f.issues {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	return ns
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (f *fakeGitHub) withMarker(pr int, marker string) []ghComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []ghComment
	for _, c := range f.comments[pr] {
		if strings.Contains(c.Body, marker) {
			out = append(out, c)
		}
	}
	return out
}

func TestStickyComment(t *testing.T) {
	f, gh := newFakeGitHub(t)
	ctx := context.Background()
	// Other people's comments fill the first pages.
	for i := range 5 {
		f.comments[7] = append(f.comments[7], ghComment{ID: int64(i + 1), Body: "looks good"})
	}
	develop, production := Marker("develop"), Marker("production")
	steps := []struct {
		marker, body, want string
	}{
		{develop, develop + "\nfirst run", Created},
		{production, production + "\nfirst run", Created},
		{develop, develop + "\nsecond run", Updated},
		{develop, develop + "\nsecond run", Unchanged},
	}
	for _, s := range steps {
		got, err := gh.UpsertComment(ctx, 7, s.marker, s.body)
		if err != nil {
			t.Fatal(err)
		}
		if got != s.want {
			t.Errorf("%q: %s, want %s", s.body, got, s.want)
		}
	}
	if cs := f.withMarker(7, develop); len(cs) != 1 || cs[0].Body != develop+"\nsecond run" {
		t.Errorf("develop's comments = %v, want one, updated", cs)
	}
	if cs := f.withMarker(7, production); len(cs) != 1 {
		t.Errorf("production's comments = %v, want one", cs)
	}
	if n := len(f.comments[7]); n != 7 {
		t.Errorf("%d comments on the pull request, want 7 (5 others and one per environment)", n)
	}
	if _, err := gh.UpsertComment(ctx, 7, develop, "no marker"); err == nil {
		t.Error("a body without its marker was posted: the next run could not find it")
	}
}

func TestPostRefused(t *testing.T) {
	_, gh := newFakeGitHub(t)
	gh.Token = "wrong"
	_, err := gh.UpsertComment(context.Background(), 7, Marker("develop"), Marker("develop"))
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "token") {
		t.Errorf("err = %v, want GitHub's 401 with a hint about the token", err)
	}
}

// bigReport has enough changes that its Markdown is far over GitHub's limit.
func bigReport(n int) *Report {
	p := &tfjson.Plan{}
	for i := range n {
		typ, acts := "aws_ssm_parameter", tfjson.Actions{tfjson.ActionCreate}
		if i%500 == 0 {
			typ, acts = "aws_dynamodb_table", tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate}
		}
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: fmt.Sprintf("module.service[%q].%s.this[%d]", strings.Repeat("x", 40), typ, i), ModuleAddress: fmt.Sprintf("module.m%d", i%300),
			Mode: tfjson.ManagedResourceMode, Type: typ, Change: &tfjson.Change{Actions: acts},
		})
	}
	return Build(Input{Environment: "develop", Stack: "develop", Plan: p})
}

func TestCommentLimit(t *testing.T) {
	small := bigReport(3)
	if got := small.Comment(CommentLimit, "the artifact"); got != small.Markdown() {
		t.Error("a report within the limit must be posted whole")
	}
	r := bigReport(3000)
	full := r.Markdown()
	if len(full) <= CommentLimit {
		t.Fatalf("the test report is only %d characters: make it larger", len(full))
	}
	c := r.Comment(CommentLimit, "the artifact review-develop.md")
	if n := utf8.RuneCountInString(c); n > CommentLimit || n < CommentLimit*9/10 {
		t.Errorf("comment is %d characters, want at most %d and close to it", n, CommentLimit)
	}
	for _, want := range []string{Marker("develop"), "Stateful resources destroyed or replaced: 6", "the full report is the artifact review-develop.md", "❌ fails"} {
		if !strings.Contains(c, want) {
			t.Errorf("the shortened comment lacks %q", want)
		}
	}
	// It goes through GitHub (the fake refuses a body over the limit).
	f, gh := newFakeGitHub(t)
	if _, err := gh.UpsertComment(context.Background(), 9, Marker("develop"), c); err != nil {
		t.Fatal(err)
	}
	if _, err := gh.UpsertComment(context.Background(), 9, Marker("develop"), full); err == nil {
		t.Error("the full report was posted over GitHub's limit")
	}
	if len(f.withMarker(9, Marker("develop"))) != 1 {
		t.Error("want exactly the one shortened comment")
	}
}

func driftPlan(drift bool) *tfjson.Plan {
	p := &tfjson.Plan{}
	if drift {
		p.ResourceDrift = []*tfjson.ResourceChange{{Address: "module.redis.aws_elasticache_replication_group.this", Mode: tfjson.ManagedResourceMode,
			Type: "aws_elasticache_replication_group", Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate}}}}
		p.ResourceChanges = []*tfjson.ResourceChange{{Address: "module.redis.aws_elasticache_replication_group.this", Mode: tfjson.ManagedResourceMode,
			Type: "aws_elasticache_replication_group", Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate}}}}
	}
	return p
}

func TestDriftIssue(t *testing.T) {
	f, gh := newFakeGitHub(t)
	ctx := context.Background()
	// A pull request and another environment's issue that carry drift
	// markers must not be taken for develop's issue.
	f.issues[1] = &fakeIssue{Number: 1, Title: "PR", Body: DriftMarker("develop"), State: "open", Labels: []string{DriftLabel}, PullRequest: map[string]any{}}
	f.issues[2] = &fakeIssue{Number: 2, Title: "staging", Body: DriftMarker("staging"), State: "open", Labels: []string{DriftLabel}}
	f.issues[3] = &fakeIssue{Number: 3, Title: "other", Body: "unrelated", State: "open", Labels: []string{DriftLabel}}

	sync := func(drift bool, commit string) (string, int) {
		t.Helper()
		d := BuildDrift("develop", "develop", commit, driftPlan(drift), mustTime(t))
		got, n, err := gh.SyncDriftIssue(ctx, "develop", d.HasDrift(), d.Markdown("https://github.com/run/1"))
		if err != nil {
			t.Fatal(err)
		}
		return got, n
	}
	got, n := sync(true, "aaaaaaaaaaaa")
	if got != Created || n != 4 {
		t.Fatalf("first drift: %s #%d, want created #4", got, n)
	}
	if is := f.issues[4]; !contains(is.Labels, DriftLabel) || !strings.Contains(is.Body, "module.redis.aws_elasticache_replication_group.this") || !strings.Contains(is.Title, "develop") {
		t.Errorf("issue = %+v, want the drift label, develop in the title and the drifted resource", is)
	}
	if got, n = sync(true, "aaaaaaaaaaaa"); got != Unchanged || n != 4 {
		t.Errorf("same drift: %s #%d, want unchanged #4", got, n)
	}
	if got, n = sync(true, "bbbbbbbbbbbb"); got != Updated || n != 4 {
		t.Errorf("drift at a new commit: %s #%d, want updated #4", got, n)
	}
	if got, n = sync(false, "bbbbbbbbbbbb"); got != Closed || n != 4 {
		t.Errorf("drift gone: %s #%d, want closed #4", got, n)
	}
	if is := f.issues[4]; is.State != "closed" || is.StateReason != "completed" || len(f.comments[4]) != 1 {
		t.Errorf("issue 4 = %+v with %d comments, want closed as completed with a comment", is, len(f.comments[4]))
	}
	if got, n = sync(false, "bbbbbbbbbbbb"); got != Unchanged || n != 0 {
		t.Errorf("no drift, no issue: %s #%d, want unchanged", got, n)
	}
	for _, n := range []int{1, 2, 3} {
		if f.issues[n].State != "open" || len(f.comments[n]) != 0 {
			t.Errorf("issue %d was touched", n)
		}
	}
}

func mustTime(*testing.T) time.Time { return time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC) }
