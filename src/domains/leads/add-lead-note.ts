import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { withTransaction } from '../../core/transaction.js';
import { parseInput } from '../../core/validate.js';
import { findLead } from './lead-store.js';
import { listLeadNotes } from './list-lead-notes.js';
import { leadNotes } from './leads.tables.js';
import type { NoteView } from './note-view.js';
import { recordLeadActivity } from './record-lead-activity.js';

export const noteBodySchema = z.string().trim().min(1, 'A note cannot be empty').max(20_000, 'A note is at most 20,000 characters');

/** A member's note on a (live) lead; it also appears in the lead's timeline. */
export async function addLeadNote(ctx: Ctx, input: { leadId: string; body: string }): Promise<NoteView> {
  const body = parseInput(noteBodySchema, input.body);
  const workspaceId = requireWorkspaceId(ctx);
  return withTransaction(ctx, async (tx) => {
    await findLead(tx, input.leadId);
    const now = tx.clock.now();
    const [note] = await tx.db
      .insert(leadNotes)
      .values({ workspaceId, leadId: input.leadId, body, authorUserId: tx.actor.userId ?? null, authorApiKeyId: tx.actor.apiKeyId ?? null, createdAt: now, updatedAt: now })
      .returning({ id: leadNotes.id });
    await recordLeadActivity(tx, [{ leadId: input.leadId, type: 'note_added', data: { noteId: note!.id } }]);
    const page = await listLeadNotes(tx, { leadId: input.leadId, noteId: note!.id });
    return page.items[0]!;
  });
}
