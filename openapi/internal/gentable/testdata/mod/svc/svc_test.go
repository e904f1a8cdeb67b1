package svc

// Test files are ignored.
func (s *Service) FromTest() {}
