import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, rejectNulls } from '@crm/errors';
import { ORGANISATION_TYPES } from './customer.constants';
import { CustomerService } from './customer.service';
import { ContactResponseDto, CreateContactDto, UpdateContactDto } from './dto/customer-contact.dto';
import { Customer } from './entities/customer.entity';
import { CustomerContact } from './entities/customer-contact.entity';
import { maskIdNumber, maskPhone, normalizeIdNumber } from './personal-data.util';

const ENTITY = 'customer_contact';

/** 聯繫人: contacts of unit and enterprise customers (DOMAIN.md §3.1), audited like the customer. */
@Injectable()
export class CustomerContactService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomerService,
    private readonly audit: AuditService,
  ) {}

  async list(customerId: string, actor: RequestActor): Promise<ContactResponseDto[]> {
    await this.requireOrganisation(this.dataSource.manager, customerId);
    const rows = await this.dataSource.manager.find(CustomerContact, { where: { customerId }, order: { isPrimary: 'DESC', name: 'ASC' } });
    if (actor.personalData && rows.length) await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: ENTITY, entityId: customerId });
    return rows.map((r) => this.toDto(r, actor));
  }

  async create(customerId: string, dto: CreateContactDto, actor: RequestActor): Promise<ContactResponseDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.requireOrganisation(manager, customerId);
      const contact = manager.create(CustomerContact, { customerId, interests: [] });
      this.assign(contact, dto);
      const c = await manager.save(CustomerContact, contact);
      await this.audit.record(manager, actor, { action: 'create', entityType: ENTITY, entityId: c.id, newValues: this.auditView(c) });
      return c;
    });
    return this.toDto(saved, actor);
  }

  async update(customerId: string, id: string, dto: UpdateContactDto, actor: RequestActor): Promise<ContactResponseDto> {
    rejectNulls(dto, ['name', 'phone', 'interests', 'isPrimary']);
    const saved = await this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(CustomerContact, { where: { id, customerId }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw DomainException.notFound('Contact', id);
      if (contact.version !== dto.version) {
        throw DomainException.conflict(`Contact ${id} was changed by someone else; read it again`, [{ field: 'version', problem: `current version is ${contact.version}` }]);
      }
      const before = this.auditView(contact);
      this.assign(contact, dto);
      const c = await manager.save(CustomerContact, contact);
      await this.audit.record(manager, actor, { action: 'update', entityType: ENTITY, entityId: id, ...changedFields(before, this.auditView(c)) });
      return c;
    });
    return this.toDto(saved, actor);
  }

  async remove(customerId: string, id: string, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOne(CustomerContact, { where: { id, customerId }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw DomainException.notFound('Contact', id);
      await manager.delete(CustomerContact, { id });
      await this.audit.record(manager, actor, { action: 'delete', entityType: ENTITY, entityId: id, oldValues: this.auditView(contact) });
    });
  }

  private async requireOrganisation(manager: EntityManager, customerId: string): Promise<void> {
    const customer = await manager.findOne(Customer, { where: { id: customerId }, select: ['id', 'customerType'] });
    if (!customer) throw DomainException.notFound('Customer', customerId);
    if (!ORGANISATION_TYPES.includes(customer.customerType)) {
      throw DomainException.conflict(`Customer ${customerId} is a ${customer.customerType} customer; contacts belong to units and enterprises`);
    }
  }

  private assign(c: CustomerContact, dto: Partial<CreateContactDto>): void {
    for (const key of ['name', 'gender', 'birthDate', 'title', 'department', 'position', 'address', 'phone', 'education', 'interests', 'isPrimary'] as const) {
      if (dto[key] !== undefined) (c as unknown as Record<string, unknown>)[key] = dto[key];
    }
    if (dto.idNumber === null) {
      c.idNumberHash = null;
      c.idNumberEncrypted = null;
      c.idNumberMasked = null;
    } else if (dto.idNumber !== undefined) {
      const id = normalizeIdNumber(dto.idNumber);
      c.idNumberHash = this.customers.cipher.hash('contact', id);
      c.idNumberEncrypted = this.customers.cipher.encrypt(id);
      c.idNumberMasked = maskIdNumber(id);
    }
  }

  private auditView(c: CustomerContact): Record<string, unknown> {
    return {
      customerId: c.customerId, name: c.name, gender: c.gender, birthDate: c.birthDate, title: c.title, department: c.department,
      position: c.position, address: c.address, phone: maskPhone(c.phone), idNumber: c.idNumberMasked, education: c.education,
      interests: c.interests, isPrimary: c.isPrimary,
    };
  }

  private toDto(c: CustomerContact, actor: RequestActor): ContactResponseDto {
    const unmasked = actor.personalData;
    return {
      id: c.id, customerId: c.customerId, name: c.name, gender: c.gender, birthDate: c.birthDate, title: c.title, department: c.department,
      position: c.position, address: c.address, phone: unmasked ? c.phone : maskPhone(c.phone),
      idNumber: c.idNumberEncrypted ? (unmasked ? this.customers.cipher.decrypt(c.idNumberEncrypted) : c.idNumberMasked) : null,
      education: c.education, interests: c.interests ?? [], isPrimary: c.isPrimary, version: c.version,
    };
  }
}
