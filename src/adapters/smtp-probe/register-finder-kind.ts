import { registerJobKind } from '../../domains/jobs/index.js';
import { finderBulkKind } from '../../domains/finder/index.js';
import { verifierNetFor } from './index.js';

/** The bulk finder job kind, with the process's verifier network. Imported once per process. */
export const bulkFinderKind = finderBulkKind((ctx) => ctx.services.verifier ?? verifierNetFor(ctx.config));
registerJobKind(bulkFinderKind);
