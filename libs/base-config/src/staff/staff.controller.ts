import { UUID_PATTERN } from '../base-config.constants';
import { keyParamPipe, referenceDataController } from '../reference-data/reference-data.controller';
import { CreateStaffDto, ListStaffDto, StaffDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';

/** /api/v1/staff (contact records: StaffContactRecordController). */
export const StaffController = referenceDataController({
  name: 'StaffController',
  path: 'staff',
  noun: '員工 staff member',
  key: { param: 'id', pipe: keyParamPipe('id', UUID_PATTERN, 'must be a UUID') },
  service: StaffService,
  dto: { create: CreateStaffDto, update: UpdateStaffDto, list: ListStaffDto, item: StaffDto },
});
