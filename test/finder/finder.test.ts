import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context.js';
import { verifierNetFor } from '../../src/adapters/smtp-probe/index.js';
import { createLead } from '../../src/domains/leads/index.js';
import { findPeople, learnedPatterns, type PersonInput } from '../../src/domains/finder/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createUserWithWorkspace } from '../helpers/auth.js';
import { userCtx } from '../leads/support.js';
import { startFinderWorld, type FinderWorld } from '../finderworld/world.js';
import { COMPANIES } from './world-companies.js';

let world: FinderWorld;
let t: TestApp;

beforeAll(async () => {
  world = await startFinderWorld(COMPANIES);
  t = await createTestApp({ config: { verify: world.verifyConfig() } });
});
afterAll(async () => {
  await t?.close();
  await world?.close();
});

/** A fresh workspace: nothing learnt yet. */
async function freshCtx(): Promise<Ctx> {
  const owner = await createUserWithWorkspace(t);
  return userCtx(t, owner.workspaceId, owner.id);
}
const find = async (ctx: Ctx, people: PersonInput[], options = {}) => findPeople(ctx, verifierNetFor(ctx.config), people, options);

describe('finding one person', () => {
  it.each([
    [{ firstName: 'Ada', lastName: 'Lovelace', domain: 'acme.test' }, 'ada.lovelace@acme.test', '{first}.{last}'],
    [{ fullName: 'José Núñez', domain: 'acme.test' }, 'jose.nunez@acme.test', '{first}.{last}'],
    [{ fullName: 'Ludwig van der Berg', domain: 'acme.test' }, 'ludwig.vanderberg@acme.test', '{first}.{last}'],
    [{ firstName: 'Mary', lastName: 'Smith-Jones', domain: 'acme.test' }, 'mary.smithjones@acme.test', '{first}.{last}'],
    [{ firstName: 'Seán', lastName: "O'Neil Jr.", domain: 'https://www.acme.test/about' }, 'sean.oneil@acme.test', '{first}.{last}'],
    [{ firstName: 'Łukasz', lastName: 'Kowalski', website: 'globex.test' }, 'lkowalski@globex.test', '{f}{last}'],
    [{ firstName: 'Bjørn', lastName: 'Sørensen', domain: 'globex.test' }, 'bsorensen@globex.test', '{f}{last}'],
    [{ firstName: 'Peter', lastName: 'Gibbons', domain: 'initech.test' }, 'peter@initech.test', '{first}'],
    [{ firstName: 'Albert', lastName: 'Wesker', domain: 'umbrella.test' }, 'wesker.albert@umbrella.test', '{last}.{first}'],
  ])('%o → %s', async (person, email, pattern) => {
    const [r] = await find(await freshCtx(), [person]);
    expect(r).toMatchObject({ email, status: 'valid', reason: 'accepted', pattern });
    expect(r!.confidence).toBeGreaterThanOrEqual(90);
    expect(r!.verification).toMatchObject({ email, status: 'valid', reason: 'accepted' });
    // Candidates are tried in rank order over the two connections the host allows, and the walk
    // stops at the accepted one: past it, at most the one in flight on the other connection.
    const at = r!.candidatesChecked.indexOf(email);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(r!.candidatesChecked.length - 1 - at).toBeLessThanOrEqual(1);
  });

  it('returns the best guess at a catch-all domain as risky, never valid', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Gavin', lastName: 'Belson', domain: 'hooli.test' }]);
    expect(r).toMatchObject({ email: 'gavin.belson@hooli.test', status: 'risky', reason: 'catch_all', pattern: '{first}.{last}' });
    expect(r!.confidence).toBeLessThan(60);
    expect(r!.verification).toMatchObject({ status: 'risky', reason: 'catch_all' });
  });

  it('says not found when every candidate is rejected', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Nobody', lastName: 'Here', domain: 'acme.test' }]);
    expect(r).toMatchObject({ email: null, status: 'not_found', reason: 'all_rejected', confidence: 0 });
    expect(r!.candidatesChecked.length).toBe(15);
  });

  it('says not found for a domain that does not exist', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Ada', lastName: 'Lovelace', domain: 'doesnotexist.test' }]);
    expect(r).toMatchObject({ email: null, status: 'not_found', reason: 'domain_not_found', domain: 'doesnotexist.test', smtpProbes: 0 });
  });

  it('guesses by pattern without SMTP when asked to skip it', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Ada', lastName: 'Lovelace', domain: 'acme.test' }], { skipSmtp: true });
    expect(r).toMatchObject({ email: 'ada.lovelace@acme.test', status: 'risky', reason: 'smtp_skipped', smtpProbes: 0 });
  });

  it('drops answers under min confidence', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Gavin', lastName: 'Belson', domain: 'hooli.test' }], { minConfidence: 70 });
    expect(r).toMatchObject({ email: null, status: 'not_found', reason: 'below_min_confidence' });
  });
});

