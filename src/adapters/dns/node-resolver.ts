import { Resolver } from 'node:dns/promises';
import { DnsLookupError, type DnsResolver } from '../../domains/verify/index.js';
import { HostLimiter } from '../smtp-probe/host-limiter.js';

/**
 * Queries in flight at once. Beyond a few hundred, c-ares and small DNS servers drop queries
 * (measured on the test world: 800 at once, 288 timed out), and a timeout is an `unknown`
 * verdict: the rest wait their turn instead.
 */
const MAX_QUERIES_IN_FLIGHT = 64;

/**
 * Runs `fn` once per key at a time: callers asking for the same name while a query is in flight
 * share its answer (bulk jobs verify several chunks at once, often with the same domains).
 */
function singleFlight<T>(limit: HostLimiter): (key: string, fn: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, fn) => {
    const running = inFlight.get(key);
    if (running) return running;
    const p = (async () => {
      const release = await limit.acquire('dns');
      try {
        return await fn();
      } finally {
        release();
      }
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };
}

/**
 * The verifier's DNS through node:dns with its own servers (LEADFORGE_DNS_SERVERS, host:port
 * accepted); the system resolvers when the list is empty. Never the process-wide resolver, so
 * that other code and the settings cannot disagree.
 */
export function nodeDnsResolver(options: { servers: string[]; timeoutMs: number }): DnsResolver {
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(options.timeoutMs / 2)), tries: 2 });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  const limit = new HostLimiter(MAX_QUERIES_IN_FLIGHT);
  const mx = singleFlight<Awaited<ReturnType<Resolver['resolveMx']>>>(limit);
  const a = singleFlight<string[]>(limit);
  return {
    async resolveMx(domain) {
      try {
        return await mx(domain, () => resolver.resolveMx(domain));
      } catch (e) {
        throw toLookupError(e, domain);
      }
    },
    async resolveAddresses(host) {
      const [v4, v6] = await Promise.allSettled([a(`4 ${host}`, () => resolver.resolve4(host)), a(`6 ${host}`, () => resolver.resolve6(host))]);
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
