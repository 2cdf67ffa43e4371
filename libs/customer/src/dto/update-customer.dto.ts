import { PartialType } from '@nestjs/swagger';
import { CreateCustomerDto } from './create-customer.dto';

/** Any subset of the fields; `idType` and `idNumber` change together. */
export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}
