// Package identity manages a user's email addresses and phone numbers
// (create, update, delete, verify, replace), reads and updates sign-ups,
// and reads and verifies clients. Reach its services as client.EmailAddresses,
// client.PhoneNumbers, client.SignUps and client.Clients.
//
// Email addresses and phone numbers are returned as the users package's
// types (users.EmailAddress, users.PhoneNumber), the same values a
// users.User carries in its EmailAddresses and PhoneNumbers.
package identity
