package organizations

import (
	"context"
	"io"
	"net/http"

	"github.com/clerkgo/clerk/core"
	"github.com/clerkgo/clerk/internal/transport"
)

// MaxLogoSize is the largest logo the API accepts, in bytes (10 MB).
// UploadLogo refuses bigger files before sending anything.
const MaxLogoSize = 10 << 20

// UploadLogoParams carry the logo image. File is required.
type UploadLogoParams struct {
	// File is read whole (at most MaxLogoSize) before the request is sent.
	// The API accepts image/jpeg, image/png, image/gif and image/webp; the
	// type is sniffed from the content, not taken from Filename.
	File io.Reader
	// Filename is sent with the file; empty means "file".
	Filename string
	// UploaderUserID is the user credited with the upload; empty leaves
	// it out.
	UploaderUserID string
}

// UploadLogo sets or replaces the organization's logo. The whole file is
// buffered first, so an oversized or empty file fails before any request
// and a retry resends the same bytes. Replacing the logo with the same file
// lands on the same state, so it is replayed on transient failures.
//
// API: PUT /organizations/{organization_id}/logo (UploadOrganizationLogo)
func (s *Service) UploadLogo(ctx context.Context, organizationID string, params *UploadLogoParams, opts ...core.RequestOption) (*Organization, error) {
	path, err := transport.Path("/organizations/{organization_id}/logo", organizationID)
	if err != nil {
		return nil, err
	}
	if params == nil || params.File == nil {
		return nil, transport.Invalid("file", "must not be nil")
	}
	var fields []transport.FormField
	if params.UploaderUserID != "" {
		if err := transport.ValidateID("uploader_user_id", params.UploaderUserID); err != nil {
			return nil, err
		}
		fields = append(fields, transport.FormField{Name: "uploader_user_id", Value: params.UploaderUserID})
	}
	body, contentType, err := transport.MultipartFile("file", params.Filename, params.File, MaxLogoSize, fields...)
	if err != nil {
		return nil, err
	}
	org := new(Organization)
	req := &transport.Request{Method: http.MethodPut, Path: path, RawBody: body, ContentType: contentType, Replay: transport.ReplaySafe, Options: opts}
	if err := s.b.Do(ctx, req, org); err != nil {
		return nil, err
	}
	return org, nil
}

// DeleteLogo removes the organization's logo; ImageURL falls back to a
// generated placeholder.
//
// API: DELETE /organizations/{organization_id}/logo (DeleteOrganizationLogo)
func (s *Service) DeleteLogo(ctx context.Context, organizationID string, opts ...core.RequestOption) (*Organization, error) {
	path, err := transport.Path("/organizations/{organization_id}/logo", organizationID)
	if err != nil {
		return nil, err
	}
	org := new(Organization)
	if err := s.b.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path, Options: opts}, org); err != nil {
		return nil, err
	}
	return org, nil
}
