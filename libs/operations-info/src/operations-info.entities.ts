import { BusinessPartner, MacroInfoItem, OperationsPolicy, OperationsStaffProfile, ProductServiceInfo } from './entities';

export const OperationsInfoEntities = [MacroInfoItem, ProductServiceInfo, OperationsPolicy, BusinessPartner, OperationsStaffProfile];
