// The official JavaScript backend SDK against clerktest's B2B operations:
// organization domains and logos, organization roles, permissions and role
// sets, enterprise connections, OAuth applications, and billing (see
// compat.test.mjs for the environment and how to run it). The tests share
// one fake with the other files, so each block asserts only on what it
// made, or on what the fake seeds (cmd/fakeserver: SEED_ORG_ITEM_ID,
// SEED_TRIAL_ITEM_ID and the billing plans "free_user", "pro" and "team").
//
// Besides decoding, these tests pin what the SDK sends: shallow
// snake_case bodies (roleKeys -> role_keys, with the keys of
// reassignmentMappings left alone), deep snake_case for enterprise
// connections (saml.loginHint -> saml.login_hint), a multipart logo, a
// Date serialized as RFC 3339 (extendTo), boolean query parameters
// (endNow), and no paginated parameter on lists that answer envelopes.
//
// What @clerk/backend 3.25.0 exposes for these tags, and what it does not
// (so what this file can and cannot cover):
//
//   Organization domains: organizations.createOrganizationDomain,
//     getOrganizationDomainList, updateOrganizationDomain,
//     deleteOrganizationDomain (all tested). Not exposed: verifying a
//     domain's ownership (POST .../domains/{id}/verify_ownership) and the
//     instance-wide list (GET /organization_domains). The SDK has no
//     OrganizationDomain class: it hands back the wire JSON (snake_case).
//   Organization logo: organizations.updateOrganizationLogo (multipart PUT)
//     and deleteOrganizationLogo (both tested).
//   Organization roles: organizationRoles.getOrganizationRoleList,
//     getOrganizationRole, createOrganizationRole, updateOrganizationRole,
//     deleteOrganizationRole, assignPermissionToOrganizationRole,
//     removePermissionFromOrganizationRole (all tested).
//   Organization permissions: organizationPermissions.getOrganizationPermissionList,
//     getOrganizationPermission, createOrganizationPermission,
//     updateOrganizationPermission, deleteOrganizationPermission (all tested).
//   Role sets: roleSets.getRoleSetList, getRoleSet, createRoleSet,
//     updateRoleSet, addRolesToRoleSet, replaceRoleInRoleSet, replaceRoleSet
//     (all tested).
//   Enterprise connections: enterpriseConnections.createEnterpriseConnection,
//     getEnterpriseConnection, getEnterpriseConnectionList,
//     updateEnterpriseConnection, deleteEnterpriseConnection (all tested).
//     Not exposed: test runs. The SDK drops false query values, so the
//     list's active: false filter never reaches the API. The deprecated
//     samlConnections.* call /saml_connections, deprecated in the
//     2026-05-12 spec, which neither clerkgo nor clerktest models (the fake
//     answers 501 clerktest_not_implemented): not tested.
//   SCIM directories (/directories, group role mappings, API key
//     rotation): not exposed at all.
//   OAuth applications: oauthApplications.list, get, create, update,
//     delete, rotateSecret, revokeToken (all tested). Not exposed: the logo
//     upload.
//   Billing: billing.getPlanList, cancelSubscriptionItem,
//     extendSubscriptionItemFreeTrial, getOrganizationBillingSubscription,
//     getUserBillingSubscription (all tested). Not exposed: prices (list,
//     create), the subscription item list, price transitions, discounts,
//     statements and payment attempts, and credits.

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
const seedUserId = env('SEED_USER_ID');
const seedOrgId = env('SEED_ORG_ID');
const seedOrgItemId = env('SEED_ORG_ITEM_ID');
const seedTrialItemId = env('SEED_TRIAL_ITEM_ID');
const uniq = () => randomUUID().slice(0, 8);
const DAY = 24 * 60 * 60 * 1000;

async function rejectsWith(p, status, code) {
  await assert.rejects(p, (err) => {
    assert.equal(err.status, status, `status of ${err}`);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0, 'errors[] present');
    if (code) {
      assert.equal(err.errors[0].code, code);
    }
    return true;
  });
}

async function newOrg(tag) {
  return clerk.organizations.createOrganization({ name: `${tag} ${uniq()}`, createdBy: seedUserId });
}

