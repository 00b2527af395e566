// Public surface of the verify domain: other domains and adapters import only from here.
export * from './types.js';
export * from './verify.tables.js';
export { DnsLookupError, type DnsFailure, type DnsResolver, type MailboxProber, type ProbeRequest, type VerifierNet } from './ports.js';
export type { SmtpAnswer } from './smtp-reply.js';
export { parseEmail } from './syntax.js';
export { verifyEmails, type VerifyOptions } from './verify-emails.js';
export { verifyEmailForWorkspace, verifyEmailInput, type VerifyEmailInput, type ChargedVerifyResult } from './verify-email.js';
export { suggestEmail } from './typo.js';
export { csvHeader, csvLine, jsonlLine, readAddressFile, defuseFormula } from './result-format.js';
export { pickEmailColumn, type EmailColumn } from './email-column.js';
export { verifyBulkKind, VERIFY_BULK_KIND, verifyBulkPayload, type VerifyBulkPayload } from './bulk-kind.js';
export { listBulkResults, bulkResultsInput, bulkResultsFilter, type BulkResultRow } from './bulk-results.js';
export { getBulkVerify, type BulkVerifySummary } from './bulk-summary.js';
export { exportBulkResults, bulkExportInput, type ExportFile } from './bulk-export.js';
export { startBulkVerify, startBulkVerifyInput, MAX_BULK_ADDRESSES, MAX_UPLOAD_ADDRESSES, type StartBulkVerifyInput } from './start-bulk-verify.js';
export { writeLeadStatuses, type LeadStatusWrite } from './write-lead-statuses.js';
// Building blocks the finder composes (domain facts, cached answers, SMTP verdicts).
export { lookupDomainFacts, type DomainFacts } from './domain-facts.js';
export { readCachedDomain, readCachedDomains, writeCachedDomain, writeCachedDomains, readCachedResults, writeCachedResults, type CachedDomain } from './cache.js';
export { verdictOf, randomProbeLocal } from './probe-domain.js';
export { buildResult, type Findings } from './build-result.js';
export { isDisposableDomain } from './address-type.js';
