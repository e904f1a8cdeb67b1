// Runs the official JavaScript backend SDK (@clerk/backend, pinned in
// package.json) against a running clerktest fake, to prove the fake's wire
// shapes work with a client we did not write.
//
// Environment (written by clerktest/compat/cmd/fakeserver; .ci/compat sets
// it up):
//   CLERK_API_URL     the fake's origin, without /v1 (the SDK adds apiVersion)
//   CLERK_SECRET_KEY  the key the fake accepts
//   CLERK_JWT_KEY     the fake's signing key as a PEM (or CLERK_JWT_KEY_FILE)
//   TOKEN             a session token the fake minted for SEED_USER_ID
//   ORG_TOKEN         the same with SEED_ORG_ID active (org:admin, ORG_PERMISSIONS)
//   SEED_USER_ID, SEED_USER_EMAIL, SEED_SESSION_ID, SEED_ORG_ID, SEED_ORG_SLUG,
//   ORG_PERMISSIONS, CLERK_JWT_KID, CLERK_ISSUER
//   SEED_ORG_ITEM_ID, SEED_TRIAL_ITEM_ID  billing subscription items (b2b.test.mjs)
// The fake also declares the role org:billing, the JWT template "compat" and
// two canned faults (see cmd/fakeserver).
//
// Run by hand:  go run ./cmd/fakeserver -env /tmp/fake.env   (in clerktest/compat)
//               set -a; . /tmp/fake.env; set +a; node --test compat.test.mjs
//
// The tests share one fake, so each block makes its own users and
// organizations (unique emails) and asserts only on what it made.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createClerkClient, verifyToken } from '@clerk/backend';

