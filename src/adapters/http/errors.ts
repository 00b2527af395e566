import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { DomainError, type ErrorCode } from '../../core/errors.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  PROVIDER_ERROR: 502,
  UNAVAILABLE: 503,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION',
  429: 'RATE_LIMITED',
};

export interface ErrorBody {
  error: { code: ErrorCode | 'INTERNAL'; message: string; details?: unknown; requestId?: string };
}

/** The one place errors become HTTP answers: `{ error: { code, message, details? } }`. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const send = (status: number, code: ErrorBody['error']['code'], message: string, details?: unknown) =>
    reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }), requestId: request.id } });

  if (err instanceof DomainError) {
    if (err.retryAfterS !== undefined) reply.header('retry-after', String(Math.ceil(err.retryAfterS)));
    return send(STATUS_BY_CODE[err.code], err.code, err.message, err.details);
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return send(400, 'VALIDATION', issues[0] ? `Invalid ${issues[0].path}: ${issues[0].message}` : 'Invalid input', issues);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath && v.instancePath !== '/' ? v.instancePath.replace(/\//g, '.') : ''}`,
      message: v.message ?? 'invalid',
    }));
    const first = issues[0];
    return send(400, 'VALIDATION', first ? `Invalid ${first.path}: ${first.message}` : 'Invalid request', issues);
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response did not match its schema');
    return send(500, 'INTERNAL', 'Internal error');
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'VALIDATION';
    if (status === 429) {
      return send(429, 'RATE_LIMITED', err.message || 'Too many requests; slow down');
    }
    return send(status, code, cleanFastifyMessage(err as FastifyError));
  }
  request.log.error({ err }, 'unhandled error');
  return send(500, 'INTERNAL', 'Internal error; the request id identifies it in the server log');
}

function cleanFastifyMessage(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Body cannot be empty when content-type is application/json';
    default:
      if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return `Malformed JSON body: ${err.message}`;
      return err.message;
  }
}
