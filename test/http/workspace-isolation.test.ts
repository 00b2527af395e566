import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/domains/audit/index.js';
import { createInvitation } from '../../src/domains/workspaces/index.js';
import { startBulkFind } from '../../src/domains/finder/index.js';
import { createList } from '../../src/domains/lists/index.js';
import { startBulkVerify } from '../../src/domains/verify/index.js';
import '../../src/adapters/smtp-probe/register-bulk-kind.js';
import { createLead, mergeLeads } from '../../src/domains/leads/index.js';
import { startExport } from '../../src/domains/exports/index.js';
import { erasePerson } from '../../src/domains/privacy/index.js';
import '../../src/adapters/files/register-export-kind.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createTestApiKey, createUserWithWorkspace, signInAs, snapshotWorkspace } from '../helpers/auth.js';

/**
 * Nothing of one workspace can be read or changed from another, through any route.
 *
 * Two workspaces are built the same way. Every route is then called by the other workspace's
 * owner (a user token) and admin API key, aimed at the victim's rows wherever the route takes
 * an id. Each call must answer the expected status, must not mention anything of the victim
 * (names, emails, ids, key prefixes, audit details), and afterwards the victim's rows must be
 * exactly as before (every workspace-scoped table of the schema is compared).
 *
 * A new domain appends: a seeder that creates its rows in a world (adding ids and markers),
 * and one row per route of the domain.
 */

interface World {
  workspaceId: string;
  /** Ids a route can aim at, by name (memberUserId, invitationId, apiKeyId, ... per domain). */
  ids: Record<string, string>;
  /** Strings that belong to this workspace only: none may appear in the other one's answers. */
  markers: string[];
}

type Seeder = (t: TestApp, world: World) => Promise<void>;

/** Creates a domain's rows in `world`. Appended to by each domain. */
const SEEDERS: Seeder[] = [
  // workspaces, members, invitations, API keys, audit
  async (t, w) => {
    const member = await addMember(t, w.workspaceId, 'member', { name: `Member of ${w.workspaceId.slice(0, 8)}` });
    const invitation = await createInvitation(t.ctx(w.workspaceId), { email: `invitee-${w.workspaceId.slice(0, 8)}@example.test`, role: 'admin' });
    const key = await createTestApiKey(t, w.workspaceId, 'viewer', `key of ${w.workspaceId.slice(0, 8)}`);
    await recordAudit(t.ctx(w.workspaceId), { action: 'lead.updated', metadata: { note: `audit-of-${w.workspaceId}` } });
    Object.assign(w.ids, { memberUserId: member.id, invitationId: invitation.id, apiKeyId: key.id });
    w.markers.push(member.id, member.email, member.name, invitation.id, invitation.email, key.id, key.prefix, `audit-of-${w.workspaceId}`);
  },
  // finder: a bulk find job and a list it could save into
  async (t, w) => {
    const ctx = t.ctx(w.workspaceId);
    const list = await createList(ctx, { name: `finder list ${w.workspaceId.slice(0, 8)}` });
    const person = `Findme ${w.workspaceId.slice(0, 8)}`;
    const job = await startBulkFind(ctx, { people: [{ fullName: person, domain: 'example.test' }], skipSmtp: true });
    Object.assign(w.ids, { finderJobId: job.id, finderListId: list.id });
    w.markers.push(job.id, list.id, list.name, person);
  },
  // verify: a bulk verification job and a list it could verify
  async (t, w) => {
    const ctx = t.ctx(w.workspaceId);
    const list = await createList(ctx, { name: `verify list ${w.workspaceId.slice(0, 8)}` });
    const address = `verifyme-${w.workspaceId.slice(0, 8)}@example.test`;
    const job = await startBulkVerify(ctx, { emails: [address], skipSmtp: true });
    Object.assign(w.ids, { verifyJobId: job.id, verifyListId: list.id });
    w.markers.push(job.id, list.id, list.name, address);
  },
  // lead duplicates, merges, exports, GDPR tombstones
  async (t, w) => {
    const ctx = t.ctx(w.workspaceId);
    const tag = w.workspaceId.slice(0, 8);
    const linkedin = `https://www.linkedin.com/in/dup-${tag}`;
    const a = await createLead(ctx, { email: `dup-a-${tag}@example.test`, linkedin_url: linkedin });
    const b = await createLead(ctx, { email: `dup-b-${tag}@example.test`, linkedin_url: linkedin });
    const c = await createLead(ctx, { email: `merged-${tag}@example.test`, linkedin_url: linkedin });
    const { mergeId } = await mergeLeads(ctx, { survivorId: b.id, mergedIds: [c.id] });
    const list = await createList(ctx, { name: `Export list ${tag}` });
    const exp = await startExport(ctx, { listId: list.id, columns: ['email'] });
    await createLead(ctx, { email: `erased-${tag}@example.test` });
    await erasePerson(ctx, { email: `erased-${tag}@example.test` });
    Object.assign(w.ids, { dupLeadA: a.id, dupLeadB: b.id, mergeId, exportListId: list.id, exportId: exp.id, leadEmail: `dup-a-${tag}@example.test`, erasedEmail: `erased-${tag}@example.test` });
    w.markers.push(linkedin, `dup-b-${tag}@example.test`, `merged-${tag}@example.test`, mergeId, exp.id, list.name);
  },
];

