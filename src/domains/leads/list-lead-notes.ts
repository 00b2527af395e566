import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { users } from '../auth/index.js';
import { findLead } from './lead-store.js';
import { leadNotes } from './leads.tables.js';
import { toNoteView, type NoteView } from './note-view.js';

/** Notes of a lead, newest first, with a keyset cursor. */
export async function listLeadNotes(
  ctx: Ctx,
  input: { leadId: string; limit?: number; cursor?: string; noteId?: string },
): Promise<{ items: NoteView[]; nextCursor: string | null }> {
  const workspaceId = requireWorkspaceId(ctx);
  await findLead(ctx, input.leadId, { includeDeleted: true });
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const after = input.cursor ? decode(input.cursor) : null;
  const rows = await ctx.db
    .select({
      id: leadNotes.id,
      leadId: leadNotes.leadId,
      body: leadNotes.body,
      authorUserId: leadNotes.authorUserId,
      authorApiKeyId: leadNotes.authorApiKeyId,
      authorName: users.name,
      authorEmail: users.email,
      createdAt: leadNotes.createdAt,
      updatedAt: leadNotes.updatedAt,
      at: sql<string>`to_char(${leadNotes.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(leadNotes)
    .leftJoin(users, eq(users.id, leadNotes.authorUserId))
    .where(
      and(
        eq(leadNotes.workspaceId, workspaceId),
        eq(leadNotes.leadId, input.leadId),
        input.noteId ? eq(leadNotes.id, input.noteId) : undefined,
        after ? sql`(${leadNotes.createdAt}, ${leadNotes.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(leadNotes.createdAt), desc(leadNotes.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toNoteView),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url') : null,
  };
}

function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/.test(String(v[1]))) return v as [string, string];
  } catch {
    /* fall through */
  }
  throw validationError('Invalid cursor; start again without one');
}
