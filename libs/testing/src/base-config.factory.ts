import { randomInt } from 'node:crypto';
import { mobileNumber } from './customer.factory';

let seq = randomInt(0, 1_000_000);
const next = (): number => (seq = (seq + 1) % 10_000_000);

/** A code no other test uses: `<prefix><number>`, at most 16 characters (letters, digits, -). */
export function baseConfigCode(prefix = 'T'): string {
  return `${prefix.slice(0, 8)}${String(next()).padStart(7, '0')}`;
}

export function businessHallInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: baseConfigCode('HALL'), name: '测试营业厅', districtCode: '440106', address: '天河路 1 号', phone: '020-38881234', openingHours: '09:00-18:00', ...overrides };
}

/** A customer level with a rank (10,000 or more) no other factory-made level uses. */
export function customerLevelInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: baseConfigCode('LV'), name: '测试等级', rank: 10_000 + (next() % 990_000), minAnnualSpendFen: 100_000, ...overrides };
}

export function customerStatusInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: `st_${next()}`, name: '测试状态', serviceAllowed: true, ...overrides };
}

export function serviceDepartmentInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: baseConfigCode('DEP'), name: '测试部门', phone: '020-38880000', ...overrides };
}

/** A staff member (departmentCode must be given or exist), with a unique employee number and mobile. */
export function staffInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { employeeNo: baseConfigCode('E'), name: '测试员工', gender: 'female', title: '客户经理', mobile: mobileNumber(), email: 'staff@example.cn', ...overrides };
}

export function staffContactRecordInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { contactedAt: '2026-03-02T10:30:00+08:00', channel: 'visit', counterpart: '广州恒信科技 王经理', summary: '走访了解宽带扩容需求', ...overrides };
}
