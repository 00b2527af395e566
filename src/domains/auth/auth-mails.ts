import type { Config } from '../../core/config.js';
import type { OutgoingMail } from '../../core/mailer.js';

/** Mail texts. Links point at the web UI paths of the API contract. */
export function passwordResetMail(config: Config, to: string, token: string): OutgoingMail {
  const link = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: 'Reset your Leadforge password',
    text: [
      'Someone (hopefully you) asked to reset the password of your Leadforge account.',
      '',
      `Choose a new password here (the link works once, for 1 hour):`,
      link,
      '',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}

export function verifyEmailMail(config: Config, to: string, name: string, token: string): OutgoingMail {
  const link = `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: 'Confirm your email address for Leadforge',
    text: [
      `Hello${name ? ` ${name}` : ''},`,
      '',
      'Please confirm that this is your email address (the link works for 48 hours):',
      link,
      '',
      'If you did not create a Leadforge account, ignore this mail.',
    ].join('\n'),
  };
}
