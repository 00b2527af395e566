import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createCustomField, createLead, deleteLead, type LeadView } from '../../src/domains/leads/index.js';
import { createList, updateList } from '../../src/domains/lists/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addMember, createUserWithWorkspace, type TestOwner, type TestUser } from '../helpers/auth.js';
import { userCtx } from './support.js';

type Seed = Parameters<typeof createLead>[1] & { list?: 'europe' | 'secret' };

/** Leads with a bit of everything; expectations are computed from the returned leads, not from SQL. */
const SEEDS: Seed[] = [
  { full_name: 'Ada Lovelace', email: 'ada@analytical.io', company: 'Analytical Engines Ltd', title: 'CTO', city: 'London', country: 'UK', employee_count: 12, annual_revenue: 1_500_000, stage: 'mql', tags: ['VIP', 'math'], custom: { region: 'EMEA', seats: 40, renewal: '2026-09-01', partner: true, tier: 'Gold' }, list: 'europe' },
  { full_name: 'Grace Hopper', email: 'grace@navy.mil', company: 'US Navy', title: 'Rear Admiral', city: 'Arlington', country: 'United States', employee_count: 300_000, stage: 'customer', tags: ['vip'], custom: { region: 'AMER', seats: 500, renewal: '2026-12-31', partner: false, tier: 'Platinum' } },
  { full_name: 'Alan Turing', email: 'alan@bletchley.uk', company: 'Bletchley Park', title: 'Cryptanalyst', city: 'Bletchley', country: 'UK', employee_count: 9000, stage: 'sql', tags: ['math'], custom: { region: 'EMEA', seats: 5 }, list: 'europe' },
  { full_name: 'Katherine Johnson', company: 'NASA', title: 'Mathematician', city: 'Hampton', country: 'US', employee_count: 18_000, annual_revenue: 25_000_000_000, stage: 'new', phone: '+1 757 555 0100', custom: { partner: true } },
  { full_name: 'Linus Torvalds', email: 'linus@kernel.org', company: 'Linux Foundation', title: 'Fellow', country: 'Finland', stage: 'contacted', tags: ['oss'], custom: { tier: 'Silver' }, list: 'secret' },
  { full_name: 'Margaret Hamilton', email: 'not an email', company: 'MIT', title: 'Director', city: 'Cambridge', stage: 'lost', phone: 'call me maybe' },
  { full_name: 'Tim Berners-Lee', email: 'tim@w3.org', company: 'W3C', city: 'Geneva', country: 'Switzerland', employee_count: 400, stage: 'opportunity', deal_value: 12_000, custom: { region: 'EMEA', renewal: '2027-01-15' }, list: 'europe' },
  { full_name: 'Barbara Liskov', email: 'liskov@mit.edu', company: 'MIT', title: 'Professor', mobile_phone: '+1 617 555 0199', stage: 'new', tags: [] },
];

