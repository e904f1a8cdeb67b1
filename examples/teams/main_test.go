package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clerkgo/clerk/clerktest"
)

// startRun runs the program with args and env until the test ends, and
// returns its stdout once it printed its address (and, in demo mode, the
// whole tour).
func startRun(t *testing.T, args []string, env map[string]string, demo bool) (base, stdout string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out, errs := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, func(k string) string { return env[k] }, out, errs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run returned %v after shutdown", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("run did not return after shutdown")
		}
	})

	want := "teams: listening on "
	if demo {
		want = "# Signed out: 401"
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want) {
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v\nstderr: %s", err, errs.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the output: %s", want, out.String())
		}
	}
	time.Sleep(10 * time.Millisecond) // let the last line land
	m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no address in %q", out.String())
	}
	return m[1], out.String()
}

// TestRunDemo starts the program with no secret key and replays the
// printed curl lines, which must do what their comments say.
func TestRunDemo(t *testing.T) {
	t.Parallel()
	_, out := startRun(t, []string{"-addr", "127.0.0.1:0"}, nil, true)

	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z]+)='([^']+)'$`).FindAllStringSubmatch(out, -1) {
		vars[m[1]] = m[2]
	}
	if len(vars) != 4 {
		t.Fatalf("tokens %v in %s", vars, out)
	}
	var statuses []int
	for line := range strings.Lines(out) {
		if !strings.HasPrefix(line, "curl ") {
			continue
		}
		req := curlRequest(t, strings.TrimSpace(line), vars)
		r := send(t, req)
		statuses = append(statuses, r.status)
	}
	want := []int{200, 200, 403, 201, 200, 403, 200, 200, 401, 401, 401}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Errorf("statuses of the printed curl lines (-want +got):\n%s\n%s", diff, out)
	}
}

// curlRequest turns one printed curl line into a request, expanding the
// shell variables in vars the way a shell would.
func curlRequest(t *testing.T, line string, vars map[string]string) *http.Request {
	t.Helper()
	args := shellFields(line, vars)
	method, url, body := http.MethodGet, "", ""
	header := http.Header{}
	for i := 1; i < len(args); i++ {
		switch args[i] {
		case "-s":
		case "-X":
			i++
			method = args[i]
		case "-H":
			i++
			k, v, _ := strings.Cut(args[i], ": ")
			header.Set(k, v)
		case "-d":
			i++
			body = args[i]
			if method == http.MethodGet {
				method = http.MethodPost
			}
		default:
			url = args[i]
		}
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	req.Header = header
	return req
}

// shellFields splits a command line into words, honoring single and double
// quotes and expanding $NAME outside single quotes.
func shellFields(s string, vars map[string]string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	word := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == 0 && c == ' ':
			if word {
				out = append(out, cur.String())
				cur.Reset()
				word = false
			}
		case quote == 0 && (c == '\'' || c == '"'):
			quote, word = c, true
		case quote != 0 && c == quote:
			quote = 0
		case c == '$' && quote != '\'':
			j := i + 1
			for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
				j++
			}
			cur.WriteString(vars[s[i+1:j]])
			i, word = j-1, true
		default:
			cur.WriteByte(c)
			word = true
		}
	}
	if word {
		out = append(out, cur.String())
	}
	return out
}