function env(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: start the fake with clerktest/compat/cmd/fakeserver (see .ci/compat)`);
  }
  return v;
}

const apiUrl = env('CLERK_API_URL');
const secretKey = env('CLERK_SECRET_KEY');
const jwtKey = process.env.CLERK_JWT_KEY || readFileSync(env('CLERK_JWT_KEY_FILE'), 'utf8');
const seedToken = env('TOKEN');
const seedUserId = env('SEED_USER_ID');
const seedEmail = env('SEED_USER_EMAIL');
const seedSessionId = env('SEED_SESSION_ID');
const kid = env('CLERK_JWT_KID');
const orgToken = env('ORG_TOKEN');
const seedOrgId = env('SEED_ORG_ID');
const seedOrgSlug = env('SEED_ORG_SLUG');
const orgPermissions = env('ORG_PERMISSIONS').split(',');
const issuer = env('CLERK_ISSUER');

const clerk = createClerkClient({ secretKey, apiUrl, apiVersion: 'v1' });

const uniq = () => randomUUID().slice(0, 8);
const email = (tag) => `${tag}-${uniq()}@example.com`;

// rejects asserts that p fails with a ClerkAPIResponseError of the given
// status and first error code, and that the error carries a trace id.
async function rejectsWith(p, status, code) {
  await assert.rejects(p, (err) => {
    assert.equal(err.status, status, `status of ${err}`);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0, 'errors[] present');
    assert.equal(err.errors[0].code, code);
    assert.ok(err.errors[0].message, 'error has a message');
    assert.match(err.clerkTraceId ?? '', /\S/, 'clerkTraceId from the body');
    return true;
  });
}

describe('users', () => {
  let user;
  const addr = email('ada');

  it('createUser returns the user with its primary email', async () => {
    user = await clerk.users.createUser({
      emailAddress: [addr],
      firstName: 'Ada',
      lastName: 'Lovelace',
      username: `ada_${uniq()}`,
      externalId: `ext_${uniq()}`,
      password: 'correct horse battery staple 42',
      publicMetadata: { plan: 'pro', nested: { a: 1, b: 2 } },
      privateMetadata: { stripe: 'cus_1' },
    });
    assert.match(user.id, /^user_/);
    assert.equal(user.firstName, 'Ada');
    assert.equal(user.lastName, 'Lovelace');
    assert.equal(user.fullName, 'Ada Lovelace');
    assert.equal(user.primaryEmailAddress?.emailAddress, addr);
    assert.equal(user.emailAddresses.length, 1);
    assert.equal(user.emailAddresses[0].verification?.status, 'verified');
    assert.deepEqual(user.emailAddresses[0].linkedTo, []);
    assert.equal(user.passwordEnabled, true);
    assert.equal(user.banned, false);
    assert.equal(user.locked, false);
    assert.deepEqual(user.publicMetadata, { plan: 'pro', nested: { a: 1, b: 2 } });
    assert.deepEqual(user.privateMetadata, { stripe: 'cus_1' });
    assert.deepEqual(user.unsafeMetadata, {});
    assert.equal(typeof user.createdAt, 'number');
    assert.ok(user.createdAt > 1e12, 'createdAt is Unix milliseconds');
  });

  it('createUser with a taken email fails with form_identifier_exists', async () => {
    await rejectsWith(clerk.users.createUser({ emailAddress: [addr] }), 422, 'form_identifier_exists');
    await assert.rejects(clerk.users.createUser({ emailAddress: [addr] }), (err) => {
      assert.equal(err.errors[0].meta?.paramName, 'email_address');
      assert.ok(err.errors[0].longMessage, 'long_message parsed');
      return true;
    });
  });

  it('getUser returns the same user', async () => {
    const got = await clerk.users.getUser(user.id);
    assert.equal(got.id, user.id);
    assert.equal(got.primaryEmailAddressId, user.primaryEmailAddressId);
    assert.equal(got.primaryEmailAddress?.emailAddress, addr);
    assert.equal(got.username, user.username);
    assert.equal(got.externalId, user.externalId);
  });

  it('getUser of an unknown id fails with resource_not_found', async () => {
    await rejectsWith(clerk.users.getUser('user_doesnotexist'), 404, 'resource_not_found');
  });

  it('getUser of the seeded user', async () => {
    const got = await clerk.users.getUser(seedUserId);
    assert.equal(got.primaryEmailAddress?.emailAddress, seedEmail);
    assert.deepEqual(got.publicMetadata, { seeded: true });
  });

  it('getUserList filters, orders and counts', async () => {
    const tag = uniq();
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await clerk.users.createUser({ emailAddress: [`list-${tag}-${i}@example.com`], firstName: `L${i}` }));
    }
    const emails = made.map((u) => u.primaryEmailAddress.emailAddress);

    const all = await clerk.users.getUserList({ emailAddress: emails });
    assert.equal(all.totalCount, 3);
    assert.equal(all.data.length, 3);
    // Newest first by default.
    assert.deepEqual(all.data.map((u) => u.id), made.map((u) => u.id).reverse());

    const page = await clerk.users.getUserList({ emailAddress: emails, limit: 2, offset: 1, orderBy: '+created_at' });
    assert.equal(page.totalCount, 3, 'totalCount ignores limit/offset');
    assert.deepEqual(page.data.map((u) => u.id), [made[1].id, made[2].id]);

    const byQuery = await clerk.users.getUserList({ query: `list-${tag}-1` });
    assert.equal(byQuery.totalCount, 1);
    assert.equal(byQuery.data[0].id, made[1].id);

    const count = await clerk.users.getCount({ emailAddress: emails.slice(0, 2) });
    assert.equal(count, 2);

    const byId = await clerk.users.getUserList({ userId: [made[0].id, seedUserId] });
    assert.equal(byId.totalCount, 2);
    assert.deepEqual(new Set(byId.data.map((u) => u.id)), new Set([made[0].id, seedUserId]));
  });

  it('updateUser changes profile fields', async () => {
    const got = await clerk.users.updateUser(user.id, { firstName: 'Augusta' });
    assert.equal(got.firstName, 'Augusta');
    assert.equal(got.lastName, 'Lovelace');
  });

  it('updateUserMetadata deep-merges and null deletes', async () => {
    const got = await clerk.users.updateUserMetadata(user.id, {
      publicMetadata: { nested: { b: null, c: 3 }, plan: null, added: 'yes' },
      privateMetadata: { extra: true },
    });
    assert.deepEqual(got.publicMetadata, { nested: { a: 1, c: 3 }, added: 'yes' });
    assert.deepEqual(got.privateMetadata, { stripe: 'cus_1', extra: true });
    const again = await clerk.users.getUser(user.id);
    assert.deepEqual(again.publicMetadata, got.publicMetadata);
  });

  it('banUser, unbanUser, lockUser, unlockUser', async () => {
    assert.equal((await clerk.users.banUser(user.id)).banned, true);
    assert.equal((await clerk.users.getUser(user.id)).banned, true);
    assert.equal((await clerk.users.unbanUser(user.id)).banned, false);
    assert.equal((await clerk.users.lockUser(user.id)).locked, true);
    assert.equal((await clerk.users.unlockUser(user.id)).locked, false);
  });

  it('verifyPassword', async () => {
    const ok = await clerk.users.verifyPassword({ userId: user.id, password: 'correct horse battery staple 42' });
    assert.equal(ok.verified, true);
    await assert.rejects(clerk.users.verifyPassword({ userId: user.id, password: 'wrong' }), (err) => {
      assert.equal(err.status, 422);
      return true;
    });
  });

  it('replaceUserMetadata replaces the given fields only', async () => {
    const got = await clerk.users.replaceUserMetadata(user.id, { privateMetadata: { only: 'this' } });
    assert.deepEqual(got.privateMetadata, { only: 'this' });
    assert.deepEqual(got.publicMetadata, { nested: { a: 1, c: 3 }, added: 'yes' }, 'omitted field untouched');
  });

  it('MFA, profile image and password actions answer the user', async () => {
    // These three answer {user_id} (the SDK's UserID type), not a user.
    assert.deepEqual(await clerk.users.disableUserMFA(user.id), { user_id: user.id });
    assert.deepEqual(await clerk.users.deleteUserTOTP(user.id), { user_id: user.id });
    assert.deepEqual(await clerk.users.deleteUserBackupCodes(user.id), { user_id: user.id });
    const img = await clerk.users.deleteUserProfileImage(user.id);
    assert.equal(img.id, user.id);
    assert.equal(img.hasImage, false);
    const noPw = await clerk.users.removePassword(user.id);
    assert.equal(noPw.passwordEnabled, false);
  });

  it('deleteUser answers a deleted object, then the user is gone', async () => {
    const del = await clerk.users.deleteUser(user.id);
    assert.equal(del.id, user.id);
    assert.equal(del.object, 'user');
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.users.getUser(user.id), 404, 'resource_not_found');
  });
});

describe('organizations and memberships', () => {
  let owner, member, org;

  before(async () => {
    owner = await clerk.users.createUser({ emailAddress: [email('owner')], firstName: 'Olive' });
    member = await clerk.users.createUser({ emailAddress: [email('member')], firstName: 'Milo', lastName: 'M' });
  });

  it('createOrganization makes the creator an admin', async () => {
    const slug = `acme-${uniq()}`;
    org = await clerk.organizations.createOrganization({
      name: 'Acme Inc',
      slug,
      createdBy: owner.id,
      publicMetadata: { tier: 'gold' },
      maxAllowedMemberships: 10,
    });
    assert.match(org.id, /^org_/);
    assert.equal(org.name, 'Acme Inc');
    assert.equal(org.slug, slug);
    assert.equal(org.createdBy, owner.id);
    assert.equal(org.maxAllowedMemberships, 10);
    assert.deepEqual(org.publicMetadata, { tier: 'gold' });
  });

  it('createOrganization without a name fails naming the parameter', async () => {
    await assert.rejects(clerk.organizations.createOrganization({ createdBy: owner.id }), (err) => {
      assert.equal(err.status, 422);
      assert.equal(err.errors[0].code, 'form_param_missing');
      assert.equal(err.errors[0].meta?.paramName, 'name');
      return true;
    });
  });

  it('getOrganization by id and by slug, with members count', async () => {
    const byId = await clerk.organizations.getOrganization({ organizationId: org.id, includeMembersCount: true });
    assert.equal(byId.id, org.id);
    assert.equal(byId.membersCount, 1);
    const bySlug = await clerk.organizations.getOrganization({ slug: org.slug });
    assert.equal(bySlug.id, org.id);
  });

  it('getOrganizationList finds it with totalCount', async () => {
    const list = await clerk.organizations.getOrganizationList({ query: org.slug });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, org.id);
    const all = await clerk.organizations.getOrganizationList({ limit: 1 });
    assert.equal(all.data.length, 1);
    assert.ok(all.totalCount >= 1);
  });

  it('createOrganizationMembership embeds organization and public user data', async () => {
    const m = await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
      role: 'org:member',
    });
    assert.match(m.id, /^orgmem_/);
    assert.equal(m.role, 'org:member');
    assert.equal(m.organization.id, org.id);
    assert.equal(m.organization.name, 'Acme Inc');
    assert.equal(m.publicUserData?.userId, member.id);
    assert.equal(m.publicUserData?.firstName, 'Milo');
    assert.equal(m.publicUserData?.identifier, member.primaryEmailAddress.emailAddress);
  });

  it('createOrganizationMembership twice fails', async () => {
    await rejectsWith(
      clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: member.id, role: 'org:member' }),
      400,
      'already_a_member_in_organization',
    );
  });

  it('getOrganizationMembershipList lists both members', async () => {
    const list = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    assert.equal(list.totalCount, 2);
    const roles = Object.fromEntries(list.data.map((m) => [m.publicUserData.userId, m.role]));
    assert.deepEqual(roles, { [owner.id]: 'org:admin', [member.id]: 'org:member' });
    const admins = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id, role: ['org:admin'] });
    assert.equal(admins.totalCount, 1);
    assert.equal(admins.data[0].publicUserData.userId, owner.id);
  });

  it('getOrganizationMembershipList for a user across organizations', async () => {
    const list = await clerk.users.getOrganizationMembershipList({ userId: member.id });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].organization.id, org.id);
  });

  it('updateOrganizationMembership changes the role', async () => {
    const m = await clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: member.id,
      role: 'org:admin',
    });
    assert.equal(m.role, 'org:admin');
    assert.equal(m.publicUserData.userId, member.id);
  });

  it('updateOrganizationMembershipMetadata merges', async () => {
    const m = await clerk.organizations.updateOrganizationMembershipMetadata({
      organizationId: org.id,
      userId: member.id,
      publicMetadata: { team: 'red' },
    });
    assert.deepEqual(m.publicMetadata, { team: 'red' });
  });

  it('updateOrganizationMetadata merges', async () => {
    const o = await clerk.organizations.updateOrganizationMetadata(org.id, { publicMetadata: { region: 'eu' } });
    assert.deepEqual(o.publicMetadata, { tier: 'gold', region: 'eu' });
  });

  it('createOrganizationInvitation and list it', async () => {
    const addr = email('orginv');
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      inviterUserId: owner.id,
      emailAddress: addr,
      role: 'org:member',
      publicMetadata: { from: 'compat' },
    });
    assert.match(inv.id, /^orginv_/);
    assert.equal(inv.emailAddress, addr);
    assert.equal(inv.role, 'org:member');
    assert.equal(inv.organizationId, org.id);
    assert.equal(inv.status, 'pending');
    assert.deepEqual(inv.publicMetadata, { from: 'compat' });

    const list = await clerk.organizations.getOrganizationInvitationList({ organizationId: org.id, status: ['pending'] });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, inv.id);

    const got = await clerk.organizations.getOrganizationInvitation({ organizationId: org.id, invitationId: inv.id });
    assert.equal(got.emailAddress, addr);

    const revoked = await clerk.organizations.revokeOrganizationInvitation({
      organizationId: org.id,
      invitationId: inv.id,
      requestingUserId: owner.id,
    });
    assert.equal(revoked.status, 'revoked');
  });

  it('createOrganizationInvitation with an undeclared role fails', async () => {
    await assert.rejects(
      clerk.organizations.createOrganizationInvitation({
        organizationId: org.id,
        inviterUserId: owner.id,
        emailAddress: email('badrole'),
        role: 'admin',
      }),
      (err) => {
        assert.ok(err.status >= 400 && err.status < 500, `status ${err.status}`);
        return true;
      },
    );
  });

  it('bulk organization invitations and the per-user invitation list', async () => {
    const addrs = [email('bulk-a'), email('bulk-b')];
    const invs = await clerk.organizations.createOrganizationInvitationBulk(
      org.id,
      addrs.map((emailAddress) => ({ emailAddress, role: 'org:member', inviterUserId: owner.id })),
    );
    // The spec's OrganizationInvitations envelope: {data, total_count}.
    assert.equal(invs.totalCount, 2);
    assert.deepEqual(new Set(invs.data.map((i) => i.emailAddress)), new Set(addrs));
    const list = await clerk.organizations.getOrganizationInvitationList({ organizationId: org.id, status: ['pending'] });
    assert.deepEqual(new Set(list.data.map((i) => i.emailAddress)), new Set(addrs));
  });

  it('getInstanceOrganizationMembershipList and updateOrganization', async () => {
    const list = await clerk.organizations.getInstanceOrganizationMembershipList({ limit: 500 });
    assert.ok(list.data.some((m) => m.organization.id === org.id && m.publicUserData.userId === member.id));
    assert.ok(list.totalCount >= 2);
    const renamed = await clerk.organizations.updateOrganization(org.id, { name: 'Acme Renamed' });
    assert.equal(renamed.name, 'Acme Renamed');
    const listed = await clerk.organizations.getOrganizationList({ query: org.slug, includeMembersCount: true });
    assert.equal(listed.data[0].membersCount, 2);
  });

  it('deleteOrganizationMembership removes the member', async () => {
    const m = await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: member.id });
    assert.equal(m.publicUserData.userId, member.id);
    const list = await clerk.organizations.getOrganizationMembershipList({ organizationId: org.id });
    assert.equal(list.totalCount, 1);
  });

  it('deleteOrganization', async () => {
    const del = await clerk.organizations.deleteOrganization(org.id);
    assert.equal(del.id, org.id);
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.organizations.getOrganization({ organizationId: org.id }), 404, 'resource_not_found');
  });
});

describe('invitations', () => {
  it('createInvitation, getInvitationList, revokeInvitation', async () => {
    const addr = email('invite');
    const inv = await clerk.invitations.createInvitation({
      emailAddress: addr,
      publicMetadata: { source: 'compat' },
      notify: false,
    });
    assert.match(inv.id, /^inv_/);
    assert.equal(inv.emailAddress, addr);
    assert.equal(inv.status, 'pending');
    assert.deepEqual(inv.publicMetadata, { source: 'compat' });

    const list = await clerk.invitations.getInvitationList({ query: addr });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, inv.id);

    const pending = await clerk.invitations.getInvitationList({ status: 'pending', limit: 500 });
    assert.ok(pending.data.some((i) => i.id === inv.id));

    // The spec documents 400 and 422 for this call; the code is what
    // clients branch on.
    await assert.rejects(clerk.invitations.createInvitation({ emailAddress: addr }), (err) => {
      assert.ok([400, 422].includes(err.status), `status ${err.status}`);
      assert.equal(err.errors[0].code, 'duplicate_record');
      return true;
    });

    const revoked = await clerk.invitations.revokeInvitation(inv.id);
    assert.equal(revoked.id, inv.id);
    assert.equal(revoked.status, 'revoked');
    assert.equal(revoked.revoked, true);

    const after = await clerk.invitations.getInvitationList({ status: 'revoked', query: addr });
    assert.equal(after.totalCount, 1);
  });

  it('createInvitationBulk', async () => {
    const addrs = [email('ibulk-a'), email('ibulk-b')];
    const invs = await clerk.invitations.createInvitationBulk(addrs.map((emailAddress) => ({ emailAddress, notify: false })));
    assert.deepEqual(invs.map((i) => i.emailAddress), addrs);
    assert.ok(invs.every((i) => i.status === 'pending' && /^inv_/.test(i.id)));
  });
});

describe('sessions and tokens', () => {
  let user, session;

  before(async () => {
    user = await clerk.users.createUser({ emailAddress: [email('sess')] });
  });

  it('createSession', async () => {
    session = await clerk.sessions.createSession({ userId: user.id });
    assert.match(session.id, /^sess_/);
    assert.equal(session.userId, user.id);
    assert.equal(session.status, 'active');
    assert.match(session.clientId, /^client_/);
  });

  it('getSession and getSessionList with userId', async () => {
    const got = await clerk.sessions.getSession(session.id);
    assert.equal(got.userId, user.id);
    const list = await clerk.sessions.getSessionList({ userId: user.id });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, session.id);
    const seeded = await clerk.sessions.getSessionList({ userId: seedUserId, status: 'active' });
    assert.ok(seeded.data.some((s) => s.id === seedSessionId));
  });

  it('getToken mints a token verifyToken accepts', async () => {
    const { jwt } = await clerk.sessions.getToken(session.id);
    assert.match(jwt, /^ey/);
    const claims = await verifyToken(jwt, { jwtKey });
    assert.equal(claims.sub, user.id);
    assert.equal(claims.sid, session.id);
    assert.equal(claims.iss, issuer);
  });

  it('a session with an active organization mints a token with its role and permissions', async () => {
    const org = await clerk.organizations.createOrganization({ name: 'Billing Co', createdBy: seedUserId });
    await clerk.organizations.createOrganizationMembership({ organizationId: org.id, userId: user.id, role: 'org:billing' });
    const s = await clerk.sessions.createSession({ userId: user.id, activeOrganizationId: org.id });
    assert.equal(s.lastActiveOrganizationId, org.id);
    const { jwt } = await clerk.sessions.getToken(s.id, undefined, 120);
    const claims = await verifyToken(jwt, { jwtKey });
    assert.equal(claims.exp - claims.iat, 120, 'expires_in_seconds honoured');

    const publishableKey = 'pk_test_' + Buffer.from('clerk.example.com$').toString('base64');
    const state = await clerk.authenticateRequest(
      new Request('http://localhost:3000/', { headers: { Authorization: `Bearer ${jwt}` } }),
      { publishableKey, jwtKey },
    );
    assert.equal(state.isSignedIn, true, `reason: ${state.reason} ${state.message}`);
    const auth = state.toAuth();
    assert.equal(auth.orgId, org.id);
    assert.equal(auth.orgSlug, org.slug);
    assert.equal(auth.orgRole, 'org:billing');
    assert.deepEqual([...auth.orgPermissions].sort(), ['org:invoices:create', 'org:invoices:read']);
    assert.equal(auth.has({ permission: 'org:invoices:read' }), true);
    assert.equal(auth.has({ role: 'org:admin' }), false);

    const tmpl = await clerk.sessions.getToken(s.id, 'compat');
    const t = await verifyToken(tmpl.jwt, { jwtKey, audience: 'compat' });
    assert.equal(t.sub, user.id);
    assert.equal(t.email, user.primaryEmailAddress.emailAddress);
    assert.equal(t.org, org.slug);
    assert.equal(t.role, 'org:billing');
    await rejectsWith(clerk.sessions.getToken(s.id, 'no-such-template'), 404, 'resource_not_found');
  });

  it('revokeSession', async () => {
    const s = await clerk.sessions.revokeSession(session.id);
    assert.equal(s.status, 'revoked');
    await assert.rejects(clerk.sessions.getToken(session.id), (err) => {
      assert.ok(err.status >= 400 && err.status < 500, `status ${err.status}`);
      return true;
    });
  });
});

describe('verifyToken', () => {
  it('with jwtKey (PEM, networkless)', async () => {
    const claims = await verifyToken(seedToken, { jwtKey });
    assert.equal(claims.sub, seedUserId);
    assert.equal(claims.sid, seedSessionId);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.v, 2);
  });

  it('with secretKey and apiUrl (fetches GET /v1/jwks)', async () => {
    const claims = await verifyToken(seedToken, { secretKey, apiUrl });
    assert.equal(claims.sub, seedUserId);
  });

  it('rejects a tampered token', async () => {
    const [h, p, s] = seedToken.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.sub = 'user_someoneelse';
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    await assert.rejects(verifyToken(forged, { jwtKey }));
  });

  it('rejects a token with a wrong secret key for the JWKS', async () => {
    // The SDK looks for the error code clerk_key_invalid in the 401 body to
    // tell a bad key from an outage. (It retries the fetch for a few
    // seconds before it gives up.)
    await assert.rejects(verifyToken(seedToken, { secretKey: 'sk_test_wrong', apiUrl, skipJwksCache: true }), (err) => {
      assert.equal(err.reason, 'secret-key-invalid');
      return true;
    });
  });

  it('the JWKS holds the signing key', async () => {
    const res = await fetch(`${apiUrl}/v1/jwks`, { headers: { Authorization: `Bearer ${secretKey}` } });
    assert.equal(res.headers.get('content-type'), 'application/json');
    const { keys } = await res.json();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kid, kid);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].alg, 'RS256');
    assert.equal(keys[0].use, 'sig');
    assert.equal(keys[0].e, 'AQAB');
  });
});

describe('authenticateRequest', () => {
  // A publishable key is pk_test_ + base64("<frontend api host>$"); the SDK
  // only decodes it here (the token comes in the Authorization header).
  const publishableKey = 'pk_test_' + Buffer.from('clerk.example.com$').toString('base64');
  const request = (token) =>
    new Request('http://localhost:3000/api/thing', { headers: { Authorization: `Bearer ${token}` } });

  it('signs in with a fake token and decodes the v2 organization claims', async () => {
    const state = await clerk.authenticateRequest(request(orgToken), {
      publishableKey,
      jwtKey,
      authorizedParties: ['http://localhost:3000'],
    });
    assert.equal(state.isSignedIn, true, `reason: ${state.reason} ${state.message}`);
    const auth = state.toAuth();
    assert.equal(auth.userId, seedUserId);
    assert.equal(auth.sessionId, seedSessionId);
    assert.equal(auth.orgId, seedOrgId);
    assert.equal(auth.orgSlug, seedOrgSlug);
    assert.equal(auth.orgRole, 'org:admin');
    assert.deepEqual([...auth.orgPermissions].sort(), [...orgPermissions].sort());
    for (const permission of orgPermissions) {
      assert.equal(auth.has({ permission }), true, permission);
    }
    assert.equal(auth.has({ permission: 'org:invoices:delete' }), false);
    assert.equal(auth.has({ role: 'org:admin' }), true);
  });

  it('fetches the JWKS when given only the secret key', async () => {
    const state = await clerk.authenticateRequest(request(seedToken), { publishableKey, secretKey, apiUrl });
    assert.equal(state.isSignedIn, true, `reason: ${state.reason} ${state.message}`);
    assert.equal(state.toAuth().userId, seedUserId);
    assert.equal(state.toAuth().orgId ?? null, null);
  });

  it('signs out a token for another authorized party', async () => {
    const state = await clerk.authenticateRequest(request(orgToken), {
      publishableKey,
      jwtKey,
      authorizedParties: ['https://app.example.com'],
    });
    assert.equal(state.isSignedIn, false);
  });
});

describe('allowlist and blocklist', () => {
  it('allowlist identifiers: create, list, delete', async () => {
    const identifier = email('allow');
    const a = await clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier, notify: false });
    assert.match(a.id, /^alid_/);
    assert.equal(a.identifier, identifier);
    assert.equal(a.identifierType, 'email_address');

    const list = await clerk.allowlistIdentifiers.getAllowlistIdentifierList({ limit: 500 });
    assert.ok(list.data.some((x) => x.id === a.id));
    assert.equal(typeof list.totalCount, 'number');

    const del = await clerk.allowlistIdentifiers.deleteAllowlistIdentifier(a.id);
    assert.equal(del.id, a.id);
    assert.equal(del.deleted, true);
    const after = await clerk.allowlistIdentifiers.getAllowlistIdentifierList({ limit: 500 });
    assert.ok(!after.data.some((x) => x.id === a.id));
  });

  it('blocklist identifiers: create, list, delete', async () => {
    const identifier = email('block');
    const b = await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier });
    assert.match(b.id, /^blid_/);
    assert.equal(b.identifier, identifier);
    assert.equal(b.identifierType, 'email_address');

    const list = await clerk.blocklistIdentifiers.getBlocklistIdentifierList();
    assert.ok(list.data.some((x) => x.id === b.id));
    assert.equal(typeof list.totalCount, 'number');

    const del = await clerk.blocklistIdentifiers.deleteBlocklistIdentifier(b.id);
    assert.equal(del.deleted, true);
  });
});

describe('errors', () => {
  it('a 429 carries retryAfter from Retry-After and a parsed error', async () => {
    await assert.rejects(clerk.users.getUser('user_ratelimited'), (err) => {
      assert.equal(err.status, 429);
      assert.equal(err.retryAfter, 7);
      assert.equal(err.errors[0].code, 'too_many_requests');
      assert.match(err.clerkTraceId ?? '', /\S/);
      return true;
    });
  });

  it('a proxy error with an HTML body is still a ClerkAPIResponseError', async () => {
    await assert.rejects(clerk.users.getUser('user_badgateway'), (err) => {
      assert.equal(err.status, 502);
      assert.ok(Array.isArray(err.errors));
      return true;
    });
  });

  it('a wrong secret key answers 401 with a parsed error', async () => {
    const bad = createClerkClient({ secretKey: 'sk_test_wrong', apiUrl, apiVersion: 'v1' });
    await rejectsWith(bad.users.getUser(seedUserId), 401, 'clerk_key_invalid');
  });
});
