import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  loadDashboardData,
  renderDashboard,
  type DashboardData,
} from '../../src/pages/dashboard/index.ts';
import { formatCount, formatGw, formatKw } from '../../src/pages/dashboard/format.ts';
import { ANEEL_FILES, buildLake, type TestLake } from './build-lake.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
const SKIP = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is absent; install Debian's chromium (apt-get install chromium) to run it`;

let fixture: TestLake;
let data: DashboardData;
let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (SKIP) return;
  fixture = await buildLake([ANEEL_FILES.siga2022, ANEEL_FILES.history, ANEEL_FILES.thermal]);
  data = await loadDashboardData(fixture.lake);
  const html = renderDashboard(data);
  server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await fixture?.dispose();
});

/** Opens the page with JavaScript off, recording every request and console error. */
async function open(viewport: { width: number; height: number }) {
  const context: BrowserContext = await browser.newContext({ viewport, javaScriptEnabled: false });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  return { context, page, requests, errors };
}

describe.skipIf(SKIP)(
  SKIP ? `dashboard in Chromium (skipped: ${SKIP})` : 'dashboard in Chromium',
  () => {
    it('shows the headline figures and the bars, without scripts or outside requests', async () => {
      const { context, page, requests, errors } = await open({ width: 1280, height: 800 });
      try {
        const operating = data.snapshot!.operating;
        const kpi = page.locator('#kpi-operating');
        await expect(kpi.locator('.value').textContent()).resolves.toBe(
          formatGw(operating.capacityKw),
        );
        const kpiText = await kpi.textContent();
        expect(kpiText).toContain('183.137.678 kW');
        expect(kpiText).toContain(formatKw(operating.capacityKw));
        expect(kpiText).toContain(`${formatCount(13_902)} plants`);
        await expect(page.locator('#snapshot-line time').getAttribute('datetime')).resolves.toBe(
          '2022-06-01',
        );

        // UHE is the largest type, so its bar spans the whole track; a state's bar is shorter.
        const uhe = await page.locator('#by-type g.bar[data-key="UHE"] rect').boundingBox();
        const ute = await page.locator('#by-type g.bar[data-key="UTE"] rect').boundingBox();
        expect(uhe!.width).toBeGreaterThan(100);
        expect(ute!.width / uhe!.width).toBeCloseTo(44_871_503 / 103_008_362, 2);
        const top = data.byState[0]!;
        const to = data.byState.find((s) => s.state === 'TO')!;
        const topBar = await page
          .locator(`#by-state g.bar[data-key="${top.state}"] rect`)
          .boundingBox();
        const toBar = await page.locator('#by-state g.bar[data-key="TO"] rect').boundingBox();
        expect(toBar!.width / topBar!.width).toBeCloseTo(to.capacityKw / top.capacityKw, 2);
        await expect(page.locator('#by-state g.bar').count()).resolves.toBe(27);
        await expect(page.locator('#by-state .bar-labels li').count()).resolves.toBe(27);
        await expect(page.locator('#by-type table tbody tr').count()).resolves.toBe(
          data.byType.length,
        );

        await expect(page.locator('#history g.area').count()).resolves.toBe(
          data.history.types.length,
        );
        await expect(page.locator('#thermal g.bar').count()).resolves.toBe(
          data.thermal!.fuels.length,
        );
        await expect(page.locator('#no-gd').textContent()).resolves.toContain(
          'No distributed-generation snapshot in this lake',
        );

        expect(requests).toEqual([`${origin}/`]);
        expect(errors).toEqual([]);
        await page.screenshot({
          path: path.join(os.tmpdir(), 'matriz-dashboard-1280.png'),
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    });

    it('fits a narrow screen without sideways scrolling', async () => {
      const { context, page, requests } = await open({ width: 390, height: 844 });
      try {
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(390);
        const uhe = await page.locator('#by-type g.bar[data-key="UHE"] rect').boundingBox();
        expect(uhe!.x + uhe!.width).toBeLessThanOrEqual(390);
        expect(requests).toEqual([`${origin}/`]);
        await page.screenshot({
          path: path.join(os.tmpdir(), 'matriz-dashboard-390.png'),
          fullPage: true,
        });
      } finally {
        await context.close();
      }
    });
  },
);
