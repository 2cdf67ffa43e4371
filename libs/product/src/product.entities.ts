import { BundleComponent, PricePlan, Product, Subscription } from './entities';

export const ProductEntities = [Product, PricePlan, BundleComponent, Subscription];
