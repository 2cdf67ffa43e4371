import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NodeConfig } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
// the city schema: the real migrations create import_job and import_rejection
import { createCityDataSource } from '../../../../apps/city/src/data-source';
import { ImportJob, ImportRejection } from './entities';
import { ImportJobRepository } from './import-job.repository';
import { ImportFileError, ImportProgress, ImportRunnerService } from './import-runner.service';
import { ImportContext, ImportTarget, ParsedRow, WriteResult } from './import-target';
import { ImportTargetRegistry } from './import-target.registry';
import { ImportFormat, ImportStatus } from './import.constants';

interface ProbeRow {
  externalId: string;
  value: number;
}

/** A small target writing into a scratch table; it can fail a given write call once, or miscount. */
class ProbeTarget implements ImportTarget<ProbeRow> {
  readonly kind = 'usage' as const;
  readonly columns = [
    { name: 'externalId', required: true, description: 'id' },
    { name: 'value', required: true, description: 'digits' },
    { name: 'secret', required: false, description: 'masked', mask: (v: string) => `${v[0]}***` },
  ];
  writes: string[][] = [];
  failOnCall?: number;
  miscount = false;

  parse(raw: Readonly<Record<string, string>>): ParsedRow<ProbeRow> {
    if (!raw.externalId) return { error: 'externalId: required' };
    if (!/^\d+$/.test(raw.value)) return { error: 'value: must be digits' };
    return { row: { externalId: raw.externalId, value: Number(raw.value) } };
  }

  async write(manager: EntityManager, rows: ProbeRow[], _ctx: ImportContext): Promise<WriteResult> {
    this.writes.push(rows.map((r) => r.externalId));
    const rejected = rows.flatMap((r, index) => (r.value === 13 ? [{ index, reason: 'value 13 is unlucky' }] : []));
    const accepted = rows.filter((r) => r.value !== 13);
    const inserted: unknown[] = accepted.length
      ? await manager.query(`INSERT INTO import_probe (external_id, value) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING RETURNING external_id`, [
          accepted.map((r) => r.externalId),
          accepted.map((r) => r.value),
        ])
      : [];
    if (this.writes.length === this.failOnCall) {
      this.failOnCall = undefined;
      throw new Error('database went away');
    }
    return { inserted: inserted.length, skipped: accepted.length - inserted.length + (this.miscount ? 1 : 0), rejected };
  }
}

