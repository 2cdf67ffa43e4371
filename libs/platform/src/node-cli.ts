import { DataSource } from 'typeorm';
import { Role, ROLES, upsertUser } from '@crm/auth';
import { loadNodeConfig, loadSeedSettings, NodeConfig, SeedSettings } from '@crm/config';
import { dataSourceOptions, runMigrationsLocked, TierSchema } from '@crm/database';

export type TierSeed = (dataSource: DataSource, config: NodeConfig, settings: SeedSettings) => Promise<Record<string, unknown>>;

/** Demo users: `admin` on every node; on a city also one user per department role. */
async function seedUsers(dataSource: DataSource, config: NodeConfig, settings: SeedSettings): Promise<string[]> {
  const roles: Role[] = config.tier === 'city' ? [...ROLES] : [Role.Admin];
  for (const role of roles) {
    await upsertUser(dataSource.manager, { username: role, displayName: `${config.node.name} ${role}`, role, password: settings.password });
  }
  return roles;
}

/**
 * `node dist/apps/<tier>/src/cli.js <command>`: migrate | revert | seed. Reads the same
 * environment as the node itself; exits non-zero with a message on failure.
 */
export async function runNodeCli(schema: TierSchema, argv: string[], tierSeed?: TierSeed): Promise<void> {
  const command = argv[2];
  let config: NodeConfig;
  let settings: SeedSettings;
  try {
    config = loadNodeConfig(process.env);
    settings = loadSeedSettings(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  if (!['migrate', 'revert', 'seed'].includes(command)) {
    process.stderr.write('usage: cli.js migrate | revert | seed\n');
    process.exit(2);
  }
  const dataSource = new DataSource(dataSourceOptions(schema, config.databaseUrl, `crm-${config.node.code}-cli`, config.timezone));
  await dataSource.initialize();
  try {
    const out = (o: unknown) => process.stdout.write(`${JSON.stringify({ node: config.node.code, command, ...(o as object) })}\n`);
    if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      out({ reverted: true });
      return;
    }
    const migrations = await runMigrationsLocked(dataSource);
    if (command === 'migrate') {
      out({ migrations });
      return;
    }
    const users = await seedUsers(dataSource, config, settings);
    const data = tierSeed ? await tierSeed(dataSource, config, settings) : {};
    out({ migrations, users, ...data });
  } finally {
    await dataSource.destroy();
  }
}

