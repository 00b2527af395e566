import type { CanonicalField } from '../leads/index.js';

/**
 * Header names seen in real exports (HubSpot, Salesforce, Pipedrive, Apollo, LinkedIn Sales
 * Navigator, ZoomInfo, Lusha, Lemlist, Clay…) and typed by people, in English, French, German
 * and Spanish. Compared after `compactKey` (case, spacing, punctuation and camelCase folded).
 */
export const HEADER_SYNONYMS: Record<CanonicalField, string[]> = {
  email: [
    'email', 'e-mail', 'email address', 'e-mail address', 'mail', 'work email', 'business email', 'email 1', 'primary email',
    'contact email', 'email work', 'professional email', 'corporate email', 'emails', 'direct email', 'person email',
    'courriel', 'adresse email', 'adresse e-mail', 'adresse mail', 'mail professionnel', 'email professionnel',
    'e-mail adresse', 'emailadresse', 'mailadresse', 'geschaftliche e-mail', 'correo', 'correo electronico',
    'email de trabajo', 'direccion de correo', 'correo electronico del trabajo',
  ],
  first_name: [
    'first name', 'firstname', 'first', 'given name', 'forename', 'fname', 'contact first name', 'prenom', 'vorname',
    'nombre', 'nombre de pila', 'person first name', 'lead first name',
  ],
  last_name: [
    'last name', 'lastname', 'last', 'surname', 'family name', 'lname', 'contact last name', 'nom de famille', 'nom',
    'nachname', 'familienname', 'apellido', 'apellidos', 'person last name', 'lead last name',
  ],
  full_name: [
    'name', 'full name', 'fullname', 'contact name', 'contact', 'person name', 'lead name', 'contact full name',
    'nom complet', 'prenom nom', 'nom et prenom', 'vollstandiger name', 'name vollstandig', 'kontakt', 'nombre completo',
    'person', 'display name',
  ],
  title: [
    'title', 'job title', 'jobtitle', 'position', 'role', 'job role', 'headline', 'designation', 'current title',
    'contact title', 'job function title', 'poste', 'fonction', 'intitule de poste', 'titre', 'berufsbezeichnung',
    'position im unternehmen', 'titel', 'jobtitel', 'cargo', 'puesto', 'titulo', 'titulo del puesto',
  ],
  seniority: ['seniority', 'seniority level', 'management level', 'level', 'job level', 'niveau', 'niveau hierarchique', 'hierarchiestufe', 'senioritat', 'nivel', 'antiguedad'],
  department: ['department', 'departments', 'job function', 'function', 'division', 'team', 'departement', 'service', 'abteilung', 'bereich', 'departamento', 'area'],
  company: [
    'company', 'company name', 'companyname', 'account name', 'account', 'organization', 'organisation', 'organization name',
    'employer', 'current company', 'business name', 'firm', 'associated company', 'company name for emails',
    'entreprise', 'societe', 'nom de l entreprise', 'raison sociale', 'organisme', 'firma', 'unternehmen', 'firmenname',
    'unternehmensname', 'organisation name', 'empresa', 'compania', 'nombre de la empresa', 'organizacion',
  ],
  company_domain: [
    'domain', 'company domain', 'email domain', 'website domain', 'company website domain', 'domain name', 'root domain',
    'domaine', 'nom de domaine', 'domaine de l entreprise', 'domane', 'firmendomane', 'dominio', 'dominio de la empresa',
  ],
  website: [
    'website', 'web site', 'company website', 'url', 'web', 'homepage', 'home page', 'site', 'site web', 'website url',
    'company url', 'www', 'site internet', 'webseite', 'internetseite', 'firmenwebseite', 'sitio web', 'pagina web', 'web de la empresa',
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'tel', 'work phone', 'direct phone', 'business phone', 'office phone',
    'direct dial', 'phone 1', 'primary phone', 'contact phone', 'landline', 'numero de telephone',
    'telephone fixe', 'tel fixe', 'telefon', 'telefonnummer', 'festnetz', 'telefono', 'numero de telefono', 'telefono fijo', 'phone work',
  ],
  mobile_phone: [
    'mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'cellphone', 'mobile phone number', 'personal phone',
    'portable', 'telephone portable', 'tel portable', 'mobile perso', 'handy', 'handynummer', 'mobiltelefon', 'mobilnummer',
    'movil', 'celular', 'telefono movil', 'phone mobile',
  ],
  linkedin_url: [
    'linkedin', 'linkedin url', 'linkedin profile', 'linkedin profile url', 'person linkedin url', 'linkedin contact profile url',
    'profile url', 'linkedin link', 'li url', 'linkedin page', 'lien linkedin', 'profil linkedin', 'url linkedin',
    'linkedin profil', 'perfil de linkedin', 'perfil linkedin', 'sales navigator url', 'linked in',
  ],
  twitter_url: ['twitter', 'twitter url', 'twitter handle', 'twitter profile', 'x', 'x url', 'x handle', 'x twitter'],
  city: ['city', 'town', 'locality', 'contact city', 'person city', 'mailing city', 'ville', 'localite', 'stadt', 'ort', 'ciudad', 'localidad', 'poblacion'],
  state: [
    'state', 'region', 'province', 'state province', 'state region', 'county', 'contact state', 'person state', 'mailing state',
    'departement region', 'etat', 'bundesland', 'provinz', 'estado', 'provincia', 'comunidad autonoma',
  ],
  country: [
    'country', 'country name', 'nation', 'country region', 'contact country', 'person country', 'mailing country', 'country code',
    'pays', 'land', 'pais', 'country iso',
  ],
  industry: ['industry', 'industries', 'sector', 'vertical', 'primary industry', 'secteur', 'secteur d activite', 'industrie', 'branche', 'sektor', 'industria', 'sector industria'],
  employee_count: [
    'employees', 'employee count', 'number of employees', 'employee size', 'company size', 'headcount', 'num employees',
    'nb employees', 'employees count', 'company headcount', 'effectif', 'nombre d employes', 'nombre de salaries', 'taille',
    'taille de l entreprise', 'mitarbeiter', 'anzahl mitarbeiter', 'mitarbeiterzahl', 'unternehmensgrosse', 'empleados',
    'numero de empleados', 'tamano de la empresa', 'estimated num employees',
  ],
  annual_revenue: [
    'annual revenue', 'revenue', 'company revenue', 'revenue range', 'sales', 'turnover', 'annual sales', 'chiffre d affaires',
    'ca', 'umsatz', 'jahresumsatz', 'ingresos', 'facturacion', 'ingresos anuales',
  ],
  lead_source: ['lead source', 'source', 'original source', 'leadsource', 'origin', 'source du lead', 'origine', 'quelle', 'lead quelle', 'fuente', 'origen'],
  stage: ['stage', 'lead status', 'status', 'lifecycle stage', 'lifecyclestage', 'pipeline stage', 'statut', 'etape', 'phase', 'estado del lead', 'etapa'],
  tags: ['tags', 'tag', 'labels', 'label', 'keywords', 'etiquettes', 'etiquette', 'schlagworte', 'etiketten', 'etiquetas'],
  notes: ['notes', 'note', 'comments', 'comment', 'description', 'remarks', 'commentaire', 'commentaires', 'notizen', 'notiz', 'bemerkung', 'notas', 'comentarios', 'observaciones'],
};
