import { EntityManager } from 'typeorm';
import { DomainException, ErrorCode } from '@crm/errors';

/**
 * Refuses (400 on `parentCode`) a parent that is the row itself or one of its descendants, in a
 * self-referencing table keyed by `code` with `parent_code`.
 */
export async function assertNoCycle(manager: EntityManager, table: 'service_department' | 'industry', code: string, parentCode: string | null): Promise<void> {
  if (!parentCode) return;
  const [{ cycle }] = await manager.query(
    `WITH RECURSIVE up(code, parent_code, depth) AS (
       SELECT code, parent_code, 1 FROM ${table} WHERE code = $1
       UNION ALL
       SELECT t.code, t.parent_code, up.depth + 1 FROM ${table} t JOIN up ON t.code = up.parent_code WHERE up.depth < 64
     )
     SELECT $1 = $2 OR EXISTS (SELECT 1 FROM up WHERE code = $2) AS cycle`,
    [parentCode, code],
  );
  if (cycle) {
    throw new DomainException(ErrorCode.ValidationFailed, `parentCode ${parentCode} would put ${code} under itself`, [{ field: 'parentCode', problem: 'would create a cycle' }]);
  }
}
