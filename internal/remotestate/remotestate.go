// Package remotestate reads an environment's remote state where the S3
// backend keeps it: the versions of the state object in the (versioned)
// state bucket, and the locks held on it, in the DynamoDB lock table and as
// the S3 native lock file. It never writes: restoring a version and clearing
// a lock go through the engine (`state push`, `force-unlock`), so the
// engine's own checks, encryption headers and lock digest apply.
package remotestate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// Location is one state: where it lives and where its locks are.
type Location struct {
	Bucket    string
	Key       string
	LockTable string // "" when the engine does not lock through DynamoDB
	Region    string
	Profile   string // shared-config profile; "" for the default chain
}

// Client reads one account's state bucket and lock table.
type Client struct {
	S3  *s3.Client
	DDB *dynamodb.Client
}

// New builds clients from the usual AWS credential chain. The SDK honours
// $AWS_ENDPOINT_URL_S3 and $AWS_ENDPOINT_URL_DYNAMODB; with an S3 endpoint
// override (an S3-compatible server rather than AWS), buckets are addressed
// by path, as such servers expect and as the backend's use_path_style does.
func New(ctx context.Context, loc Location) (*Client, error) {
	opts := []func(*config.LoadOptions) error{config.WithRegion(loc.Region)}
	if loc.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(loc.Profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	pathStyle := os.Getenv("AWS_ENDPOINT_URL_S3") != "" || os.Getenv("AWS_ENDPOINT_URL") != ""
	return &Client{
		S3: s3.NewFromConfig(cfg, func(o *s3.Options) {
			o.UsePathStyle = pathStyle
			// S3-compatible servers send no checksums; nothing to warn about.
			o.DisableLogOutputChecksumValidationSkipped = true
		}),
		DDB: dynamodb.NewFromConfig(cfg),
	}, nil
}

// Version is one stored version of the state object.
type Version struct {
	ID       string    `json:"version_id"`
	Modified time.Time `json:"last_modified"`
	Size     int64     `json:"size"`
	Current  bool      `json:"current"`
	Deleted  bool      `json:"deleted"` // a delete marker
	Serial   int64     `json:"serial"`  // the state's serial (-1: unreadable)
	Lineage  string    `json:"lineage"`
}

// Versions lists the state object's versions, newest first, with each
// one's serial and lineage (read from the version itself).
func (c *Client) Versions(ctx context.Context, loc Location) ([]Version, error) {
	var out []Version
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(loc.Bucket), Prefix: aws.String(loc.Key)}
	for {
		page, err := c.S3.ListObjectVersions(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("listing versions of s3://%s/%s: %w", loc.Bucket, loc.Key, explain(err))
		}
		for _, v := range page.Versions {
			if aws.ToString(v.Key) != loc.Key {
				continue
			}
			out = append(out, Version{ID: aws.ToString(v.VersionId), Modified: aws.ToTime(v.LastModified),
				Size: aws.ToInt64(v.Size), Current: aws.ToBool(v.IsLatest), Serial: -1})
		}
		for _, d := range page.DeleteMarkers {
			if aws.ToString(d.Key) == loc.Key {
				out = append(out, Version{ID: aws.ToString(d.VersionId), Modified: aws.ToTime(d.LastModified),
					Current: aws.ToBool(d.IsLatest), Deleted: true, Serial: -1})
			}
		}
		if !aws.ToBool(page.IsTruncated) {
			break
		}
		in.KeyMarker, in.VersionIdMarker = page.NextKeyMarker, page.NextVersionIdMarker
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Modified.After(out[j].Modified) })
	for i := range out {
		if out[i].Deleted {
			continue
		}
		if s, err := c.Read(ctx, loc, out[i].ID); err == nil {
			out[i].Serial, out[i].Lineage = s.Serial, s.Lineage
		}
	}
	return out, nil
}

// State is the part of a state file restore needs.
type State struct {
	Version int64  `json:"version"`
	Serial  int64  `json:"serial"`
	Lineage string `json:"lineage"`
	Raw     []byte `json:"-"`
}

// Read fetches one version of the state ("" the current one) and checks
// that it is a state file.
func (c *Client) Read(ctx context.Context, loc Location, versionID string) (*State, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	obj, err := c.S3.GetObject(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("reading s3://%s/%s (version %s): %w", loc.Bucket, loc.Key, orCurrent(versionID), explain(err))
	}
	defer obj.Body.Close()
	raw, err := io.ReadAll(obj.Body)
	if err != nil {
		return nil, fmt.Errorf("reading s3://%s/%s (version %s): %w", loc.Bucket, loc.Key, orCurrent(versionID), err)
	}
	return ParseState(raw, fmt.Sprintf("s3://%s/%s version %s", loc.Bucket, loc.Key, orCurrent(versionID)))
}

func orCurrent(id string) string {
	if id == "" {
		return "current"
	}
	return id
}

