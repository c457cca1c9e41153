import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadDashboardData, type DashboardData } from '../../src/pages/dashboard/index.ts';
import { ANEEL_FILES, buildLake, type TestLake } from './build-lake.ts';

let fixture: TestLake;
let data: DashboardData;
const now = new Date('2022-07-01T12:00:00Z');

beforeAll(async () => {
  fixture = await buildLake([ANEEL_FILES.siga2022]);
  data = await loadDashboardData(fixture.lake, { now });
});
afterAll(() => fixture?.dispose());

describe('loadDashboardData on a lake built from the real SIGA 2022-06-01 file', () => {
  it('builds the lake without failures', () => {
    expect(fixture.summaries.every((s) => s.ok)).toBe(true);
  });

  it('takes the headline from the latest SIGA snapshot, each plant once', () => {
    expect(data.snapshot?.dataDate).toBe('2022-06-01');
    expect(data.snapshot?.operating).toEqual({ plants: 13_902, capacityKw: 183_137_678 });
    expect(data.snapshot?.previous).toBeNull();
    const { underConstruction, notStarted } = data.snapshot!;
    expect(underConstruction.plants + notStarted.plants + 13_902).toBe(
      data.sigaSnapshots[0]?.plants,
    );
  });

  it('splits operating capacity by generation type, largest first', () => {
    const uhe = data.byType.find((t) => t.generationType === 'UHE');
    expect(uhe?.capacityKw).toBe(103_008_362);
    expect(data.byType[0]?.generationType).toBe('UHE');
    expect(data.byType.find((t) => t.generationType === 'UTE')?.capacityKw).toBe(44_871_503);
    expect(data.byType.reduce((s, t) => s + t.capacityKw, 0)).toBeCloseTo(183_137_678, 2);
    expect(data.byType.reduce((s, t) => s + t.plants, 0)).toBe(13_902);
  });

  it('splits operating capacity over the 27 federative units', () => {
    expect(data.byState).toHaveLength(27);
    expect(data.byState.find((s) => s.state === 'TO')?.capacityKw).toBe(1_968_612);
    expect(data.byState.reduce((s, t) => s + t.capacityKw, 0)).toBeCloseTo(183_137_678, 2);
    const values = data.byState.map((s) => s.capacityKw);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('leaves the sections of datasets not in the lake empty', () => {
    expect(data.history).toEqual({ dataDate: null, types: [], months: [] });
    expect(data.thermal).toBeNull();
    expect(data.gdGrowth).toEqual([]);
  });

  it('dates every dataset from the catalog and counts its age', () => {
    const siga = data.freshness.find((f) => f.dataset === 'siga');
    expect(siga).toMatchObject({
      latestDataDate: '2022-06-01',
      snapshots: 1,
      ageDays: 30,
      cadence: 'monthly',
      isOverdue: false,
    });
    expect(data.freshness.find((f) => f.dataset === 'gd')).toMatchObject({
      latestDataDate: null,
      ageDays: null,
    });
  });

  it('rejects a snapshot the lake does not hold, naming the ones it does', async () => {
    await expect(loadDashboardData(fixture.lake, { snapshot: '2021-01-01' })).rejects.toThrow(
      /no SIGA snapshot dated `2021-01-01` \(it has: 2022-06-01\)/,
    );
  });
});
