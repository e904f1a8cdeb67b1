package users

import (
	"context"
	"github.com/clerkgo/clerk/core"
	"io"
	"net/http"

	"github.com/clerkgo/clerk/internal/transport"
)

// MaxProfileImageSize is the largest profile image the SDK sends (10 MiB);
// a larger file fails before any request.
const MaxProfileImageSize = 10 << 20

// UploadProfileImageParams is the image to upload.
type UploadProfileImageParams struct {
	// File is read to the end (at most MaxProfileImageSize bytes) before
	// anything is sent; the caller closes it.
	File io.Reader
	// Filename is sent as the part's file name; it defaults to "file".
	Filename string
}

// UploadProfileImage uploads a new profile image for the user, as the
// multipart "file" field. An empty file, a missing reader or a file over
// MaxProfileImageSize fails with clerk.ErrInvalidInput and sends nothing.
// The upload is not replayed after it may have reached the API.
//
// API: POST /users/{user_id}/profile_image (SetUserProfileImage)
func (s *Service) UploadProfileImage(ctx context.Context, userID string, params *UploadProfileImageParams, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/profile_image", userID)
	if err != nil {
		return nil, err
	}
	if params == nil || params.File == nil {
		return nil, transport.Invalid("file", "must be set")
	}
	body, ct, err := transport.MultipartFile("file", params.Filename, params.File, MaxProfileImageSize)
	if err != nil {
		return nil, err
	}
	return s.userOp(ctx, &transport.Request{
		Method: http.MethodPost, Path: path, RawBody: body, ContentType: ct,
		Replay: transport.NotReplaySafe, Options: opts})
}

// DeleteProfileImage removes the user's profile image; the user gets the
// generated avatar back.
//
// API: DELETE /users/{user_id}/profile_image (DeleteUserProfileImage)
func (s *Service) DeleteProfileImage(ctx context.Context, userID string, opts ...core.RequestOption) (*User, error) {
	path, err := transport.Path("/users/{user_id}/profile_image", userID)
	if err != nil {
		return nil, err
	}
	return s.userOp(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Replay: transport.ReplaySafe, Options: opts})
}
