import { PipeTransform } from '@nestjs/common';
import { DomainException, ErrorCode } from '@crm/errors';
import { PRODUCT_CODE_PATTERN } from './product.constants';

/** A product or price-plan code in the path; 400 naming the parameter otherwise (instantiate per parameter name). */
export class ProductCodePipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'code') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !PRODUCT_CODE_PATTERN.test(value)) {
      throw new DomainException(ErrorCode.ValidationFailed, `${this.field} is not a product code`, [{ field: this.field, problem: 'must be 1-32 upper-case letters, digits or -' }]);
    }
    return value;
  }
}
