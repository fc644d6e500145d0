package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/lookcard/infrastructure/internal/environment"
	"github.com/lookcard/infrastructure/internal/remotestate"
)

// DefaultStaleAfter is how long a lock must have been held before `lookcard
// state locks` calls it stale: longer than any apply of an environment.
const DefaultStaleAfter = time.Hour

func newStateCmd(o *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "state",
		Short: "Remote state: list and restore versions of the S3 state, show and clear its locks",
		Long: `state reads the environment's state where the S3 backend keeps it (the
versioned state bucket, the DynamoDB lock table and the S3 lock file) and
needs AWS credentials. Restoring and unlocking go through the engine
(state push, force-unlock), never around it; lookcard never clears a lock by
itself.`,
		Example: `  lookcard state versions --env develop
  lookcard state restore 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY --env develop
  lookcard state locks --env develop
  lookcard state unlock 0c6f1d52-3c4e-7f43-52c5-5b8cfa5a7a51 --env develop`,
	}
	cmd.AddCommand(newStateVersionsCmd(o), newStateRestoreCmd(o), newStateLocksCmd(o), newStateUnlockCmd(o))
	return cmd
}

// stateLocation resolves the target online and where its state lives.
func stateLocation(cmd *cobra.Command, o *options) (*session, remotestate.Location, *remotestate.Client, error) {
	ctx := cmd.Context()
	if o.offline {
		return nil, remotestate.Location{}, nil, errors.New("lookcard state reads the remote state and has no --offline mode (an offline rehearsal's state is .lookcard/rehearsal/<stack>/terraform.tfstate); nothing was changed")
	}
	s, err := resolve(ctx, o)
	if err != nil {
		return nil, remotestate.Location{}, nil, err
	}
	if s.offline {
		return nil, remotestate.Location{}, nil, fmt.Errorf("lookcard state needs AWS credentials (%s) to read the state bucket; nothing was changed", s.why)
	}
	if err := checkStateLock(); err != nil {
		return nil, remotestate.Location{}, nil, err
	}
	loc := remotestate.Location{
		Bucket: environment.StateBucket(s.target.Environment),
		Key:    s.target.StateKey,
		Region: environment.Region(),
	}
	for _, kv := range BackendConfig(s.target) {
		k, v, _ := cut(kv)
		if k == "profile" {
			loc.Profile = v
		}
	}
	// Both places are read whatever this engine locks with: another
	// engine (or an older lookcard) may hold the other one.
	loc.LockTable = environment.LockTable
	c, err := remotestate.New(ctx, loc)
	if err != nil {
		return nil, remotestate.Location{}, nil, err
	}
	return s, loc, c, nil
}

// checkStateLock refuses a $LOOKCARD_STATE_LOCK that LockArgs does not know.
func checkStateLock() error {
	switch v := os.Getenv(EnvStateLock); v {
	case "", "dynamodb", "lockfile", "both":
		return nil
	default:
		return fmt.Errorf("%s is %q: use dynamodb, lockfile or both (or unset it to follow the engine); nothing was changed", EnvStateLock, v)
	}
}

func newStateVersionsCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "versions",
		Short: "List the stored versions of the environment's state, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, loc, c, err := stateLocation(cmd, o)
			if err != nil {
				return err
			}
			vs, err := c.Versions(cmd.Context(), loc)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if o.json {
				return writeJSON(out, vs)
			}
			if len(vs) == 0 {
				fmt.Fprintf(out, "s3://%s/%s has no versions: nothing was ever applied to this state.\n", loc.Bucket, loc.Key)
				return nil
			}
			fmt.Fprintf(out, "Versions of s3://%s/%s (newest first):\n", loc.Bucket, loc.Key)
			w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "VERSION\tSAVED (UTC)\tSERIAL\tSIZE\t")
			for _, v := range vs {
				serial, note := fmt.Sprint(v.Serial), ""
				switch {
				case v.Deleted:
					serial, note = "-", "delete marker"
				case v.Serial < 0:
					serial, note = "?", "not a readable state"
				}
				if v.Current {
					note = strings.TrimSpace(note + " current")
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", v.ID, v.Modified.UTC().Format(time.DateTime), serial, v.Size, note)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(out, "\nRestore one with: lookcard state restore <VERSION> --env %s\n", o.envOr(loc))
			return nil
		},
	}
}