interface IsolationRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The URL aimed at the victim's rows. */
  url: (victim: World) => string;
  payload?: (victim: World) => object;
  /** Status for the attacker's owner (user token). */
  status: number;
  /** Status for the attacker's admin API key, when different (user-level routes: 403). */
  keyStatus?: number;
}

/** Every route that exists, aimed at the other workspace. Appended to by each domain. */
const ROUTES: IsolationRoute[] = [
  // verify (bulk)
  { method: 'GET', url: (v) => `/api/v1/verify/bulk/${v.ids.verifyJobId}`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/verify/bulk/${v.ids.verifyJobId}/results`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/verify/bulk/${v.ids.verifyJobId}/export?format=xlsx`, status: 404 },
  { method: 'POST', url: () => '/api/v1/verify/bulk', payload: (v) => ({ listId: v.ids.verifyListId }), status: 404 },
  { method: 'POST', url: () => '/api/v1/verify/bulk', payload: (v) => ({ filter: { list_id: v.ids.verifyListId } }), status: 404 },
  // finder
  { method: 'GET', url: (v) => `/api/v1/find/bulk/${v.ids.finderJobId}/results`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/find/bulk/${v.ids.finderJobId}/export`, status: 404 },
  { method: 'POST', url: () => '/api/v1/find/bulk', payload: (v) => ({ listId: v.ids.finderListId }), status: 404 },
  { method: 'POST', url: () => '/api/v1/find/bulk', payload: (v) => ({ people: [{ fullName: 'Ada Lovelace', domain: 'example.test' }], save: true, targetListId: v.ids.finderListId }), status: 404 },
  // workspaces (user level: the user's own list only)
  { method: 'GET', url: () => '/api/v1/workspaces', status: 200, keyStatus: 403 },
  { method: 'POST', url: () => '/api/v1/workspaces', payload: () => ({ name: 'Fresh' }), status: 201, keyStatus: 403 },
  // current workspace: always the caller's own
  { method: 'GET', url: () => '/api/v1/workspace', status: 200 },
  { method: 'PATCH', url: () => '/api/v1/workspace', payload: () => ({ name: 'Renamed by attacker' }), status: 200 },
  // members
  { method: 'GET', url: () => '/api/v1/workspace/members', status: 200 },
  { method: 'PATCH', url: (v) => `/api/v1/workspace/members/${v.ids.memberUserId}`, payload: () => ({ role: 'viewer' }), status: 404 },
  { method: 'PATCH', url: (v) => `/api/v1/workspace/members/${v.ids.ownerUserId}`, payload: () => ({ role: 'viewer' }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/workspace/members/${v.ids.memberUserId}`, status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/workspace/members/${v.ids.ownerUserId}`, status: 404 },
  // invitations
  { method: 'GET', url: () => '/api/v1/workspace/invitations', status: 200 },
  { method: 'DELETE', url: (v) => `/api/v1/workspace/invitations/${v.ids.invitationId}`, status: 404 },
  { method: 'POST', url: () => '/api/v1/workspace/invitations', payload: () => ({ email: 'outsider@example.test', role: 'viewer' }), status: 201 },
  // API keys
  { method: 'GET', url: () => '/api/v1/workspace/api-keys', status: 200 },
  { method: 'POST', url: () => '/api/v1/workspace/api-keys', payload: () => ({ name: 'attacker key', role: 'viewer' }), status: 201 },
  { method: 'DELETE', url: (v) => `/api/v1/workspace/api-keys/${v.ids.apiKeyId}`, status: 404 },
  // audit: a cursor past every id still shows only the caller's events
  { method: 'GET', url: () => '/api/v1/workspace/audit?limit=200', status: 200 },
  { method: 'GET', url: () => '/api/v1/workspace/audit?limit=200&cursor=9007199254740991', status: 200 },
  { method: 'GET', url: () => '/api/v1/workspace/audit?action=lead.updated', status: 200 },
  // lead duplicates and merges
  { method: 'GET', url: () => '/api/v1/leads/duplicates?key=linkedin_url', status: 200 },
  { method: 'POST', url: () => '/api/v1/leads/merge', payload: (v) => ({ survivorId: v.ids.dupLeadA, mergedIds: [v.ids.dupLeadB] }), status: 404 },
  { method: 'POST', url: (v) => `/api/v1/lead-merges/${v.ids.mergeId}/undo`, status: 404 },
  // exports
  { method: 'GET', url: () => '/api/v1/exports', status: 200 },
  { method: 'GET', url: (v) => `/api/v1/exports/${v.ids.exportId}`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/exports/${v.ids.exportId}/download`, status: 404 },
  { method: 'POST', url: () => '/api/v1/exports', payload: (v) => ({ listId: v.ids.exportListId }), status: 404 },
  { method: 'POST', url: () => '/api/v1/exports/stream', payload: (v) => ({ listId: v.ids.exportListId }), status: 404 },
  { method: 'POST', url: () => '/api/v1/exports/stream', payload: (v) => ({ leadIds: [v.ids.dupLeadA, v.ids.dupLeadB], columns: ['email', 'linkedin_url'] }), status: 200 },
  // privacy (GDPR): the caller's own workspace only; the victim's tombstones stay
  { method: 'POST', url: () => '/api/v1/privacy/person-export', payload: (v) => ({ email: v.ids.leadEmail, leadId: v.ids.dupLeadB }), status: 200 },
  { method: 'POST', url: () => '/api/v1/privacy/erasures', payload: (v) => ({ leadId: v.ids.dupLeadB }), status: 200 },
  { method: 'POST', url: () => '/api/v1/privacy/erasures/lift', payload: (v) => ({ email: v.ids.erasedEmail }), status: 200 },
];

