import type { Ctx } from '../../core/context.js';
import { getVisibleList } from './list-access.js';
import { toListViews, type ListView } from './list-view.js';

export async function getList(ctx: Ctx, id: string): Promise<ListView> {
  const list = await getVisibleList(ctx, id);
  const [view] = await toListViews(ctx, [list]);
  return view!;
}
