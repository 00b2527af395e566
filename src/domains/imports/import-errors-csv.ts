import { and, asc, eq, gt } from 'drizzle-orm';
import { requireWorkspaceId, type Ctx } from '../../core/context.js';
import { findImport } from './get-import.js';
import { importErrors } from './imports.tables.js';

/** A CSV cell: quoted when needed, and formula-looking text defused for spreadsheets. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The error report of an import as CSV lines (row, column, value, problem), streamed by pages. */
export async function* importErrorsCsv(ctx: Ctx, importId: string): AsyncIterable<string> {
  const imp = await findImport(ctx, importId);
  yield 'row,column,value,problem\n';
  let after = 0;
  for (;;) {
    const page = await ctx.db
      .select()
      .from(importErrors)
      .where(and(eq(importErrors.importId, imp.id), eq(importErrors.workspaceId, requireWorkspaceId(ctx)), gt(importErrors.id, after)))
      .orderBy(asc(importErrors.id))
      .limit(5000);
    if (page.length === 0) return;
    yield page.map((e) => [e.rowNumber, e.column, e.value, e.problem].map(csvCell).join(',')).join('\n') + '\n';
    after = page.at(-1)!.id;
  }
}
