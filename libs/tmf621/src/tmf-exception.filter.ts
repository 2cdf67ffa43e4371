import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { safeError } from '@crm/errors';
import { toTmfError } from './tmf-error.util';

/**
 * Answers every error of the TMF621 controller (guards included) in the TMF630 Error shape
 * `{code, reason, message, status, @type: "Error"}` instead of the product's error format. Scoped to
 * that controller with @UseFilters; body-parser errors on its path are handled by
 * `tmfBodyErrorHandler` (they happen before routing).
 */
@Catch()
export class TmfExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Tmf621');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, unexpected } = toTmfError(exception);
    if (unexpected) {
      const errorId = randomUUID();
      body.message = `Internal server error (error id ${errorId})`;
      this.logger.error({ err: safeError(exception), errorId }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}

/** Express error handler for the facade's path: malformed or too large bodies as TMF Error bodies. */
export function tmfBodyErrorHandler(err: unknown, _req: unknown, res: Response, next: (err?: unknown) => void): void {
  const { status, body, unexpected } = toTmfError(err);
  if (unexpected || res.headersSent) return next(err);
  res.status(status).json(body);
}
