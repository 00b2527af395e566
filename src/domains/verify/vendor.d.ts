// Type declarations for the list packages the verifier uses (they ship none).
declare module 'mailchecker' {
  const mailchecker: { isValid(email: string): boolean };
  export default mailchecker;
}
declare module 'role-based-email-addresses' {
  const roles: string[];
  export default roles;
}
