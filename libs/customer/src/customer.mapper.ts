import { CustomerResponseDto } from './dto/customer-response.dto';
import { Customer } from './entities/customer.entity';
import { maskPhone, PersonalDataCipher } from './personal-data.util';

/** Entity → response, masking personal data unless the viewer may see it. */
export function toCustomerDto(c: Customer, cipher: PersonalDataCipher, unmasked: boolean, districtName: string): CustomerResponseDto {
  const phone = (v: string | null) => (v === null ? null : unmasked ? v : maskPhone(v));
  return {
    id: c.id,
    externalId: c.externalId,
    name: c.name,
    customerType: c.customerType,
    gender: c.gender,
    birthDate: c.birthDate,
    districtCode: c.districtCode,
    districtName,
    address: c.address,
    phone: phone(c.phone)!,
    idType: c.idType,
    idNumber: unmasked ? cipher.decrypt(c.idNumberEncrypted) : c.idNumberMasked,
    personalDataMasked: !unmasked,
    status: c.status,
    subClass: c.subClass,
    occupation: c.occupation,
    industryCode: c.industryCode,
    education: c.education,
    interests: c.interests ?? [],
    contactPhone: phone(c.contactPhone),
    homeAddress: c.homeAddress,
    companyAddress: c.companyAddress,
    legalPersonName: c.legalPersonName,
    legalPersonIdNumber: c.legalPersonIdEncrypted ? (unmasked ? cipher.decrypt(c.legalPersonIdEncrypted) : c.legalPersonIdMasked) : null,
    keyAccountLevel: c.keyAccountLevel,
    relationshipType: c.relationshipType,
    environmentNotes: c.environmentNotes,
    levelCode: c.levelCode,
    hallCode: c.hallCode,
    acquisitionChannel: c.acquisitionChannel ?? null,
    accountManagerId: c.accountManagerId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a customer: every field, personal data masked. */
export function auditView(c: Customer): Record<string, unknown> {
  return {
    externalId: c.externalId, name: c.name, customerType: c.customerType, gender: c.gender, birthDate: c.birthDate,
    districtCode: c.districtCode, address: c.address, phone: maskPhone(c.phone), idType: c.idType, idNumber: c.idNumberMasked,
    status: c.status, subClass: c.subClass, occupation: c.occupation, industryCode: c.industryCode, education: c.education,
    interests: c.interests, contactPhone: c.contactPhone ? maskPhone(c.contactPhone) : null, homeAddress: c.homeAddress,
    companyAddress: c.companyAddress, legalPersonName: c.legalPersonName, legalPersonIdNumber: c.legalPersonIdMasked,
    keyAccountLevel: c.keyAccountLevel, relationshipType: c.relationshipType, environmentNotes: c.environmentNotes,
    levelCode: c.levelCode, hallCode: c.hallCode, acquisitionChannel: c.acquisitionChannel ?? null, accountManagerId: c.accountManagerId,
  };
}
