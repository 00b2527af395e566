// Public surface of the auth domain: other domains and adapters import only from here.
export * from './auth.tables.js';
export { resolveBearer, type ResolvedActor } from './resolve-actor.js';
export { hashToken, newOpaqueToken, signAccessToken, verifyAccessToken, newApiKey, parseApiKey } from './tokens.js';
