import type { SmtpAnswer } from './smtp-reply.js';
import type { MxRecord } from './types.js';

/** DNS failure kinds the verifier distinguishes; adapters map their resolver's errors to these. */
export type DnsFailure = 'nxdomain' | 'nodata' | 'error';

export class DnsLookupError extends Error {
  constructor(
    readonly failure: DnsFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DnsLookupError';
  }
}

/** DNS as the verifier needs it. Implementations throw DnsLookupError. */
export interface DnsResolver {
  resolveMx(domain: string): Promise<MxRecord[]>;
  /** A and AAAA addresses of a host. */
  resolveAddresses(host: string): Promise<string[]>;
}

/** One batch of recipients of one domain, probed over as few connections as the servers allow. */
export interface ProbeRequest {
  domain: string;
  /** Mail hosts in preference order (fall back on refusal, timeout or 421 at connect). */
  hosts: string[];
  recipients: string[];
  /**
   * Stop after the answer this returns true for (the finder stops at the first accepted
   * candidate). The answers then end there: fewer answers than recipients.
   */
  stopWhen?: (answer: SmtpAnswer, index: number) => boolean;
  /**
   * Keep the connections open for a few seconds afterwards and take open ones first (their mail
   * transaction still open: the next RCPT goes at once): work that asks the same domains again
   * (bulk chunks, the finder's next people) then pays the greeting, EHLO and MAIL FROM once per
   * connection instead of once per call.
   */
  keepAlive?: boolean;
  /**
   * Latency matters more than connections: use up to the host's cap of connections even when
   * one could take every recipient (the finder's batch of best candidates).
   */
  spread?: boolean;
}

/** Talks SMTP up to RCPT TO (never DATA). One answer per recipient, in request order. */
export interface MailboxProber {
  probe(request: ProbeRequest): Promise<SmtpAnswer[]>;
  close?(): Promise<void>;
}

/** The outside world of the verifier: DNS, SMTP, and how long to wait before a greylist retry. */
export interface VerifierNet {
  dns: DnsResolver;
  smtp: MailboxProber;
  greylistRetryMs: number;
  sleep?(ms: number): Promise<void>;
}
