import { Customer, District, Product, Subscription } from './entities';

export const CustomerEntities = [Customer, District, Product, Subscription];
