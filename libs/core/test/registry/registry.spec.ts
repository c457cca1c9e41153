import { describe, expect, it } from 'vitest';

import {
  DATASET_IDS,
  datasets,
  duplicateKeys,
  foldLabel,
  getDataset,
  isDatasetId,
  isMaskedDocument,
  listDatasets,
  matchHeader,
  parseValue,
  primaryRowFlags,
  silverColumns,
  silverRowSchema,
  sourceRowSchema,
  toSourceRow,
  UnknownDatasetError,
  type DatasetDefinition,
} from '../../src/index.ts';
import { readCsvFixture } from '../helpers/fixtures.ts';

/** Parses a real fixture into silver-shaped rows (rejects become the reason, for the tests). */
function silverRows(def: DatasetDefinition, folder: string, file: string, dataDate: string) {
  const { header, rows } = readCsvFixture(folder, file);
  const match = matchHeader(def, header, { file });
  return rows.map((fields, i) => {
    const raw = toSourceRow(match, fields);
    const row: Record<string, unknown> = { data_date: dataDate, source_row: i + 1 };
    for (const { column } of match.columns) {
      if (column.pii === 'drop') continue;
      const result = parseValue(column, raw[column.source]);
      row[column.name] = result.ok ? result.value : `rejected: ${result.reason}`;
    }
    return { raw, row };
  });
}

describe('lookup', () => {
  it('lists the seven datasets in id order', () => {
    expect(listDatasets().map((d) => d.id)).toEqual([...DATASET_IDS]);
  });

  it('gets a dataset by id', () => {
    expect(getDataset('siga')).toBe(datasets.siga);
    expect(isDatasetId('gd')).toBe(true);
    expect(isDatasetId('sigaa')).toBe(false);
    expect(isDatasetId(3)).toBe(false);
  });

  it('throws UnknownDatasetError naming the id and the valid ones', () => {
    expect(() => getDataset('sigaa')).toThrow(UnknownDatasetError);
    try {
      getDataset('sigaa');
    } catch (error) {
      expect(error).toMatchObject({ code: 'unknown_dataset', datasetId: 'sigaa' });
      expect((error as Error).message).toContain('`sigaa`');
      expect((error as Error).message).toContain(DATASET_IDS.join(', '));
    }
  });
});

describe.each(listDatasets().map((d) => [d.id, d] as const))('definition %s', (_id, def) => {
  const names = def.columns.map((c) => c.name);

  it('has unique snake_case silver names and unique source headers', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    const headers = def.columns.flatMap((c) => [c.source, ...(c.aliases ?? [])]);
    const lower = headers.map((h) => h.toLowerCase());
    const perColumn = def.columns.map(
      (c) => new Set([c.source, ...(c.aliases ?? [])].map((h) => h.toLowerCase())),
    );
    expect(perColumn.reduce((n, s) => n + s.size, 0)).toBe(new Set(lower).size);
  });

  it('keys, data date and dedupe order name silver columns', () => {
    const silver = silverColumns(def).map((c) => c.name);
    for (const column of [...def.key, def.dataDateColumn]) expect(silver).toContain(column);
    for (const item of def.dedupe?.orderBy ?? []) expect(silver).toContain(item.split(' ')[0]);
    if (def.naturalPerson) expect(silver).toContain(def.naturalPerson.documentColumn);
  });

  it('puts a unit in the name of every measured column', () => {
    const suffix: Record<string, string> = {
      kW: '_kw',
      kV: '_kv',
      degrees: '_deg',
      percent: '_pct',
    };
    for (const c of def.columns.filter((col) => col.unit !== undefined)) {
      expect(c.name.endsWith(suffix[c.unit!]!)).toBe(true);
    }
  });

  it('normalises every label to an allowed code, and folded labels do not collide', () => {
    for (const c of def.columns.filter((col) => col.normalise)) {
      const targets = Object.values(c.normalise!);
      expect([...new Set(targets)].sort()).toEqual([...c.allowed!].sort());
      const folded = new Map<string, string>();
      for (const [label, target] of Object.entries(c.normalise!)) {
        const key = foldLabel(label);
        if (folded.has(key)) expect(folded.get(key)).toBe(target);
        folded.set(key, target);
      }
    }
  });

  it('declares the kinds and types that fit together', () => {
    for (const c of def.columns) {
      if (c.kind === 'decimal_br') expect(['decimal', 'double']).toContain(c.type);
      if (c.kind === 'coordinate') expect(c.range).toBeDefined();
      if (c.type === 'decimal') expect(c.scale).toBeDefined();
      if (c.type === 'boolean') expect(c.kind).toBe('code');
    }
  });

  it('adds data_date and source_row, and is_primary_row only with a dedupe rule', () => {
    const meta = silverColumns(def).filter((c) => c.origin === 'meta');
    expect(meta.map((c) => [c.name, c.type])).toEqual([
      ['data_date', 'date'],
      ['source_row', 'int64'],
      ...(def.dedupe ? [['is_primary_row', 'boolean']] : []),
    ]);
  });
});

describe('silverColumns', () => {
  it('drops pii: drop columns (SIGA owner text names people)', () => {
    const names = silverColumns(datasets.siga).map((c) => c.name);
    expect(names).not.toContain('owners_text');
    expect(names).toContain('capacity_granted_kw');
    expect(silverColumns(datasets.siga)).toHaveLength(22 + 3);
  });
});