// TestRunInstance runs the program the way it runs against a real
// instance (secret key and API URL set), once with CLERK_JWT_KEY and once
// with the JWKS, against a fake standing in for the instance.
func TestRunInstance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		pem      bool
		wantJWKS bool
	}{
		{"PEM key", true, false},
		{"JWKS", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := clerktest.NewServer(t)
			uid, err := fake.TryAddUser(clerktest.User{Email: "ada@example.com"})
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"CLERK_SECRET_KEY": fake.SecretKey, "CLERK_API_URL": fake.URL, "TEAMS_MACHINE_ID": teamsMachine}
			if tt.pem {
				env["CLERK_JWT_KEY"] = fake.PublicKeyPEM()
			}
			base, out := startRun(t, []string{"-addr", "127.0.0.1:0", "-origins", "https://app.example.com, https://admin.example.com"}, env, false)
			if strings.Contains(out, "curl") {
				t.Errorf("tour printed against an instance: %s", out)
			}
			for _, azp := range []string{"https://app.example.com", "https://admin.example.com"} {
				req, err := http.NewRequest(http.MethodGet, base+"/me", nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+fake.NewSessionToken(uid, clerktest.WithAuthorizedParty(azp)))
				if r := send(t, req); r.status != http.StatusOK || !strings.Contains(string(r.body), "ada@example.com") {
					t.Errorf("%s: %d %s", azp, r.status, r.body)
				}
			}
			for scope, want := range map[string]int{teamsMachine: http.StatusOK, otherMachine: http.StatusForbidden} {
				req, err := http.NewRequest(http.MethodGet, base+"/reports/usage", nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+fake.NewM2MToken(billingMachine, []string{scope}))
				if r := send(t, req); r.status != want {
					t.Errorf("M2M token scoped to %s: %d %s, want %d", scope, r.status, r.body, want)
				}
			}
			fetched := slices.ContainsFunc(fake.Requests(), func(r clerktest.Request) bool { return r.Path == "/v1/jwks" })
			if fetched != tt.wantJWKS {
				t.Errorf("JWKS fetched = %v, want %v", fetched, tt.wantJWKS)
			}
		})
	}
}

// TestRunFails reports configuration errors instead of starting.
func TestRunFails(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = taken.Close() })
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown flag", []string{"-port", "1"}, nil, "flag provided but not defined"},
		{"extra argument", []string{"serve"}, nil, "unexpected arguments"},
		{"no origin", []string{"-origins", " , "}, nil, "at least one origin"},
		{"bad PEM", []string{"-addr", "127.0.0.1:0"}, map[string]string{"CLERK_SECRET_KEY": "sk_test_x", "CLERK_JWT_KEY": "not a key"}, "token verifier"},
		{"machine ID of another kind", nil, map[string]string{"TEAMS_MACHINE_ID": "user_2abc"}, "not a machine ID"},
		{"machine ID prefix only", nil, map[string]string{"TEAMS_MACHINE_ID": "mch_"}, "not a machine ID"},
		{"machine ID with a space", nil, map[string]string{"TEAMS_MACHINE_ID": "mch_a mch_b"}, "not a machine ID"},
		{"address taken", []string{"-addr", taken.Addr().String()}, nil, "address already in use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParseConfig reads the listen address and the origins.
func TestParseConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		addr        string
		origins     []string
		secret, pem string
		machine     string
	}{
		{"defaults", nil, nil, "127.0.0.1:8080", []string{"http://localhost:3000"}, "", "", ""},
		{"PORT", nil, map[string]string{"PORT": "9000"}, ":9000", []string{"http://localhost:3000"}, "", "", ""},
		{"-addr wins over PORT", []string{"-addr", "127.0.0.1:7000"}, map[string]string{"PORT": "9000"}, "127.0.0.1:7000", []string{"http://localhost:3000"}, "", "", ""},
		{"origins", []string{"-origins", "https://a.example, https://b.example,"}, nil, "127.0.0.1:8080", []string{"https://a.example", "https://b.example"}, "", "", ""},
		{"keys", nil, map[string]string{"CLERK_SECRET_KEY": "sk_test_1", "CLERK_JWT_KEY": "pem"}, "127.0.0.1:8080", []string{"http://localhost:3000"}, "sk_test_1", "pem", ""},
		{"machine", nil, map[string]string{"TEAMS_MACHINE_ID": " mch_2abcXYZ_9 "}, "127.0.0.1:8080", []string{"http://localhost:3000"}, "", "", "mch_2abcXYZ_9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parseConfig(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			want := config{addr: tt.addr, origins: tt.origins, secretKey: tt.secret, jwtKey: tt.pem, machineID: tt.machine}
			if diff := cmp.Diff(want, cfg, cmp.AllowUnexported(config{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestBaseURL prints a reachable URL for any listen address.
func TestBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr string
		want string
	}{
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"0.0.0.0:8080", "http://localhost:8080"},
		{"[::]:8080", "http://localhost:8080"},
		{"[::1]:8080", "http://[::1]:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			t.Parallel()
			a, err := net.ResolveTCPAddr("tcp", tt.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := baseURL(a); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