describe('company to domain', () => {
  it('uses the domain the workspace already knows for the company', async () => {
    const ctx = await freshCtx();
    await createLead(ctx, { first_name: 'Homer', last_name: 'Simpson', company: 'Globex Corporation', company_domain: 'globex.test' });
    const [r] = await find(ctx, [{ firstName: 'Monty', lastName: 'Power', company: 'Globex Corp.' }]);
    expect(r).toMatchObject({ email: 'mpower@globex.test', domainSource: 'workspace' });
  });

  it('derives a domain from the company name and checks it has mail', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Richard', lastName: 'Hendricks', company: 'Pied Piper, Inc.' }]);
    expect(r).toMatchObject({ email: 'richard.hendricks@piedpiper.com', status: 'valid', domain: 'piedpiper.com', domainSource: 'guessed' });
  });

  it('says which guessed domain failed when no derived name has mail', async () => {
    const [r] = await find(await freshCtx(), [{ firstName: 'Peter', lastName: 'Gibbons', company: 'Initrode LLC' }]);
    expect(r).toMatchObject({ email: null, status: 'not_found', reason: 'domain_not_found', domainSource: 'guessed' });
  });
});

describe('patterns are learnt', () => {
  it('settles the next people of a domain in one probe each', async () => {
    const ctx = await freshCtx();
    const people = [
      { firstName: 'Leon', lastName: 'Kennedy', domain: 'umbrella.test' },
      { firstName: 'Chris', lastName: 'Redfield', domain: 'umbrella.test' },
      { firstName: 'Jill', lastName: 'Valentine', domain: 'umbrella.test' },
    ];
    const results = await find(ctx, people);
    expect(results.map((r) => r.email)).toEqual(['kennedy.leon@umbrella.test', 'redfield.chris@umbrella.test', 'valentine.jill@umbrella.test']);
    expect(results[0]!.smtpProbes).toBeGreaterThan(3);
    expect(results.slice(1).map((r) => r.smtpProbes)).toEqual([1, 1]);
    expect(results[2]!.confidence).toBeGreaterThan(results[0]!.confidence);
    expect((await learnedPatterns(ctx, 'umbrella.test'))[0]).toMatchObject({ pattern: '{last}.{first}', hits: 3 });
  });

  it('walks the first person, then asks for everyone else together over the same two connections', async () => {
    const names = [['Anna', 'B'], ['Bruno', 'C'], ['Carla', 'D'], ['David', 'E'], ['Eva', 'F'], ['Frank', 'G'], ['Gina', 'H'], ['Hugo', 'I'], ['Iris', 'J'], ['Jack', 'K']];
    const people = names.map(([firstName, lastName]) => ({ firstName, lastName: `${lastName}son`, domain: 'bigco.test' }));
    // Surnames "Bson"… render {first}{l} as annab, brunoc…: the mailboxes exist under that pattern.
    const results = await find(await freshCtx(), people);
    expect(results.map((r) => r.email)).toEqual(['annab', 'brunoc', 'carlad', 'davide', 'evaf', 'frankg', 'ginah', 'hugoi', 'irisj', 'jackk'].map((l) => `${l}@bigco.test`));
    const stats = world.stats.get('bigco.test')!;
    expect(stats.maxSimultaneous).toBeLessThanOrEqual(2);
    // Anna's walk opens the two connections the host allows; the batch goes on over them.
    expect(stats.connections).toBe(2);
    const probes = results.reduce((n, r) => n + r.smtpProbes, 0);
    expect(probes).toBe(stats.rcpts);
    expect(probes / people.length).toBeLessThan(1.8);
  });

  it('learns a catch-all domain in the first conversation', async () => {
    const ctx = await freshCtx();
    const results = await find(ctx, [
      { firstName: 'Richard', lastName: 'Hendricks', domain: 'hooli.test' },
      { firstName: 'Erlich', lastName: 'Bachman', domain: 'hooli.test' },
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['risky', 'catch_all'],
      ['risky', 'catch_all'],
    ]);
  });

  it('learns from the workspace leads before any probe', async () => {
    const ctx = await freshCtx();
    await createLead(ctx, { first_name: 'Homer', last_name: 'Simpson', email: 'hsimpson@globex.test' });
    const before = world.stats.get('globex.test')!.rcpts;
    const [r] = await find(ctx, [{ firstName: 'Nikola', lastName: 'Tesla', domain: 'globex.test' }]);
    expect(r).toMatchObject({ email: 'ntesla@globex.test', pattern: '{f}{last}', smtpProbes: 1 });
    expect(world.stats.get('globex.test')!.rcpts - before).toBe(1);
  });

  it('answers from the shared verification cache without probing again', async () => {
    await find(await freshCtx(), [{ firstName: 'Michael', lastName: 'Bolton', domain: 'initech.test' }]);
    const before = world.stats.get('initech.test')!.rcpts;
    const [r] = await find(await freshCtx(), [{ firstName: 'Michael', lastName: 'Bolton', domain: 'initech.test' }]);
    expect(r).toMatchObject({ email: 'michael@initech.test', status: 'valid', smtpProbes: 0 });
    expect(world.stats.get('initech.test')!.rcpts).toBe(before);
  });

  it('keeps what one workspace learnt out of another', async () => {
    const a = await freshCtx();
    await find(a, [{ firstName: 'Peter', lastName: 'Gibbons', domain: 'initech.test' }]);
    expect(await learnedPatterns(a, 'initech.test')).toHaveLength(1);
    expect(await learnedPatterns(await freshCtx(), 'initech.test')).toEqual([]);
  });
});