// A 1x1 transparent PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('organization domains', () => {
  it('create, list, update and delete', async () => {
    const org = await newOrg('Domains');
    const name = `d-${uniq()}.example.com`;
    const d = await clerk.organizations.createOrganizationDomain({
      organizationId: org.id,
      name,
      enrollmentMode: 'automatic_invitation',
    });
    assert.equal(d.object, 'organization_domain');
    assert.match(d.id, /\S/);
    assert.equal(d.name, name);
    assert.equal(d.organization_id, org.id);
    assert.equal(d.enrollment_mode, 'automatic_invitation');
    assert.equal(d.verification?.status, 'verified', 'the SDK sends verified: true by default');
    assert.ok(d.created_at > 1e12, 'created_at is Unix milliseconds');

    const unverified = await clerk.organizations.createOrganizationDomain({
      organizationId: org.id,
      name: `u-${uniq()}.example.com`,
      enrollmentMode: 'manual_invitation',
      verified: false,
    });
    assert.notEqual(unverified.verification?.status, 'verified');

    const list = await clerk.organizations.getOrganizationDomainList({ organizationId: org.id, limit: 10 });
    assert.equal(list.totalCount, 2);
    assert.deepEqual(list.data.map((x) => x.id).sort(), [d.id, unverified.id].sort());
    const page = await clerk.organizations.getOrganizationDomainList({ organizationId: org.id, limit: 1, offset: 1 });
    assert.equal(page.totalCount, 2);
    assert.equal(page.data.length, 1);

    const upd = await clerk.organizations.updateOrganizationDomain({
      organizationId: org.id,
      domainId: d.id,
      enrollmentMode: 'automatic_suggestion',
    });
    assert.equal(upd.id, d.id);
    assert.equal(upd.enrollment_mode, 'automatic_suggestion');

    const del = await clerk.organizations.deleteOrganizationDomain({ organizationId: org.id, domainId: d.id });
    assert.equal(del.deleted, true);
    assert.equal(del.id, d.id);
    const after = await clerk.organizations.getOrganizationDomainList({ organizationId: org.id });
    assert.deepEqual(after.data.map((x) => x.id), [unverified.id]);
    await rejectsWith(clerk.organizations.deleteOrganizationDomain({ organizationId: org.id, domainId: d.id }), 404);
  });

  it('a taken domain name and an unknown organization are rejected', async () => {
    const org = await newOrg('Domains');
    const name = `t-${uniq()}.example.com`;
    await clerk.organizations.createOrganizationDomain({ organizationId: org.id, name, enrollmentMode: 'manual_invitation' });
    await rejectsWith(
      clerk.organizations.createOrganizationDomain({ organizationId: org.id, name, enrollmentMode: 'manual_invitation' }),
      422,
    );
    await rejectsWith(clerk.organizations.getOrganizationDomainList({ organizationId: 'org_missing' }), 404);
  });
});

describe('organization logo', () => {
  it('upload then delete', async () => {
    const org = await newOrg('Logo');
    const file = new Blob([png], { type: 'image/png' });
    const up = await clerk.organizations.updateOrganizationLogo(org.id, { file, uploaderUserId: seedUserId });
    assert.equal(up.id, org.id);
    assert.equal(up.hasImage, true);
    assert.match(up.imageUrl, /^https?:\/\//);
    const got = await clerk.organizations.getOrganization({ organizationId: org.id });
    assert.equal(got.hasImage, true);
    const del = await clerk.organizations.deleteOrganizationLogo(org.id);
    assert.equal(del.id, org.id);
    assert.equal(del.hasImage, false);
  });

  it('an empty file and an unknown organization are rejected', async () => {
    const org = await newOrg('Logo');
    const empty = new Blob([], { type: 'image/png' });
    await rejectsWith(clerk.organizations.updateOrganizationLogo(org.id, { file: empty }), 422, 'form_param_value_invalid');
    const file = new Blob([png], { type: 'image/png' });
    await rejectsWith(clerk.organizations.updateOrganizationLogo('org_missing', { file }), 404);
  });
});

describe('organization permissions', () => {
  it('create, get, list, update and delete', async () => {
    const key = `org:p${uniq()}:read`;
    const p = await clerk.organizationPermissions.createOrganizationPermission({
      name: 'Read things',
      key,
      description: 'reads',
    });
    assert.match(p.id, /\S/);
    assert.equal(p.key, key);
    assert.equal(p.name, 'Read things');
    assert.equal(p.description, 'reads');
    assert.ok(p.createdAt > 1e12);
    const got = await clerk.organizationPermissions.getOrganizationPermission(p.id);
    assert.equal(got.key, key);
    const list = await clerk.organizationPermissions.getOrganizationPermissionList({ query: key });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, p.id);
    const upd = await clerk.organizationPermissions.updateOrganizationPermission({ permissionId: p.id, name: 'Read all' });
    assert.equal(upd.name, 'Read all');
    assert.equal(upd.key, key);
    const del = await clerk.organizationPermissions.deleteOrganizationPermission(p.id);
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.organizationPermissions.getOrganizationPermission(p.id), 404);
  });

  it('a malformed key is rejected', async () => {
    await rejectsWith(
      clerk.organizationPermissions.createOrganizationPermission({ name: 'Bad', key: `bad-${uniq()}` }),
      422,
    );
  });
});

