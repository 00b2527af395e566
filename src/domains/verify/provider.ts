import type { MxRecord } from './types.js';

// Suffixes of MX host names that identify who runs the mailboxes (or filters them).
const PROVIDERS: Array<[string, string[]]> = [
  ['google', ['google.com', 'googlemail.com']],
  ['microsoft', ['outlook.com', 'hotmail.com', 'protection.outlook.com']],
  ['yahoo', ['yahoodns.net', 'yahoo.com']],
  ['proofpoint', ['pphosted.com', 'ppe-hosted.com']],
  ['mimecast', ['mimecast.com', 'mimecast.co.za']],
  ['barracuda', ['barracudanetworks.com']],
  ['zoho', ['zoho.com', 'zoho.eu', 'zohomail.com']],
  ['icloud', ['icloud.com', 'me.com']],
  ['protonmail', ['protonmail.ch']],
  ['fastmail', ['messagingengine.com']],
  ['yandex', ['yandex.net', 'yandex.ru']],
  ['mailru', ['mail.ru']],
  ['gmx', ['gmx.net']],
  ['ovh', ['ovh.net']],
  ['amazon_ses', ['amazonaws.com']],
  ['ionos', ['ionos.com', 'kundenserver.de', '1and1.com']],
  ['godaddy', ['secureserver.net']],
];

/** The mail provider behind a domain, from its MX hosts (first match in preference order), or null. */
export function providerFromMx(mx: readonly MxRecord[]): string | null {
  for (const { exchange } of mx) {
    const host = exchange.toLowerCase().replace(/\.$/, '');
    for (const [name, suffixes] of PROVIDERS) {
      if (suffixes.some((s) => host === s || host.endsWith(`.${s}`))) return name;
    }
  }
  return null;
}
