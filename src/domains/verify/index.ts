// Public surface of the verify domain: other domains and adapters import only from here.
export * from './types.js';
export * from './verify.tables.js';
export { DnsLookupError, type DnsFailure, type DnsResolver, type MailboxProber, type ProbeRequest, type VerifierNet } from './ports.js';
export type { SmtpAnswer } from './smtp-reply.js';
export { parseEmail } from './syntax.js';
export { verifyEmails, type VerifyOptions } from './verify-emails.js';
export { verifyEmailForWorkspace, verifyEmailInput, type VerifyEmailInput, type ChargedVerifyResult } from './verify-email.js';
export { suggestEmail } from './typo.js';
export { csvHeader, csvLine, jsonlLine, readAddressFile } from './result-format.js';
export { verifyBulkKind, VERIFY_BULK_KIND, verifyBulkPayload, type VerifyBulkPayload } from './bulk-kind.js';
export { listBulkResults, bulkResultsInput, type BulkResultRow } from './bulk-results.js';
export { startBulkVerify, startBulkVerifyInput, MAX_BULK_ADDRESSES } from './start-bulk-verify.js';