// ParseState checks that raw is a state file.
func ParseState(raw []byte, what string) (*State, error) {
	var s State
	if err := json.Unmarshal(raw, &s); err != nil || s.Version == 0 || s.Lineage == "" {
		return nil, fmt.Errorf("%s is not a state file (no version and lineage)", what)
	}
	s.Raw = raw
	return &s, nil
}

// ForRestore returns version id of the state rewritten as the next serial
// after the current state's, so the engine accepts it (`state push` refuses
// an older serial and another lineage without -force, which is never used).
func (c *Client) ForRestore(ctx context.Context, loc Location, id string) ([]byte, *State, error) {
	old, err := c.Read(ctx, loc, id)
	if err != nil {
		return nil, nil, err
	}
	cur, err := c.Read(ctx, loc, "")
	if err != nil {
		return nil, nil, err
	}
	if old.Lineage != cur.Lineage {
		return nil, nil, fmt.Errorf("version %s belongs to another state (lineage %s, the current state's is %s): refusing to restore it over this one", id, old.Lineage, cur.Lineage)
	}
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(string(old.Raw)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("decoding version %s: %w", id, err)
	}
	doc["serial"] = cur.Serial + 1
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, nil, fmt.Errorf("encoding version %s: %w", id, err)
	}
	return append(b, '\n'), cur, nil
}

// Lock is one lock held on the state.
type Lock struct {
	Mode      string    `json:"mode"` // "dynamodb" or "lockfile"
	ID        string    `json:"id"`
	Operation string    `json:"operation"`
	Who       string    `json:"who"`
	Version   string    `json:"version"`
	Created   time.Time `json:"created"`
	Path      string    `json:"path"`
}

// Age is how long the lock has been held at now.
func (l Lock) Age(now time.Time) time.Duration { return now.Sub(l.Created).Round(time.Second) }

// lockInfo is the engines' lock record (statemgr.LockInfo).
type lockInfo struct {
	ID        string
	Operation string
	Who       string
	Version   string
	Created   time.Time
	Path      string
}

// Locks reads both lock places: the DynamoDB item "<bucket>/<key>" (when
// loc has a table) and the lock file "<key>.tflock".
func (c *Client) Locks(ctx context.Context, loc Location) ([]Lock, error) {
	var locks []Lock
	if loc.LockTable != "" {
		id := loc.Bucket + "/" + loc.Key
		out, err := c.DDB.GetItem(ctx, &dynamodb.GetItemInput{
			TableName:      aws.String(loc.LockTable),
			Key:            map[string]ddbtypes.AttributeValue{"LockID": &ddbtypes.AttributeValueMemberS{Value: id}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			return nil, fmt.Errorf("reading the lock item %s in the DynamoDB table %s: %w", id, loc.LockTable, explain(err))
		}
		if info, ok := out.Item["Info"].(*ddbtypes.AttributeValueMemberS); ok {
			l, err := parseLock("dynamodb", []byte(info.Value))
			if err != nil {
				return nil, fmt.Errorf("lock item %s in %s: %w", id, loc.LockTable, err)
			}
			locks = append(locks, l)
		}
	}
	key := loc.Key + ".tflock"
	obj, err := c.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key)})
	var nsk *s3types.NoSuchKey
	switch {
	case errors.As(err, &nsk) || isNotFound(err):
	case err != nil:
		return nil, fmt.Errorf("reading the lock file s3://%s/%s: %w", loc.Bucket, key, explain(err))
	default:
		defer obj.Body.Close()
		raw, err := io.ReadAll(obj.Body)
		if err != nil {
			return nil, fmt.Errorf("reading the lock file s3://%s/%s: %w", loc.Bucket, key, err)
		}
		l, err := parseLock("lockfile", raw)
		if err != nil {
			return nil, fmt.Errorf("lock file s3://%s/%s: %w", loc.Bucket, key, err)
		}
		locks = append(locks, l)
	}
	return locks, nil
}

func parseLock(mode string, raw []byte) (Lock, error) {
	var i lockInfo
	if err := json.Unmarshal(raw, &i); err != nil || i.ID == "" {
		return Lock{}, fmt.Errorf("not a lock record the engines write (no ID)")
	}
	return Lock{Mode: mode, ID: i.ID, Operation: i.Operation, Who: i.Who, Version: i.Version, Created: i.Created, Path: i.Path}, nil
}

func isNotFound(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && (ae.ErrorCode() == "NotFound" || ae.ErrorCode() == "NoSuchKey")
}

// explain keeps the service's error code and message, dropping the SDK's
// operation wrapping, and says what the common ones mean.
func explain(err error) error {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return err
	}
	switch ae.ErrorCode() {
	case "NoSuchBucket":
		return fmt.Errorf("%w (the state bucket does not exist: run bootstrap/ for this account, or set LOOKCARD_STATE_BUCKET to the name it was given)", err)
	case "ResourceNotFoundException":
		return fmt.Errorf("%w (the lock table does not exist: run bootstrap/ for this account)", err)
	case "AccessDenied", "AccessDeniedException":
		return fmt.Errorf("%w (the credentials may not read the state: use the account's admin or deploy role)", err)
	}
	return err
}
