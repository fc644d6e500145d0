// Command lookcard operates LookCard's infrastructure; see `lookcard --help`.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/lookcard/infrastructure/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	// stop is not called: cancelling ctx at the end would read as an
	// interrupt to the engine session still watching it; os.Exit ends all.
	_ = stop
	os.Exit(cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
