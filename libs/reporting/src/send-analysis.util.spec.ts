import { Controller, Get, INestApplication, Query, Res } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import request from 'supertest';
import { AllExceptionsFilter, createValidationPipe } from '@crm/errors';
import { contentDisposition } from './content-disposition.util';
import { AnalysisRenderQueryDto } from './dto/analysis-render-query.dto';
import { sampleAnalysis } from './sample-analysis.fixture';
import { sendAnalysis } from './send-analysis.util';

@Controller('report')
class ReportController {
  @Get()
  async report(@Query() q: AnalysisRenderQueryDto, @Res() res: Response): Promise<void> {
    await sendAnalysis(res, sampleAnalysis(), q, { generatedAt: new Date('2026-12-01T00:00:00Z') });
  }
}

describe('sendAnalysis', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ReportController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('answers the table as JSON by default', async () => {
    const res = await request(app.getHttpServer()).get('/report').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual(sampleAnalysis());
  });

  it('answers an SVG chart with the chosen type and series, inline and script-proof', async () => {
    const res = await request(app.getHttpServer()).get('/report?format=svg&chart=line&series=revenueFen,churnRate&width=500&height=300').responseType('blob').expect(200);
    const svg = (res.body as Buffer).toString('utf8');
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-disposition']).toBe(contentDisposition('各市客戶與收入-2026-11-30.svg', 'inline'));
    expect(svg).toMatch(/^<svg width="500" height="300"/);
    expect(svg).toContain('收入（元） Revenue (CNY)');
    expect(svg).not.toContain('客戶數 Customers'); // not asked for
  });

  it('answers an XLSX download with an RFC 5987 UTF-8 file name', async () => {
    const res = await request(app.getHttpServer()).get('/report?format=xlsx').responseType('blob').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_-2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('各市客戶與收入-2026-11-30.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(3).getCell(4).value).toBe(12345.67);
  });

  it('answers 400 naming the field for an unknown column, chart type or format', async () => {
    const unknownSeries = await request(app.getHttpServer()).get('/report?format=svg&series=customers,nope').expect(400);
    expect(unknownSeries.body).toMatchObject({ code: 'BAD_REQUEST', details: [{ field: 'series' }] });
    expect(unknownSeries.body.details[0].problem).toContain('customers');
    const badX = await request(app.getHttpServer()).get('/report?format=svg&x=customers').expect(400);
    expect(badX.body.details[0].field).toBe('x');
    const badChart = await request(app.getHttpServer()).get('/report?format=svg&chart=radar').expect(400);
    expect(badChart.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'chart' }] });
    await request(app.getHttpServer()).get('/report?format=pdf').expect(400);
    await request(app.getHttpServer()).get('/report?format=svg&width=5').expect(400);
  });
});

describe('contentDisposition', () => {
  it('keeps an ASCII fallback and encodes the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('報表 (1)\'s "x".xlsx')).toBe(
      `attachment; filename="_ (1)'s _x_.xlsx"; filename*=UTF-8''%E5%A0%B1%E8%A1%A8%20%281%29%27s%20%22x%22.xlsx`,
    );
  });
});
