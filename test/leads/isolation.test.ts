import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLeadNote, createCustomField, createLead, deleteLead } from '../../src/domains/leads/index.js';
import { createFolder, createList } from '../../src/domains/lists/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestApiKey, createUserWithWorkspace, snapshotWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

/**
 * Another workspace's leads, lists, folders, custom fields, notes and timeline can neither be
 * read nor changed, through any leads/lists/custom-fields route, by its owner or its admin
 * API key: every call answers as if the rows did not exist, leaks none of their values, and
 * the victim's rows are unchanged afterwards.
 */
interface World {
  workspaceId: string;
  headers: { authorization: string };
  keyHeaders: { authorization: string };
  ids: Record<'lead' | 'deletedLead' | 'list' | 'privateList' | 'folder' | 'field', string>;
  markers: string[];
}

type Route = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: (v: World, a: World) => string; payload?: (v: World, a: World) => object; status: number };

const ROUTES: Route[] = [
  { method: 'GET', url: () => '/api/v1/leads?limit=200', status: 200 },
  { method: 'GET', url: () => '/api/v1/leads?deleted=true', status: 200 },
  { method: 'GET', url: (v) => `/api/v1/leads?list_id=${v.ids.list}`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/leads/${v.ids.lead}`, status: 404 },
  { method: 'PATCH', url: (v) => `/api/v1/leads/${v.ids.lead}`, payload: () => ({ title: 'Hijacked' }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/leads/${v.ids.lead}`, status: 404 },
  { method: 'POST', url: (v) => `/api/v1/leads/${v.ids.deletedLead}/restore`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/leads/${v.ids.lead}/notes`, status: 404 },
  { method: 'POST', url: (v) => `/api/v1/leads/${v.ids.lead}/notes`, payload: () => ({ body: 'hi' }), status: 404 },
  { method: 'GET', url: (v) => `/api/v1/leads/${v.ids.lead}/activity`, status: 404 },
  { method: 'POST', url: () => '/api/v1/leads', payload: (v) => ({ email: 'x@example.com', list_ids: [v.ids.list] }), status: 404 },
  { method: 'GET', url: () => '/api/v1/lists?archived=all', status: 200 },
  { method: 'GET', url: (v) => `/api/v1/lists/${v.ids.list}`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/lists/${v.ids.privateList}`, status: 404 },
  { method: 'PATCH', url: (v) => `/api/v1/lists/${v.ids.list}`, payload: () => ({ name: 'Hijacked' }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/lists/${v.ids.list}`, status: 404 },
  { method: 'POST', url: (v) => `/api/v1/lists/${v.ids.list}/archive`, status: 404 },
  { method: 'POST', url: (v) => `/api/v1/lists/${v.ids.list}/restore`, status: 404 },
  { method: 'GET', url: (v) => `/api/v1/lists/${v.ids.list}/leads`, status: 404 },
  { method: 'POST', url: (v) => `/api/v1/lists/${v.ids.list}/leads`, payload: (v) => ({ leadIds: [v.ids.lead] }), status: 404 },
  // The attacker's own list with the victim's lead, and the other way round.
  { method: 'POST', url: (_v, a) => `/api/v1/lists/${a.ids.list}/leads`, payload: (v) => ({ leadIds: [v.ids.lead] }), status: 404 },
  { method: 'POST', url: (v) => `/api/v1/lists/${v.ids.list}/leads/remove`, payload: (v) => ({ leadIds: [v.ids.lead] }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/lists/${v.ids.list}/leads/${v.ids.lead}`, status: 404 },
  { method: 'GET', url: () => '/api/v1/list-folders', status: 200 },
  { method: 'PATCH', url: (v) => `/api/v1/list-folders/${v.ids.folder}`, payload: () => ({ name: 'Hijacked' }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/list-folders/${v.ids.folder}`, status: 404 },
  { method: 'GET', url: () => '/api/v1/custom-fields', status: 200 },
  { method: 'PATCH', url: (v) => `/api/v1/custom-fields/${v.ids.field}`, payload: () => ({ label: 'Hijacked' }), status: 404 },
  { method: 'DELETE', url: (v) => `/api/v1/custom-fields/${v.ids.field}`, status: 404 },
];

describe('leads and lists: nothing of another workspace through any route', () => {
  let t: TestApp;
  const worlds = {} as Record<'A' | 'B', World>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const name of ['A', 'B'] as const) {
      const owner = await createUserWithWorkspace(t);
      const ctx = userCtx(t, owner.workspaceId, owner.id);
      const tag = `${name}${owner.workspaceId.slice(0, 6)}`;
      const folder = await createFolder(ctx, { name: `Folder ${tag}` });
      const list = await createList(ctx, { name: `List ${tag}`, folderId: folder.id, tags: [`tag-${tag}`] });
      const privateList = await createList(ctx, { name: `Private ${tag}`, visibility: 'private' });
      const field = await createCustomField(ctx, { key: `field_${tag.toLowerCase()}`, label: `Field ${tag}`, type: 'text' });
      const lead = await createLead(ctx, {
        email: 'same.person@example.com', // the same email in both workspaces: uniqueness is per workspace
        full_name: `Person ${tag}`,
        company: `Company ${tag}`,
        list_ids: [list.id, privateList.id],
        custom: { [field.key]: `value-${tag}` },
      });
      await addLeadNote(ctx, { leadId: lead.id, body: `note-${tag}` });
      const deleted = await createLead(ctx, { email: `deleted-${tag}@example.com` });
      await deleteLead(ctx, deleted.id);
      const key = await createTestApiKey(t, owner.workspaceId, 'admin');
      worlds[name] = {
        workspaceId: owner.workspaceId,
        headers: owner.headers,
        keyHeaders: key.headers,
        ids: { lead: lead.id, deletedLead: deleted.id, list: list.id, privateList: privateList.id, folder: folder.id, field: field.id },
        markers: [lead.id, deleted.id, list.id, privateList.id, folder.id, field.id, tag, `deleted-${tag}`.toLowerCase(), `value-${tag}`, `note-${tag}`],
      };
    }
  });
  afterAll(async () => t.close());

  for (const [attackerName, victimName] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    for (const as of ['owner', 'admin API key'] as const) {
      it(`${attackerName}'s ${as} can neither read nor change ${victimName}'s leads and lists`, async () => {
        const attacker = worlds[attackerName];
        const victim = worlds[victimName];
        const before = await snapshotWorkspace(t, victim.workspaceId);
        const headers = as === 'owner' ? attacker.headers : attacker.keyHeaders;
        for (const route of ROUTES) {
          const url = route.url(victim, attacker);
          const payload = route.payload?.(victim, attacker);
          const r = await t.app.inject({ method: route.method, url, headers, payload });
          const label = `${route.method} ${url}`;
          expect(r.statusCode, `${label}: ${r.body}`).toBe(route.status);
          const sent = url + JSON.stringify(payload ?? '');
          for (const marker of victim.markers.filter((m) => !sent.includes(m))) {
            expect(r.body.toLowerCase().includes(marker.toLowerCase()), `${label} leaked "${marker}"`).toBe(false);
          }
        }
        expect(await snapshotWorkspace(t, victim.workspaceId)).toEqual(before);
      });
    }
  }
});
