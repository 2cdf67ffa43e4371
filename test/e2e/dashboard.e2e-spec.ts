import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { launchChromium, RunningNode, TEST_PASSWORD, tokenFor, waitFor } from '@crm/testing';
import { Federation, startFederation } from './federation.fixture';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/** Customers straight into a city's table: `n` per district, created a few minutes ago. */
async function insertCustomers(node: RunningNode, perDistrict: Record<string, number>): Promise<void> {
  for (const [district, n] of Object.entries(perDistrict)) {
    for (let i = 0; i < n; i++) {
      await node.dataSource.query(
        `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked, created_at)
         VALUES ('測試', 'public_residential', $1, '13900000000', 'passport', $2, 'v1:x', 'P****', now() - interval '5 minutes')`,
        [district, randomBytes(32).toString('hex')],
      );
    }
  }
}

/** 儀表盤 in headless Chromium: sign-in on the page, figures from facts, freshness, drill-down, screenshots. */
describe('Dashboard (/dashboard) in headless Chromium', () => {
  let fed: Federation;
  let browser: Browser;

  beforeAll(async () => {
    fed = await startFederation();
    await insertCustomers(fed.gz, { '440103': 3, '440106': 4 });
    await insertCustomers(fed.sz, { '440304': 5 });
    for (const city of [fed.gz, fed.sz]) {
      const token = await tokenFor(city.url, 'admin');
      await request(city.url).post('/api/v1/federation/publish').auth(token, { type: 'bearer' }).send({}).expect(200);
    }
    await waitFor(async () => {
      const [{ n }] = await fed.hq.dataSource.query(`SELECT count(DISTINCT origin_node)::int AS n FROM fact_slice WHERE metric_set = 'customers_by_segment_district' AND version > 0`);
      return n === 2;
    }, 'HQ to hold both cities');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fed?.close();
  });

  async function signIn(node: RunningNode, username = 'admin'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${node.url}/dashboard`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('#signin-form button[type=submit]');
    await page.locator('#board').waitFor({ state: 'visible' });
    return page;
  }

  const rowsOf = async (page: Page): Promise<string[]> => page.locator('#customers-table tbody tr td:first-child').allInnerTexts();

  it('serves the page with a strict content policy and no data before sign-in', async () => {
    const res = await request(fed.hq.url).get('/dashboard').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('data-node="000000"');
    // no figures in the page itself: the tables are filled by the script after sign-in
    expect(res.text).toContain('<table id="customers-table"><thead></thead><tbody></tbody></table>');
    await request(fed.hq.url).get('/dashboard/app.js').expect(200).expect('content-type', /javascript/);
    await request(fed.hq.url).get('/dashboard/app.css').expect(200).expect('content-type', /css/);
    // the API behind it still needs a token
    await request(fed.hq.url).get('/api/v1/analytics/customers').expect(401);
  });

  it('refuses a wrong password on the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${fed.hq.url}/dashboard`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('#signin-form button[type=submit]');
    await page.locator('#signin-error', { hasText: 'Wrong username or password' }).waitFor();
    expect(await page.locator('#board').isHidden()).toBe(true);
    await page.close();
  });

  it('HQ: national figures, the freshness of each province, drill-down to a province, a city and its districts', async () => {
    const page = await signIn(fed.hq);
    await page.locator('#customers-table tbody tr').first().waitFor();
    expect(await page.locator('#customers-totals .kpi b').first().innerText()).toBe('12');
    expect(await rowsOf(page)).toEqual([expect.stringContaining('440000')]);
    await page.locator('#freshness-table tbody tr', { hasText: '440000' }).waitFor();
    expect(await page.locator('#freshness-table tbody tr', { hasText: '440000' }).innerText()).toMatch(/ok/);
    await page.locator('#asof', { hasText: '2 城市 cities' }).waitFor();

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-hq.png'), fullPage: true });

    await page.click('a.drill[data-code="440000"]');
    await page.locator('#customers-table tbody tr', { hasText: '440300' }).waitFor();
    expect((await rowsOf(page)).sort()).toEqual([expect.stringContaining('440100'), expect.stringContaining('440300')]);
    expect(await page.locator('#scope').innerText()).toMatch(/^全國 Nation › /);

    await page.click('a.drill[data-code="440100"]');
    await page.locator('#customers-table tbody tr', { hasText: '440106' }).waitFor();
    expect((await rowsOf(page)).sort()).toEqual([expect.stringContaining('440103'), expect.stringContaining('440106')]);
    expect(await page.locator('#customers-totals .kpi b').first().innerText()).toBe('7');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-hq-drill-city.png'), fullPage: true });
    const file = path.join(ARTIFACTS, 'dashboard-hq.png');
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');

    // back to the nation through the breadcrumb
    await page.click('#scope a >> nth=0');
    await page.locator('#customers-table tbody tr', { hasText: '440000' }).waitFor();
    await page.close();
  });

  it('a province shows its cities and their freshness; a city shows its districts', async () => {
    const gd = await signIn(fed.gd);
    await gd.locator('#customers-table tbody tr', { hasText: '440300' }).waitFor();
    expect((await rowsOf(gd)).sort()).toEqual([expect.stringContaining('440100'), expect.stringContaining('440300')]);
    expect(await gd.locator('#freshness-table tbody tr').count()).toBe(2);
    await gd.screenshot({ path: path.join(ARTIFACTS, 'dashboard-province.png'), fullPage: true });
    await gd.close();

    const sz = await signIn(fed.sz);
    await sz.locator('#customers-table tbody tr', { hasText: '440304' }).waitFor();
    expect(await rowsOf(sz)).toEqual([expect.stringContaining('440304')]);
    expect(await sz.locator('#freshness-card').isHidden()).toBe(true);
    await sz.close();
  });

  it('a role without analytics:read signs in but sees no figures', async () => {
    const page = await signIn(fed.gz, 'service');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.locator('#customers-table tbody tr').count()).toBe(0);
    await page.close();
  });
});
