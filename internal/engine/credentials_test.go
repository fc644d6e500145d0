package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// awsEnv lists every variable Credentials reads besides HOME.
var awsEnv = []string{
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
	"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
}

func TestCredentials(t *testing.T) {
	type file struct{ path, content string } // path relative to the temp dir
	cases := []struct {
		name     string
		env      map[string]string // values may use $DIR for the temp dir
		files    []file
		want     bool
		wantFrom string // substring of the description
	}{
		{
			name:     "nothing",
			want:     false,
			wantFrom: "profile lookcard-terraform",
		},
		{
			name:     "environment keys",
			env:      map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret"},
			want:     true,
			wantFrom: "AWS_ACCESS_KEY_ID",
		},
		{
			name: "access key without secret",
			env:  map[string]string{"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE"},
			want: false,
		},
		{
			name:     "web identity",
			env:      map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "$DIR/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci"},
			want:     true,
			wantFrom: "OIDC",
		},
		{
			name: "web identity token without role",
			env:  map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "$DIR/token"},
			want: false,
		},
		{
			name:     "container credentials",
			env:      map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x"},
			want:     true,
			wantFrom: "container",
		},
		{
			name:     "default profile in HOME credentials",
			files:    []file{{".aws/credentials", "[default]\naws_access_key_id = x\n\n[lookcard-terraform]\naws_access_key_id = y\n"}},
			want:     true,
			wantFrom: filepath.Join(".aws", "credentials"),
		},
		{
			name:     "default profile in AWS_SHARED_CREDENTIALS_FILE",
			env:      map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "$DIR/elsewhere/creds"},
			files:    []file{{"elsewhere/creds", "  [lookcard-terraform]  \r\naws_access_key_id = y\n"}},
			want:     true,
			wantFrom: "profile lookcard-terraform in ",
		},
		{
			name:     "default profile in HOME config",
			files:    []file{{".aws/config", "[profile lookcard-terraform]\nsso_session = x\n"}},
			want:     true,
			wantFrom: filepath.Join(".aws", "config"),
		},
		{
			name:     "default profile in AWS_CONFIG_FILE",
			env:      map[string]string{"AWS_CONFIG_FILE": "$DIR/cfg"},
			files:    []file{{"cfg", "[profile lookcard-terraform]\n"}},
			want:     true,
			wantFrom: "cfg",
		},
		{
			name:     "AWS_PROFILE names another profile",
			env:      map[string]string{"AWS_PROFILE": "other"},
			files:    []file{{".aws/credentials", "[lookcard-terraform]\naws_access_key_id = y\n"}, {".aws/config", "[profile lookcard-terraform]\n"}},
			want:     false,
			wantFrom: "profile other",
		},
		{
			name:     "AWS_PROFILE found",
			env:      map[string]string{"AWS_PROFILE": "other"},
			files:    []file{{".aws/credentials", "[lookcard-terraform]\n[other]\naws_access_key_id = y\n"}},
			want:     true,
			wantFrom: "profile other in ",
		},
		{
			name:     "default profile in config is [default]",
			env:      map[string]string{"AWS_PROFILE": "default"},
			files:    []file{{".aws/config", "[default]\nregion = ap-southeast-1\n"}},
			want:     true,
			wantFrom: filepath.Join(".aws", "config"),
		},
		{
			name:     "default profile in credentials",
			env:      map[string]string{"AWS_PROFILE": "default"},
			files:    []file{{".aws/credentials", "[default]\naws_access_key_id = x\n"}},
			want:     true,
			wantFrom: filepath.Join(".aws", "credentials"),
		},
		{
			name:  "config section name without profile prefix does not count",
			files: []file{{".aws/config", "[lookcard-terraform]\n"}},
			want:  false,
		},
		{
			name:  "profile name only mentioned, not a section",
			files: []file{{".aws/credentials", "# [lookcard-terraform]\n[lookcard-terraform-old]\n"}},
			want:  false,
		},
		{
			name:  "AWS_SHARED_CREDENTIALS_FILE replaces the HOME file",
			env:   map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "$DIR/missing"},
			files: []file{{".aws/credentials", "[lookcard-terraform]\n"}},
			want:  false,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, k := range awsEnv {
				t.Setenv(k, "")
			}
			t.Setenv("HOME", dir)
			t.Setenv("USERPROFILE", dir)
			for k, v := range c.env {
				t.Setenv(k, strings.ReplaceAll(v, "$DIR", dir))
			}
			for _, f := range c.files {
				p := filepath.Join(dir, f.path)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(f.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, from := Credentials()
			if got != c.want {
				t.Errorf("Credentials() = %v (%s), want %v", got, from, c.want)
			}
			if from == "" {
				t.Error("Credentials() gave no description")
			}
			if c.wantFrom != "" && !strings.Contains(from, c.wantFrom) {
				t.Errorf("description %q does not mention %q", from, c.wantFrom)
			}
		})
	}
}
