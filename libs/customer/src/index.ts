export * from './customer.constants';
export * from './customer.entities';
export * from './customer.module';
export * from './entities';
export * from './personal-data.util';
export { CreateCustomerDto } from './dto/create-customer.dto';
