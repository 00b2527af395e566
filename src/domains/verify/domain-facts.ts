import { DnsLookupError, type DnsResolver } from './ports.js';
import type { MxRecord } from './types.js';

export type DomainFacts =
  | { kind: 'mail'; mx: MxRecord[]; hosts: string[]; implicit: boolean }
  | { kind: 'not_found' }
  | { kind: 'no_mail_server'; mx: MxRecord[] }
  | { kind: 'dns_error'; detail: string };

/**
 * Where mail for a domain goes (RFC 5321 §5.1): MX records in preference order; no MX but an
 * address record → the domain itself (implicit MX); a null MX (RFC 7505, "." at 0) or no host
 * at all → no mail server. NXDOMAIN → not found; any other failure is not a verdict.
 */
export async function lookupDomainFacts(dns: DnsResolver, domain: string): Promise<DomainFacts> {
  let mx: MxRecord[];
  try {
    mx = await dns.resolveMx(domain);
  } catch (e) {
    if (!(e instanceof DnsLookupError)) throw e;
    if (e.failure === 'nxdomain') return { kind: 'not_found' };
    if (e.failure === 'error') return { kind: 'dns_error', detail: e.message };
    mx = [];
  }
  const records = mx.map((r) => ({ exchange: r.exchange.replace(/\.$/, '').toLowerCase(), priority: r.priority })).sort((a, b) => a.priority - b.priority);
  if (records.length === 0) return implicitMx(dns, domain);
  const hosts = [...new Set(records.filter((r) => r.exchange !== '').map((r) => r.exchange))];
  if (hosts.length === 0) return { kind: 'no_mail_server', mx: records };
  return { kind: 'mail', mx: records, hosts, implicit: false };
}

async function implicitMx(dns: DnsResolver, domain: string): Promise<DomainFacts> {
  try {
    const addresses = await dns.resolveAddresses(domain);
    if (addresses.length === 0) return { kind: 'no_mail_server', mx: [] };
    return { kind: 'mail', mx: [{ exchange: domain, priority: 0 }], hosts: [domain], implicit: true };
  } catch (e) {
    if (!(e instanceof DnsLookupError)) throw e;
    if (e.failure === 'error') return { kind: 'dns_error', detail: e.message };
    return e.failure === 'nxdomain' ? { kind: 'not_found' } : { kind: 'no_mail_server', mx: [] };
  }
}
