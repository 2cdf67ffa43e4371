import { Product } from './entities/product.entity';
import { Subscription } from './entities/subscription.entity';

export const ProductEntities = [Product, Subscription];
