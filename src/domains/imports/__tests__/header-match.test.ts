import { describe, expect, it } from 'vitest';
import { customKey, headerKey } from '../header-key.js';
import { matchHeader } from '../header-match.js';

const field = (h: string) => matchHeader(h)[0]?.field ?? null;

describe('headerKey', () => {
  it.each([
    ['E-Mail Adresse', 'e mail adresse'],
    ['emailAddress', 'email address'],
    [' EMAIL_address ', 'email address'],
    ['\uFEFFFirst Name', 'first name'],
    ['Prénom', 'prenom'],
    ['Straße', 'strasse'],
    ['LinkedInURL', 'linked in url'],
    ['# Employees', 'employees'],
  ])('%j → %j', (input, key) => expect(headerKey(input)).toBe(key));

  it.each([
    ['Lead Score (0-100)', 'lead_score_0_100'],
    ['2024 budget', 'f_2024_budget'],
    ['!!!', null],
  ])('custom key of %j is %j', (input, key) => expect(customKey(input)).toBe(key));
});

describe('matchHeader', () => {
  const cases: [string, string, string | null][] = [
    // HubSpot contacts export
    ['HubSpot', 'First Name', 'first_name'],
    ['HubSpot', 'Email', 'email'],
    ['HubSpot', 'Job Title', 'title'],
    ['HubSpot', 'Phone Number', 'phone'],
    ['HubSpot', 'Mobile Phone Number', 'mobile_phone'],
    ['HubSpot', 'Associated Company', 'company'],
    ['HubSpot', 'Lifecycle Stage', 'stage'],
    ['HubSpot', 'Contact owner', null],
    ['HubSpot', 'Record ID', null],
    ['HubSpot', 'State/Region', 'state'],
    ['HubSpot', 'Country/Region', 'country'],
    // Salesforce leads report
    ['Salesforce', 'Lead Source', 'lead_source'],
    ['Salesforce', 'Account Name', 'company'],
    ['Salesforce', 'Mailing City', 'city'],
    ['Salesforce', 'Mailing State/Province', 'state'],
    ['Salesforce', 'Mailing Zip/Postal Code', null],
    ['Salesforce', 'Lead Status', 'stage'],
    ['Salesforce', 'Email Opt Out', null],
    // Apollo
    ['Apollo', 'Company Name for Emails', 'company'],
    ['Apollo', 'Email Status', null],
    ['Apollo', 'Person Linkedin Url', 'linkedin_url'],
    ['Apollo', 'Company Linkedin Url', null],
    ['Apollo', 'Company City', null],
    ['Apollo', '# Employees', 'employee_count'],
    ['Apollo', 'Work Direct Phone', 'phone'],
    ['Apollo', 'Home Phone', null],
    ['Apollo', 'Corporate Phone', 'phone'],
    ['any', 'Company Phone', 'phone'],
    ['Apollo', 'Departments', 'department'],
    ['Apollo', 'Annual Revenue', 'annual_revenue'],
    // LinkedIn Sales Navigator exports (through scrapers)
    ['Sales Navigator', 'profileUrl', 'linkedin_url'],
    ['Sales Navigator', 'firstName', 'first_name'],
    ['Sales Navigator', 'companyName', 'company'],
    ['Sales Navigator', 'jobTitle', 'title'],
    ['Sales Navigator', 'location', null],
    // ZoomInfo
    ['ZoomInfo', 'Direct Phone Number', 'phone'],
    ['ZoomInfo', 'Mobile phone', 'mobile_phone'],
    ['ZoomInfo', 'Website', 'website'],
    ['ZoomInfo', 'Employees', 'employee_count'],
    ['ZoomInfo', 'Revenue (in 000s USD)', 'annual_revenue'],
    ['ZoomInfo', 'ZoomInfo Contact ID', null],
    ['ZoomInfo', 'Management Level', 'seniority'],
    ['ZoomInfo', 'Primary Industry', 'industry'],
    // French
    ['FR', 'Prénom', 'first_name'],
    ['FR', 'Nom de famille', 'last_name'],
    ['FR', 'Société', 'company'],
    ['FR', 'Téléphone portable', 'mobile_phone'],
    ['FR', 'Adresse e-mail', 'email'],
    ['FR', 'Poste', 'title'],
    ['FR', 'Ville', 'city'],
    ['FR', 'Pays', 'country'],
    ['FR', "Secteur d'activité", 'industry'],
    // German
    ['DE', 'Vorname', 'first_name'],
    ['DE', 'Nachname', 'last_name'],
    ['DE', 'E-Mail-Adresse', 'email'],
    ['DE', 'Firma', 'company'],
    ['DE', 'Telefonnummer', 'phone'],
    ['DE', 'Handy', 'mobile_phone'],
    ['DE', 'Mitarbeiterzahl', 'employee_count'],
    ['DE', 'Straße', null],
    // Spanish
    ['ES', 'Nombre', 'first_name'],
    ['ES', 'Apellidos', 'last_name'],
    ['ES', 'Correo electrónico', 'email'],
    ['ES', 'Empresa', 'company'],
    ['ES', 'Cargo', 'title'],
    ['ES', 'Teléfono móvil', 'mobile_phone'],
    ['ES', 'País', 'country'],
    // spelling variants
    ['any', 'E_MAIL', 'email'],
    ['any', 'work-email', 'email'],
    ['any', 'EMAIL ADDRESS 1', 'email'],
    ['any', 'Contact First Name', 'first_name'],
    ['any', 'Personal Email', null],
    ['any', 'Column 7', null],
    ['any', '', null],
  ];
  it.each(cases)('%s %j → %j', (_source, header, expected) => expect(field(header)).toBe(expected));

  it('is sure of exact names and less sure of vague ones', () => {
    expect(matchHeader('Email')[0]!.score).toBeGreaterThan(0.9);
    expect(matchHeader('Name')[0]!.score).toBeLessThanOrEqual(0.7);
    expect(matchHeader('Direct Email (verified by us)')).toEqual([]);
  });
});
