import { call } from './invoke';
import type { AuditFilter } from './types/AuditFilter';

/** The audit records, newest first. */
export const listAudit = (filter: AuditFilter) => call('list_audit', { filter });
/** Walks the chain and compares the data with it. */
export const verifyAudit = () => call('verify_audit');
