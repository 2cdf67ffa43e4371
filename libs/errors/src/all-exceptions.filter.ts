import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainException } from './domain.exception';
import { ERROR_STATUS, ErrorCode } from './error-code.constants';
import { ErrorResponseDto } from './error-response.dto';

/**
 * PostgreSQL errors that can only come from the input (a NUL byte, an impossible date, a number out
 * of range, a missing value): a safety net so they answer 400 even where a DTO missed the case.
 */
const INPUT_ERRORS: Record<string, string> = {
  '22021': 'Input contains a character that cannot be stored (e.g. a NUL byte)',
  '22P05': 'Input contains a character that cannot be stored',
  '22008': 'A date or time is out of range',
  '22007': 'A date or time is not valid',
  '22003': 'A number is out of range',
  '22P02': 'A value has the wrong format',
  '23502': 'A required value is missing',
  '23514': 'A value is not allowed',
  '22001': 'A value is too long',
};

function inputErrorOf(exception: unknown): string | undefined {
  const code = (exception as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (exception as { code?: string })?.code;
  // TypeORM wraps driver errors in QueryFailedError; a cursor (pg-query-stream) surfaces pg's own DatabaseError
  const fromDatabase = (exception as Error)?.name === 'QueryFailedError' || typeof (exception as { severity?: unknown })?.severity === 'string';
  return typeof code === 'string' && fromDatabase ? INPUT_ERRORS[code] : undefined;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  503: ErrorCode.ServiceUnavailable,
};

/** Maps every error to the JSON error body; a 5xx gets a generic message and a logged error id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = req?.id ? String(req.id) : undefined;
    if (body.statusCode >= 500) {
      body.errorId = randomUUID();
      // never the query parameters: they may hold personal data
      this.logger.error({ err: safeError(exception), errorId: body.errorId, requestId: body.requestId }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorResponseDto {
    if (exception instanceof DomainException) {
      return { statusCode: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string' ? response : Array.isArray((response as { message?: unknown }).message) ? ((response as { message: string[] }).message.join('; ')) : String((response as { message?: unknown }).message ?? exception.message);
      if (status >= 500) return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.Internal, message: 'Internal server error' };
      return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.BadRequest, message };
    }
    const inputError = inputErrorOf(exception);
    if (inputError) return { statusCode: HttpStatus.BAD_REQUEST, code: ErrorCode.BadRequest, message: inputError };
    // body-parser errors (malformed JSON, too large) carry a status but are not HttpExceptions
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'Request body is not valid JSON' : (exception as Error).message;
      return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.BadRequest, message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCode.Internal, message: 'Internal server error' };
  }
}

/** What of an error goes to the log: type, message, stack, SQL state — not the bound parameters. */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; driverError?: { code?: string; constraint?: string; table?: string }; query?: string };
  return { type: e.name, message: e.message, stack: e.stack, code: e.driverError?.code ?? e.code, constraint: e.driverError?.constraint, table: e.driverError?.table, query: e.query };
}
