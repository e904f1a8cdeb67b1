package svc

// Service is a fixture.
type Service struct{}

// Get reads one thing.
//
// API: GET /things/{thing_id} (GetThing)
func (s *Service) Get() {}

// Save covers two operations.
//
// API: POST /things (CreateThing)
// API: PUT /things/{thing_id} (ReplaceThing)
func (s *Service) Save() {}

// Undocumented has a doc comment but no API line.
func (s *Service) Undocumented() {}

func (s *Service) NoDoc() {}

// Malformed has a bad line.
//
// API: FETCH /things (GetThings)
func (s *Service) Malformed() {}

// Misplaced has its API line in the middle.
//
// API: GET /things (ListThings)
//
// More text after it.
func (s *Service) Misplaced() {}

func (s *Service) unexported() {}

// Free functions are not methods.
//
// API: GET /free (Free)
func Free() {}
