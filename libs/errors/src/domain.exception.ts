import { ErrorCode } from './error-code.constants';

export interface ErrorDetail {
  field?: string;
  problem: string;
}

/**
 * The one exception domain code throws. Services never throw HTTP exceptions; the
 * exception filter maps the code to a status.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static notFound(what: string, id: string): DomainException {
    return new DomainException(ErrorCode.NotFound, `${what} ${id} not found`);
  }

  static conflict(message: string, details?: ErrorDetail[]): DomainException {
    return new DomainException(ErrorCode.Conflict, message, details);
  }

  static badRequest(message: string, details?: ErrorDetail[]): DomainException {
    return new DomainException(ErrorCode.BadRequest, message, details);
  }
}