// envOr names the environment for a suggested command.
func (o *options) envOr(loc remotestate.Location) string {
	if o.env != "" {
		return o.env
	}
	return strings.SplitN(loc.Key, "/", 2)[0]
}

func newStateRestoreCmd(o *options) *cobra.Command {
	var autoApprove bool
	cmd := &cobra.Command{
		Use:   "restore VERSION|errored.tfstate",
		Short: "Make a stored version of the state current again, or push the state a failed apply saved",
		Long: `restore VERSION writes that version of the state (see 'lookcard state
versions') back as the current state through the engine's 'state push', with
the next serial, so the engine's lineage check, the state key and the lock
apply. The state it replaces stays in the bucket as a version, so a restore
can itself be undone. Then run 'lookcard plan': resources created after that
version are not in it and show as to be created (import or delete them).

restore errored.tfstate pushes the state file the engine saved when it could
not write the state to the bucket (the bucket failed or was unreachable at
the end of an apply). Push it before any other apply: applying again first
would fork the state. The file is removed once the bucket holds it.

Both refuse while the state is locked, and a state of another lineage.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, loc, c, err := stateLocation(cmd, o)
			if err != nil {
				return err
			}
			if locks, err := c.Locks(ctx, loc); err != nil {
				return err
			} else if len(locks) > 0 {
				return fmt.Errorf("the state is locked by %s (lock ID %s, %s): wait for that run, or if it was killed see `lookcard state locks --env %s`; nothing was changed", locks[0].Who, locks[0].ID, locks[0].Operation, s.target.Environment)
			}
			var body []byte
			var what string
			cur, curErr := c.Read(ctx, loc, "")
			// A file as given (from the current directory), else in the root,
			// where the engine writes errored.tfstate.
			file := args[0]
			if _, err := os.Stat(file); err != nil && !filepath.IsAbs(file) {
				file = filepath.Join(s.git.Root, file)
			}
			if fi, err := os.Stat(file); err == nil && fi.Mode().IsRegular() {
				// The engine's state push checks the lineage and refuses a
				// serial older than the bucket's: no -force, ever.
				if body, err = os.ReadFile(file); err != nil {
					return fmt.Errorf("reading %s: %w", file, err)
				}
				st, err := remotestate.ParseState(body, file)
				if err != nil {
					return fmt.Errorf("%w; nothing was changed", err)
				}
				if curErr == nil && st.Lineage != cur.Lineage {
					return fmt.Errorf("%s belongs to another state (lineage %s, the bucket's is %s); nothing was changed", file, st.Lineage, cur.Lineage)
				}
				what = fmt.Sprintf("push %s (serial %d)", rel(s.git.Root, file), st.Serial)
			} else {
				if curErr != nil {
					return fmt.Errorf("%w; nothing was changed", curErr)
				}
				if body, _, err = c.ForRestore(ctx, loc, args[0]); err != nil {
					return fmt.Errorf("%w; nothing was changed", err)
				}
				file = ""
				what = fmt.Sprintf("restore version %s", args[0])
			}
			prev := "no state yet"
			if curErr == nil {
				prev = fmt.Sprintf("serial %d", cur.Serial)
			}
			if err := confirmState(cmd, s, autoApprove, fmt.Sprintf("%s over the current state of %s (%s)", what, s.target.Stack(), prev)); err != nil {
				return err
			}
			if err := s.prepare(ctx, o, "state restore", cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return err
			}
			if err := s.init(ctx); err != nil {
				return err
			}
			dir, err := os.MkdirTemp("", "lookcard-restore-")
			if err != nil {
				return fmt.Errorf("creating a temporary directory: %w", err)
			}
			defer os.RemoveAll(dir)
			path := filepath.Join(dir, "restore.tfstate")
			if err := os.WriteFile(path, body, 0o600); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
			if err := s.tf.StatePush(ctx, path); err != nil {
				s.flush()
				return fmt.Errorf("state push failed: %w\nthe current state is unchanged (%s)", explainLock(s, err), prev)
			}
			s.flush()
			now, _ := c.Read(ctx, loc, "")
			serial := "?"
			if now != nil {
				serial = fmt.Sprint(now.Serial)
			}
			if file != "" {
				if err := os.Remove(file); err != nil {
					return fmt.Errorf("pushed %s, but removing it failed: %w (remove it by hand: the bucket holds it now)", file, err)
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Done: %s; s3://%s/%s is now serial %s. The state it replaced (%s) stays in the bucket as a version (`lookcard state versions`). Run `lookcard plan` next.\n",
				what, loc.Bucket, loc.Key, serial, prev)
			return nil
		},
	}
	cmd.Flags().BoolVar(&autoApprove, "auto-approve", false, "skip the confirmation (production: only with CI=true)")
	return cmd
}

func newStateLocksCmd(o *options) *cobra.Command {
	var staleAfter time.Duration
	cmd := &cobra.Command{
		Use:   "locks",
		Short: "Show the locks held on the environment's state, and which look stale",
		Long: `locks shows every lock held on the state: the DynamoDB lock item and the S3
lock file. A lock held longer than --stale-after is reported as stale, with
the command that clears it; lookcard never clears one by itself. Before
clearing, make sure the holder's run has ended (a killed apply, a cancelled CI
job): clearing the lock of a run still going lets two writers corrupt the state.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, loc, c, err := stateLocation(cmd, o)
			if err != nil {
				return err
			}
			locks, err := c.Locks(cmd.Context(), loc)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			now := time.Now()
			if o.json {
				type row struct {
					remotestate.Lock
					AgeSeconds int64 `json:"age_seconds"`
					Stale      bool  `json:"stale"`
				}
				rows := []row{}
				for _, l := range locks {
					rows = append(rows, row{l, int64(l.Age(now).Seconds()), l.Age(now) >= staleAfter})
				}
				return writeJSON(out, rows)
			}
			if len(locks) == 0 {
				fmt.Fprintf(out, "s3://%s/%s is not locked.\n", loc.Bucket, loc.Key)
				return nil
			}
			for _, l := range locks {
				where := "DynamoDB table " + loc.LockTable
				if l.Mode == "lockfile" {
					where = "lock file s3://" + loc.Bucket + "/" + loc.Key + ".tflock"
				}
				state := "HELD"
				if l.Age(now) >= staleAfter {
					state = "STALE"
				}
				fmt.Fprintf(out, "%s: %s lock ID %s held by %s for %s (%s, engine %s, since %s)\n",
					state, where, l.ID, l.Who, l.Age(now), l.Operation, l.Version, l.Created.UTC().Format(time.DateTime))
			}
			l := locks[0]
			if l.Age(now) >= staleAfter {
				fmt.Fprintf(out, "\nHeld for longer than %s: probably left by a run that was killed. Check that %s has no apply or CI job still running on %s, then clear it with:\n  lookcard state unlock %s --env %s\n(the engine's `force-unlock %s`; lookcard never clears a lock by itself).\n",
					staleAfter, l.Who, o.envOr(loc), l.ID, o.envOr(loc), l.ID)
			} else {
				fmt.Fprintf(out, "\nA run may still be going: wait for it. If it was killed, the lock is reported as stale after %s (--stale-after).\n", staleAfter)
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&staleAfter, "stale-after", DefaultStaleAfter, "how long a lock is held before it is reported as stale")
	return cmd
}

