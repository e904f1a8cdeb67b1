// The official JavaScript backend SDK against the fake's identity and token
// routes: email addresses, phone numbers, clients, sign-in, actor and
// testing tokens, agent tasks. Same environment as compat.test.mjs (see
// there and .ci/compat); each block makes its own users.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createClerkClient } from '@clerk/backend';

function env(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: start the fake with clerktest/compat/cmd/fakeserver (see .ci/compat)`);
  }
  return v;
}

const clerk = createClerkClient({ secretKey: env('CLERK_SECRET_KEY'), apiUrl: env('CLERK_API_URL'), apiVersion: 'v1' });
const seedToken = env('TOKEN');
const seedSessionId = env('SEED_SESSION_ID');

const uniq = () => randomUUID().slice(0, 8);
const email = (tag) => `${tag}-${uniq()}@example.com`;
const phone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function rejectsWith(p, status, code) {
  await assert.rejects(p, (err) => {
    assert.equal(err.status, status, `status of ${err}`);
    assert.equal(err.errors?.[0]?.code, code);
    return true;
  });
}

describe('email addresses', () => {
  let user;
  before(async () => {
    user = await clerk.users.createUser({ emailAddress: [email('ident')] });
  });

  it('create, read, update and delete an address; the user shows it', async () => {
    const addr = email('second');
    const created = await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: addr, verified: true });
    assert.match(created.id, /^idn_/);
    assert.equal(created.emailAddress, addr);
    assert.equal(created.verification?.status, 'verified');

    let u = await clerk.users.getUser(user.id);
    assert.ok(u.emailAddresses.some((e) => e.id === created.id));

    const got = await clerk.emailAddresses.getEmailAddress(created.id);
    assert.equal(got.emailAddress, addr);

    await clerk.emailAddresses.updateEmailAddress(created.id, { primary: true });
    u = await clerk.users.getUser(user.id);
    assert.equal(u.primaryEmailAddressId, created.id);

    const del = await clerk.emailAddresses.deleteEmailAddress(created.id);
    assert.equal(del.id, created.id);
    assert.equal(del.deleted, true);
    u = await clerk.users.getUser(user.id);
    assert.ok(!u.emailAddresses.some((e) => e.id === created.id));
    await rejectsWith(clerk.emailAddresses.getEmailAddress(created.id), 404, 'resource_not_found');
  });
});

describe('phone numbers', () => {
  it('create verified, reserve for MFA, delete', async () => {
    const user = await clerk.users.createUser({ emailAddress: [email('phone')] });
    const num = phone();
    const p = await clerk.phoneNumbers.createPhoneNumber({ userId: user.id, phoneNumber: num, verified: true });
    assert.equal(p.phoneNumber, num);
    const upd = await clerk.phoneNumbers.updatePhoneNumber(p.id, { reservedForSecondFactor: true });
    assert.equal(upd.reservedForSecondFactor, true);
    assert.equal(upd.defaultSecondFactor, true);
    const u = await clerk.users.getUser(user.id);
    assert.equal(u.primaryPhoneNumberId, p.id);
    await clerk.phoneNumbers.deletePhoneNumber(p.id);
    await rejectsWith(clerk.phoneNumbers.getPhoneNumber(p.id), 404, 'resource_not_found');
  });
});

describe('clients', () => {
  it('getClient and verifyClient find the seeded session', async () => {
    const session = await clerk.sessions.getSession(seedSessionId);
    const client = await clerk.clients.getClient(session.clientId);
    assert.equal(client.id, session.clientId);
    assert.ok(client.sessionIds.includes(seedSessionId));
    const verified = await clerk.clients.verifyClient(seedToken);
    assert.equal(verified.id, session.clientId);
  });
});

describe('tokens', () => {
  let user;
  before(async () => {
    user = await clerk.users.createUser({ emailAddress: [email('tok')] });
  });

  it('sign-in tokens: create, revoke, refuse a second revoke', async () => {
    const t = await clerk.signInTokens.createSignInToken({ userId: user.id, expiresInSeconds: 600 });
    assert.equal(t.status, 'pending');
    assert.ok(t.token);
    const r = await clerk.signInTokens.revokeSignInToken(t.id);
    assert.equal(r.status, 'revoked');
    await rejectsWith(clerk.signInTokens.revokeSignInToken(t.id), 400, 'sign_in_token_cannot_be_revoked');
  });

  it('actor tokens: create and revoke', async () => {
    const t = await clerk.actorTokens.create({ userId: user.id, actor: { sub: 'user_support' }, expiresInSeconds: 60 });
    assert.equal(t.status, 'pending');
    assert.equal(t.actor?.sub, 'user_support');
    const r = await clerk.actorTokens.revoke(t.id);
    assert.equal(r.status, 'revoked');
    await rejectsWith(clerk.actorTokens.revoke(t.id), 400, 'actor_token_cannot_be_revoked');
  });

  it('testing tokens', async () => {
    const t = await clerk.testingTokens.createTestingToken();
    assert.ok(t.token);
  });

  it('agent tasks: create for a user id, revoke', async () => {
    const task = await clerk.agentTasks.create({
      onBehalfOf: { userId: user.id },
      permissions: '*',
      agentName: 'compat-bot',
      taskDescription: 'compat',
      redirectUrl: 'http://localhost:3000/done',
    });
    assert.ok(task.agentTaskId);
    assert.ok(task.url);
    const r = await clerk.agentTasks.revoke(task.agentTaskId);
    assert.equal(r.agentTaskId, task.agentTaskId);
  });
});
