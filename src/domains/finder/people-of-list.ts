import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import type { ItemSeed } from '../jobs/index.js';
import { validationError } from '../../core/errors.js';
import { leadListItems, leads, listLeads, type ListLeadsQuery } from '../leads/index.js';
import type { PersonInput } from './find-people.js';

const LEAD_BATCH = 5_000;

export interface PersonItemInput {
  person: PersonInput;
  /** The lead this person is (list source): a found address is saved to it. */
  leadId?: string;
}

/** Items for the live leads of a list that have no email yet (ref: the lead id), in lead-id order. */
export async function* peopleOfList(ctx: Ctx, listId: string): AsyncIterable<ItemSeed[]> {
  const workspaceId = requireWorkspaceId(ctx);
  let after: string | undefined;
  for (;;) {
    const rows = await ctx.db
      .select({
        id: leads.id,
        firstName: leads.firstName,
        lastName: leads.lastName,
        fullName: leads.fullName,
        company: leads.company,
        domain: leads.companyDomain,
        website: leads.website,
      })
      .from(leadListItems)
      .innerJoin(leads, eq(leads.id, leadListItems.leadId))
      .where(
        and(
          eq(leadListItems.listId, listId),
          eq(leadListItems.workspaceId, workspaceId),
          eq(leads.workspaceId, workspaceId),
          isNull(leads.deletedAt),
          isNull(leads.email),
          after ? gt(leads.id, after) : undefined,
        ),
      )
      .orderBy(asc(leads.id))
      .limit(LEAD_BATCH);
    if (rows.length === 0) return;
    yield rows.map(({ id, ...person }) => ({ ref: id, input: { person, leadId: id } satisfies PersonItemInput }));
    after = rows[rows.length - 1]!.id;
  }
}

/** Items for chosen leads of the workspace that have no email yet (ref: the lead id). */
export async function* peopleOfLeads(ctx: Ctx, leadIds: string[]): AsyncIterable<ItemSeed[]> {
  const workspaceId = requireWorkspaceId(ctx);
  for (let i = 0; i < leadIds.length; i += LEAD_BATCH) {
    const rows = await ctx.db
      .select({ id: leads.id, firstName: leads.firstName, lastName: leads.lastName, fullName: leads.fullName, company: leads.company, domain: leads.companyDomain, website: leads.website })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds.slice(i, i + LEAD_BATCH)), isNull(leads.deletedAt), isNull(leads.email)))
      .orderBy(asc(leads.id));
    if (rows.length > 0) yield rows.map(({ id, ...person }) => ({ ref: id, input: { person, leadId: id } satisfies PersonItemInput }));
  }
}

/** Parameters of GET /leads that are about paging or the trash, not about which leads (has_email is always "false" here). */
const NOT_FILTERS = ['limit', 'cursor', 'sort', 'order', 'deleted'];
const FILTER_PAGE = 200;

/** A leads filter (GET /leads query parameters), checked when the job starts so a bad one is a 400, not a failed job. */
export async function checkPeopleFilter(ctx: Ctx, filter: Record<string, string>): Promise<void> {
  const paging = Object.keys(filter).filter((k) => NOT_FILTERS.includes(k));
  if (paging.length > 0) throw validationError(`filter: ${paging.join(', ')} cannot be used in a filter`);
  await listLeads(ctx, { ...filter, has_email: 'false', limit: 1 } as ListLeadsQuery);
}

/** Items for the live leads matching a leads filter that have no email yet (ref: the lead id), oldest first. */
export async function* peopleOfFilter(ctx: Ctx, filter: Record<string, string>): AsyncIterable<ItemSeed[]> {
  let cursor: string | undefined;
  do {
    const page = await listLeads(ctx, { ...filter, has_email: 'false', sort: 'created_at', order: 'asc', limit: FILTER_PAGE, cursor } as ListLeadsQuery);
    const seeds = page.items
      .filter((l) => !l.email)
      .map((l) => ({
        ref: l.id,
        input: {
          person: { firstName: l.first_name, lastName: l.last_name, fullName: l.full_name, company: l.company, domain: l.company_domain, website: l.website },
          leadId: l.id,
        } satisfies PersonItemInput,
      }));
    if (seeds.length > 0) yield seeds;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
