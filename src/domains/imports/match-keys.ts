import type { LeadInsert } from '../leads/index.js';
import type { MatchKey } from './import-input.js';

type KeyedLead = Pick<LeadInsert, 'emailNormalized' | 'linkedinUrl' | 'firstName' | 'lastName' | 'companyDomain' | 'issues'>;

/** The keys a lead is matched on ("e:jane@acme.com", "l:https://linkedin.com/in/jane", "n:jane|doe|acme.com"). Pure. */
export function matchKeys(lead: KeyedLead, on: readonly MatchKey[]): string[] {
  const keys: string[] = [];
  if (on.includes('email') && lead.emailNormalized) keys.push(`e:${lead.emailNormalized}`);
  if (on.includes('linkedin') && lead.linkedinUrl && !lead.issues?.linkedin_url) keys.push(`l:${lead.linkedinUrl.toLowerCase()}`);
  if (on.includes('name_company') && lead.firstName && lead.lastName && lead.companyDomain) {
    keys.push(`n:${lead.firstName.toLowerCase()}|${lead.lastName.toLowerCase()}|${lead.companyDomain.toLowerCase()}`);
  }
  return keys;
}
