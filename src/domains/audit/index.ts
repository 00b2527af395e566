export * from './audit.tables.js';
export { recordAudit, type AuditInput } from './record-audit.js';
