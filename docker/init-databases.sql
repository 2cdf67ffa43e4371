-- One database per federation node (crm_<GB/T 2260 code>), created on the first start of the
-- `postgres` service in docker-compose.yml (the image runs /docker-entrypoint-initdb.d/*.sql
-- through psql only while its data directory is empty). Schemas are not created here: every node
-- runs its own migrations at start-up.
--
-- Idempotent (CREATE DATABASE cannot run inside a DO block, so psql's \gexec runs the statements
-- generated for the databases that do not exist yet); safe to re-run by hand:
--   docker compose exec -T postgres psql -U postgres -f /docker-entrypoint-initdb.d/init-databases.sql
SELECT format('CREATE DATABASE %I', db)
FROM unnest(ARRAY[
  'crm_000000',  -- HQ 總部
  'crm_440000',  -- Guangdong 廣東省
  'crm_440100',  -- Guangzhou 廣州市
  'crm_440300',  -- Shenzhen 深圳市
  'crm_320000',  -- Jiangsu 江蘇省
  'crm_320100',  -- Nanjing 南京市
  'crm_320500'   -- Suzhou 蘇州市
]) AS db
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = db)
\gexec
