import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { CustomerStatus } from './customer.constants';
import { CustomerRepository } from './customer.repository';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerPageDto, CustomerResponseDto } from './dto/customer-response.dto';
import { ListCustomersDto } from './dto/list-customers.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';
import { Customer } from './entities/customer.entity';
import { maskIdNumber, maskPhone, normalizeIdNumber, PersonalDataCipher } from './personal-data.util';

export interface Viewer {
  /** May see phone and ID numbers unmasked. */
  personalData: boolean;
}

/** 客戶信息管理: create, read, list, update and close customers of this city. */
@Injectable()
export class CustomerService {
  private readonly cipher: PersonalDataCipher;

  constructor(
    private readonly customers: CustomerRepository,
    @Inject(NODE_CONFIG) config: NodeConfig,
  ) {
    if (!config.piiKey) throw new Error('The customer domain runs on city nodes only (CRM_PII_KEY missing)');
    this.cipher = new PersonalDataCipher(config.piiKey);
  }

  async create(dto: CreateCustomerDto, viewer: Viewer): Promise<CustomerResponseDto> {
    const customer = new Customer();
    this.assign(customer, dto);
    customer.status = dto.status ?? CustomerStatus.Active;
    return this.toDto(await this.customers.save(customer), viewer);
  }

  async get(id: string, viewer: Viewer): Promise<CustomerResponseDto> {
    return this.toDto(await this.require(id), viewer);
  }

  async update(id: string, dto: UpdateCustomerDto, viewer: Viewer): Promise<CustomerResponseDto> {
    if ((dto.idType === undefined) !== (dto.idNumber === undefined)) {
      throw new DomainException(ErrorCode.ValidationFailed, 'idType and idNumber change together', [
        { field: dto.idType === undefined ? 'idType' : 'idNumber', problem: 'required when the other is given' },
      ]);
    }
    const customer = await this.require(id);
    this.assign(customer, dto);
    return this.toDto(await this.customers.save(customer), viewer);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.customers.softDelete(id))) throw DomainException.notFound('Customer', id);
  }

  async list(q: ListCustomersDto, viewer: Viewer): Promise<CustomerPageDto> {
    if ((q.idType === undefined) !== (q.idNumber === undefined)) {
      throw DomainException.badRequest('idType and idNumber are used together', [{ field: q.idType ? 'idNumber' : 'idType', problem: 'required with the other' }]);
    }
    const [rows, total] = await this.customers.list({
      ...q,
      idNumberHash: q.idType && q.idNumber ? this.cipher.hash(q.idType, q.idNumber) : undefined,
    });
    const names = await this.customers.districtNames(rows.map((r) => r.districtCode));
    return { items: rows.map((r) => this.map(r, viewer, names)), total, page: q.page, pageSize: q.pageSize };
  }

  private async require(id: string): Promise<Customer> {
    const customer = await this.customers.findById(id);
    if (!customer) throw DomainException.notFound('Customer', id);
    return customer;
  }

  private assign(c: Customer, dto: UpdateCustomerDto): void {
    if (dto.externalId !== undefined) c.externalId = dto.externalId;
    if (dto.name !== undefined) c.name = dto.name.trim();
    if (dto.customerType !== undefined) c.customerType = dto.customerType;
    if (dto.gender !== undefined) c.gender = dto.gender;
    if (dto.birthDate !== undefined) c.birthDate = dto.birthDate;
    if (dto.districtCode !== undefined) c.districtCode = dto.districtCode;
    if (dto.address !== undefined) c.address = dto.address;
    if (dto.phone !== undefined) c.phone = dto.phone;
    if (dto.status !== undefined) c.status = dto.status;
    if (dto.idType !== undefined && dto.idNumber !== undefined) {
      const id = normalizeIdNumber(dto.idNumber);
      c.idType = dto.idType;
      c.idNumberHash = this.cipher.hash(dto.idType, id);
      c.idNumberEncrypted = this.cipher.encrypt(id);
      c.idNumberMasked = maskIdNumber(id);
    }
  }

  private async toDto(c: Customer, viewer: Viewer): Promise<CustomerResponseDto> {
    return this.map(c, viewer, await this.customers.districtNames([c.districtCode]));
  }

  private map(c: Customer, viewer: Viewer, districtNames: Map<string, string>): CustomerResponseDto {
    return {
      id: c.id,
      externalId: c.externalId,
      name: c.name,
      customerType: c.customerType,
      gender: c.gender,
      birthDate: c.birthDate,
      districtCode: c.districtCode,
      districtName: districtNames.get(c.districtCode) ?? c.districtCode,
      address: c.address,
      phone: viewer.personalData ? c.phone : maskPhone(c.phone),
      idType: c.idType,
      idNumber: viewer.personalData ? this.cipher.decrypt(c.idNumberEncrypted) : c.idNumberMasked,
      personalDataMasked: !viewer.personalData,
      status: c.status,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
