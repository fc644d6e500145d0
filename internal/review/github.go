package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
)

// GitHub is a small client of GitHub's REST API: just what the sticky
// pull-request comment and the drift issues need.
type GitHub struct {
	API   string // https://api.github.com, or $GITHUB_API_URL (GitHub Enterprise)
	Repo  string // owner/name
	Token string
	HTTP  *http.Client
}

// GitHubFromEnv reads the client's settings as a workflow provides them:
// GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL.
func GitHubFromEnv() (*GitHub, error) {
	g := &GitHub{API: os.Getenv("GITHUB_API_URL"), Repo: os.Getenv("GITHUB_REPOSITORY"), Token: os.Getenv("GITHUB_TOKEN")}
	if g.API == "" {
		g.API = "https://api.github.com"
	}
	var missing []string
	if g.Token == "" {
		missing = append(missing, "GITHUB_TOKEN")
	}
	if !regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`).MatchString(g.Repo) {
		missing = append(missing, "GITHUB_REPOSITORY (owner/name)")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("posting to GitHub needs %s in the environment (a workflow sets them; locally export them); nothing was posted", strings.Join(missing, " and "))
	}
	return g, nil
}

func (g *GitHub) client() *http.Client {
	if g.HTTP != nil {
		return g.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// do sends one request; out (if not nil) receives the JSON answer. It
// returns the next page's URL from the Link header, if any.
func (g *GitHub) do(ctx context.Context, method, target string, body, out any) (next string, err error) {
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		target = strings.TrimSuffix(g.API, "/") + target
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return "", fmt.Errorf("encoding %s %s: %w", method, target, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", method, target, err)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("Authorization", "Bearer "+g.Token)
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", "lookcard")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := g.client().Do(req)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return "", fmt.Errorf("%s %s: reading the answer: %w", method, req.URL.Path, err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(b, &e)
		hint := ""
		switch resp.StatusCode {
		case http.StatusUnauthorized:
			hint = " (the token is missing or expired)"
		case http.StatusForbidden, http.StatusNotFound:
			hint = " (does the workflow's job grant the permission: pull-requests: write for comments, issues: write for drift issues?)"
		}
		return "", fmt.Errorf("GitHub answered %s %s with %d: %s%s", method, req.URL.Path, resp.StatusCode, e.Message, hint)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return "", fmt.Errorf("%s %s: decoding the answer: %w", method, req.URL.Path, err)
		}
	}
	return nextLink(resp.Header.Get("Link")), nil
}

var linkNext = regexp.MustCompile(`<([^>]+)>;\s*rel="next"`)

func nextLink(h string) string {
	if m := linkNext.FindStringSubmatch(h); m != nil {
		return m[1]
	}
	return ""
}

type ghComment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
}

type ghIssue struct {
	Number      int    `json:"number"`
	Title       string `json:"title"`
	Body        string `json:"body"`
	State       string `json:"state"`
	PullRequest any    `json:"pull_request,omitempty"`
}

// What a post did.
const (
	Created   = "created"
	Updated   = "updated"
	Closed    = "closed"
	Unchanged = "unchanged"
)

// UpsertComment posts body on pull request (or issue) number, replacing the
// comment that holds marker if there is one: one sticky comment per
// marker, however often the workflow runs.
func (g *GitHub) UpsertComment(ctx context.Context, number int, marker, body string) (string, error) {
	if !strings.Contains(body, marker) {
		return "", errors.New("internal error: the comment body does not hold its marker, so the next run could not find it")
	}
	if len(body) > CommentLimit {
		return "", fmt.Errorf("the comment is %d characters, over GitHub's limit of %d: post Report.Comment, not the full report", len(body), CommentLimit)
	}
	page := fmt.Sprintf("/repos/%s/issues/%d/comments?per_page=100", g.Repo, number)
	for page != "" {
		var cs []ghComment
		next, err := g.do(ctx, http.MethodGet, page, nil, &cs)
		if err != nil {
			return "", err
		}
		for _, c := range cs {
			if strings.Contains(c.Body, marker) {
				if c.Body == body {
					return Unchanged, nil
				}
				_, err := g.do(ctx, http.MethodPatch, fmt.Sprintf("/repos/%s/issues/comments/%d", g.Repo, c.ID), map[string]string{"body": body}, nil)
				return Updated, err
			}
		}
		page = next
	}
	_, err := g.do(ctx, http.MethodPost, fmt.Sprintf("/repos/%s/issues/%d/comments", g.Repo, number), map[string]string{"body": body}, nil)
	return Created, err
}

// DriftLabel marks the drift issues; the label is how they are found again.
const DriftLabel = "drift"

// DriftMarker identifies the drift issue of one stack.
func DriftMarker(stack string) string { return "<!-- lookcard-drift:" + stack + " -->" }

// SyncDriftIssue keeps one open issue per stack while it drifts: with
// drift it opens the issue (or updates the open one's body); without, it
// closes the open one with a comment saying so. It returns what it did and
// the issue's number (0 when there is none).
func (g *GitHub) SyncDriftIssue(ctx context.Context, stack string, drifted bool, body string) (string, int, error) {
	marker := DriftMarker(stack)
	if drifted && !strings.Contains(body, marker) {
		return "", 0, errors.New("internal error: the drift issue body does not hold its marker")
	}
	// Listing by label rather than the search API: search is eventually
	// consistent, and an issue opened by the previous run could be missed
	// and opened twice.
	var open *ghIssue
	q := url.Values{"state": {"open"}, "labels": {DriftLabel}, "per_page": {"100"}}
	page := fmt.Sprintf("/repos/%s/issues?%s", g.Repo, q.Encode())
	for page != "" && open == nil {
		var is []ghIssue
		next, err := g.do(ctx, http.MethodGet, page, nil, &is)
		if err != nil {
			return "", 0, err
		}
		for i := range is {
			if is[i].PullRequest == nil && strings.Contains(is[i].Body, marker) {
				open = &is[i]
				break
			}
		}
		page = next
	}
	issues := fmt.Sprintf("/repos/%s/issues", g.Repo)
	switch {
	case drifted && open == nil:
		var created ghIssue
		_, err := g.do(ctx, http.MethodPost, issues, map[string]any{
			"title": "Drift in " + stack + ": AWS differs from the code", "body": body, "labels": []string{DriftLabel},
		}, &created)
		return Created, created.Number, err
	case drifted && open.Body == body:
		return Unchanged, open.Number, nil
	case drifted:
		_, err := g.do(ctx, http.MethodPatch, fmt.Sprintf("%s/%d", issues, open.Number), map[string]string{"body": body}, nil)
		return Updated, open.Number, err
	case open == nil:
		return Unchanged, 0, nil
	}
	msg := fmt.Sprintf("No drift in %s any more (checked %s): closing.", stack, time.Now().UTC().Format(time.RFC3339))
	if _, err := g.do(ctx, http.MethodPost, fmt.Sprintf("%s/%d/comments", issues, open.Number), map[string]string{"body": msg}, nil); err != nil {
		return "", open.Number, err
	}
	_, err := g.do(ctx, http.MethodPatch, fmt.Sprintf("%s/%d", issues, open.Number),
		map[string]string{"state": "closed", "state_reason": "completed"}, nil)
	return Closed, open.Number, err
}
