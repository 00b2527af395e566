export * from './audit.tables.js';
export { recordAudit, type AuditInput } from './record-audit.js';
export { listAuditEvents, AUDIT_PAGE_MAX, type AuditEventView } from './list-audit-events.js';
