import { Customer } from './entities';

export const CustomerEntities = [Customer];
