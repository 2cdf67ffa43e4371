export * from './entities';
export * from './operations-info.constants';
export * from './operations-info.entities';
export * from './operations-info.module';
export { MacroInfoService } from './macro-info/macro-info.service';
export { ProductInfoService } from './product-info/product-info.service';
export { PolicyService } from './policy/policy.service';
export { PartnerService } from './partner/partner.service';
export { OperationsStaffService } from './operations-staff/operations-staff.service';