describe('organization roles', () => {
  it('create, get, list, update, assign and remove a permission, delete', async () => {
    const feature = `f${uniq()}`;
    const perm = await clerk.organizationPermissions.createOrganizationPermission({
      name: 'Write',
      key: `org:${feature}:write`,
    });
    const key = `org:r${uniq()}`;
    const role = await clerk.organizationRoles.createOrganizationRole({
      name: 'Editor',
      key,
      description: 'edits',
      permissions: [],
    });
    assert.match(role.id, /\S/);
    assert.equal(role.key, key);
    assert.equal(role.name, 'Editor');
    assert.equal(role.description, 'edits');
    assert.deepEqual(role.permissions, []);

    const got = await clerk.organizationRoles.getOrganizationRole(role.id);
    assert.equal(got.key, key);
    const list = await clerk.organizationRoles.getOrganizationRoleList({ query: key });
    assert.ok(list.data.some((r) => r.id === role.id));
    assert.ok(list.totalCount >= 1);

    const withPerm = await clerk.organizationRoles.assignPermissionToOrganizationRole({
      organizationRoleId: role.id,
      permissionId: perm.id,
    });
    assert.deepEqual(
      withPerm.permissions.map((p) => p.key),
      [perm.key],
    );
    const without = await clerk.organizationRoles.removePermissionFromOrganizationRole({
      organizationRoleId: role.id,
      permissionId: perm.id,
    });
    assert.deepEqual(without.permissions, []);

    const upd = await clerk.organizationRoles.updateOrganizationRole({
      organizationRoleId: role.id,
      name: 'Chief editor',
      permissions: [perm.key],
    });
    assert.equal(upd.name, 'Chief editor');
    assert.deepEqual(
      upd.permissions.map((p) => p.id),
      [perm.id],
    );

    const del = await clerk.organizationRoles.deleteOrganizationRole(role.id);
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.organizationRoles.getOrganizationRole(role.id), 404);
    await clerk.organizationPermissions.deleteOrganizationPermission(perm.id);
  });

  it('includeInInitialRoleSet puts the role into the initial role set', async () => {
    const role = await clerk.organizationRoles.createOrganizationRole({
      name: 'Initial',
      key: `org:i${uniq()}`,
      includeInInitialRoleSet: true,
    });
    const sets = await clerk.roleSets.getRoleSetList({ limit: 100 });
    const initial = sets.data.find((s) => s.type === 'initial');
    assert.ok(initial, `an initial role set in ${sets.data.map((s) => s.key)}`);
    assert.ok(initial.roles.some((r) => r.key === role.key), 'the role is in the initial set');
    const ordered = await clerk.organizationRoles.getOrganizationRoleList({ orderBy: '+key', limit: 100 });
    const keys = ordered.data.map((r) => r.key);
    assert.deepEqual(keys, [...keys].sort());
  });

  it('the built-in roles are listed', async () => {
    const list = await clerk.organizationRoles.getOrganizationRoleList({ limit: 100 });
    const keys = list.data.map((r) => r.key);
    assert.ok(keys.includes('org:admin'), `org:admin in ${keys}`);
    assert.ok(keys.includes('org:member'), `org:member in ${keys}`);
  });
});

