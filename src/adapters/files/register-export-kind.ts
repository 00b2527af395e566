import { registerJobKind } from '../../domains/jobs/index.js';
import { exportLeadsKind } from '../../domains/exports/index.js';

// The lead export job (`exports.run`) writes its files under the data dir.
registerJobKind(exportLeadsKind);
