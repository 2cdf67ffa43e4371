import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaseConfigEntities } from './base-config.entities';
import { BusinessHallController } from './business-hall/business-hall.controller';
import { BusinessHallService } from './business-hall/business-hall.service';
import { CustomerLevelController } from './customer-level/customer-level.controller';
import { CustomerLevelService } from './customer-level/customer-level.service';
import { CustomerStatusController } from './customer-status/customer-status.controller';
import { CustomerStatusService } from './customer-status/customer-status.service';
import { DistrictController } from './district/district.controller';
import { DistrictService } from './district/district.service';
import { IndustryController } from './industry/industry.controller';
import { IndustryService } from './industry/industry.service';
import { ServiceDepartmentController } from './service-department/service-department.controller';
import { ServiceDepartmentService } from './service-department/service-department.service';
import { StaffContactRecordController } from './staff/staff-contact-record.controller';
import { StaffContactRecordRepository } from './staff/staff-contact-record.repository';
import { StaffContactRecordService } from './staff/staff-contact-record.service';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';

/** 基礎配置: districts, business halls, customer levels and statuses, departments, industries, staff. */
@Module({
  imports: [TypeOrmModule.forFeature(BaseConfigEntities)],
  controllers: [
    DistrictController,
    BusinessHallController,
    CustomerLevelController,
    CustomerStatusController,
    ServiceDepartmentController,
    IndustryController,
    StaffController,
    StaffContactRecordController,
  ],
  providers: [
    DistrictService,
    BusinessHallService,
    CustomerLevelService,
    CustomerStatusService,
    ServiceDepartmentService,
    IndustryService,
    StaffService,
    StaffContactRecordRepository,
    StaffContactRecordService,
  ],
  exports: [TypeOrmModule],
})
export class BaseConfigModule {}
