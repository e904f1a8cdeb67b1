package mod

import (
	"example.com/mod/keys"
	other "example.com/mod/svc"
	"net/http"
)

// Client has two services, a non-service pointer and an unexported field.
type Client struct {
	Things *other.Service
	Keys   *keys.Source
	HTTP   *http.Client
	Local  *Local
	hidden *other.Service
}
