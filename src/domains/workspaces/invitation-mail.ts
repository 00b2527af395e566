import type { OutgoingMail } from '../../core/mailer.js';

/** The invitation message. Pure: the link carries the only copy of the token. */
export function invitationMail(input: { to: string; workspaceName: string; inviter: string | null; role: string; link: string; expiresAt: Date }): OutgoingMail {
  const who = input.inviter ? `${input.inviter} invited you` : 'You have been invited';
  const text = [
    `${who} to join the workspace "${input.workspaceName}" on Leadforge as ${input.role}.`,
    '',
    `Accept the invitation: ${input.link}`,
    '',
    `The link works once and expires on ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    'If you did not expect this invitation, ignore this message.',
  ].join('\n');
  return { to: input.to, subject: `Join ${input.workspaceName} on Leadforge`, text };
}
