package graph

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// FormatSVG and FormatPNG export a view as an image; PNG is rendered by
// headless Chromium.
const (
	FormatSVG = "svg"
	FormatPNG = "png"
)

// ChromiumPath finds Chromium: $LOOKCARD_CHROMIUM, else Debian's
// /usr/bin/chromium (scripts/install-chromium.sh), else chromium or
// google-chrome on PATH.
func ChromiumPath() (string, error) {
	if p := os.Getenv("LOOKCARD_CHROMIUM"); p != "" {
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("PNG export needs Chromium: run scripts/install-chromium.sh or set LOOKCARD_CHROMIUM; --format svg needs nothing")
}

// PNG renders the view's SVG in headless Chromium at its own size (scale 2
// for sharp text) and returns the image.
func (v *View) PNG(ctx context.Context) ([]byte, error) {
	chromium, err := ChromiumPath()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lookcard-png-")
	if err != nil {
		return nil, fmt.Errorf("rendering PNG: %w", err)
	}
	defer os.RemoveAll(dir)
	var svg bytes.Buffer
	if err := v.SVG(&svg); err != nil {
		return nil, err
	}
	page := filepath.Join(dir, "view.html")
	doc := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head><body>` + svg.String() + `</body></html>`
	if err := os.WriteFile(page, []byte(doc), 0o600); err != nil {
		return nil, fmt.Errorf("rendering PNG: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(int64(v.W), int64(v.H), chromedp.EmulateScale(2)),
		chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String())); err != nil {
		return nil, fmt.Errorf("rendering PNG in %s: %w", chromium, err)
	}
	png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, fmt.Errorf("rendering PNG in %s: %w", chromium, err)
	}
	return png, nil
}
