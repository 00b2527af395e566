import type { Config } from '../../core/config.js';
import type { VerifierNet } from '../../domains/verify/index.js';
import { nodeDnsResolver } from '../dns/node-resolver.js';
import { smtpProber } from './prober.js';

const byConfig = new WeakMap<Config, VerifierNet>();

/**
 * The verifier's outside world built from the settings, one per Config so that the per-host
 * connection caps hold across requests of a process.
 */
export function verifierNetFor(config: Config): VerifierNet {
  let net = byConfig.get(config);
  if (!net) {
    const v = config.verify;
    const dns = nodeDnsResolver({ servers: v.dnsServers, timeoutMs: v.smtpTimeoutMs });
    net = {
      dns,
      smtp: smtpProber(dns, {
        port: v.smtpPort,
        timeoutMs: v.smtpTimeoutMs,
        heloName: v.heloName,
        mailFrom: v.mailFrom,
        socksProxy: v.socksProxy,
        maxConnectionsPerHost: v.maxConnectionsPerHost,
        maxRecipientsPerConnection: v.maxRecipientsPerConnection,
      }),
      greylistRetryMs: v.greylistRetryS * 1000,
    };
    byConfig.set(config, net);
  }
  return net;
}
