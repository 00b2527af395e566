import { registerJobKind } from '../../domains/jobs/index.js';
import { verifyBulkKind } from '../../domains/verify/index.js';
import { verifierNetFor } from './index.js';

/** The bulk verification job kind, with the process's verifier. Imported once per process. */
export const bulkVerifyKind = verifyBulkKind((ctx) => ctx.services.verifier ?? verifierNetFor(ctx.config));
registerJobKind(bulkVerifyKind);
