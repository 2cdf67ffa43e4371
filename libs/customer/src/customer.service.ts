import { Inject, Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode, ErrorDetail, rejectNulls } from '@crm/errors';
import { CustomerStatus, CustomerType, ORGANISATION_TYPES } from './customer.constants';
import { auditView, toCustomerDto } from './customer.mapper';
import { CustomerCriteria, CustomerRepository } from './customer.repository';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerPageDto, CustomerResponseDto, StatusChangeDto } from './dto/customer-response.dto';
import { CustomerCriteriaDto, ListCustomersDto } from './dto/list-customers.dto';
import { CustomerSearchResultDto, SearchCustomersDto } from './dto/search-customers.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';
import { Customer } from './entities/customer.entity';
import { ID_PREFIX_MIN, maskIdNumber, maskPhone, normalizeIdNumber, PersonalDataCipher } from './personal-data.util';

const ENTITY = 'customer';

/** 客戶信息管理: create, read, query, modify and close customers of this city, audited. */
@Injectable()
export class CustomerService {
  readonly cipher: PersonalDataCipher;

  constructor(
    private readonly customers: CustomerRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) config: NodeConfig,
  ) {
    if (!config.piiKey) throw new Error('The customer domain runs on city nodes only (CRM_PII_KEY missing)');
    this.cipher = new PersonalDataCipher(config.piiKey);
  }

  async create(dto: CreateCustomerDto, actor: RequestActor): Promise<CustomerResponseDto> {
    const customer = new Customer();
    this.assign(customer, dto);
    customer.status = dto.status ?? CustomerStatus.Active;
    this.checkKindRules(customer);
    const saved = await this.customers.dataSource.transaction(async (manager) => {
      const c = await this.customers.save(manager, customer);
      await this.customers.addStatusChange(manager, { customerId: c.id, fromStatus: null, toStatus: c.status, reason: 'created', changedBy: actor.username });
      await this.audit.record(manager, actor, { action: 'create', entityType: ENTITY, entityId: c.id, newValues: auditView(c) });
      return c;
    });
    return this.toDto(saved, actor);
  }

  async get(id: string, actor: RequestActor): Promise<CustomerResponseDto> {
    const customer = await this.customers.findById(id);
    if (!customer) throw DomainException.notFound('Customer', id);
    if (actor.personalData) await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: ENTITY, entityId: id });
    return this.toDto(customer, actor);
  }

  async update(id: string, dto: UpdateCustomerDto, actor: RequestActor): Promise<CustomerResponseDto> {
    rejectNulls(dto, ['name', 'customerType', 'districtCode', 'phone', 'idType', 'idNumber', 'status', 'interests']);
    if ((dto.idType === undefined) !== (dto.idNumber === undefined)) {
      throw new DomainException(ErrorCode.ValidationFailed, 'idType and idNumber change together', [
        { field: dto.idType === undefined ? 'idType' : 'idNumber', problem: 'required when the other is given' },
      ]);
    }
    const saved = await this.customers.dataSource.transaction(async (manager) => {
      const customer = await this.customers.findById(id, manager, true);
      if (!customer) throw DomainException.notFound('Customer', id);
      if (customer.version !== dto.version) {
        throw DomainException.conflict(`Customer ${id} was changed by someone else (version ${customer.version}, you sent ${dto.version}); read it again`, [
          { field: 'version', problem: `current version is ${customer.version}` },
        ]);
      }
      const before = auditView(customer);
      const previousStatus = customer.status;
      this.assign(customer, dto);
      this.checkKindRules(customer);
      const c = await this.customers.save(manager, customer);
      if (c.status !== previousStatus) {
        await this.customers.addStatusChange(manager, { customerId: c.id, fromStatus: previousStatus, toStatus: c.status, reason: dto.statusReason ?? null, changedBy: actor.username });
      }
      const diff = changedFields(before, auditView(c));
      if (Object.keys(diff.newValues).length) await this.audit.record(manager, actor, { action: 'update', entityType: ENTITY, entityId: c.id, ...diff });
      return c;
    });
    return this.toDto(saved, actor);
  }

  async remove(id: string, actor: RequestActor, reason?: string): Promise<void> {
    await this.customers.dataSource.transaction(async (manager) => {
      const customer = await this.customers.findById(id, manager, true);
      if (!customer) throw DomainException.notFound('Customer', id);
      const open = await this.customers.openCommitments(manager, id);
      if (open.subscriptions || open.arrearsFen || open.balanceFen) {
        throw DomainException.conflict(
          `Customer ${id} cannot be closed yet: ${open.subscriptions} live subscription(s), ${open.arrearsFen} fen of open arrears, ${open.balanceFen} fen of balance`,
          [
            ...(open.subscriptions ? [{ field: 'subscriptions', problem: 'terminate them first' }] : []),
            ...(open.arrearsFen ? [{ field: 'arrears', problem: 'recover or write them off first' }] : []),
            ...(open.balanceFen ? [{ field: 'balance', problem: 'refund or settle it first' }] : []),
          ],
        );
      }
      if (!(await this.customers.softDelete(manager, id))) throw DomainException.notFound('Customer', id);
      await this.customers.addStatusChange(manager, { customerId: id, fromStatus: customer.status, toStatus: 'closed', reason: reason ?? 'closed', changedBy: actor.username });
      await this.audit.record(manager, actor, { action: 'delete', entityType: ENTITY, entityId: id, oldValues: auditView(customer) });
    });
  }

  async list(q: ListCustomersDto, actor: RequestActor): Promise<CustomerPageDto> {
    const [rows, total] = await this.customers.list(this.criteria(q, actor), q.page, q.pageSize);
    if (actor.personalData && rows.length) {
      await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: ENTITY, newValues: { ids: rows.map((r) => r.id) } });
    }
    const names = await this.customers.districtNames(rows.map((r) => r.districtCode));
    return { items: rows.map((r) => toCustomerDto(r, this.cipher, actor.personalData, names.get(r.districtCode) ?? r.districtCode)), total, page: q.page, pageSize: q.pageSize };
  }

  async statusHistory(id: string): Promise<StatusChangeDto[]> {
    if (!(await this.customers.findById(id))) throw DomainException.notFound('Customer', id);
    return (await this.customers.statusHistory(id)).map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, changedAt: h.changedAt.toISOString(), changedBy: h.changedBy }));
  }

  /** Name similarity, phone prefix (personal-data holders; others only the full number), ID-number prefix. */
  async search(q: SearchCustomersDto, actor: RequestActor): Promise<CustomerSearchResultDto> {
    const text = q.q.trim();
    const isNumber = /^[0-9]+[0-9Xx]?$/.test(text);
    if (isNumber && !actor.personalData && text.length < 11) {
      // a prefix search over masked digits would reveal them one query at a time
      throw DomainException.badRequest('Searching by partial phone or ID numbers needs the personal-data permission; give the full number', [
        { field: 'q', problem: 'partial number' },
      ]);
    }
    const idPrefixKey = isNumber && text.length >= ID_PREFIX_MIN && text.length < 18 ? this.cipher.prefixKey(text) : undefined;
    const hits = await this.customers.search({ text, idPrefixKey, limit: q.limit, exactOnly: isNumber && !actor.personalData });
    if (actor.personalData && hits.length) {
      await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: ENTITY, newValues: { search: true, ids: hits.map((h) => h.id) } });
    }
    return {
      items: hits.map((c) => ({
        id: c.id,
        name: c.name,
        customerType: c.customerType,
        districtCode: c.districtCode,
        phone: actor.personalData ? c.phone : maskPhone(c.phone),
        idNumber: c.idNumberMasked,
        matchedOn: c.matched_on as 'name' | 'phone' | 'idNumber',
        score: Math.round(c.score * 1000) / 1000,
      })),
    };
  }

  /** Criteria for the repository: the ID number becomes its keyed hash; prefix search on phones needs the permission. */
  criteria(q: CustomerCriteriaDto, actor: RequestActor): CustomerCriteria {
    if ((q.idType === undefined) !== (q.idNumber === undefined)) {
      throw DomainException.badRequest('idType and idNumber are used together', [{ field: q.idType ? 'idNumber' : 'idType', problem: 'required with the other' }]);
    }
    if (q.q && /^\d/.test(q.q) && !actor.personalData) {
      throw DomainException.badRequest('Filtering by phone-number prefix needs the personal-data permission', [{ field: 'q', problem: 'phone prefix' }]);
    }
    const { idNumber, ...rest } = q;
    return { ...rest, idNumberHash: q.idType && idNumber ? this.cipher.hash(q.idType, idNumber) : undefined };
  }

  private assign(c: Customer, dto: Partial<CreateCustomerDto>): void {
    const simple = [
      'externalId', 'customerType', 'gender', 'birthDate', 'districtCode', 'address', 'phone', 'status', 'subClass', 'occupation',
      'industryCode', 'education', 'interests', 'contactPhone', 'homeAddress', 'companyAddress', 'keyAccountLevel', 'relationshipType',
      'environmentNotes', 'levelCode', 'hallCode', 'acquisitionChannel', 'accountManagerId',
    ] as const;
    for (const key of simple) if (dto[key] !== undefined) (c as unknown as Record<string, unknown>)[key] = dto[key];
    if (dto.name !== undefined) c.name = dto.name.trim();
    if (dto.legalPersonName !== undefined) c.legalPersonName = dto.legalPersonName === null ? null : dto.legalPersonName.trim();
    if (dto.idType !== undefined && dto.idNumber !== undefined) {
      const id = normalizeIdNumber(dto.idNumber);
      c.idType = dto.idType;
      c.idNumberHash = this.cipher.hash(dto.idType, id);
      c.idNumberEncrypted = this.cipher.encrypt(id);
      c.idNumberMasked = maskIdNumber(id);
      c.idPrefixKeys = this.cipher.prefixKeys(id);
    }
    if (dto.legalPersonIdNumber === null) {
      c.legalPersonIdHash = null;
      c.legalPersonIdEncrypted = null;
      c.legalPersonIdMasked = null;
    } else if (dto.legalPersonIdNumber !== undefined) {
      const id = normalizeIdNumber(dto.legalPersonIdNumber);
      c.legalPersonIdHash = this.cipher.hash('legal_person', id);
      c.legalPersonIdEncrypted = this.cipher.encrypt(id);
      c.legalPersonIdMasked = maskIdNumber(id);
    }
  }

  /** Fields that only make sense for some kinds of customer (DOMAIN.md §3.1). */
  private checkKindRules(c: Customer): void {
    const details: ErrorDetail[] = [];
    const organisation = ORGANISATION_TYPES.includes(c.customerType);
    if (c.subClass && c.customerType !== CustomerType.PublicResidential) details.push({ field: 'subClass', problem: 'only for public residential customers' });
    if ((c.legalPersonName || c.legalPersonIdEncrypted) && !organisation) details.push({ field: 'legalPersonName', problem: 'only for units and enterprises' });
    if ((c.keyAccountLevel || c.relationshipType) && c.customerType !== CustomerType.KeyEnterprise) {
      details.push({ field: c.keyAccountLevel ? 'keyAccountLevel' : 'relationshipType', problem: 'only for key enterprises' });
    }
    if (details.length) throw new DomainException(ErrorCode.ValidationFailed, 'Fields do not fit the customer type', details);
  }

  private async toDto(c: Customer, actor: RequestActor): Promise<CustomerResponseDto> {
    const names = await this.customers.districtNames([c.districtCode]);
    return toCustomerDto(c, this.cipher, actor.personalData, names.get(c.districtCode) ?? c.districtCode);
  }
}
