import { Inject, Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { ContractFilterDto, CreateContractDto, ListContractsDto, UpdateContractDto } from './dto/contract.dto';
import { ContractStatus, SALES_ENTITY } from './sales.constants';
import { SALES_CONFIG, SalesConfig } from './sales.config';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

const TODAY = (tz: string) => `(now() AT TIME ZONE '${tz.replace(/'/g, '')}')::date`;

export const contractSpec = (tz: string): RecordSpec => ({
  table: 'sales_contract',
  alias: 'k',
  label: 'Contract',
  base: (qb) =>
    qb
      .innerJoin('customer', 'c', 'c.id = k.customer_id')
      .leftJoin('staff', 's', 's.id = k.signed_by_staff_id')
      .select([
        ...columns('k', ['id', 'contractNo', 'customerId', 'title', 'signingUnit', 'signedByStaffId', 'validFrom', 'validTo', 'valueFen', 'status', 'documents', 'createdBy', 'createdAt', 'updatedAt', 'version'], { money: ['valueFen'], dates: ['validFrom', 'validTo'] }),
        'c.name AS "customerName"', 's.name AS "signedByName"',
      ]),
  filters: {
    customerId: (qb, v) => qb.andWhere('k.customer_id = :customerId', { customerId: v }),
    status: (qb, v) => qb.andWhere('k.status = :status', { status: v }),
    contractNoPrefix: (qb, v) => qb.andWhere(`k.contract_no LIKE :prefix ESCAPE '\\'`, { prefix: `${String(v).replace(/[\\%_]/g, (c) => `\\${c}`)}%` }),
    expiringWithinDays: (qb, v) =>
      qb.andWhere(`k.status = 'active' AND k.valid_to >= ${TODAY(tz)} AND k.valid_to <= ${TODAY(tz)} + (:days)::int`, { days: v }),
    validOn: (qb, v) => qb.andWhere('k.valid_from <= :validOn::date AND k.valid_to >= :validOn::date', { validOn: v }),
  },
  sorts: { validTo: 'k.valid_to', validFrom: 'k.valid_from', contractNo: 'k.contract_no', valueFen: 'k.value_fen', createdAt: 'k.created_at' },
  references: { fk_sales_contract_customer: 'customerId', fk_sales_contract_staff: 'signedByStaffId' },
  uniques: { ux_sales_contract_no: 'contractNo' },
});

const CONTRACT_TRANSITIONS: Record<ContractStatus, ContractStatus[]> = {
  [ContractStatus.Draft]: [ContractStatus.Active, ContractStatus.Terminated],
  [ContractStatus.Active]: [ContractStatus.Terminated],
  [ContractStatus.Terminated]: [],
};
const invalid = (field: string, problem: string): DomainException => new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);

/** 合同: contracts, look-up by customer, expiring soon. */
@Injectable()
export class ContractService {
  readonly spec: RecordSpec;

  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) config: NodeConfig,
    @Inject(SALES_CONFIG) private readonly sales: SalesConfig,
  ) {
    this.spec = contractSpec(config.timezone);
  }

  async create(dto: CreateContractDto, actor: RequestActor): Promise<Row> {
    if (dto.validTo < dto.validFrom) throw invalid('validTo', 'before validFrom');
    const values = {
      contractNo: dto.contractNo, customerId: dto.customerId, title: dto.title.trim(), signingUnit: dto.signingUnit.trim(), signedByStaffId: dto.signedByStaffId ?? null,
      validFrom: dto.validFrom, validTo: dto.validTo, valueFen: dto.valueFen, status: dto.status ?? ContractStatus.Draft, documents: JSON.stringify(dto.documents ?? []), createdBy: actor.username,
    };
    const id = await this.crud.create(this.spec, SALES_ENTITY.contract, values, actor, async (m) => {
      if (!(await this.crud.repo.customerExists(m, dto.customerId))) throw invalid('customerId', 'unknown or closed customer');
    });
    return this.crud.get(this.spec, id);
  }

  list(q: ListContractsDto): Promise<Page> {
    return this.crud.page(this.spec, q as unknown as Record<string, unknown> & ListContractsDto);
  }

  /** Active contracts whose validity ends within `days` (default `contractExpiryDays` of the rule set). */
  expiring(q: ListContractsDto): Promise<Page> {
    return this.list({ ...q, expiringWithinDays: q.expiringWithinDays ?? this.sales.contractExpiryDays } as ListContractsDto);
  }

  exportQuery(q: ContractFilterDto): Qb {
    return this.crud.repo.query(this.spec, q as unknown as Record<string, unknown>, q.sort);
  }

  get(id: string): Promise<Row> {
    return this.crud.get(this.spec, id);
  }

  async listForCustomer(customerId: string, q: ListContractsDto): Promise<Page> {
    const [c] = await this.crud.repo.dataSource.query(`SELECT 1 FROM customer WHERE id = $1`, [customerId]);
    if (!c) throw DomainException.notFound('Customer', customerId);
    return this.list({ ...q, customerId } as ListContractsDto);
  }

  async update(id: string, dto: UpdateContractDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(this.spec, SALES_ENTITY.contract, id, dto.version, actor, async (cur) => {
      const from = cur.status as ContractStatus;
      if (from === ContractStatus.Terminated) throw DomainException.conflict('A terminated contract cannot change', [{ field: 'status', problem: 'terminated is final' }]);
      const to = dto.status ?? from;
      if (to !== from && !CONTRACT_TRANSITIONS[from].includes(to)) throw DomainException.conflict(`A contract cannot move from ${from} to ${to}`, [{ field: 'status', problem: `allowed from ${from}: ${CONTRACT_TRANSITIONS[from].join(', ')}` }]);
      const validFrom = dto.validFrom ?? (cur.validFrom as string);
      const validTo = dto.validTo ?? (cur.validTo as string);
      if (validTo < validFrom) throw invalid('validTo', 'before validFrom');
      return {
        title: dto.title?.trim(), signingUnit: dto.signingUnit?.trim(), signedByStaffId: dto.signedByStaffId, validFrom: dto.validFrom, validTo: dto.validTo, valueFen: dto.valueFen,
        status: to !== from ? to : undefined, documents: dto.documents ? JSON.stringify(dto.documents) : undefined,
      };
    });
    return this.get(id);
  }

  /** Only drafts are deleted; an active or terminated contract is history (409). */
  remove(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(this.spec, SALES_ENTITY.contract, id, actor, async (cur) => {
      if (cur.status !== ContractStatus.Draft) throw DomainException.conflict(`A ${cur.status as string} contract cannot be deleted (terminate it)`, [{ field: 'status', problem: 'only drafts are deleted' }]);
    });
  }
}
