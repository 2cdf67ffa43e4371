import { HttpException } from '@nestjs/common';
import { DomainException, ERROR_STATUS } from '@crm/errors';
import { TmfException } from './tmf.exception';

/** TMF630 Error resource. */
export interface TmfErrorBody {
  code: string;
  reason: string;
  message: string;
  status: string;
  referenceError?: string;
  '@type': 'Error';
}

const REASONS: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type',
  500: 'Internal error', 503: 'Service unavailable',
};

/** PostgreSQL SQLSTATEs that only bad input can cause (a safety net: the facade validates before). */
const INPUT_SQLSTATES = new Set(['22021', '22P05', '22008', '22007', '22003', '22P02', '23502', '23514', '22001', '23503']);

const body = (status: number, code: string, reason: string, message: string): TmfErrorBody => ({ code, reason, message, status: String(status), '@type': 'Error' });

/**
 * Any error as TMF630 Error body and HTTP status. Domain exceptions keep their code (a transition
 * refused by the lifecycle answers 409 with the SERVICE_TRANSITION_<FROM>_TO_<TO> code); their
 * per-field details go into the message. Anything unexpected is a 500 with a generic message.
 */
export function toTmfError(exception: unknown): { status: number; body: TmfErrorBody; unexpected: boolean } {
  if (exception instanceof TmfException) return { status: exception.status, body: body(exception.status, exception.code, exception.reason, exception.message), unexpected: false };
  if (exception instanceof DomainException) {
    const status = ERROR_STATUS[exception.code];
    const transition = /^(SERVICE_[A-Z_]+):\s*(.*)$/.exec(exception.message);
    const details = exception.details?.length ? ` (${exception.details.map((d) => (d.field ? `${d.field}: ${d.problem}` : d.problem)).join('; ')})` : '';
    if (transition) return { status, body: body(status, transition[1], 'Illegal status transition', `${transition[2]}${details}`), unexpected: false };
    return { status, body: body(status, exception.code, REASONS[status] ?? 'Error', `${exception.message}${details}`), unexpected: status >= 500 };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return { status, body: body(status, 'INTERNAL_ERROR', REASONS[500], 'Internal server error'), unexpected: true };
    return { status, body: body(status, String(status), REASONS[status] ?? 'Error', exception.message), unexpected: false };
  }
  const e = exception as { status?: unknown; type?: string; message?: string; name?: string; driverError?: { code?: string }; code?: string };
  const sqlState = e?.driverError?.code ?? e?.code;
  if (e?.name === 'QueryFailedError' && typeof sqlState === 'string' && INPUT_SQLSTATES.has(sqlState)) {
    return { status: 400, body: body(400, 'INVALID_INPUT', 'Bad request', 'A value is not valid for this ticket'), unexpected: false };
  }
  // body-parser errors (malformed JSON, too large, unsupported charset) carry a 4xx status
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const message = e.type === 'entity.parse.failed' ? 'Request body is not valid JSON' : String(e.message ?? 'Bad request');
    const code = e.type === 'entity.parse.failed' ? 'INVALID_JSON' : String(e.status);
    return { status: e.status, body: body(e.status, code, REASONS[e.status] ?? 'Bad request', message), unexpected: false };
  }
  return { status: 500, body: body(500, 'INTERNAL_ERROR', REASONS[500], 'Internal server error'), unexpected: true };
}
