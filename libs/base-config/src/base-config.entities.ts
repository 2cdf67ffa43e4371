import { BusinessHall, CustomerLevel, CustomerStatusDefinition, District, Industry, ServiceDepartment, Staff, StaffContactRecord } from './entities';

export const BaseConfigEntities = [District, BusinessHall, CustomerLevel, CustomerStatusDefinition, ServiceDepartment, Industry, Staff, StaffContactRecord];