describe('role sets', () => {
  it('create, get, list, update, add and replace roles, replace the set', async () => {
    const mk = (tag) =>
      clerk.organizationRoles.createOrganizationRole({ name: tag, key: `org:${tag}${uniq()}`, permissions: [] });
    const [a, b, c] = await Promise.all([mk('a'), mk('b'), mk('c')]);
    const key = `rs_${uniq()}`;
    const set = await clerk.roleSets.createRoleSet({
      name: 'Set one',
      key,
      description: 'first',
      defaultRoleKey: a.key,
      creatorRoleKey: a.key,
      roles: [a.key],
    });
    assert.match(set.id, /\S/);
    assert.equal(set.key, key);
    assert.equal(set.name, 'Set one');
    assert.equal(set.defaultRole?.key, a.key);
    assert.equal(set.creatorRole?.key, a.key);
    assert.deepEqual(
      set.roles.map((r) => r.key),
      [a.key],
    );

    const byKey = await clerk.roleSets.getRoleSet(key);
    assert.equal(byKey.id, set.id);
    const byId = await clerk.roleSets.getRoleSet(set.id);
    assert.equal(byId.key, key);
    const list = await clerk.roleSets.getRoleSetList({ query: key });
    assert.ok(list.data.some((s) => s.id === set.id));

    const upd = await clerk.roleSets.updateRoleSet({ roleSetKeyOrId: set.id, name: 'Set one renamed' });
    assert.equal(upd.name, 'Set one renamed');

    const added = await clerk.roleSets.addRolesToRoleSet({ roleSetKeyOrId: key, roleKeys: [b.key, c.key] });
    assert.deepEqual(added.roles.map((r) => r.key).sort(), [a.key, b.key, c.key].sort());

    const replaced = await clerk.roleSets.replaceRoleInRoleSet({ roleSetKeyOrId: key, roleKey: c.key, toRoleKey: b.key });
    assert.deepEqual(replaced.roles.map((r) => r.key).sort(), [a.key, b.key].sort());

    const other = await clerk.roleSets.createRoleSet({
      name: 'Set two',
      key: `rs_${uniq()}`,
      defaultRoleKey: a.key,
      creatorRoleKey: a.key,
      roles: [a.key, b.key],
    });
    assert.equal(other.type, 'custom');
    const gone = await clerk.roleSets.replaceRoleSet({
      roleSetKeyOrId: set.id,
      destRoleSetKey: other.key,
      reassignmentMappings: { [a.key]: b.key },
    });
    assert.equal(gone.deleted, true);
    assert.equal(gone.id, set.id);
    await rejectsWith(clerk.roleSets.getRoleSet(set.id), 404);
  });
});

