import { createHmac, hkdfSync } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import { erasedPeople } from './leads.tables.js';
import { normalizeEmail } from './normalize-email.js';
import { normalizeLinkedinUrl } from './normalize-linkedin.js';

/** The identifiers a tombstone remembers (as hashes): any of them matching means "erased". */
export interface PersonKeys {
  email?: string | null;
  linkedinUrl?: string | null;
}

const derivedKeys = new Map<string, Buffer>();

/** A key of its own for tombstones, derived from LEADFORGE_SECRET (never the secret itself). */
function tombstoneKey(secret: string): Buffer {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'leadforge', 'erasure-tombstones-v1', 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/**
 * Keyed hashes of a person's identifiers, normalized first so that " John@ACME.com " and the
 * stored "john@acme.com" give the same hash. Without the secret the hashes cannot be tested
 * against a list of addresses.
 */
export function personKeyHashes(secret: string, keys: PersonKeys): string[] {
  const out: string[] = [];
  const hash = (v: string) => createHmac('sha256', tombstoneKey(secret)).update(v).digest('base64url');
  if (keys.email?.trim()) {
    const r = normalizeEmail(keys.email);
    out.push(hash(`email:${r.ok ? r.email : r.email.trim().toLowerCase()}`));
  }
  if (keys.linkedinUrl?.trim()) {
    const r = normalizeLinkedinUrl(keys.linkedinUrl);
    out.push(hash(`linkedin:${r.ok ? r.url : keys.linkedinUrl.trim().toLowerCase()}`));
  }
  return out;
}

/**
 * Splits people into those that may be written and those erased from this workspace (GDPR
 * tombstones). Import, enrichment and lead creation call it before writing; one indexed query
 * per 5,000 people. `keysOf` picks the identifiers of an item (normalized or not).
 */
export async function filterErasedPeople<T>(ctx: Ctx, items: T[], keysOf: (item: T) => PersonKeys): Promise<{ kept: T[]; erased: T[] }> {
  const workspaceId = requireWorkspaceId(ctx);
  if (items.length === 0) return { kept: items, erased: [] };
  if (items.length > 50) {
    // Most workspaces erased nobody: one indexed probe spares a bulk write two HMACs per item
    // (for a few items the lookup below costs no more than the probe).
    const any = await ctx.db.select({ keyHash: erasedPeople.keyHash }).from(erasedPeople).where(eq(erasedPeople.workspaceId, workspaceId)).limit(1);
    if (any.length === 0) return { kept: items, erased: [] };
  }
  const hashesOf = items.map((item) => personKeyHashes(ctx.config.secret, keysOf(item)));
  const all = [...new Set(hashesOf.flat())];
  const found = new Set<string>();
  for (let i = 0; i < all.length; i += 5000) {
    const rows = await ctx.db
      .select({ keyHash: erasedPeople.keyHash })
      .from(erasedPeople)
      .where(and(eq(erasedPeople.workspaceId, workspaceId), inArray(erasedPeople.keyHash, all.slice(i, i + 5000))));
    rows.forEach((r) => found.add(r.keyHash));
  }
  const kept: T[] = [];
  const erased: T[] = [];
  items.forEach((item, i) => (hashesOf[i]!.some((h) => found.has(h)) ? erased : kept).push(item));
  return { kept, erased };
}

/** Forgets the tombstones matching these identifiers: the person may be added again, on purpose. */
export async function liftErasure(ctx: Ctx, keys: PersonKeys): Promise<number> {
  const hashes = personKeyHashes(ctx.config.secret, keys);
  if (hashes.length === 0) return 0;
  const removed = await ctx.db
    .delete(erasedPeople)
    .where(and(eq(erasedPeople.workspaceId, requireWorkspaceId(ctx)), inArray(erasedPeople.keyHash, hashes)))
    .returning({ keyHash: erasedPeople.keyHash });
  return removed.length;
}

/** Refuses to write an erased person unless the caller re-adds them on purpose (which lifts the tombstone). */
export async function assertNotErased(ctx: Ctx, keys: PersonKeys, options: { reAddErased?: boolean } = {}): Promise<void> {
  if (options.reAddErased) {
    await liftErasure(ctx, keys);
    return;
  }
  const { erased } = await filterErasedPeople(ctx, [keys], (k) => k);
  if (erased.length) {
    throw new DomainError('CONFLICT', 'This person was erased from this workspace (GDPR); add them again on purpose to bring them back', {
      details: { erased: true },
    });
  }
}
