// Runs the official JavaScript backend SDK's machine APIs (machines, m2m,
// apiKeys, idPOAuthAccessToken) against a running clerktest fake. See
// compat.test.mjs for the environment (.ci/compat sets it up).
//
// Each block makes its own machines and keys and asserts only on those.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createClerkClient } from '@clerk/backend';

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
const seedUserId = env('SEED_USER_ID');
const seedOrgId = env('SEED_ORG_ID');

const clerk = createClerkClient({ secretKey, apiUrl, apiVersion: 'v1', jwtKey });
const uniq = () => randomUUID().slice(0, 8);
const hex32 = (prefix) => new RegExp(`^${prefix}_[0-9a-f]{32}$`);

async function rejectsStatus(p, status) {
  await assert.rejects(p, (err) => {
    assert.equal(err.status, status, `status of ${err}`);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0, 'errors[] present');
    assert.ok(err.errors[0].code, 'error has a code');
    return true;
  });
}

describe('machines', () => {
  let ledger;
  let invoicer;

  before(async () => {
    ledger = await clerk.machines.create({ name: `ledger-${uniq()}` });
    invoicer = await clerk.machines.create({ name: `invoicer-${uniq()}`, scopedMachines: [ledger.id], defaultTokenTtl: 600 });
  });

  it('create returns the machine with its secret key and scoped machines', () => {
    assert.match(ledger.id, /^mch_/);
    assert.match(invoicer.secretKey, hex32('ak'));
    assert.equal(invoicer.defaultTokenTtl, 600);
    assert.deepEqual(invoicer.scopedMachines.map((m) => m.id), [ledger.id]);
    assert.equal(typeof invoicer.createdAt, 'number');
  });

  it('get, list and update', async () => {
    const got = await clerk.machines.get(invoicer.id);
    assert.equal(got.name, invoicer.name);
    assert.equal(got.secretKey, undefined);
    const { data, totalCount } = await clerk.machines.list({ query: invoicer.name });
    assert.equal(totalCount, 1);
    assert.equal(data[0].id, invoicer.id);
    const upd = await clerk.machines.update({ machineId: invoicer.id, defaultTokenTtl: 120 });
    assert.equal(upd.defaultTokenTtl, 120);
  });

  it('scopes are created and deleted', async () => {
    const audit = await clerk.machines.create({ name: `audit-${uniq()}` });
    const scope = await clerk.machines.createScope(invoicer.id, audit.id);
    assert.equal(scope.fromMachineId, invoicer.id);
    assert.equal(scope.toMachineId, audit.id);
    const del = await clerk.machines.deleteScope(invoicer.id, audit.id);
    assert.equal(del.deleted, true);
    await rejectsStatus(clerk.machines.deleteScope(invoicer.id, audit.id), 404);
    const gone = await clerk.machines.delete(audit.id);
    assert.equal(gone.deleted, true);
    await rejectsStatus(clerk.machines.get(audit.id), 404);
  });

  it('secret key is read and rotated', async () => {
    const m = await clerk.machines.create({ name: `rot-${uniq()}` });
    const { secret } = await clerk.machines.getSecretKey(m.id);
    assert.equal(secret, m.secretKey);
    const rotated = await clerk.machines.rotateSecretKey({ machineId: m.id, previousTokenTtl: 0 });
    assert.notEqual(rotated.secret, m.secretKey);
    await rejectsStatus(clerk.m2m.createToken({ machineSecretKey: m.secretKey }), 401);
    const tok = await clerk.m2m.createToken({ machineSecretKey: rotated.secret });
    assert.equal(tok.subject, m.id);
  });

  it('m2m: opaque token created by the machine, verified by its target, revoked', async () => {
    const tok = await clerk.m2m.createToken({ machineSecretKey: invoicer.secretKey, secondsUntilExpiration: 300, claims: { tier: 'gold' } });
    assert.match(tok.token, hex32('mt'));
    assert.match(tok.id, hex32('mt'));
    assert.equal(tok.subject, invoicer.id);
    assert.deepEqual(tok.scopes, [ledger.id]);
    assert.equal(tok.expiration - tok.createdAt, 300_000);

    const seen = await clerk.m2m.verify({ token: tok.token, machineSecretKey: ledger.secretKey });
    assert.equal(seen.id, tok.id);
    assert.deepEqual(seen.claims, { tier: 'gold' });
    assert.equal(seen.token, undefined);

    const { data, totalCount } = await clerk.m2m.list({ subject: invoicer.id });
    assert.ok(totalCount >= 1);
    assert.ok(data.some((t) => t.id === tok.id));

    const reused = await clerk.m2m.createToken({ machineSecretKey: invoicer.secretKey, minRemainingTtlSeconds: 60, claims: { tier: 'gold' } });
    assert.equal(reused.id, tok.id, 'min_remaining_ttl_seconds hands back the live token');

    const rev = await clerk.m2m.revokeToken({ m2mTokenId: tok.id, revocationReason: 'done' });
    assert.equal(rev.revoked, true);
    assert.equal(rev.revocationReason, 'done');
    await rejectsStatus(clerk.m2m.verify({ token: tok.token }), 404);
  });

  it('m2m: the instance key cannot create tokens', async () => {
    await rejectsStatus(clerk.m2m.createToken(), 401);
  });

  it('m2m: a JWT token verifies locally with the instance key', async () => {
    const tok = await clerk.m2m.createToken({ machineSecretKey: invoicer.secretKey, tokenFormat: 'jwt', claims: { tier: 'gold' } });
    assert.equal(tok.token.split('.').length, 3);
    const seen = await clerk.m2m.verify({ token: tok.token });
    assert.equal(seen.id, tok.id);
    assert.equal(seen.subject, invoicer.id);
    assert.deepEqual(seen.scopes, [ledger.id]);
    // (This SDK version keeps the reserved "scopes" claim among the custom
    // claims; later versions drop it.)
    assert.equal(seen.claims.tier, 'gold');
    assert.equal(seen.expired, false);
  });
});

