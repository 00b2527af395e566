import type { Ctx } from '../../core/context.js';

export async function releaseReservation(_ctx: Ctx, _input: { reservationId: string }): Promise<{ releasedMilli: number }> {
  throw new Error('not implemented yet');
}
