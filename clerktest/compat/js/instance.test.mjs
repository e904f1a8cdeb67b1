// The official JavaScript backend SDK against clerktest's instance
// settings, domains, proxy checks, redirect URLs, JWT templates and
// waitlist (see compat.test.mjs for the environment and how to run it).
// The tests share one fake with compat.test.mjs, so each block asserts
// only on what it made, or on settings it sets itself.

import { describe, it } from 'node:test';
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
const seedSessionId = env('SEED_SESSION_ID');
const seedUserId = env('SEED_USER_ID');
const uniq = () => randomUUID().slice(0, 8);

async function rejectsWith(p, status) {
  await assert.rejects(p, (err) => {
    assert.equal(err.status, status, `status of ${err}`);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0, 'errors[] present');
    return true;
  });
}

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

describe('instance settings', () => {
  it('update answers 204 and get shows the allowed origins', async () => {
    const origin = `chrome-extension://${uniq()}`;
    const res = await clerk.instance.update({ allowedOrigins: [origin], hibp: true });
    assert.equal(res, undefined);
    const inst = await clerk.instance.get();
    assert.match(inst.id, /\S/);
    assert.deepEqual(inst.allowedOrigins, [origin]);
  });

  it('updateRestrictions returns the restrictions', async () => {
    const r = await clerk.instance.updateRestrictions({ blockEmailSubaddresses: true });
    assert.equal(r.blockEmailSubaddresses, true);
  });

  it('organization settings round-trip', async () => {
    const s = await clerk.instance.updateOrganizationSettings({ maxAllowedMemberships: 7, domainsEnabled: true });
    assert.equal(s.maxAllowedMemberships, 7);
    const got = await clerk.instance.getOrganizationSettings();
    assert.equal(got.maxAllowedMemberships, 7);
    assert.equal(got.domainsEnabled, true);
  });
});

describe('domains and proxy checks', () => {
  it('add, list, update, verify and delete a satellite domain', async () => {
    const name = `sat-${uniq()}.example.com`;
    const d = await clerk.domains.add({ name, is_satellite: true });
    assert.equal(d.name, name);
    assert.equal(d.isSatellite, true);
    const list = await clerk.domains.list();
    assert.ok(list.data.some((x) => x.id === d.id));
    assert.equal(list.totalCount, list.data.length);
    const proxy = `https://${name}/__clerk`;
    const upd = await clerk.domains.update({ domainId: d.id, proxy_url: proxy });
    assert.equal(upd.proxyUrl, proxy);
    const check = await clerk.proxyChecks.verify({ domain_id: d.id, proxy_url: proxy });
    assert.equal(check.successful, true);
    assert.equal(check.domainId, d.id);
    const del = await clerk.domains.delete(d.id);
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.domains.delete(d.id), 404);
  });
});

describe('redirect URLs', () => {
  it('create, get, list and delete', async () => {
    const url = `my-app-${uniq()}://callback`;
    const r = await clerk.redirectUrls.createRedirectUrl({ url });
    assert.equal(r.url, url);
    const got = await clerk.redirectUrls.getRedirectUrl(r.id);
    assert.equal(got.url, url);
    const list = await clerk.redirectUrls.getRedirectUrlList();
    assert.ok(list.data.some((x) => x.id === r.id));
    await clerk.redirectUrls.deleteRedirectUrl(r.id);
    await rejectsWith(clerk.redirectUrls.getRedirectUrl(r.id), 404);
  });
});

describe('JWT templates', () => {
  it('a created template mints tokens with its claims', async () => {
    const name = `tmpl-${uniq()}`;
    const t = await clerk.jwtTemplates.create({ name, claims: { uid: '{{user.id}}', tier: 'gold' }, lifetime: 120 });
    assert.equal(t.name, name);
    const list = await clerk.jwtTemplates.list();
    assert.ok(list.data.some((x) => x.id === t.id));
    const tok = await clerk.sessions.getToken(seedSessionId, name);
    const claims = claimsOf(tok.jwt);
    assert.equal(claims.uid, seedUserId);
    assert.equal(claims.tier, 'gold');
    await clerk.jwtTemplates.update({ templateId: t.id, name, claims: { tier: 'platinum' } });
    assert.equal(claimsOf((await clerk.sessions.getToken(seedSessionId, name)).jwt).tier, 'platinum');
    await clerk.jwtTemplates.delete(t.id);
    await rejectsWith(clerk.sessions.getToken(seedSessionId, name), 404);
  });
});

describe('waitlist', () => {
  it('create, bulk create, list, invite and reject', async () => {
    const addr = `wait-${uniq()}@example.com`;
    const e = await clerk.waitlistEntries.create({ emailAddress: addr, notify: false });
    assert.equal(e.emailAddress, addr);
    assert.equal(e.status, 'pending');
    const again = await clerk.waitlistEntries.create({ emailAddress: addr });
    assert.equal(again.id, e.id, 'an address on the waitlist answers its entry');
    const bulk = await clerk.waitlistEntries.createBulk([
      { emailAddress: `wait-${uniq()}@example.com` },
      { emailAddress: `wait-${uniq()}@example.com` },
    ]);
    assert.equal(bulk.length, 2);
    const list = await clerk.waitlistEntries.list({ query: addr });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, e.id);
    const invited = await clerk.waitlistEntries.invite(e.id);
    assert.equal(invited.status, 'invited');
    assert.equal(invited.invitation?.emailAddress, addr);
    const invitations = await clerk.invitations.getInvitationList({ query: addr });
    assert.ok(invitations.data.some((i) => i.id === invited.invitation.id));
    const rejected = await clerk.waitlistEntries.reject(bulk[0].id);
    assert.equal(rejected.status, 'rejected');
    const del = await clerk.waitlistEntries.delete(bulk[1].id);
    assert.equal(del.deleted, true);
  });
});
