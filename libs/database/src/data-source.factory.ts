import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TierSchema } from './tier-schema.types';

/** DATE columns stay `YYYY-MM-DD` strings: a calendar day has no time zone to shift it. */
types.setTypeParser(types.builtins.DATE, (v: string) => v);

/** Options of a tier's data source, shared by the Nest app, the CLI and tests. Never synchronizes. */
export function dataSourceOptions(schema: TierSchema, url: string, applicationName = 'crm', timezone = 'Asia/Shanghai'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName,
    // a date without a time, or a ::date cast, means a day of the node's time zone
    extra: { max: 10, connectionTimeoutMillis: 5000, statement_timeout: 60_000, options: `-c timezone=${timezone}` },
  };
}

/** Arbitrary key for pg_advisory_lock so that concurrent starts (API + worker) migrate once. */
const MIGRATION_LOCK_KEY = 726_001;

/** Runs pending migrations under an advisory lock; returns the names applied. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
