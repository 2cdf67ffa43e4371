import { HttpStatus } from '@nestjs/common';

/** Stable machine codes of every error the API answers; clients switch on these, never on messages. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  NodeSignatureInvalid = 'NODE_SIGNATURE_INVALID',
  NodeRequestReplayed = 'NODE_REQUEST_REPLAYED',
  NodeNotAuthorized = 'NODE_NOT_AUTHORIZED',
  NotSupportedOnTier = 'NOT_SUPPORTED_ON_TIER',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.BadRequest]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.NodeSignatureInvalid]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.NodeRequestReplayed]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.NodeNotAuthorized]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotSupportedOnTier]: HttpStatus.CONFLICT,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};
