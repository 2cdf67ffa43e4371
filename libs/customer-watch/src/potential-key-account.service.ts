import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, rejectNulls } from '@crm/errors';
import { addMonths } from './abnormal.rules';
import { CUSTOMER_WATCH_CONFIG, CustomerWatchConfig } from './customer-watch.config';
import { KeyCustomerType, POTENTIAL_KEY_ACCOUNT_ENTITY, POTENTIAL_TRANSITIONS, PotentialStatus } from './customer-watch.constants';
import { CustomerWatchRepository, PotentialRow } from './customer-watch.repository';
import { CreateNoteDto, GeneratePotentialResultDto, ListPotentialDto, PotentialFilterDto, PotentialKeyAccountDto, PotentialNoteDto, PotentialPageDto, PromoteDto, UpdatePotentialDto } from './dto/potential.dto';
import { todayIn } from '@crm/federation';

const AUDIT_IDS = 500;

/** 潛在大客戶: generate the list from the band below the key-account threshold, nurture with tracking notes, promote. */
@Injectable()
export class PotentialKeyAccountService {
  constructor(
    private readonly repo: CustomerWatchRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(CUSTOMER_WATCH_CONFIG) private readonly config: CustomerWatchConfig,
  ) {}

  async generate(asOf: string | undefined, actor: RequestActor): Promise<GeneratePotentialResultDto> {
    const { bandFromFen, keyAccountThresholdFen, months } = this.config.potential;
    const to = `${(asOf ?? todayIn(this.node.timezone)).slice(0, 7)}-01`;
    const from = addMonths(to, -(months - 1));
    const outcome = await this.repo.transaction(async (manager) => {
      const r = await this.repo.generatePotential(manager, from, to, bandFromFen, keyAccountThresholdFen);
      if (r.added.length || r.refreshed) {
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: POTENTIAL_KEY_ACCOUNT_ENTITY,
          newValues: { windowFrom: from.slice(0, 7), windowTo: to.slice(0, 7), added: r.added.length, refreshed: r.refreshed, ids: r.added.slice(0, AUDIT_IDS), truncated: r.added.length > AUDIT_IDS },
        });
      }
      return r;
    });
    return { windowFrom: from.slice(0, 7), windowTo: to.slice(0, 7), bandFromFen, keyAccountThresholdFen, matched: outcome.matched, added: outcome.added.length, refreshed: outcome.refreshed, aboveThreshold: outcome.above };
  }

  async list(q: ListPotentialDto): Promise<PotentialPageDto> {
    const [rows, total] = await this.repo.listPotential(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: PotentialFilterDto) {
    return this.repo.potentialQuery(q);
  }

  async get(id: string): Promise<PotentialKeyAccountDto> {
    const row = await this.repo.potentialById(id);
    if (!row) throw DomainException.notFound('Potential key account', id);
    return { ...toDto(row), notes: (await this.repo.notes(id)).map(toNote) };
  }

  async update(id: string, dto: UpdatePotentialDto, actor: RequestActor): Promise<PotentialKeyAccountDto> {
    rejectNulls(dto, ['status']);
    await this.repo.transaction(async (manager) => {
      const row = await this.requireCurrent(manager, id, dto.version);
      const from = row.status as PotentialStatus;
      if (dto.status !== undefined && dto.status !== from && !POTENTIAL_TRANSITIONS[from].includes(dto.status)) {
        const allowed = POTENTIAL_TRANSITIONS[from];
        throw DomainException.conflict(`A ${from} potential key account cannot become ${dto.status}${dto.status === PotentialStatus.Promoted ? ' here (use POST …/promote)' : ''}`, [
          { field: 'status', problem: allowed.length ? `allowed: ${allowed.join(', ')}` : `${from} is final` },
        ]);
      }
      if (dto.ownerStaffId && !(await this.repo.staffExists(manager, dto.ownerStaffId))) {
        throw DomainException.badRequest('ownerStaffId is not a member of staff of this city', [{ field: 'ownerStaffId', problem: 'unknown staff' }]);
      }
      const oldValues: Record<string, unknown> = {};
      const newValues: Record<string, unknown> = {};
      if (dto.status !== undefined && dto.status !== from) [oldValues.status, newValues.status] = [from, dto.status];
      if (dto.ownerStaffId !== undefined && dto.ownerStaffId !== row.owner_staff_id) [oldValues.ownerStaffId, newValues.ownerStaffId] = [row.owner_staff_id, dto.ownerStaffId];
      if (!Object.keys(newValues).length) return;
      await this.repo.updatePotential(manager, id, { status: newValues.status as string | undefined, ownerStaffId: dto.ownerStaffId });
      await this.audit.record(manager, actor, { action: 'update', entityType: POTENTIAL_KEY_ACCOUNT_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  async addNote(id: string, dto: CreateNoteDto, actor: RequestActor): Promise<PotentialNoteDto> {
    if (dto.at && new Date(dto.at).getTime() > Date.now() + 5 * 60_000) throw DomainException.badRequest('at is in the future', [{ field: 'at', problem: 'must not be in the future' }]);
    const note = await this.repo.transaction(async (manager) => {
      const row = await this.repo.lockPotential(manager, id);
      if (!row) throw DomainException.notFound('Potential key account', id);
      const created = await this.repo.addNote(manager, id, actor.username, dto.channel, dto.note.trim(), dto.at);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'potential_key_account_note', entityId: id, newValues: { noteId: created.id, channel: dto.channel } });
      return created;
    });
    return toNote(note);
  }

  /**
   * Promotes the customer to a key account: changes customer.customer_type in the same transaction,
   * with a customer_status_change entry and audit entries for the customer and the list row.
   */
  async promote(id: string, dto: PromoteDto, actor: RequestActor): Promise<PotentialKeyAccountDto> {
    await this.repo.transaction(async (manager) => {
      const row = dto.version !== undefined ? await this.requireCurrent(manager, id, dto.version) : await this.repo.lockPotential(manager, id);
      if (!row) throw DomainException.notFound('Potential key account', id);
      if (row.status === PotentialStatus.Promoted) throw DomainException.conflict('The customer was already promoted to a key account');
      if (row.status === PotentialStatus.Dropped) throw DomainException.conflict('The potential key account was dropped; set it back to candidate first', [{ field: 'status', problem: 'dropped' }]);
      const customer = await this.repo.lockCustomer(manager, row.customer_id);
      if (!customer || customer.deleted_at) throw DomainException.conflict('The customer was closed');
      if (customer.customer_type.startsWith('key_')) throw DomainException.conflict(`The customer is already a key account (${customer.customer_type})`, [{ field: 'customerType', problem: 'already key' }]);
      const to: KeyCustomerType = dto.customerType ?? (customer.customer_type === 'public_unit' ? 'key_enterprise' : 'key_individual');
      await this.repo.changeCustomerType(manager, customer.id, customer.status, customer.customer_type, to, actor.username);
      await this.repo.updatePotential(manager, id, { status: PotentialStatus.Promoted, promotedTo: to });
      await this.audit.record(manager, actor, { action: 'update', entityType: 'customer', entityId: customer.id, oldValues: { customerType: customer.customer_type }, newValues: { customerType: to, reason: 'potential key account promoted', note: dto.note ?? null } });
      await this.audit.record(manager, actor, { action: 'update', entityType: POTENTIAL_KEY_ACCOUNT_ENTITY, entityId: id, oldValues: { status: row.status }, newValues: { status: PotentialStatus.Promoted, promotedTo: to } });
    });
    return this.get(id);
  }

  private async requireCurrent(manager: Parameters<CustomerWatchRepository['lockPotential']>[0], id: string, version: number) {
    const row = await this.repo.lockPotential(manager, id);
    if (!row) throw DomainException.notFound('Potential key account', id);
    if (row.version !== version) throw DomainException.conflict(`The potential key account was changed meanwhile (version ${row.version}, not ${version}); read it again`, [{ field: 'version', problem: `current version is ${row.version}` }]);
    return row;
  }
}

function toNote(n: { id: string; at: Date; by: string; channel: string; note: string }): PotentialNoteDto {
  return { id: n.id, at: new Date(n.at).toISOString(), by: n.by, channel: n.channel, note: n.note };
}

function toDto(r: PotentialRow): PotentialKeyAccountDto {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerType: r.customer_type,
    districtCode: r.district_code,
    annualBilledFen: Number(r.annual_billed_fen),
    windowFrom: r.window_from,
    windowTo: r.window_to,
    generatedAt: new Date(r.generated_at).toISOString(),
    status: r.status as PotentialStatus,
    ownerStaffId: r.owner_staff_id,
    promotedAt: r.promoted_at ? new Date(r.promoted_at).toISOString() : null,
    promotedTo: r.promoted_to,
    version: r.version,
  };
}
