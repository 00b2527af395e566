import type { Command } from 'commander';

/** Flags that stand for the verifier's settings: they win over the environment for one run. */
const FLAGS = [
  ['--dns-servers <list>', 'dnsServers', 'LEADFORGE_DNS_SERVERS', 'comma list of host[:port]'],
  ['--smtp-port <port>', 'smtpPort', 'LEADFORGE_SMTP_PORT', '(25)'],
  ['--smtp-timeout-ms <ms>', 'smtpTimeoutMs', 'LEADFORGE_SMTP_TIMEOUT_MS', ''],
  ['--helo-name <name>', 'heloName', 'LEADFORGE_HELO_NAME', ''],
  ['--mail-from <address>', 'mailFrom', 'LEADFORGE_MAIL_FROM', ''],
  ['--greylist-retry-s <seconds>', 'greylistRetryS', 'LEADFORGE_GREYLIST_RETRY_S', ''],
  ['--socks-proxy <url>', 'socksProxy', 'LEADFORGE_SOCKS_PROXY', '(socks5://host:port)'],
] as const;

export type VerifierFlagValues = Partial<Record<(typeof FLAGS)[number][1], string>>;

export function addVerifierFlags(command: Command): Command {
  for (const [flag, , env, help] of FLAGS) command.option(flag, `${env} ${help}`.trim());
  return command;
}

/** Puts the given flags into the environment the configuration is read from. */
export function applyVerifierFlags(values: VerifierFlagValues) {
  for (const [, key, env] of FLAGS) if (values[key] !== undefined) process.env[env] = String(values[key]);
}
