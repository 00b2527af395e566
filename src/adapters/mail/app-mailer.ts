import nodemailer from 'nodemailer';
import type { Logger } from '../../core/logger.js';
import type { Mailer, OutgoingMail } from '../../core/mailer.js';

/** Sends the app's own mail through SMTP_URL. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: OutgoingMail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}

/**
 * Without SMTP the message goes to the server log so that a self-hosted admin can still
 * reset a password. The body holds the link; the recipient is masked.
 */
export function logMailer(log: Logger): Mailer {
  return {
    async send(mail: OutgoingMail) {
      log.warn({ to: maskEmail(mail.to), subject: mail.subject }, `SMTP_URL is not set; mail not sent. Its text:\n${mail.text}`);
    },
  };
}

export const maskEmail = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, '$1***$2');

/** Keeps every message in memory: for tests. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
  }
  lastTo(to: string) {
    return [...this.sent].reverse().find((m) => m.to === to);
  }
}
