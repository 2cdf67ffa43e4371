import { once } from 'node:events';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { AnalysisTable, renderChartSvg } from '@crm/reporting';
import { launchChromium } from '@crm/testing';

/**
 * Proves the browser-test plumbing: an SVG chart rendered on the server by @crm/reporting, served
 * in a tiny HTML page by a throwaway HTTP server, opened in headless Chromium (Debian's package
 * driven by playwright-core), its text found visible, and a screenshot written to test-artifacts/.
 */
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

const table: AnalysisTable = {
  titleZh: '各市客戶數',
  titleEn: 'Customers by city',
  columns: [
    { key: 'city', labelZh: '城市', labelEn: 'City', kind: 'dimension' },
    { key: 'customers', labelZh: '客戶數', labelEn: 'Customers', kind: 'measure', unit: 'count' },
    { key: 'newCustomers', labelZh: '新增客戶', labelEn: 'New customers', kind: 'measure', unit: 'count' },
  ],
  rows: [
    { city: '廣州', customers: 1520, newCustomers: 37 },
    { city: '深圳', customers: 980, newCustomers: 21 },
    { city: '佛山', customers: 610, newCustomers: 12 },
  ],
  asOf: { period: '2026-11-30' },
};

describe('reporting in a headless browser', () => {
  let server: Server;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    const svg = renderChartSvg(table, { type: 'bar', x: 'city', series: ['customers', 'newCustomers'], width: 720, height: 400 });
    const html = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>報表 Report</title></head><body><figure id="chart">${svg}</figure></body></html>`;
    server = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('shows the chart text and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 480 } });
    await page.goto(`${baseUrl}/`);
    const title = page.locator('#chart svg text', { hasText: '各市客戶數 Customers by city' });
    await title.waitFor({ state: 'visible', timeout: 10_000 });
    for (const text of ['廣州', '深圳', '佛山', '1520', '客戶數 Customers', '新增客戶 New customers', '截至 As of 2026-11-30']) {
      expect(await page.locator('#chart svg text', { hasText: text }).first().isVisible()).toBe(true);
    }
    const box = await page.locator('#chart svg').boundingBox();
    expect(box).toMatchObject({ width: 720, height: 400 });
    // the bars are drawn: more filled paths than the axis lines
    expect(await page.locator('#chart svg path[fill]:not([fill="none"])').count()).toBeGreaterThanOrEqual(6);

    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'reporting-browser-chart.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(5_000);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.close();
  });
});
