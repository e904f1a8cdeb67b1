package core_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/clerkgo/clerk/core"
	"github.com/google/go-cmp/cmp"
)

func TestBulkErrorReports(t *testing.T) {
	t.Parallel()
	notFound := &core.APIError{StatusCode: http.StatusNotFound}
	e := &core.BulkError{Op: "Bans.BanMany", Items: []core.BulkItem{
		{Index: 0, Key: "user_a", Status: core.BulkProcessed},
		{Index: 1, Key: "user_x", Status: core.BulkFailed, Err: notFound},
		{Index: 2, Key: "user_b", Status: core.BulkProcessed},
		{Index: 3, Key: "user_c", Status: core.BulkNotSent},
	}}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"processed", e.Processed(), []int{0, 2}},
		{"not sent", e.NotSent(), []int{3}},
		{"unprocessed", e.Unprocessed(), []int{1, 3}},
		{"failed keys", len(e.Failed()), 1},
		{"is not found", errors.Is(e, core.ErrNotFound), true},
		{"as api error", func() bool { var ae *core.APIError; return errors.As(e, &ae) && ae == notFound }(), true},
		{"message", strings.Contains(e.Error(), `2 processed, 1 failed, 1 not sent; first failure "user_x"`), true},
		{"status text", core.BulkNotSent.String(), "not sent"},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestMetadataPatchSetsZeroValuesAndDeletes(t *testing.T) {
	t.Parallel()
	type pub struct {
		Plan string `json:"plan,omitempty"`
		Beta bool   `json:"beta,omitempty"`
	}
	tests := []struct {
		name  string
		patch *core.MetadataPatch
		want  string
	}{
		{"base only", core.PatchMetadata(pub{Plan: "pro"}), `{"plan":"pro"}`},
		{"zero value kept", core.PatchMetadata(pub{Plan: "pro"}).Set("beta", false), `{"beta":false,"plan":"pro"}`},
		{"delete", core.PatchMetadata(nil).Delete("legacy", "old"), `{"legacy":null,"old":null}`},
		{"later op wins", core.PatchMetadata(pub{Plan: "pro"}).Delete("plan").Set("plan", ""), `{"plan":""}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.patch)
		if err != nil || string(b) != tc.want {
			t.Errorf("%s: %s, %v; want %s", tc.name, b, err, tc.want)
		}
	}
	if _, err := json.Marshal(core.PatchMetadata([]int{1})); err == nil {
		t.Error("a non-object base marshalled")
	}
}

func TestRequestOptionsApplyInOrder(t *testing.T) {
	t.Parallel()
	s := core.ApplyRequestOptions([]core.RequestOption{
		core.WithHeader("X-A", "1"), nil, core.WithHeader("X-A", "2"),
		core.WithMaxRetries(-3), core.WithTimeout(time.Second), core.WithPrefetch(100),
		core.WithQuery("k", "a"), core.WithQuery("k", "b"), core.WithStopOnError(),
	})
	if s.Header.Get("X-A") != "2" || *s.MaxRetries != 0 || s.Timeout != time.Second ||
		s.Prefetch != core.MaxPrefetch || !cmp.Equal(s.Query["k"], []string{"a", "b"}) || !s.StopOnError {
		t.Errorf("settings = %+v", s)
	}
}

func TestAPIErrorMatchesItsStatus(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]error{
		400: core.ErrBadRequest, 401: core.ErrUnauthorized, 402: core.ErrPaymentRequired, 403: core.ErrForbidden,
		404: core.ErrNotFound, 409: core.ErrConflict, 410: core.ErrGone, 422: core.ErrUnprocessable,
		423: core.ErrLocked, 429: core.ErrRateLimited, 501: core.ErrNotImplemented, 500: core.ErrServer, 503: core.ErrServer,
	} {
		e := &core.APIError{StatusCode: status}
		if !errors.Is(e, want) {
			t.Errorf("%d does not match %v", status, want)
		}
	}
	if err := (&core.NotImplementedError{Method: "Users.Get"}); !errors.Is(err, core.ErrNotImplemented) || !strings.Contains(err.Error(), "Users.Get") {
		t.Errorf("NotImplementedError = %v", err)
	}
}
