import { createHash } from 'node:crypto';
import { controlBucket, controlBucketSql, isControl } from './control-group.util';

describe('control-group split', () => {
  const campaign = '0b6b6c2e-4d3a-4f7e-9a51-0d8d3c1e2f10';
  const customers = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('is the first 32 bits of md5(campaign:customer) modulo 100', () => {
    const hex = createHash('md5').update(`${campaign}:${customers[7]}`).digest('hex');
    expect(controlBucket(campaign, customers[7])).toBe(parseInt(hex.slice(0, 8), 16) % 100);
  });

  it('is deterministic and holds back about the percentage asked for', () => {
    const held = customers.filter((c) => isControl(campaign, c, 10));
    expect(customers.filter((c) => isControl(campaign, c, 10))).toEqual(held);
    expect(held.length / customers.length).toBeGreaterThan(0.08);
    expect(held.length / customers.length).toBeLessThan(0.12);
  });

  it('holds back nobody at 0 % and a larger percentage holds back a superset', () => {
    expect(customers.some((c) => isControl(campaign, c, 0))).toBe(false);
    const ten = customers.filter((c) => isControl(campaign, c, 10));
    const twenty = new Set(customers.filter((c) => isControl(campaign, c, 20)));
    expect(ten.every((c) => twenty.has(c))).toBe(true);
  });

  it('splits different campaigns independently', () => {
    const other = '9f0d1f5a-8a47-4c1c-b1b9-2f3a4c5d6e7f';
    const a = customers.filter((c) => isControl(campaign, c, 50));
    const b = new Set(customers.filter((c) => isControl(other, c, 50)));
    const both = a.filter((c) => b.has(c)).length;
    expect(both / customers.length).toBeGreaterThan(0.2);
    expect(both / customers.length).toBeLessThan(0.3);
  });

  it('has a SQL twin over parameters and columns only', () => {
    expect(controlBucketSql('$1', 'c.id')).toBe(`((('x' || lpad(substr(md5($1::text || ':' || c.id::text), 1, 8), 16, '0'))::bit(64)::bigint) % 100)`);
  });
});
