import { describe, expect, it } from 'vitest';
import { cleanCompanyName, companyMatchKey } from '../normalize-company.js';

describe('companyMatchKey', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['Acme Inc', 'acme'],
    ['ACME INCORPORATED', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Müller GmbH', 'muller'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Société Générale SA', 'societe generale'],
    ['Société Générale S.A.', 'societe generale'],
    ['Dassault Systèmes SE', 'dassault systemes'],
    ['Capgemini S.A.S.', 'capgemini'],
    ['Tesco PLC', 'tesco'],
    ['Rolls-Royce Holdings plc', 'rolls royce holdings'],
    ['Atlassian Pty Ltd', 'atlassian'],
    ['Toyota Motor Co., Ltd.', 'toyota motor'],
    ['Philips N.V.', 'philips'],
    ['ING Bank B.V.', 'ing bank'],
    ['Maersk A/S', 'maersk'],
    ['Nokia Oyj', 'nokia'],
    ['Volvo AB', 'volvo'],
    ['Fiat S.p.A.', 'fiat'],
    ['Grupo Bimbo S.A. de C.V.', 'grupo bimbo'],
    ['Allegro Sp. z o.o.', 'allegro'],
    ['Goldman Sachs & Co. LLC', 'goldman sachs'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['AT&T Inc.', 'at and t'],
    ['The Coca-Cola Company', 'coca cola'],
    ['Straße AG', 'strasse'],
    ['Ford Motor Company', 'ford motor'],
    ['  Acme   Corp  ', 'acme'],
    ['Inc', 'inc'],
    ['SA', 'sa'],
    ['Ltd.', 'ltd'],
  ])('%s → %s', (input, key) => {
    expect(companyMatchKey(input)).toBe(key);
  });

  it('matches the variants of one company to one key', () => {
    const keys = new Set(['Acme, Inc.', 'ACME INC', 'Acme Incorporated', 'acme corp.', 'Acme Ltd'].map(companyMatchKey));
    expect([...keys]).toEqual(['acme']);
  });

  it('keeps the displayed name as typed', () => {
    expect(cleanCompanyName('  Acme,   Inc. ')).toBe('Acme, Inc.');
    expect(cleanCompanyName('   ')).toBeNull();
  });
});
