import { describe, expect, it } from 'vitest';
import { isDisposableDomain, isFreeDomain, isRoleLocal } from '../address-type.js';
import { isGibberishLocal } from '../gibberish.js';
import { providerFromMx } from '../provider.js';

describe('address type', () => {
  it.each([
    ['mailinator.com', true],
    ['10minutemail.com', true],
    ['guerrillamail.com', true],
    ['gmail.com', false],
    ['acme.com', false],
  ])('disposable %s → %s', (domain, expected) => {
    expect(isDisposableDomain(domain)).toBe(expected);
  });

  it.each([
    ['gmail.com', true],
    ['yahoo.com', true],
    ['hotmail.com', true],
    ['mailinator.com', false],
    ['acme-industrial-widgets.com', false],
  ])('free %s → %s', (domain, expected) => {
    expect(isFreeDomain(domain)).toBe(expected);
  });

  it.each([
    ['info', true],
    ['sales', true],
    ['support+eu', true],
    ['noreply', true],
    ['jane.doe', false],
    ['mark', false],
    ['john', false],
  ])('role %s → %s', (local, expected) => {
    expect(isRoleLocal(local)).toBe(expected);
  });

  it.each([
    ['xk7q2m9z', true],
    ['kdjfhgsd', true],
    ['asdfgh', true],
    ['qwerty123', true],
    ['3f9a2c7e8b1d4f60a9c3', true],
    ['zxcvbnmlk', true],
    ['john.smith', false],
    ['jane.doe42', false],
    ['krzysztof.wojciechowski', false],
    ['grzegorz.brzeczyszczykiewicz', false],
    ['mkhize', false],
    ['nguyen.van.anh', false],
    ['xiaoming.zhang', false],
    ['siobhan.ohalloran', false],
    ['schwarzkopf', false],
    ['hirschsprung', false],
    ['j.smith', false],
    ['tjarko.sjoerdsma', false],
    ['ngozi.okonjo-iweala', false],
    ['anne-marie', false],
    ['dzhokhar', false],
  ])('gibberish %s → %s', (local, expected) => {
    expect(isGibberishLocal(local)).toBe(expected);
  });

  it.each([
    [['aspmx.l.google.com', 'alt1.aspmx.l.google.com'], 'google'],
    [['acme-com.mail.protection.outlook.com'], 'microsoft'],
    [['mta7.am0.yahoodns.net'], 'yahoo'],
    [['mx0a-001.pphosted.com'], 'proofpoint'],
    [['eu-smtp-inbound-1.mimecast.com.'], 'mimecast'],
    [['mx.acme.com'], null],
    [[], null],
  ])('provider of %j → %s', (hosts, expected) => {
    expect(providerFromMx(hosts.map((exchange, i) => ({ exchange, priority: i * 10 })))).toBe(expected);
  });
});
