import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MacroInfoController } from './macro-info/macro-info.controller';
import { MacroInfoService } from './macro-info/macro-info.service';
import { OperationsInfoEntities } from './operations-info.entities';
import { OperationsStaffController, OperationsStaffReportsController } from './operations-staff/operations-staff.controller';
import { OperationsStaffService } from './operations-staff/operations-staff.service';
import { PartnerController } from './partner/partner.controller';
import { PartnerService } from './partner/partner.service';
import { PolicyController } from './policy/policy.controller';
import { PolicyService } from './policy/policy.service';
import { ProductInfoController } from './product-info/product-info.controller';
import { ProductInfoService } from './product-info/product-info.service';

/** 經營信息: macro information, product and service information, policies, partners, operations staff. */
@Module({
  imports: [TypeOrmModule.forFeature(OperationsInfoEntities)],
  controllers: [MacroInfoController, ProductInfoController, PolicyController, PartnerController, OperationsStaffReportsController, OperationsStaffController],
  providers: [MacroInfoService, ProductInfoService, PolicyService, PartnerService, OperationsStaffService],
  exports: [MacroInfoService, ProductInfoService, PolicyService, PartnerService, OperationsStaffService],
})
export class OperationsInfoModule {}
