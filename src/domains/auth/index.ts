// Public surface of the auth domain: other domains and adapters import only from here.
export * from './auth.tables.js';
export { resolveBearer, type ResolvedActor } from './resolve-actor.js';
export { hashToken, newOpaqueToken, signAccessToken, verifyAccessToken, newApiKey, parseApiKey } from './tokens.js';
export { createApiKey, API_KEY_ROLES } from './create-api-key.js';
export { listApiKeys, type ApiKeyView } from './list-api-keys.js';
export { revokeApiKey } from './revoke-api-key.js';
// Accounts and sessions.
export type { SessionView, UserView, WorkspaceView } from './views.js';
export { emailSchema, normalizeEmail } from './email.js';
export { newPasswordSchema, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './password.js';
export { createUser, createUserInput, userNameSchema, type CreateUserInput } from './create-user.js';
export { registerUser } from './register-user.js';
export { loginUser, loginInput } from './login-user.js';
export { refreshSession, refreshInput } from './refresh-session.js';
export { logoutSession } from './logout-session.js';
export { getCurrentUser, type CurrentUser } from './get-current-user.js';
export { changePassword, changePasswordInput } from './change-password.js';
export { requestPasswordReset, requestPasswordResetInput } from './request-password-reset.js';
export { confirmPasswordReset, confirmPasswordResetInput } from './confirm-password-reset.js';
export { requestEmailVerification } from './request-email-verification.js';
export { confirmEmailVerification, confirmEmailVerificationInput } from './confirm-email-verification.js';
export { switchWorkspace, switchWorkspaceInput } from './switch-workspace.js';
export { LOGIN_FAILURE_WINDOW_MS, MAX_LOGIN_FAILURES } from './login-throttle.js';
export { EMAIL_TOKEN_TTL_MS } from './email-tokens.js';