describe('enterprise connections', () => {
  it('create, get, list, update and delete a SAML connection', async () => {
    const org = await newOrg('Enterprise');
    const domain = `sso-${uniq()}.example.com`;
    const c = await clerk.enterpriseConnections.createEnterpriseConnection({
      name: 'Okta',
      provider: 'saml_custom',
      domains: [domain],
      organizationId: org.id,
      allowOrganizationAccountLinking: true,
      customAttributes: [{ name: 'Department', key: 'department', ssoPath: 'user.department', multiValued: false }],
      saml: { idpEntityId: 'https://idp.example.com/entity', idpSsoUrl: 'https://idp.example.com/sso' },
    });
    assert.match(c.id, /\S/);
    assert.equal(c.name, 'Okta');
    assert.deepEqual(c.domains, [domain]);
    assert.equal(c.organizationId, org.id);
    assert.equal(c.provider, 'saml_custom');
    assert.equal(c.samlConnection?.idpEntityId, 'https://idp.example.com/entity');
    assert.equal(c.samlConnection?.idpSsoUrl, 'https://idp.example.com/sso');
    assert.equal(c.samlConnection?.loginHint?.mode, 'email_address', 'the default login hint');
    assert.match(c.samlConnection?.acsUrl ?? '', /^https:\/\//);
    assert.equal(c.allowOrganizationAccountLinking, true);
    assert.equal(typeof c.authenticatable, 'boolean');
    assert.equal(c.disableJitProvisioning, false);
    assert.deepEqual(
      c.customAttributes.map((x) => [x.key, x.ssoPath, x.multiValued]),
      [['department', 'user.department', false]],
    );
    assert.ok(c.createdAt > 1e12);

    const got = await clerk.enterpriseConnections.getEnterpriseConnection(c.id);
    assert.equal(got.id, c.id);
    const list = await clerk.enterpriseConnections.getEnterpriseConnectionList({ organizationId: org.id });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, c.id);

    const upd = await clerk.enterpriseConnections.updateEnterpriseConnection(c.id, {
      name: 'Okta SSO',
      active: true,
      syncUserAttributes: true,
      saml: { allowIdpInitiated: true, loginHint: { mode: 'custom_attribute', source: 'sso_hint' } },
    });
    assert.equal(upd.name, 'Okta SSO');
    assert.equal(upd.active, true);
    assert.equal(upd.syncUserAttributes, true);
    assert.equal(upd.samlConnection?.allowIdpInitiated, true);
    assert.deepEqual(
      { ...upd.samlConnection?.loginHint },
      { mode: 'custom_attribute', source: 'sso_hint' },
    );
    const active = await clerk.enterpriseConnections.getEnterpriseConnectionList({ organizationId: org.id, active: true });
    assert.deepEqual(active.data.map((x) => x.id), [c.id]);

    await clerk.enterpriseConnections.deleteEnterpriseConnection(c.id);
    await rejectsWith(clerk.enterpriseConnections.getEnterpriseConnection(c.id), 404);
  });

  it('an OIDC connection carries its OAuth config', async () => {
    const c = await clerk.enterpriseConnections.createEnterpriseConnection({
      name: 'Custom OIDC',
      provider: 'oidc_custom',
      domains: [`oidc-${uniq()}.example.com`],
      oidc: { clientId: 'client-1', clientSecret: 'shh', discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration' },
    });
    assert.equal(c.provider, 'oidc_custom');
    assert.equal(c.oauthConfig?.clientId, 'client-1');
    assert.equal(c.samlConnection, null);
    await clerk.enterpriseConnections.deleteEnterpriseConnection(c.id);
  });

  it('a connection without domains is rejected', async () => {
    await rejectsWith(
      clerk.enterpriseConnections.createEnterpriseConnection({ name: 'None', provider: 'saml_custom', domains: [] }),
      422,
    );
  });
});

describe('OAuth applications', () => {
  it('create, get, list, update, rotate the secret, delete', async () => {
    const name = `App ${uniq()}`;
    const app = await clerk.oauthApplications.create({
      name,
      redirectUris: ['https://app.example.com/callback'],
      scopes: 'profile email',
      public: false,
    });
    assert.match(app.id, /\S/);
    assert.equal(app.name, name);
    assert.match(app.clientId, /\S/);
    assert.match(app.clientSecret ?? '', /\S/, 'the secret is shown on create');
    assert.deepEqual(app.redirectUris, ['https://app.example.com/callback']);
    assert.equal(app.scopes, 'profile email');
    assert.equal(app.isPublic, false);
    assert.match(app.authorizeUrl, /^https?:\/\//);
    assert.match(app.tokenFetchUrl, /^https?:\/\//);
    assert.ok(app.createdAt > 1e12);

    const got = await clerk.oauthApplications.get(app.id);
    assert.equal(got.clientId, app.clientId);
    assert.equal(got.clientSecret, undefined, 'the secret is not shown again');
    const list = await clerk.oauthApplications.list({ nameQuery: name });
    assert.equal(list.totalCount, 1);
    assert.equal(list.data[0].id, app.id);

    const ordered = await clerk.oauthApplications.list({ orderBy: '+name', limit: 100 });
    const names = ordered.data.map((x) => x.name);
    assert.deepEqual(names, [...names].sort());
    const upd = await clerk.oauthApplications.update({ oauthApplicationId: app.id, name: `${name} v2`, scopes: 'profile' });
    assert.equal(upd.name, `${name} v2`);
    assert.equal(upd.scopes, 'profile');

    const rotated = await clerk.oauthApplications.rotateSecret(app.id);
    assert.equal(rotated.id, app.id);
    assert.match(rotated.clientSecret ?? '', /\S/);
    assert.notEqual(rotated.clientSecret, app.clientSecret);

    const del = await clerk.oauthApplications.delete(app.id);
    assert.equal(del.deleted, true);
    await rejectsWith(clerk.oauthApplications.get(app.id), 404);
  });

  it('revokeToken answers 204 (no body), and 404 for an unknown application', async () => {
    const app = await clerk.oauthApplications.create({ name: `Rev ${uniq()}`, public: true });
    assert.equal(app.isPublic, true);
    const res = await clerk.oauthApplications.revokeToken({ oauthApplicationId: app.id, token: `oat_${uniq()}` });
    assert.equal(res, undefined);
    await clerk.oauthApplications.delete(app.id);
    await rejectsWith(clerk.oauthApplications.revokeToken({ oauthApplicationId: app.id, token: 'oat_x' }), 404);
  });
});

describe('billing', () => {
  it('getPlanList answers the seeded plans, filtered by payer type', async () => {
    const all = await clerk.billing.getPlanList();
    assert.ok(all.totalCount >= 3);
    const slugs = all.data.map((p) => p.slug);
    for (const s of ['free_user', 'pro', 'team']) {
      assert.ok(slugs.includes(s), `${s} in ${slugs}`);
    }
    const orgPlans = await clerk.billing.getPlanList({ payerType: 'org' });
    assert.ok(orgPlans.data.length >= 1);
    assert.ok(orgPlans.data.every((p) => p.forPayerType === 'org'));
    const pro = all.data.find((p) => p.slug === 'pro');
    assert.equal(pro.fee.amount, 2000);
    assert.equal(pro.fee.currency, 'USD');
    assert.match(pro.fee.amountFormatted, /20/);
    assert.equal(pro.freeTrialEnabled, true);
    assert.equal(pro.isRecurring, true);
    assert.deepEqual(pro.features, []);
    const page = await clerk.billing.getPlanList({ limit: 1 });
    assert.equal(page.data.length, 1);
    assert.equal(page.totalCount, all.totalCount);
  });

  it('the subscriptions of the seeded org and user list their items', async () => {
    const orgSub = await clerk.billing.getOrganizationBillingSubscription(seedOrgId);
    assert.match(orgSub.id, /\S/);
    assert.equal(orgSub.status, 'active');
    assert.ok(orgSub.subscriptionItems.some((i) => i.id === seedOrgItemId), 'the org item is listed');
    const item = orgSub.subscriptionItems.find((i) => i.id === seedOrgItemId);
    assert.equal(item.plan?.slug, 'team');
    assert.equal(item.payerId, orgSub.payerId, 'the item and the subscription name the same payer');
    assert.equal(item.planPeriod, 'month');
    assert.ok(item.periodEnd > item.periodStart);
    const userSub = await clerk.billing.getUserBillingSubscription(seedUserId);
    assert.ok(userSub.subscriptionItems.some((i) => i.id === seedTrialItemId), 'the trial item is listed');
    await rejectsWith(clerk.billing.getUserBillingSubscription('user_missing'), 404);
  });

  it('extendSubscriptionItemFreeTrial moves the end of a trial', async () => {
    const extendTo = new Date(Date.now() + 60 * DAY);
    const item = await clerk.billing.extendSubscriptionItemFreeTrial(seedTrialItemId, { extendTo });
    assert.equal(item.id, seedTrialItemId);
    assert.equal(item.isFreeTrial, true);
    assert.equal(item.periodEnd, extendTo.getTime());
    await rejectsWith(
      clerk.billing.extendSubscriptionItemFreeTrial(seedTrialItemId, { extendTo: new Date(Date.now() - DAY) }),
      422,
    );
    await rejectsWith(
      clerk.billing.extendSubscriptionItemFreeTrial(seedOrgItemId, { extendTo }),
      400,
      'subscription_item_not_in_free_trial',
    );
  });

  it('cancelSubscriptionItem cancels at the end of the period, or now', async () => {
    // The org item is shared by the tests in this block, so this one runs
    // last: cancel it at the end of the period, then a second cancel is a 409.
    const item = await clerk.billing.cancelSubscriptionItem(seedOrgItemId);
    assert.equal(item.id, seedOrgItemId);
    assert.ok(item.canceledAt > 1e12);
    assert.equal(item.endedAt, null);
    await rejectsWith(clerk.billing.cancelSubscriptionItem(seedOrgItemId), 409);
    await rejectsWith(clerk.billing.cancelSubscriptionItem('csubi_missing'), 404);
    const ended = await clerk.billing.cancelSubscriptionItem(seedTrialItemId, { endNow: true });
    assert.ok(ended.endedAt > 1e12);
    assert.equal(ended.status, 'ended');
  });
});
