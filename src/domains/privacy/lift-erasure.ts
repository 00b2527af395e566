import type { Ctx } from '../../core/context.js';
import { validationError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { recordAudit } from '../audit/index.js';
import { liftErasure } from '../leads/index.js';
import { assertActorRole } from '../workspaces/index.js';
import { personSchema, type PersonInput } from './find-person.js';

/**
 * "Re-add on purpose": forgets the tombstones of these identifiers, so the person may be
 * created, imported or enriched again (e.g. they became a customer and asked to be contacted).
 */
export async function liftPersonErasure(ctx: Ctx, input: Omit<PersonInput, 'leadId'>): Promise<{ lifted: number }> {
  assertActorRole(ctx, 'admin', 'lift an erasure');
  const q = parseInput(personSchema.omit({ leadId: true }), input);
  if (!q.email?.trim() && !q.linkedinUrl?.trim()) throw validationError('Name the person: email or linkedinUrl', [{ path: 'email', message: 'required' }]);
  const lifted = await liftErasure(ctx, { email: q.email, linkedinUrl: q.linkedinUrl });
  await recordAudit(ctx, { action: 'privacy.erasure_lifted', targetType: 'person', metadata: { lifted } });
  return { lifted };
}