describe('ImportRunnerService (PostgreSQL)', () => {
  let ds: DataSource;
  let dir: string;
  let repo: ImportJobRepository;
  let target: ProbeTarget;
  let runner: ImportRunnerService;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = createCityDataSource(await createTestDatabase('imprunner'));
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`CREATE TABLE import_probe (external_id text PRIMARY KEY, value integer NOT NULL)`);
    dir = mkdtempSync(join(tmpdir(), 'crm-import-runner-'));
    repo = new ImportJobRepository(ds, ds.getRepository(ImportJob), ds.getRepository(ImportRejection));
  });
  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await ds.query(`TRUNCATE import_probe`);
    target = new ProbeTarget();
    const registry = { get: (kind: string) => (kind === 'usage' ? target : undefined), kinds: () => ['usage'] } as unknown as ImportTargetRegistry;
    runner = new ImportRunnerService(repo, registry, { imports: { dir, maxBytes: 1 << 20, batchSize: 2 } } as NodeConfig);
  });

  async function importOf(content: string | Buffer, format: ImportFormat = 'csv'): Promise<string> {
    const id = randomUUID();
    const path = join(dir, `${id}.${format}`);
    writeFileSync(path, content);
    await repo.insert(ds.manager, { id, kind: 'usage', originalFilename: `probe.${format}`, storedPath: path, format, sizeBytes: Buffer.byteLength(content), createdBy: 'tester', requestId: 'req-1' });
    return id;
  }
  const job = async (id: string) => (await repo.findById(id))!;
  const probeCount = async (): Promise<number> => (await ds.query(`SELECT count(*)::int AS n FROM import_probe`))[0].n;
  const rejections = async (id: string) => (await repo.listRejections(id, 1, 100))[0].map((r) => ({ line: r.line, reason: r.reason, rawValues: r.rawValues }));

  it('writes batch by batch and, after a failed attempt, resumes after the last committed batch without counting twice', async () => {
    const csv = ['externalId,value', 'a,1', 'b,2', 'c,3', 'd,13', 'e,5', 'f,x', 'g,7', ''].join('\n');
    const id = await importOf(csv);
    target.failOnCall = 3;
    await expect(runner.run(id, { correlationId: 'c1' })).rejects.toThrow('database went away');
    expect(await job(id)).toMatchObject({ status: ImportStatus.Running, processedRows: 4, insertedRows: 3, rejectedRows: 1, lastLine: 5, attempts: 1 });
    expect(await probeCount()).toBe(3); // the failed third batch rolled back
    await runner.recordFailure(id, new Error('database went away'), false);
    expect(await job(id)).toMatchObject({ status: ImportStatus.Running, error: 'Attempt failed, retrying: database went away' });

    target.writes = [];
    const progress: ImportProgress[] = [];
    const summary = await runner.run(id, { correlationId: 'c1', onProgress: async (p) => void progress.push(p) });
    expect(target.writes).toEqual([['e'], ['g']]); // lines 6-8 only: f is rejected by parse
    expect(summary).toMatchObject({ status: ImportStatus.Completed, percent: 100, totalRows: 7, processed: 7, inserted: 5, skipped: 0, rejected: 2 });
    expect(progress.map((p) => p.processed)).toEqual([6, 7]);
    expect(progress.every((p) => p.percent >= 0 && p.percent <= 99)).toBe(true);
    expect(await job(id)).toMatchObject({ status: ImportStatus.Completed, attempts: 2, error: null, totalRows: 7, lastLine: 8 });
    expect(await probeCount()).toBe(5);
    expect(await rejections(id)).toEqual([
      { line: 5, reason: 'value 13 is unlucky', rawValues: { externalId: 'd', value: '13', secret: '' } },
      { line: 7, reason: 'value: must be digits', rawValues: { externalId: 'f', value: 'x', secret: '' } },
    ]);
    // the stored file is removed once the import is done; running it again does nothing
    expect(existsSync((await job(id)).storedPath)).toBe(false);
    target.writes = [];
    expect(await runner.run(id, { correlationId: 'c1' })).toMatchObject({ status: ImportStatus.Completed, inserted: 5 });
    expect(target.writes).toEqual([]);
  });

  it('counts rejections beyond the stored maximum without storing them, masks personal data, keeps unknown columns', async () => {
    const csv = ['externalId,value,secret,remark', 'a,x,S1,r1', 'b,x,S2,r2', 'c,1,S3,r3', 'd,x,S4,r4', 'e,x,,r5'].join('\n');
    const id = await importOf(csv);
    await runner.run(id, { correlationId: 'c2', maxStoredRejections: 2 });
    expect(await job(id)).toMatchObject({ status: ImportStatus.Completed, rejectedRows: 4, rejectionsNotStored: 2, insertedRows: 1 });
    expect(await rejections(id)).toEqual([
      { line: 2, reason: 'value: must be digits', rawValues: { externalId: 'a', value: 'x', secret: 'S***', remark: 'r1' } },
      { line: 3, reason: 'value: must be digits', rawValues: { externalId: 'b', value: 'x', secret: 'S***', remark: 'r2' } },
    ]);
  });

  it('rejects rows with more values than the header and rows that are not UTF-8, with their line numbers', async () => {
    const latin1 = Buffer.from('c,4,caf\xe9\n', 'latin1');
    const id = await importOf(Buffer.concat([Buffer.from('externalId,value,secret\n"a\nb",1\nb,2,,extra\n', 'utf8'), latin1]));
    await runner.run(id, { correlationId: 'c3' });
    expect(await job(id)).toMatchObject({ status: ImportStatus.Completed, insertedRows: 1, rejectedRows: 2 });
    const stored = await rejections(id);
    expect(stored.map((r) => [r.line, r.reason])).toEqual([
      [4, 'The row has 4 values but the header names 3 columns'],
      [5, 'The row contains text that is not UTF-8: save the file as "CSV UTF-8" (or XLSX)'],
    ]);
  });

  it.each([
    ['value\n1\n', /Missing required column externalId in the header row \(line 1\)\. A usage file has the columns: externalId \(required\), value \(required\), secret/],
    ['\n\nExternalId,VALUE,value\n', /Column value appears more than once in the header row/],
    ['', /The file is empty/],
    ['externalId,value\n"a,1\n', /The file is not valid CSV/],
  ])('fails the import for a file no retry can fix: %j', async (csv, message) => {
    const id = await importOf(csv);
    const err = await runner.run(id, { correlationId: 'c4' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as Error).message).toMatch(message);
    await runner.recordFailure(id, err, true);
    const failed = await job(id);
    expect(failed).toMatchObject({ status: ImportStatus.Failed, insertedRows: 0 });
    expect(failed.error).toMatch(message);
    expect(failed.finishedAt).toBeInstanceOf(Date);
    expect(existsSync(failed.storedPath)).toBe(false);
  });

  it('rolls back a batch whose target accounts for a different number of rows', async () => {
    const id = await importOf('externalId,value\na,1\n');
    target.miscount = true;
    await expect(runner.run(id, { correlationId: 'c5' })).rejects.toThrow(/accounted for 1 \+ 1 \+ 0 of 1 rows/);
    expect(await probeCount()).toBe(0);
    expect(await job(id)).toMatchObject({ processedRows: 0, lastLine: 0 });
  });

  it('reads XLSX through the same path (first sheet, row numbers as lines)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    sheet.addRow(['externalId', 'value']);
    sheet.addRow(['a', 1]);
    sheet.addRow([]);
    sheet.addRow(['b', 'x']);
    const id = await importOf(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    await runner.run(id, { correlationId: 'c6' });
    expect(await job(id)).toMatchObject({ status: ImportStatus.Completed, totalRows: 2, insertedRows: 1, rejectedRows: 1 });
    expect((await rejections(id)).map((r) => r.line)).toEqual([4]);
  });
});
