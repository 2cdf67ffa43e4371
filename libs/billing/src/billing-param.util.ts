import { ParseUUIDPipe } from '@nestjs/common';
import { DomainException, ErrorCode } from '@crm/errors';

/** `:id` path parameters: a UUID, else 400 naming `id`. */
export const uuidParam = (field = 'id'): ParseUUIDPipe =>
  new ParseUUIDPipe({ version: '4', exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, `${field} must be a UUID`, [{ field, problem: 'must be a UUID' }]) });