describe('workspace isolation: nothing of another workspace through any route', () => {
  let t: TestApp;
  const worlds: Record<'A' | 'B', World & { ownerHeaders: { authorization: string }; ownerId: string; adminKeyHeaders: { authorization: string } }> = {} as never;

  beforeAll(async () => {
    t = await createTestApp();
    for (const name of ['A', 'B'] as const) {
      const owner = await createUserWithWorkspace(t, { workspaceName: `Workspace ${name} ${Math.random().toString(36).slice(2, 8)}` });
      const world: World = { workspaceId: owner.workspaceId, ids: { ownerUserId: owner.id }, markers: [owner.workspaceId, owner.workspaceName, owner.id, owner.email] };
      for (const seed of SEEDERS) await seed(t, world);
      const adminKey = await createTestApiKey(t, owner.workspaceId, 'admin', `admin key ${name}`);
      world.markers.push(adminKey.id, adminKey.prefix);
      worlds[name] = { ...world, ownerHeaders: owner.headers, ownerId: owner.id, adminKeyHeaders: adminKey.headers };
    }
  });
  afterAll(async () => t.close());

  for (const [attackerName, victimName] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    for (const as of ['owner', 'admin API key'] as const) {
      it(`${attackerName}'s ${as} can neither read nor change ${victimName}`, async () => {
        const attacker = worlds[attackerName];
        const victim = worlds[victimName];
        const before = await snapshotWorkspace(t, victim.workspaceId);
        const headers = as === 'owner' ? attacker.ownerHeaders : attacker.adminKeyHeaders;
        for (const route of ROUTES) {
          const url = route.url(victim);
          const payload = route.payload?.(victim);
          const r = await t.app.inject({ method: route.method, url, headers, payload });
          const label = `${route.method} ${url}`;
          const expected = as === 'owner' ? route.status : (route.keyStatus ?? route.status);
          expect(r.statusCode, `${label}: ${r.body}`).toBe(expected);
          // What the caller sent may come back (an id in an error, an invited email); nothing else may.
          const sent = url + JSON.stringify(payload ?? '');
          for (const marker of victim.markers.filter((m) => !sent.includes(m))) {
            expect(r.body.includes(marker), `${label} leaked "${marker}"`).toBe(false);
          }
        }
        expect(await snapshotWorkspace(t, victim.workspaceId)).toEqual(before);
      });
    }
  }

  it('a token naming a workspace the user does not belong to reaches nothing of it', async () => {
    const victim = worlds.B;
    const forged = await signInAs(t, worlds.A.ownerId, victim.workspaceId);
    const before = await snapshotWorkspace(t, victim.workspaceId);
    for (const route of ROUTES.filter((r) => r.keyStatus === undefined)) {
      const url = route.url(victim);
      const r = await t.app.inject({ method: route.method, url, headers: forged.headers, payload: route.payload?.(victim) });
      expect(r.statusCode, `${route.method} ${url}`).toBe(403);
    }
    expect(await snapshotWorkspace(t, victim.workspaceId)).toEqual(before);
  });
});
