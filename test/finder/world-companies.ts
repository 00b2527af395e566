import type { Company } from '../finderworld/world.js';

/**
 * The companies of the finder tests, each writing addresses its own way. The mailbox lists are
 * written out by hand (not rendered by the finder's own pattern code) so a wrong rendering fails.
 */
export const COMPANIES: Company[] = [
  // {first}.{last}
  { domain: 'acme.test', mailboxes: ['ada.lovelace', 'grace.hopper', 'jose.nunez', 'ludwig.vanderberg', 'mary.smithjones', 'sean.oneil', 'info'] },
  // {f}{last}
  { domain: 'globex.test', mailboxes: ['hsimpson', 'mpower', 'lkowalski', 'bsorensen', 'ntesla'] },
  // {first}
  { domain: 'initech.test', mailboxes: ['peter', 'michael', 'samir', 'milton', 'bill'] },
  // {last}.{first}: deep in the prior order
  { domain: 'umbrella.test', mailboxes: ['wesker.albert', 'redfield.chris', 'valentine.jill', 'kennedy.leon'] },
  // found only by deriving the domain from the company name "Pied Piper, Inc."
  { domain: 'piedpiper.com', mailboxes: ['richard.hendricks'] },
  // {first}{l}, ten people: the batch path
  { domain: 'bigco.test', mailboxes: ['annab', 'brunoc', 'carlad', 'davide', 'evaf', 'frankg', 'ginah', 'hugoi', 'irisj', 'jackk'] },
  // accepts anything
  { domain: 'hooli.test', mailboxes: [], catchAll: true },
];
