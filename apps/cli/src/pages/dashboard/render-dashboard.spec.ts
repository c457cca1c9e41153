import { describe, expect, it } from 'vitest';

import type { DashboardData } from './dashboard-data.ts';
import { formatGw, formatKw, formatPercent, formatPower } from './format.ts';
import { renderDashboard } from './render-dashboard.ts';

const HOSTILE = '<script>alert("x")</script>&\'';

/** A page's worth of data whose every text field is hostile markup. */
function hostileData(): DashboardData {
  return {
    generatedAt: '2022-07-01T00:00:00.000Z',
    snapshot: {
      dataDate: '2022-06-01',
      operating: { plants: 2, capacityKw: 1500 },
      underConstruction: { plants: 0, capacityKw: 0 },
      notStarted: { plants: 0, capacityKw: 0 },
      previous: null,
    },
    sigaSnapshots: [{ dataDate: '2022-06-01', plants: 2 }],
    byType: [
      {
        generationType: HOSTILE,
        plants: 2,
        capacityKw: 1500,
        underConstructionKw: 0,
        notStartedKw: 0,
      },
    ],
    byState: [{ state: HOSTILE, plants: 2, capacityKw: 1500 }],
    history: {
      dataDate: '2024-09-01',
      types: [HOSTILE],
      months: [{ month: '2024-08-01', capacityKw: { [HOSTILE]: 1500 } }],
    },
    thermal: {
      dataDate: '2024-07-01',
      month: '2024-05-01',
      fuels: [{ fuelOrigin: HOSTILE, plantType: HOSTILE, plants: 1, capacityKw: 10 }],
    },
    gdGrowth: [{ month: '2024-01-01', systems: 3, capacityKw: 12, cumulativeKw: 12 }],
    owners: [{ agentId: HOSTILE, agentName: HOSTILE, plants: 1, capacityKw: 1500 }],
    freshness: [
      {
        dataset: HOSTILE,
        title: HOSTILE,
        latestDataDate: '2022-06-01',
        snapshots: 1,
        ageDays: 30,
        cadence: 'monthly',
        isOverdue: false,
      },
    ],
  };
}

describe('renderDashboard', () => {
  it('escapes every value that comes from data', () => {
    const html = renderDashboard(hostileData());
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert("x")');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('loads nothing from elsewhere and runs no script', () => {
    const html = renderDashboard(hostileData());
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|<img|@import|url\(|https?:\/\//);
  });

  it('says no distributed generation is in the lake when gd_growth is empty', () => {
    const html = renderDashboard({ ...hostileData(), gdGrowth: [] });
    expect(html).toContain('No distributed-generation snapshot in this lake');
  });

  it('renders a page without SIGA data', () => {
    const html = renderDashboard({ ...hostileData(), snapshot: null, byType: [], byState: [] });
    expect(html).toContain('No SIGA snapshot in this lake');
    expect(html).not.toContain('id="by-type"');
  });
});

describe('number formats', () => {
  it.each([
    [formatKw(183_137_678), '183.137.678 kW'],
    [formatGw(183_137_678), '183,14 GW'],
    [formatPower(842_512), '842,5 MW'],
    [formatPower(50), '50 kW'],
    [formatPercent(103_008_362, 183_137_678), '56,2%'],
  ])('formats %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