describe('apiKeys', () => {
  it('create, verify, list, update, revoke, delete', async () => {
    const name = `ci-${uniq()}`;
    const key = await clerk.apiKeys.create({ name, subject: seedUserId, scopes: ['read'], claims: { env: 'ci' }, secondsUntilExpiration: 3600 });
    assert.match(key.id, hex32('ak'));
    assert.match(key.secret, hex32('ak'));
    assert.equal(key.type, 'api_key');
    assert.equal(key.expiration - key.createdAt, 3_600_000);

    const seen = await clerk.apiKeys.verify(key.secret);
    assert.equal(seen.id, key.id);
    assert.equal(seen.subject, seedUserId);
    assert.deepEqual(seen.claims, { env: 'ci' });
    assert.equal(typeof seen.lastUsedAt, 'number');

    const got = await clerk.apiKeys.get(key.id);
    assert.equal(got.secret, undefined);
    const { secret } = await clerk.apiKeys.getSecret(key.id);
    assert.equal(secret, key.secret);

    const { data } = await clerk.apiKeys.list({ subject: seedUserId });
    assert.ok(data.some((k) => k.id === key.id));

    const upd = await clerk.apiKeys.update({ apiKeyId: key.id, subject: seedOrgId, description: 'moved' });
    assert.equal(upd.subject, seedOrgId);
    assert.equal(upd.description, 'moved');

    const rev = await clerk.apiKeys.revoke({ apiKeyId: key.id, revocationReason: 'leaked' });
    assert.equal(rev.revoked, true);
    await rejectsStatus(clerk.apiKeys.verify(key.secret), 404);
    const valid = await clerk.apiKeys.list({ subject: seedOrgId });
    assert.ok(!valid.data.some((k) => k.id === key.id), 'revoked keys are hidden by default');
    const all = await clerk.apiKeys.list({ subject: seedOrgId, includeInvalid: true });
    assert.ok(all.data.some((k) => k.id === key.id));

    const del = await clerk.apiKeys.delete(key.id);
    assert.equal(del.deleted, true);
    await rejectsStatus(clerk.apiKeys.get(key.id), 404);
  });
});

describe('idPOAuthAccessToken', () => {
  it('an unknown token is a 404', async () => {
    await rejectsStatus(clerk.idPOAuthAccessToken.verify('oat_00000000000000000000000000000000'), 404);
  });
});
