import { z } from 'zod';
import {
  changePassword,
  changePasswordInput,
  confirmEmailVerification,
  confirmEmailVerificationInput,
  confirmPasswordReset,
  confirmPasswordResetInput,
  createUserInput,
  getCurrentUser,
  loginInput,
  loginUser,
  logoutSession,
  refreshSession,
  registerUser,
  requestEmailVerification,
  requestPasswordReset,
  requestPasswordResetInput,
  switchWorkspace,
  switchWorkspaceInput,
  type SessionView,
} from '../../../domains/auth/index.js';
import { unauthenticated } from '../../../core/errors.js';
import { ROLES } from '../../../core/roles.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from '../session-cookie.js';
import type { App } from '../types.js';
import type { FastifyReply } from 'fastify';
import type { Config } from '../../../core/config.js';

/**
 * /auth/*: accounts and sessions. Browsers get the refresh token in the lf_refresh cookie,
 * API clients (`clientType: "api"`) in the body. Per-IP limits guard the public routes; the
 * per-account log-in throttle lives in the domain.
 */
const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });

const clientType = z.enum(['browser', 'api']).optional().describe('"api" returns the refresh token in the body instead of a cookie');
const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), emailVerified: z.boolean() });
const workspaceSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) });
const sessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().optional(),
  user: userSchema,
  workspace: workspaceSchema.nullable(),
});
const acceptedSchema = z.object({ status: z.literal('accepted') });
const tags = ['auth'];

function sendSession(reply: FastifyReply, config: Config, session: SessionView, tokenInBody: boolean, status = 200) {
  const { refreshToken, refreshTokenExpiresAt: _ignored, ...rest } = session;
  if (refreshToken && !tokenInBody) setRefreshCookie(reply, config, refreshToken);
  return reply.status(status).send(tokenInBody && refreshToken ? { ...rest, refreshToken } : rest);
}

export async function authRoutes(app: App) {
  app.post(
    '/auth/register',
    {
      config: { auth: 'public', ...perMinute(5) },
      schema: { tags, summary: 'Create an account and its first workspace', body: z.strictObject({ ...createUserInput.shape, clientType }), response: { 201: sessionSchema } },
    },
    async (request, reply) => {
      const { clientType: client, ...input } = request.body;
      const session = await registerUser(request.ctx, input);
      return sendSession(reply, request.ctx.config, session, client === 'api', 201);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { auth: 'public', ...perMinute(10) },
      schema: { tags, summary: 'Sign in with email and password', body: z.strictObject({ ...loginInput.shape, clientType }), response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const { clientType: client, ...input } = request.body;
      return sendSession(reply, request.ctx.config, await loginUser(request.ctx, input), client === 'api');
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { auth: 'public', ...perMinute(60) },
      schema: {
        tags,
        summary: 'Exchange a refresh token (body, else the cookie) for a new session; the old token stops working',
        body: z.strictObject({ refreshToken: z.string().optional() }).nullish(),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refreshToken;
      const token = fromBody ?? readRefreshCookie(request);
      if (!token) throw unauthenticated('No refresh token: sign in again');
      try {
        return sendSession(reply, request.ctx.config, await refreshSession(request.ctx, { refreshToken: token }), fromBody !== undefined);
      } catch (e) {
        if (fromBody === undefined) clearRefreshCookie(reply, request.ctx.config);
        throw e;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'public', ...perMinute(60) },
      schema: { tags, summary: 'End the session (refresh token from the body, the cookie, or the access token)', body: z.strictObject({ refreshToken: z.string().optional() }).nullish() },
    },
    async (request, reply) => {
      const refreshToken = request.body?.refreshToken ?? readRefreshCookie(request);
      await logoutSession(request.ctx, { refreshToken, sessionId: request.sessionId });
      clearRefreshCookie(reply, request.ctx.config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'The signed-in user, the session workspace and all memberships', response: { 200: z.object({ user: userSchema, workspace: workspaceSchema.nullable(), workspaces: z.array(workspaceSchema) }) } },
    },
    async (request) => getCurrentUser(request.ctx),
  );

  app.post(
    '/auth/change-password',
    {
      config: { auth: 'user', ...perMinute(10) },
      schema: { tags, summary: "Change the password; the user's other sessions end", body: z.strictObject(changePasswordInput.shape) },
    },
    async (request, reply) => {
      await changePassword(request.ctx, { ...request.body, keepSessionId: request.sessionId });
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password-reset/request',
    {
      config: { auth: 'public', ...perMinute(5) },
      schema: { tags, summary: 'Mail a reset link if the account exists (the answer is the same either way)', body: z.strictObject(requestPasswordResetInput.shape), response: { 202: acceptedSchema } },
    },
    async (request, reply) => {
      await requestPasswordReset(request.ctx, request.body);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { auth: 'public', ...perMinute(10) },
      schema: { tags, summary: 'Set a new password with the token from the reset mail; every session ends', body: z.strictObject(confirmPasswordResetInput.shape) },
    },
    async (request, reply) => {
      await confirmPasswordReset(request.ctx, request.body);
      clearRefreshCookie(reply, request.ctx.config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/verify-email/request',
    {
      config: { auth: 'user', ...perMinute(5) },
      schema: { tags, summary: 'Mail a link that confirms the email address', response: { 202: acceptedSchema } },
    },
    async (request, reply) => {
      await requestEmailVerification(request.ctx);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/verify-email/confirm',
    {
      config: { auth: 'public', ...perMinute(10) },
      schema: { tags, summary: 'Confirm the email address with the token from the mail', body: z.strictObject(confirmEmailVerificationInput.shape) },
    },
    async (request, reply) => {
      await confirmEmailVerification(request.ctx, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/switch-workspace',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Move the session to another workspace of the user', body: z.strictObject(switchWorkspaceInput.shape), response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const session = await switchWorkspace(request.ctx, { ...request.body, sessionId: request.sessionId! });
      return sendSession(reply, request.ctx.config, session, false);
    },
  );
}
