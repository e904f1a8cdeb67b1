// Package billing holds the billing types shared by the Users and Organizations services.
//
// A user and an organization are both Clerk Billing payers: their
// subscriptions, credit balances and credit ledgers have the same shape, so
// users.Service and organizations.Service return the same types. Amounts
// are Money, an integer in the currency's smallest unit (cents) with its
// currency; instants are time.Time (the types decode the wire's Unix
// milliseconds and RFC 3339 strings themselves).
package billing
