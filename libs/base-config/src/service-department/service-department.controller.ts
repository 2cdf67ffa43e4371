import { CODE_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateServiceDepartmentDto, ListServiceDepartmentsDto, ServiceDepartmentDto, UpdateServiceDepartmentDto } from './service-department.dto';
import { ServiceDepartmentService } from './service-department.service';

/** /api/v1/service-departments */
export const ServiceDepartmentController = referenceDataController({
  name: 'ServiceDepartmentController',
  path: 'service-departments',
  noun: '服務部門 service department',
  key: { param: 'code', pipe: keyParamPipe('code', CODE_PATTERN, 'must be 1-16 letters, digits, _ or -') },
  service: ServiceDepartmentService,
  dto: { create: CreateServiceDepartmentDto, update: UpdateServiceDepartmentDto, list: ListServiceDepartmentsDto, item: ServiceDepartmentDto },
});