describe('schemas', () => {
  it('validates a raw source row keyed by canonical header', () => {
    const { raw } = silverRows(
      datasets.agentes,
      'agentes',
      'agentes-geracao-energia-eletrica.2024-09-01.csv',
      '2024-09-01',
    )[0]!;
    expect(sourceRowSchema(datasets.agentes).parse(raw)).toEqual(raw);
    expect(sourceRowSchema(datasets.agentes).safeParse({}).success).toBe(false);
  });

  it.each([
    ['siga', 'siga', 'siga-empreendimentos-geracao.2022-06-01.csv', '2022-06-01'],
    ['siga', 'siga', 'siga-empreendimentos-geracao.2026-10-01.sample.csv', '2026-10-01'],
    ['agentes', 'agentes', 'agentes-geracao-energia-eletrica.2024-09-01.csv', '2024-09-01'],
    [
      'capacidade_uf',
      'capacidade_uf',
      'capacidade-instalada-geracao-uf.2024-07-01.csv',
      '2024-07-01',
    ],
    ['termeletricas', 'termeletricas', 'usina-termeletrica-tipo.2024-07-01.csv', '2024-07-01'],
  ] as const)('%s: parsed rows of %s/%s satisfy silverRowSchema', (id, folder, file, date) => {
    const def = datasets[id];
    const rows = silverRows(def, folder, file, date).map(({ row }) => row);
    const flags = primaryRowFlags(def, rows);
    const schema = silverRowSchema(def);
    for (const [i, row] of rows.entries()) {
      const complete = def.dedupe ? { ...row, is_primary_row: flags[i] } : row;
      expect(schema.parse(complete)).toEqual(complete);
    }
  });

  it('rejects a silver row with a code outside its set or a value out of range', () => {
    const schema = silverRowSchema(datasets.operacao_historico);
    const good = {
      dataset_generated_date: '2024-09-01',
      generation_type: 'UFV',
      plant_count: 3,
      capacity_installed_kw: 10.5,
      reference_month: 3,
      reference_year: 2024,
      data_date: '2024-09-01',
      source_row: 1,
    };
    expect(schema.safeParse(good).success).toBe(true);
    expect(schema.safeParse({ ...good, generation_type: 'XYZ' }).success).toBe(false);
    expect(schema.safeParse({ ...good, reference_month: 13 }).success).toBe(false);
    expect(schema.safeParse({ ...good, capacity_installed_kw: null }).success).toBe(true);
    expect(schema.safeParse({ ...good, data_date: null }).success).toBe(false);
  });
});

describe('C9: keys that are not unique', () => {
  it.each([
    ['siga-empreendimentos-geracao.2022-06-01.csv', '2022-06-01'],
    ['siga-empreendimentos-geracao.2026-10-01.sample.csv', '2026-10-01'],
  ])('reports the duplicate CEG of %s and marks one deterministic primary row', (file, date) => {
    const def = datasets.siga;
    const rows = silverRows(def, 'siga', file, date).map(({ row }) => row);
    expect(duplicateKeys(def, rows)).toEqual([{ key: 'PCH.PH.TO.000031-0.1', count: 2 }]);

    const flags = primaryRowFlags(def, rows);
    const twins = rows
      .map((row, i) => ({ row, primary: flags[i] }))
      .filter(({ row }) => row['plant_id_ceg'] === 'PCH.PH.TO.000031-0.1');
    expect(twins.map(({ row, primary }) => [row['grant_type'], primary])).toEqual([
      ['authorisation', true],
      ['concession', false],
    ]);
    expect(flags.filter((f) => !f)).toHaveLength(1);
  });

  it('does not depend on row order', () => {
    const def = datasets.siga;
    const rows = silverRows(
      def,
      'siga',
      'siga-empreendimentos-geracao.2022-06-01.csv',
      '2022-06-01',
    )
      .map(({ row }) => row)
      .reverse();
    const flags = primaryRowFlags(def, rows);
    const chosen = rows.filter(
      (row, i) => row['plant_id_ceg'] === 'PCH.PH.TO.000031-0.1' && flags[i],
    );
    expect(chosen.map((r) => r['grant_type'])).toEqual(['authorisation']);
  });

  it('finds the agents key (document, CEG) unique', () => {
    const def = datasets.agentes;
    const rows = silverRows(
      def,
      'agentes',
      'agentes-geracao-energia-eletrica.2024-09-01.csv',
      '2024-09-01',
    ).map(({ row }) => row);
    expect(duplicateKeys(def, rows)).toEqual([]);
    expect(primaryRowFlags(def, rows).every(Boolean)).toBe(true);
  });
});

describe('natural persons in agentes', () => {
  it('recognises masked-CPF and document-less rows as natural persons', () => {
    const rows = silverRows(
      datasets.agentes,
      'agentes',
      'agentes-geracao-energia-eletrica.2024-09-01.csv',
      '2024-09-01',
    ).map(({ row }) => row);
    const people = rows.filter((row) => {
      const doc = row['agent_id_cpf_cnpj'] as string | null;
      return doc === null || isMaskedDocument(doc);
    });
    expect(people.map((r) => r['agent_name'])).toEqual(['Ivo Luiz Ruaro', 'Nelcy Nazzari']);
    expect(datasets.agentes.naturalPerson?.rule).toBe('masked_or_empty_document');
  });
});
