import { Customer, CustomerContact, CustomerStatusChange } from './entities';

export const CustomerEntities = [Customer, CustomerContact, CustomerStatusChange];
