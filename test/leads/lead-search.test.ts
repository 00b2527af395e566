import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { queryRows } from '../../src/core/db.js';
import { fuzzyPrefilter } from '../../src/domains/leads/fuzzy-prefilter.js';
import { countLeads, createLead, deleteLead, listLeads, updateLead } from '../../src/domains/leads/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from './support.js';

/** The quick search `q`: substrings, addresses, short prefixes, close spellings only when nothing matches as typed. */
describe('lead quick search', () => {
  let t: TestApp;
  let ctx: Ctx;
  let other: Ctx;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await createUserWithWorkspace(t);
    ctx = userCtx(t, owner.workspaceId, owner.id);
    const stranger = await createUserWithWorkspace(t);
    other = userCtx(t, stranger.workspaceId, stranger.id);
    const seeds = [
      { full_name: 'Serena Williams', email: 'serena@tennis.example', company: 'Grand Slam Inc', city: 'Palm Beach' },
      { full_name: 'Zoë Müller', email: 'zoe.mueller@acme-gmbh.example', company: 'Acme GmbH', title: 'Head of Sales' },
      { full_name: 'Wang Li', email: 'wang.li@globex.example', company: 'Globex Analytics', company_domain: 'globex.example' },
      { full_name: 'Waldo Emerson', company: 'Transcendental Ltd' },
    ];
    for (const s of seeds) ids.set(s.full_name, (await createLead(ctx, s)).id);
    const deleted = await createLead(ctx, { full_name: 'Gone Williamson', email: 'gone@tennis.example' });
    await deleteLead(ctx, deleted.id);
    await createLead(other, { full_name: 'Venus Williams', email: 'venus@tennis.example' });
  });
  afterAll(async () => t.close());

  const names = async (q: string, c = ctx) => (await listLeads(c, { q })).items.map((l) => l.full_name).sort();

  it('matches substrings of names, email, company, domain, title and city, every term, accents and case folded', async () => {
    expect(await names('williams')).toEqual(['Serena Williams']);
    expect(await names('MULLER')).toEqual(['Zoë Müller']);
    expect(await names('zoë')).toEqual(['Zoë Müller']);
    expect(await names('globex analytics')).toEqual(['Wang Li']);
    expect(await names('globex waldo')).toEqual([]);
    expect(await names('tennis')).toEqual(['Serena Williams']);
    expect(await names('head of sales')).toEqual(['Zoë Müller']);
    expect(await names('palm beach')).toEqual(['Serena Williams']);
    expect(await names('100%')).toEqual([]);
    // Another workspace's Venus Williams and the deleted Williamson never show.
    expect(await names('venus')).toEqual([]);
  });

  it('looks addresses up on the email index: whole or a start', async () => {
    expect(await names('serena@tennis.example')).toEqual(['Serena Williams']);
    expect(await names(' Zoe.Mueller@ACME')).toEqual(['Zoë Müller']);
    expect(await names('nobody@tennis.example')).toEqual([]);
  });

  it('matches 1–2 characters as a prefix of the last name, the company or the email', async () => {
    expect(await names('wa')).toEqual(['Wang Li']); // email wang.li@…; "Waldo" is a first name, Emerson's company is Transcendental
    expect(await names('tr')).toEqual(['Waldo Emerson']);
    expect(await names('m')).toEqual(['Zoë Müller']);
  });

  it('finds close spellings only when the words as typed are nowhere in the workspace', async () => {
    expect(await names('wiliams')).toEqual(['Serena Williams']);
    expect(await names('serena wiliams')).toEqual(['Serena Williams']);
    expect(await countLeads(ctx, { q: 'wiliams' })).toEqual({ count: 1, capped: false });
    // "glob" exists as typed: no fuzzy matches beside the exact ones.
    expect(await names('glob')).toEqual(['Wang Li']);
    expect(await names('qqqzzz')).toEqual([]);
    expect(await names('wiliams', other)).toEqual(['Venus Williams']);
  });

  it('pages a close-spelling search with its cursor: close spellings on every page, none once the words are found', async () => {
    const richard = await createLead(other, { full_name: 'Richard Williams', email: 'richard@tennis.example' });
    const first = await listLeads(other, { q: 'wiliams', limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await listLeads(other, { q: 'wiliams', limit: 1, cursor: first.nextCursor! });
    expect([first.items[0]!.full_name, second.items[0]!.full_name].sort()).toEqual(['Richard Williams', 'Venus Williams']);
    expect(second.nextCursor).toBeNull();
    // Once a lead holds the words as typed, only those match (the plain page proves it, no probe needed).
    await updateLead(other, { id: richard.id, fields: { last_name: 'Wiliams' } });
    expect((await listLeads(other, { q: 'wiliams' })).items.map((l) => l.full_name)).toEqual(['Richard Wiliams']);
  });

  it('never loses a close spelling to the substring prefilter (checked against pg_trgm itself)', async () => {
    const texts = [
      'serena williams serena@tennis.example grand slam inc tennis.example palm beach',
      'zoe muller zoe.mueller@acme-gmbh.example acme gmbh head of sales',
      'wang li wang.li@globex.example globex analytics globex.example',
      'patricia schneider p.schneider@initech.example initech software account executive munich',
      'giulia esposito giulia@ferrari-logistics.example ferrari logistics operations director rome',
    ];
    // Typos of every word of 4+ letters: a letter dropped, doubled, replaced or swapped with the next.
    const typos = new Set<string>();
    for (const w of texts.flatMap((x) => x.split(/[^a-z0-9]+/)).filter((x) => x.length >= 4)) {
      for (let i = 0; i < w.length; i++) {
        typos.add(w.slice(0, i) + w.slice(i + 1));
        typos.add(w.slice(0, i) + w[i] + w.slice(i));
        typos.add(w.slice(0, i) + (w[i] === 'x' ? 'q' : 'x') + w.slice(i + 1));
        if (i + 1 < w.length) typos.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
      }
    }
    const pairs = [...typos].flatMap((t) => texts.map((x) => [t, x]));
    const rows = await queryRows<{ t: string; s: string; similar: boolean }>(
      t.ctx().db,
      sql`select p->>0 as t, p->>1 as s, (p->>0) <% (p->>1) as similar from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) p`,
    );
    const filtered = rows.filter((r) => r.similar && fuzzyPrefilter(r.t));
    expect(filtered.length).toBeGreaterThan(300); // the check below covers many real matches
    const lost = filtered.filter((r) => !fuzzyPrefilter(r.t)!.some((w) => r.s.includes(w)));
    expect(lost).toEqual([]);
    // …and it does reject most rows that are not close (what makes it worth having).
    const rejected = rows.filter((r) => !r.similar && fuzzyPrefilter(r.t) && !fuzzyPrefilter(r.t)!.some((w) => r.s.includes(w)));
    expect(rejected.length).toBeGreaterThan(rows.filter((r) => !r.similar).length / 2);
  });

  it('counts a search up to the cap', async () => {
    expect(await countLeads(ctx, { q: 'example' })).toEqual({ count: 3, capped: false });
    expect(await countLeads(ctx, { q: 'example', cap: 2 })).toEqual({ count: 2, capped: true });
  });
});
