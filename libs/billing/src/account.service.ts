import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { maskMiddle, PersonalDataCipher } from '@crm/customer';
import { DomainException, rejectNulls } from '@crm/errors';
import { AccountRepository } from './account.repository';
import { AccountStatus, BANK_ACCOUNT_PATTERN, PaymentMethod } from './billing.constants';
import { AccountPageDto, AccountResponseDto } from './dto/account-response.dto';
import { CreateAccountDto } from './dto/create-account.dto';
import { AccountFilterDto, ListAccountsDto } from './dto/list-accounts.dto';
import { UpdateAccountDto } from './dto/update-account.dto';
import { Account } from './entities/account.entity';

export const ACCOUNT_ENTITY = 'account';

/** `6222020200112233445` → `6222***********3445`. */
export const maskBankAccount = (value: string): string => maskMiddle(value, 4, 4);

/** 賬戶管理: create, read, list, modify and close billing accounts. */
@Injectable()
export class AccountService {
  private readonly cipher: PersonalDataCipher;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {
    if (!config.piiKey) throw new Error('The billing domain runs on city nodes only (CRM_PII_KEY missing)');
    this.cipher = new PersonalDataCipher(config.piiKey);
  }

  async create(dto: CreateAccountDto, actor: RequestActor): Promise<AccountResponseDto> {
    const saved = await this.accounts.transaction(async (manager) => {
      if (!(await this.accounts.lockCustomer(manager, dto.customerId))) {
        throw DomainException.badRequest('customerId does not refer to an existing customer', [{ field: 'customerId', problem: 'unknown customer' }]);
      }
      const account = new Account();
      account.customerId = dto.customerId;
      account.accountNumber = dto.accountNumber ?? this.newAccountNumber();
      account.serial = dto.serial ?? (await this.accounts.nextSerial(manager, dto.customerId));
      account.name = dto.name?.trim() ?? null;
      account.bankId = dto.bankId ?? null;
      this.setBankAccount(account, dto.bankAccount ?? null);
      account.creditLimitFen = dto.creditLimitFen ?? 0;
      account.balanceFen = 0;
      account.paymentMethod = dto.paymentMethod ?? PaymentMethod.Cash;
      account.status = dto.status ?? AccountStatus.Active;
      const row = await this.accounts.save(manager, account);
      await this.audit.record(manager, actor, { action: 'create', entityType: ACCOUNT_ENTITY, entityId: row.id, newValues: this.auditView(row) });
      return row;
    });
    return this.toDto(saved, false);
  }

  /** One account; the bank account unmasked (and the read audited) for callers who may see personal data. */
  async get(id: string, actor: RequestActor): Promise<AccountResponseDto> {
    const account = await this.accounts.findById(id);
    if (!account) throw DomainException.notFound('Account', id);
    const unmask = actor.personalData && account.bankAccountEncrypted !== null;
    if (unmask) await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: ACCOUNT_ENTITY, entityId: id, newValues: { fields: ['bankAccount'] } });
    return this.toDto(account, unmask);
  }

  async list(q: ListAccountsDto): Promise<AccountPageDto> {
    const [rows, total] = await this.accounts.list(q);
    return { items: rows.map((a) => this.toDto(a, false)), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: AccountFilterDto) {
    return this.accounts.exportQuery(q);
  }

  async update(id: string, dto: UpdateAccountDto, actor: RequestActor): Promise<AccountResponseDto> {
    rejectNulls(dto, ['creditLimitFen', 'paymentMethod', 'status']);
    const saved = await this.accounts.transaction(async (manager) => {
      const account = await this.lockCurrent(manager, id, dto.version);
      const before = this.auditView(account);
      if (dto.name !== undefined) account.name = dto.name === null ? null : dto.name.trim();
      if (dto.bankId !== undefined) account.bankId = dto.bankId;
      if (dto.bankAccount !== undefined) this.setBankAccount(account, dto.bankAccount);
      if (dto.creditLimitFen !== undefined) account.creditLimitFen = dto.creditLimitFen;
      if (dto.paymentMethod !== undefined) account.paymentMethod = dto.paymentMethod;
      if (dto.status !== undefined) account.status = dto.status;
      const row = await this.accounts.save(manager, account);
      const changes = changedFields(before, this.auditView(row));
      if (Object.keys(changes.newValues).length) await this.audit.record(manager, actor, { action: 'update', entityType: ACCOUNT_ENTITY, entityId: id, ...changes });
      return row;
    });
    return this.toDto(saved, false);
  }

  /** 銷戶: only an account that owes nothing and holds no prepaid balance may be closed. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.accounts.transaction(async (manager) => {
      const account = await this.accounts.lock(manager, id);
      if (!account) throw DomainException.notFound('Account', id);
      if (account.balanceFen > 0) throw DomainException.conflict(`The account still holds a balance of ${account.balanceFen} fen; refund or use it first`);
      const debt = await this.accounts.openDebt(manager, id);
      if (debt.unpaidBills || debt.liveArrears) throw DomainException.conflict(`The account has ${debt.unpaidBills} unpaid bill(s) and ${debt.liveArrears} open arrear(s)`);
      await this.accounts.softDelete(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: ACCOUNT_ENTITY, entityId: id, oldValues: this.auditView(account) });
    });
  }

  toDto(a: Account, unmasked: boolean): AccountResponseDto {
    return {
      id: a.id,
      accountNumber: a.accountNumber,
      serial: a.serial,
      customerId: a.customerId,
      name: a.name,
      bankId: a.bankId,
      bankAccount: a.bankAccountEncrypted === null ? null : unmasked ? this.cipher.decrypt(a.bankAccountEncrypted) : a.bankAccountMasked,
      personalDataMasked: !unmasked,
      creditLimitFen: a.creditLimitFen,
      balanceFen: a.balanceFen,
      paymentMethod: a.paymentMethod,
      status: a.status,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  private async lockCurrent(manager: EntityManager, id: string, version: number): Promise<Account> {
    const account = await this.accounts.lock(manager, id);
    if (!account) throw DomainException.notFound('Account', id);
    if (account.version !== version) {
      throw DomainException.conflict(`The account was changed meanwhile (version ${account.version}, not ${version}); read it again`, [{ field: 'version', problem: `current version is ${account.version}` }]);
    }
    return account;
  }

  private setBankAccount(account: Account, raw: string | null): void {
    if (raw === null) {
      account.bankAccountEncrypted = null;
      account.bankAccountMasked = null;
      return;
    }
    const digits = raw.replace(/[ -]/g, '');
    if (!BANK_ACCOUNT_PATTERN.test(digits)) throw DomainException.badRequest('bankAccount must be 8-30 digits', [{ field: 'bankAccount', problem: 'must be 8-30 digits' }]);
    account.bankAccountEncrypted = this.cipher.encrypt(digits);
    account.bankAccountMasked = maskBankAccount(digits);
  }

  /** `<city code><yyMM><8 random digits>`, e.g. `440100261201234567`; the unique index catches the unlikely clash (409). */
  private newAccountNumber(): string {
    const now = new Date();
    const yymm = `${String(now.getUTCFullYear()).slice(2)}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    return `${this.config.node.code}${yymm}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  }

  /** What the audit log keeps of an account: personal data only masked. */
  private auditView(a: Account): Record<string, unknown> {
    return {
      accountNumber: a.accountNumber,
      serial: a.serial,
      customerId: a.customerId,
      name: a.name,
      bankId: a.bankId,
      bankAccount: a.bankAccountMasked,
      creditLimitFen: a.creditLimitFen,
      paymentMethod: a.paymentMethod,
      status: a.status,
    };
  }
}
