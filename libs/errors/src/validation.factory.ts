import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, ErrorDetail } from './domain.exception';
import { ErrorCode } from './error-code.constants';

function details(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...details(e.children ?? [], field)];
  });
}

/** The global validation pipe: strips nothing silently (unknown fields are refused), converts types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new DomainException(ErrorCode.ValidationFailed, 'Request validation failed', details(errors)),
  });
}
