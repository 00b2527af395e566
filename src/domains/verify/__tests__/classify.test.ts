import { describe, expect, it } from 'vitest';
import { verdictOf } from '../probe-domain.js';
import { pickReason } from '../reason.js';
import { computeScore } from '../score.js';
import { classifyReply, enhancedStatus } from '../smtp-reply.js';

describe('classifyReply', () => {
  it.each([
    [250, '2.1.5 Ok', 'accepted'],
    [251, 'User not local; will forward', 'accepted'],
    [550, '5.1.1 <x@acme.com>: Recipient address rejected: User unknown', 'rejected'],
    [550, 'No such user here', 'rejected'],
    [553, '5.1.3 Bad recipient address syntax', 'rejected'],
    [551, '5.1.6 User has moved', 'rejected'],
    [550, '5.2.1 The email account that you tried to reach is disabled.', 'disabled'],
    [550, 'Mailbox disabled for this recipient', 'disabled'],
    [552, '5.2.2 Mailbox full', 'full'],
    [452, '4.2.2 Mailbox over quota', 'full'],
    [550, '5.7.1 Service unavailable; client host [1.2.3.4] blocked using Spamhaus', 'blocked'],
    [554, '5.7.1 Access denied', 'blocked'],
    [550, 'Your IP is listed on a blacklist', 'blocked'],
    [550, '5.1.1 blocked? no: user unknown', 'rejected'],
    [421, '4.7.0 Try again later, closing connection', 'tempfail'],
    [450, '4.2.0 Greylisted, please try again later', 'greylisted'],
    [451, '4.7.1 Please try again later (greylisting)', 'greylisted'],
    [451, '4.3.0 Local error in processing', 'tempfail'],
    [452, '4.5.3 Too many recipients', 'too_many_recipients'],
    [452, 'Too many recipients in this session', 'too_many_recipients'],
    [554, 'Transaction failed', 'blocked'],
  ] as const)('%i %s → %s', (code, text, verdict) => {
    expect(classifyReply(code, text)).toBe(verdict);
  });

  it('reads enhanced status codes', () => {
    expect(enhancedStatus('5.1.1 User unknown')).toBe('5.1.1');
    expect(enhancedStatus('User unknown')).toBeNull();
  });

  it('treats refusals before RCPT as about us, not the mailbox', () => {
    expect(verdictOf({ kind: 'reply', stage: 'mail', code: 550, text: '5.1.0 Sender rejected' })).toBe('blocked');
    expect(verdictOf({ kind: 'reply', stage: 'connect', code: 421, text: 'busy' })).toBe('tempfail');
    expect(verdictOf({ kind: 'unreachable', detail: 'timeout' })).toBe('unreachable');
  });
});

describe('reason priority and score', () => {
  it.each([
    [['accepted', 'role_account'], 'role_account'],
    [['mailbox_not_found', 'role_account'], 'mailbox_not_found'],
    [['accepted', 'catch_all'], 'catch_all'],
    [['disposable', 'accepted'], 'disposable'],
    [['smtp_unreachable', 'smtp_tempfail', 'blocked'], 'blocked'],
    [['no_mail_server', 'disposable'], 'no_mail_server'],
    [['mailbox_full', 'catch_all'], 'mailbox_full'],
    [[], 'accepted'],
  ] as const)('%j → %s', (reasons, expected) => {
    expect(pickReason(reasons)).toBe(expected);
  });

  it.each([
    ['accepted', { gibberish: false, role: false }, null, 95],
    ['accepted', { gibberish: true, role: false }, null, 75],
    ['catch_all', { gibberish: false, role: true }, null, 45],
    ['role_account', { gibberish: false, role: true }, null, 65],
    ['smtp_tempfail', { gibberish: false, role: false }, 'x@gmail.com', 25],
    ['mailbox_not_found', { gibberish: false, role: false }, null, 0],
    ['disposable', { gibberish: true, role: true }, 'x@gmail.com', 0],
  ] as const)('score of %s %j %s → %i', (reason, checks, suggestion, score) => {
    expect(computeScore(reason, checks, suggestion)).toBe(score);
  });
});
