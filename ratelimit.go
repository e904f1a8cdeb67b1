package clerk

import "github.com/clerkgo/clerk/core"

// RateLimitObserver is the optional interface of a Limiter that wants to
// hear about the API's 429s (see core.RateLimitObserver); the limiter of
// the redislimit module implements it to pause every replica at once.
type RateLimitObserver = core.RateLimitObserver
