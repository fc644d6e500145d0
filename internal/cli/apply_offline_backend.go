package cli

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/lookcard/infrastructure/internal/statehttp"
	"github.com/lookcard/infrastructure/internal/workspace"
)

// rehearsalBackend serves the rehearsal state to the engine over the http
// backend for the rest of this process and initializes the mirror with it.
// Terraform's local backend rewrote and fsynced the whole state after every
// resource (most of a rehearsal's CPU); a remote backend persists it only at
// the engine's save points. The state stays the plain file at
// s.layout.StateFile. The caller closes the server after the last engine run.
func rehearsalBackend(ctx context.Context, s *session) (*statehttp.Running, error) {
	srv, err := statehttp.Start(s.layout.StateFile)
	if err != nil {
		return nil, err
	}
	if err := workspace.WriteBackend(s.layout, srv.BackendBlock()); err != nil {
		srv.Close()
		return nil, err
	}
	defer s.flush()
	// init, not only get: a backend needs initializing. -reconfigure: the
	// address (a free port) differs every run, and there is nothing to
	// migrate, the served file is the state.
	if err := s.tf.Init(ctx, tfexec.Upgrade(false), tfexec.Reconfigure(true)); err != nil {
		srv.Close()
		return nil, fmt.Errorf("init with the rehearsal state server: %w", err)
	}
	return srv, nil
}
