import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Iterates a query's raw rows through a server-side cursor (pg-query-stream), so exports of any
 * size run in constant memory. The query runner is released when iteration ends or fails.
 */
export async function* streamRawRows<T extends ObjectLiteral, R = Record<string, unknown>>(qb: SelectQueryBuilder<T>): AsyncGenerator<R> {
  const runner = qb.connection.createQueryRunner('slave');
  await runner.connect();
  try {
    const [sql, params] = qb.getQueryAndParameters();
    const stream = await runner.stream(sql, params);
    for await (const row of stream) yield row as R;
  } finally {
    await runner.release();
  }
}