func newStateUnlockCmd(o *options) *cobra.Command {
	var force, autoApprove bool
	var staleAfter time.Duration
	cmd := &cobra.Command{
		Use:   "unlock LOCK_ID",
		Short: "Clear a stale lock on the environment's state (the engine's force-unlock)",
		Long: `unlock clears the lock with exactly this ID (from 'lookcard state locks' or the
engine's lock error) through the engine's force-unlock. It refuses an ID that
does not hold the state, and a lock younger than --stale-after unless --force.
Production asks for the environment name (or --auto-approve with CI=true).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id := args[0]
			s, loc, c, err := stateLocation(cmd, o)
			if err != nil {
				return err
			}
			locks, err := c.Locks(ctx, loc)
			if err != nil {
				return err
			}
			var held *remotestate.Lock
			for i := range locks {
				if locks[i].ID == id {
					held = &locks[i]
				}
			}
			if held == nil {
				ids := []string{}
				for _, l := range locks {
					ids = append(ids, l.ID)
				}
				if len(ids) == 0 {
					return fmt.Errorf("s3://%s/%s is not locked: nothing to clear; nothing was changed", loc.Bucket, loc.Key)
				}
				return fmt.Errorf("no lock with ID %s holds s3://%s/%s (held: %s); nothing was changed", id, loc.Bucket, loc.Key, strings.Join(ids, ", "))
			}
			if age := held.Age(time.Now()); age < staleAfter && !force {
				return fmt.Errorf("lock %s was taken %s ago by %s (%s): its run may still be going; wait, or if you know it ended, add --force; nothing was changed", id, age, held.Who, held.Operation)
			}
			if err := confirmState(cmd, s, autoApprove, fmt.Sprintf("clear lock %s held by %s on %s", id, held.Who, s.target.Stack())); err != nil {
				return err
			}
			if err := s.prepare(ctx, o, "state unlock", cmd.OutOrStdout(), cmd.ErrOrStderr()); err != nil {
				return err
			}
			if err := s.init(ctx); err != nil {
				return err
			}
			if err := s.tf.ForceUnlock(ctx, id); err != nil {
				s.flush()
				return fmt.Errorf("force-unlock %s failed: %w", id, err)
			}
			s.flush()
			if rest, err := c.Locks(ctx, loc); err == nil {
				for _, l := range rest {
					if l.ID == id {
						return fmt.Errorf("force-unlock %s reported success but the %s lock is still there: clear it with an engine that uses that lock mode (%s)", id, l.Mode, EnvStateLock)
					}
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Cleared lock %s (held by %s, %s) on s3://%s/%s.\n", id, held.Who, held.Operation, loc.Bucket, loc.Key)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "clear a lock younger than --stale-after (only when its run has certainly ended)")
	cmd.Flags().BoolVar(&autoApprove, "auto-approve", false, "skip the confirmation (production: only with CI=true)")
	cmd.Flags().DurationVar(&staleAfter, "stale-after", DefaultStaleAfter, "how long a lock must be held before it may be cleared without --force")
	return cmd
}

// confirmState asks as apply does: production needs the environment name
// typed (or --auto-approve with CI=true); elsewhere --auto-approve skips it.
func confirmState(cmd *cobra.Command, s *session, autoApprove bool, what string) error {
	if autoApprove {
		if s.target.Environment == "production" && os.Getenv("CI") != "true" {
			return errors.New("--auto-approve is accepted for production only in CI (CI=true); type the environment name instead; nothing was changed")
		}
		return nil
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Type %q to %s: ", s.target.Environment, what)
	var line string
	if _, err := fmt.Fscanln(cmd.InOrStdin(), &line); err != nil && line == "" {
		return errors.New("no confirmation given; nothing was changed")
	}
	if strings.TrimSpace(line) != s.target.Environment {
		return errors.New("confirmation did not match; nothing was changed")
	}
	return nil
}

// explainLock adds, after the engine's own error, one paragraph saying what
// happened to the remote state and what to do: a lock held by another run
// (naming its holder and lock ID), a state the engine could not write to
// the bucket (it saved errored.tfstate), a lock it could not release.
func explainLock(s *session, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	env := s.target.Environment
	var notes []string
	if l, ok := remotestate.ParseLockError(msg); ok {
		since := ""
		if !l.Created.IsZero() {
			since = fmt.Sprintf(", since %s UTC, %s ago", l.Created.UTC().Format(time.DateTime), time.Since(l.Created).Round(time.Second))
		}
		notes = append(notes, fmt.Sprintf("The state of %s is locked by %s (lock ID %s, %s%s): another run is using it, so this one changed nothing. Wait for it to finish; if it was killed, see `lookcard state locks --env %s`.",
			s.target.Stack(), l.Who, l.ID, l.Operation, since, env))
	} else if strings.Contains(msg, "Error acquiring the state lock") {
		notes = append(notes, fmt.Sprintf("The state lock of %s could not be taken (the lock table or bucket did not answer as above): nothing was changed; run again once it answers.", s.target.Stack()))
	}
	if strings.Contains(msg, "errored.tfstate") {
		notes = append(notes, fmt.Sprintf("The state in S3 was NOT updated: it still holds the state from before this apply, and the changes made are recorded only in %s. Once the bucket answers, push it FIRST with `lookcard state restore errored.tfstate --env %s` (applying again before that forks the state).",
			filepath.Join(s.layout.WorkDir, "errored.tfstate"), env))
	}
	if strings.Contains(msg, "Error releasing the state lock") {
		notes = append(notes, fmt.Sprintf("The state lock was not released: once the backend answers, `lookcard state locks --env %s` shows it and how to clear it.", env))
	}
	if len(notes) == 0 {
		return err
	}
	return fmt.Errorf("%w\n%s", err, strings.Join(notes, "\n"))
}