describe('lead filters: every operator on every kind of field', () => {
  let t: TestApp;
  let owner: TestOwner;
  let member: TestUser;
  let europe: string;
  let secret: string;
  const leads: LeadView[] = [];
  const seedOf = new Map<string, Seed>();
  const clock = new ManualClock('2026-05-01T08:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    owner = await createUserWithWorkspace(t);
    member = await addMember(t, owner.workspaceId, 'member');
    const ctx = userCtx(t, owner.workspaceId, owner.id);
    await createCustomField(ctx, { key: 'region', label: 'Region', type: 'text' });
    await createCustomField(ctx, { key: 'seats', label: 'Seats', type: 'number' });
    await createCustomField(ctx, { key: 'renewal', label: 'Renewal', type: 'date' });
    await createCustomField(ctx, { key: 'partner', label: 'Partner', type: 'boolean' });
    await createCustomField(ctx, { key: 'tier', label: 'Tier', type: 'select', options: ['Silver', 'Gold', 'Platinum'] });
    europe = (await createList(ctx, { name: 'Europe' })).id;
    secret = (await createList(ctx, { name: 'Secret', visibility: 'private' })).id;
    for (const [i, { list, ...seed }] of SEEDS.entries()) {
      clock.advance(60_000);
      const lead = await createLead(ctx, {
        ...seed,
        owner_id: i % 2 === 0 ? owner.id : member.id,
        list_ids: list === 'europe' ? [europe] : list === 'secret' ? [secret] : [],
      });
      leads.push(lead);
      seedOf.set(lead.id, SEEDS[i]!);
    }
    // A deleted lead never shows up, whatever the filter.
    const gone = await createLead(ctx, { full_name: 'Deleted Person', email: 'gone@analytical.io', stage: 'mql', tags: ['VIP'] });
    await deleteLead(ctx, gone.id);
  });
  afterAll(async () => t.close());

  async function search(body: object, headers = owner.headers): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/leads/search', headers, payload: { ...body, limit: 3, ...(cursor && { cursor }) } });
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as { items: LeadView[]; nextCursor: string | null };
      ids.push(...page.items.map((l) => l.id));
      if (!page.nextCursor) return ids.sort();
      cursor = page.nextCursor;
    }
    throw new Error('did not end');
  }
  const expected = (predicate: (l: LeadView) => boolean) => leads.filter(predicate).map((l) => l.id).sort();
  const custom = (l: LeadView, key: string) => (l.custom as Record<string, unknown>)[key];
  const ms = (s: string) => Date.parse(s);

  type Case = [string, object, (l: LeadView) => boolean];
  const cases: Case[] = [
    // text
    ['eq (ignoring case)', { field: 'city', op: 'eq', value: 'LONDON' }, (l) => l.city === 'London'],
    ['eq on an email', { field: 'email', op: 'eq', value: 'Grace@Navy.mil' }, (l) => l.email === 'grace@navy.mil'],
    ['neq keeps empty values', { field: 'country', op: 'neq', value: 'uk' }, (l) => l.country !== 'UK'],
    ['contains', { field: 'company', op: 'contains', value: 'engine' }, (l) => !!l.company?.toLowerCase().includes('engine')],
    ['contains treats % literally', { field: 'company', op: 'contains', value: '%' }, () => false],
    ['starts_with', { field: 'title', op: 'starts_with', value: 'dir' }, (l) => !!l.title?.toLowerCase().startsWith('dir')],
    ['in', { field: 'country', op: 'in', value: ['uk', 'Finland'] }, (l) => ['UK', 'Finland'].includes(l.country ?? '')],
    ['not_in', { field: 'company', op: 'not_in', value: ['MIT', 'NASA'] }, (l) => !['MIT', 'NASA'].includes(l.company ?? '')],
    ['is_empty', { field: 'city', op: 'is_empty' }, (l) => l.city === null],
    ['is_not_empty', { field: 'title', op: 'is_not_empty' }, (l) => l.title !== null],
    // numbers
    ['number eq', { field: 'employee_count', op: 'eq', value: 400 }, (l) => l.employee_count === 400],
    ['number neq', { field: 'employee_count', op: 'neq', value: 400 }, (l) => l.employee_count !== 400],
    ['number in', { field: 'employee_count', op: 'in', value: [12, 9000] }, (l) => [12, 9000].includes(l.employee_count ?? -1)],
    ['gt', { field: 'employee_count', op: 'gt', value: 9000 }, (l) => (l.employee_count ?? -Infinity) > 9000],
    ['gte', { field: 'employee_count', op: 'gte', value: 9000 }, (l) => (l.employee_count ?? -Infinity) >= 9000],
    ['lt (a fraction against an integer column)', { field: 'employee_count', op: 'lt', value: 400.5 }, (l) => l.employee_count !== null && l.employee_count < 400.5],
    ['lte', { field: 'annual_revenue', op: 'lte', value: 1_500_000 }, (l) => l.annual_revenue !== null && Number(l.annual_revenue) <= 1_500_000],
    ['between', { field: 'employee_count', op: 'between', value: [100, 10_000] }, (l) => l.employee_count !== null && l.employee_count >= 100 && l.employee_count <= 10_000],
    ['number is_empty', { field: 'employee_count', op: 'is_empty' }, (l) => l.employee_count === null],
    // times (created one minute apart from 08:01)
    ['created_at gt', { field: 'created_at', op: 'gt', value: '2026-05-01T08:04:00Z' }, (l) => ms(l.created_at) > ms('2026-05-01T08:04:00Z')],
    ['created_at between', { field: 'created_at', op: 'between', value: ['2026-05-01T08:02:00Z', '2026-05-01T08:03:00Z'] }, (l) => ms(l.created_at) >= ms('2026-05-01T08:02:00Z') && ms(l.created_at) <= ms('2026-05-01T08:03:00Z')],
    ['created_at relative', { field: 'created_at', op: 'gte', value: 'now-2h' }, () => true],
    ['closed_at is_not_empty', { field: 'closed_at', op: 'is_not_empty' }, (l) => l.stage === 'customer' || l.stage === 'lost'],
    // enums, owner, presence
    ['stage eq', { field: 'stage', op: 'eq', value: 'new' }, (l) => l.stage === 'new'],
    ['stage not_in', { field: 'stage', op: 'not_in', value: ['new', 'lost'] }, (l) => !['new', 'lost'].includes(l.stage)],
    ['email_status is_empty (never verified)', { field: 'email_status', op: 'is_empty' }, () => true],
    ['owner eq "me"', { field: 'owner_id', op: 'eq', value: 'me' }, (l) => leads.indexOf(l) % 2 === 0],
    ['owner neq', { field: 'owner_id', op: 'neq', value: 'me' }, (l) => leads.indexOf(l) % 2 === 1],
    ['has_email true (valid only)', { field: 'has_email', op: 'eq', value: true }, (l) => l.email !== null && !l.issues.email],
    ['has_email false', { field: 'has_email', op: 'eq', value: false }, (l) => l.email === null || !!l.issues.email],
    ['has_phone true (mobile counts, flagged does not)', { field: 'has_phone', op: 'eq', value: true }, (l) => l.full_name === 'Katherine Johnson' || l.full_name === 'Barbara Liskov'],
    ['has_phone neq true', { field: 'has_phone', op: 'neq', value: true }, (l) => l.full_name !== 'Katherine Johnson' && l.full_name !== 'Barbara Liskov'],
    // tags
    ['tags eq (has the tag)', { field: 'tags', op: 'eq', value: 'math' }, (l) => l.tags.includes('math')],
    ['tags contains', { field: 'tags', op: 'contains', value: 'oss' }, (l) => l.tags.includes('oss')],
    ['tags neq', { field: 'tags', op: 'neq', value: 'math' }, (l) => !l.tags.includes('math')],
    ['tags in (any of)', { field: 'tags', op: 'in', value: ['oss', 'math'] }, (l) => l.tags.some((x) => ['oss', 'math'].includes(x))],
    ['tags not_in (none of)', { field: 'tags', op: 'not_in', value: ['oss', 'math'] }, (l) => !l.tags.some((x) => ['oss', 'math'].includes(x))],
    ['tags is_empty', { field: 'tags', op: 'is_empty' }, (l) => l.tags.length === 0],
    // custom fields, typed
    ['custom text eq', { field: 'custom.region', op: 'eq', value: 'emea' }, (l) => custom(l, 'region') === 'EMEA'],
    ['custom text is_empty', { field: 'custom.region', op: 'is_empty' }, (l) => custom(l, 'region') === undefined],
    ['custom number gte', { field: 'custom.seats', op: 'gte', value: 40 }, (l) => Number(custom(l, 'seats') ?? -1) >= 40],
    ['custom number between', { field: 'custom.seats', op: 'between', value: [1, 100] }, (l) => { const s = custom(l, 'seats') as number | undefined; return s !== undefined && s >= 1 && s <= 100; }],
    ['custom date lt', { field: 'custom.renewal', op: 'lt', value: '2027-01-01' }, (l) => !!custom(l, 'renewal') && (custom(l, 'renewal') as string) < '2027-01-01'],
    ['custom date eq', { field: 'custom.renewal', op: 'eq', value: '2027-01-15' }, (l) => custom(l, 'renewal') === '2027-01-15'],
    ['custom boolean eq true', { field: 'custom.partner', op: 'eq', value: true }, (l) => custom(l, 'partner') === true],
    ['custom boolean neq true', { field: 'custom.partner', op: 'neq', value: true }, (l) => custom(l, 'partner') !== true],
    ['custom select in (option spelling ignores case)', { field: 'custom.tier', op: 'in', value: ['gold', 'PLATINUM'] }, (l) => ['Gold', 'Platinum'].includes(custom(l, 'tier') as string)],
    // lists
    ['list eq', { field: 'list_id', op: 'eq', value: 'EUROPE' }, (l) => seedOf.get(l.id)?.list === 'europe'],
    ['list neq', { field: 'list_id', op: 'neq', value: 'EUROPE' }, (l) => seedOf.get(l.id)?.list !== 'europe'],
    ['list is_empty (in no list)', { field: 'list_id', op: 'is_empty' }, (l) => !seedOf.get(l.id)?.list],
    // groups
    ['and', { and: [{ field: 'stage', op: 'in', value: ['mql', 'sql'] }, { field: 'tags', op: 'eq', value: 'math' }] }, (l) => ['mql', 'sql'].includes(l.stage) && l.tags.includes('math')],
    ['or', { or: [{ field: 'city', op: 'eq', value: 'geneva' }, { field: 'custom.tier', op: 'eq', value: 'silver' }] }, (l) => l.city === 'Geneva' || custom(l, 'tier') === 'Silver'],
    ['not (empty values count as not matching)', { not: { field: 'city', op: 'eq', value: 'london' } }, (l) => l.city !== 'London'],
  ];

  it.each(cases)('%s', async (_name, filter, predicate) => {
    const body = { filter: JSON.parse(JSON.stringify(filter).replace('"EUROPE"', JSON.stringify(europe))) };
    expect(await search(body)).toEqual(expected(predicate));
  });

  it('takes the filter as JSON in the query string of GET /leads, and counts it', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'stage', op: 'in', value: ['new', 'mql'] }));
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/leads?filter=${filter}&sort=last_name`, headers: owner.headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((l: LeadView) => l.id).sort()).toEqual(expected((l) => ['new', 'mql'].includes(l.stage)));
    const c = await t.app.inject({ method: 'GET', url: `/api/v1/leads/count?filter=${filter}`, headers: owner.headers });
    expect(c.json()).toEqual({ count: expected((l) => ['new', 'mql'].includes(l.stage)).length, capped: false });
  });

  it('honours private lists: a member who is not on the list gets 404, and "in no list" does not reveal its leads', async () => {
    const body = { filter: { field: 'list_id', op: 'eq', value: secret } };
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/leads/search', headers: member.headers, payload: body });
    expect(r.statusCode).toBe(404);
    const linus = leads.find((l) => l.full_name === 'Linus Torvalds')!.id;
    expect(await search({ filter: { field: 'list_id', op: 'is_empty' } }, member.headers)).toContain(linus);
    expect(await search({ filter: { field: 'list_id', op: 'is_empty' } })).not.toContain(linus);
    await updateList(userCtx(t, owner.workspaceId, owner.id), { id: secret, memberIds: [member.id] });
    expect(await search(body, member.headers)).toEqual([linus]);
  });

  it.each([
    [{ field: 'favourite_colour', op: 'eq', value: 'red' }, 'filter.field: Unknown field: favourite_colour'],
    [{ field: 'custom.nope', op: 'eq', value: 'x' }, 'no custom field with the key "nope"'],
    [{ field: 'stage', op: 'like', value: 'x' }, 'filter.op: unknown operator "like"'],
    [{ field: 'stage', op: 'gt', value: 'new' }, 'operator gt is not available on stage'],
    [{ field: 'stage', op: 'eq', value: 'won' }, 'stage needs one of: new, contacted'],
    [{ field: 'employee_count', op: 'gt', value: 'many' }, 'employee_count needs a number'],
    [{ field: 'custom.seats', op: 'eq', value: '40' }, 'custom.seats needs a number'],
    [{ field: 'custom.renewal', op: 'eq', value: '2026-02-30' }, 'custom.renewal needs a date'],
    [{ field: 'custom.tier', op: 'eq', value: 'Bronze' }, 'custom.tier needs one of: Silver, Gold, Platinum'],
    [{ field: 'created_at', op: 'gt', value: 'yesterday' }, 'created_at needs a date-time'],
    [{ field: 'created_at', op: 'eq', value: '2026-05-01' }, 'operator eq is not available on created_at'],
    [{ field: 'employee_count', op: 'between', value: [10] }, 'between needs [from, to]'],
    [{ field: 'employee_count', op: 'between', value: [10, 1] }, 'between needs from ≤ to'],
    [{ field: 'city', op: 'in', value: [] }, 'in needs a non-empty array'],
    [{ field: 'city', op: 'eq', value: 'x'.repeat(501) }, 'at most 500 characters'],
    [{ field: 'city', op: 'is_empty', value: 'x' }, 'is_empty takes no value'],
    [{ field: 'owner_id', op: 'eq', value: 'bob' }, 'owner_id needs a user id or "me"'],
    [{ field: 'city', op: 'in', value: Array.from({ length: 1001 }, (_, i) => `c${i}`) }, 'at most 1000 values'],
    [{ and: [] }, 'filter.and: must be a non-empty array'],
    [{ and: [{ field: 'city', op: 'eq', value: 'x', extra: 1 }] }, 'filter.and.0: unknown key "extra"'],
    [{ not: { not: { not: { not: { not: { field: 'city', op: 'eq', value: 'x' } } } } } }, 'nest at most 5 levels'],
    [{ or: Array.from({ length: 101 }, () => ({ field: 'city', op: 'eq', value: 'x' })) }, 'at most 100 conditions'],
  ].map(([filter, message]) => [message as string, filter]))('refuses a filter with a 400: %s', async (message, filter) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/leads/search', headers: owner.headers, payload: { filter } });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION');
    expect(r.json().error.message).toContain(message);
  });

  it('refuses a filter that is not JSON in a query string', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/leads?filter=%7Bnope', headers: owner.headers });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('filter: must be JSON');
  });

  const sortKey = (l: LeadView, field: string): string | number | null => {
    const v = field.startsWith('custom.') ? custom(l, field.slice(7)) : (l as unknown as Record<string, unknown>)[field];
    return v === undefined || v === null ? null : typeof v === 'number' ? v : String(v);
  };

  it.each([
    ['employee_count', 'asc'],
    ['employee_count', 'desc'],
    ['custom.seats', 'asc'],
    ['custom.renewal', 'desc'],
    ['stage', 'asc'],
    ['closed_at', 'desc'],
  ] as const)('sorts by %s %s with empty values last (first when descending) and pages without gaps', async (sort, order) => {
    for (const limit of [1, 2, 50]) {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 30; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/leads/search', headers: owner.headers, payload: { sort, order, limit, ...(cursor && { cursor }) } });
        expect(r.statusCode, r.body).toBe(200);
        ids.push(...r.json().items.map((l: LeadView) => l.id));
        cursor = r.json().nextCursor ?? undefined;
        if (!cursor) break;
      }
      const dir = order === 'asc' ? 1 : -1;
      const want = [...leads]
        .sort((a, b) => {
          const ka = sortKey(a, sort);
          const kb = sortKey(b, sort);
          if (ka === kb) return (a.id < b.id ? -1 : 1) * dir;
          if (ka === null) return dir; // nulls last ascending, first descending
          if (kb === null) return -dir;
          return (ka < kb ? -1 : 1) * dir;
        })
        .map((l) => l.id);
      expect(ids).toEqual(want);
    }
  });

  it('refuses to sort on an unknown or unsortable field', async () => {
    for (const sort of ['favourite_colour', 'tags', 'custom.nope']) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/leads?sort=${sort}`, headers: owner.headers });
      expect(r.statusCode, sort).toBe(400);
    }
  });
});
