export * from './entities';
export * from './product.constants';
export * from './product.entities';
export * from './product.module';
export { SubscriptionImportRow, SubscriptionImportTarget } from './subscription-import-target';
export { SubscriptionService } from './subscription.service';
export { SubscriptionResponseDto } from './dto/subscription-response.dto';
export * from './product-facts.producer';
