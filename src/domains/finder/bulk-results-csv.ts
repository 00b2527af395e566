import type { Ctx } from '../../core/context.js';
import { csvCell } from '../imports/index.js';
import { listBulkFindResults } from './bulk-results.js';
import type { FindStatus } from './types.js';

const COLUMNS = ['row', 'first_name', 'last_name', 'full_name', 'company', 'domain_given', 'website', 'email', 'status', 'reason', 'confidence', 'pattern', 'domain', 'domain_source', 'smtp_probes', 'saved'];

/**
 * A bulk find's results as CSV lines (header first), read page by page so a large job never sits
 * in memory; cells a spreadsheet would run as formulas are neutralized.
 */
export async function* bulkFindCsvLines(ctx: Ctx, jobId: string, status?: FindStatus): AsyncIterable<string> {
  let cursor: number | undefined;
  let first = true;
  do {
    const page = await listBulkFindResults(ctx, { jobId, status, limit: 1000, cursor });
    if (first) yield `${COLUMNS.join(',')}\r\n`;
    first = false;
    for (const row of page.items) {
      const p = row.person;
      const r = row.result;
      const cells = [row.ref, p.firstName, p.lastName, p.fullName, p.company, p.domain, p.website, r?.email, r?.status, r?.reason, r?.confidence, r?.pattern, r?.domain, r?.domainSource, r?.smtpProbes, r?.saved];
      yield `${cells.map((c) => csvCell(c === null || c === undefined ? '' : String(c))).join(',')}\r\n`;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
