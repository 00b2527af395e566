import { Resolver } from 'node:dns/promises';
import { DnsLookupError, type DnsResolver } from '../../domains/verify/index.js';

/**
 * The verifier's DNS through node:dns with its own servers (LEADFORGE_DNS_SERVERS, host:port
 * accepted); the system resolvers when the list is empty. Never the process-wide resolver, so
 * that other code and the settings cannot disagree.
 */
export function nodeDnsResolver(options: { servers: string[]; timeoutMs: number }): DnsResolver {
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(options.timeoutMs / 2)), tries: 2 });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  return {
    async resolveMx(domain) {
      try {
        return await resolver.resolveMx(domain);
      } catch (e) {
        throw toLookupError(e, domain);
      }
    },
    async resolveAddresses(host) {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      const found = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
      if (found.length > 0) return found;
      const failures = [v4, v6].map((r) => (r.status === 'rejected' ? toLookupError(r.reason, host) : null));
      // NXDOMAIN on either family is NXDOMAIN; a server failure on either is not a verdict.
      if (failures.some((f) => f?.failure === 'error')) throw failures.find((f) => f?.failure === 'error')!;
      if (failures.some((f) => f?.failure === 'nxdomain')) throw new DnsLookupError('nxdomain', `${host}: no such domain`);
      return [];
    },
  };
}

/** node:dns codes: ENOTFOUND is NXDOMAIN, ENODATA is "exists but no such record"; the rest are failures. */
export function toLookupError(e: unknown, name: string): DnsLookupError {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOTFOUND') return new DnsLookupError('nxdomain', `${name}: no such domain`);
  if (code === 'ENODATA') return new DnsLookupError('nodata', `${name}: no records`);
  return new DnsLookupError('error', `${name}: DNS lookup failed (${code ?? String(e)})`);
}
