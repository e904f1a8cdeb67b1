// Package billing holds the billing types shared by the Users and Organizations services.
//
// A user and an organization are both Clerk Billing payers: their
// subscriptions, credit balances and credit ledgers have the same shape, so
// users.Service and organizations.Service return the same types. Amounts
// are Money, in the currency's smallest unit (cents); timestamps are Unix
// milliseconds unless a field says otherwise.
package billing
