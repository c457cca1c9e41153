import { describe, expect, it } from 'vitest';

import {
  datasets,
  matchHeader,
  parseValue,
  SchemaDriftError,
  splitCsvLine,
  toSourceRow,
  type DatasetId,
} from '../../src/index.ts';
import { readCsvFixture } from '../helpers/fixtures.ts';

const REAL_FILES: readonly [DatasetId, string, string][] = [
  ['siga', 'siga', 'siga-empreendimentos-geracao.2022-06-01.csv'],
  ['siga', 'siga', 'siga-empreendimentos-geracao.2026-10-01.sample.csv'],
  ['agentes', 'agentes', 'agentes-geracao-energia-eletrica.2024-09-01.csv'],
  ['capacidade_uf', 'capacidade_uf', 'capacidade-instalada-geracao-uf.2024-07-01.csv'],
  ['operacao_historico', 'operacao_historico', 'empreendimento-operacao-historico.2024-09-01.csv'],
  ['termeletricas', 'termeletricas', 'usina-termeletrica-tipo.2024-04-01.csv'],
  ['termeletricas', 'termeletricas', 'usina-termeletrica-tipo.2024-07-01.csv'],
  ['gd', 'gd', 'header.published-2025.csv'],
  ['gd', 'gd', 'header.dictionary-v2.3.csv'],
];

describe('matchHeader on the real header of every bundled file', () => {
  it.each(REAL_FILES)('%s matches %s/%s with nothing missing', (dataset, folder, file) => {
    const { header } = readCsvFixture(folder, file);
    const match = matchHeader(datasets[dataset], header, { file });
    const required = datasets[dataset].columns.filter((c) => c.required !== false);
    expect(match.columns.map((m) => m.column.name)).toEqual(
      expect.arrayContaining(required.map((c) => c.name)),
    );
    expect(match.added).toEqual([]);
  });

  it('matches every SIGA header exactly, quotes and all, with no alias', () => {
    const { header } = readCsvFixture('siga', 'siga-empreendimentos-geracao.2022-06-01.csv');
    const match = matchHeader(datasets.siga, header, { file: 'siga.csv' });
    expect(match.columns).toHaveLength(23);
    expect(match.renamed).toEqual([]);
    expect(match.removed).toEqual([]);
    expect(match.columns.find((m) => m.column.name === 'owners_text')?.header).toBe(
      'DscPropriRegimePariticipacao',
    );
  });

  it('matches the capacity header ignoring case (`kW` in one file, `KW` in another)', () => {
    const uf = readCsvFixture('capacidade_uf', 'capacidade-instalada-geracao-uf.2024-07-01.csv');
    const history = readCsvFixture(
      'operacao_historico',
      'empreendimento-operacao-historico.2024-09-01.csv',
    );
    const ufMatch = matchHeader(datasets.capacidade_uf, uf.header, { file: 'uf.csv' });
    const historyMatch = matchHeader(datasets.operacao_historico, history.header, {
      file: 'h.csv',
    });
    const header = (m: typeof ufMatch) =>
      m.columns.find((c) => c.column.name === 'capacity_installed_kw')?.header;
    expect(header(ufMatch)).toBe('MdaPotenciaInstaladakW');
    expect(header(historyMatch)).toBe('MdaPotenciaInstaladaKW');
    expect(ufMatch.renamed).toEqual([]);
  });

  it('reports the dictionary spelling `MdaPotenciaFinalizadaKw` as a rename', () => {
    const { header } = readCsvFixture('siga', 'siga-empreendimentos-geracao.2022-06-01.csv');
    const renamedHeader = header.map((h) =>
      h === 'MdaPotenciaFiscalizadaKw' ? 'MdaPotenciaFinalizadaKw' : h,
    );
    const match = matchHeader(datasets.siga, renamedHeader, { file: 'siga.csv' });
    expect(match.renamed).toEqual([
      { from: 'MdaPotenciaFinalizadaKw', to: 'MdaPotenciaFiscalizadaKw' },
    ]);
  });

  it('reads every real fixture row without a rejected value', () => {
    const rejected: string[] = [];
    for (const [dataset, folder, file] of REAL_FILES) {
      const { header, rows } = readCsvFixture(folder, file);
      const match = matchHeader(datasets[dataset], header, { file });
      for (const fields of rows) {
        for (const { column, index } of match.columns) {
          const result = parseValue(column, fields[index]);
          if (!result.ok)
            rejected.push(`${file} ${column.name} ${fields[index]}: ${result.reason}`);
        }
      }
    }
    expect(rejected).toEqual([]);
  });
});

describe('C5: the GD file changed its modality column (Nov 2025)', () => {
  const oldRelease = [
    'CodEmpreendimento;SigModalidadeEmpreendimento;DscClasseConsumo',
    'GD.XX.000.002.001;P;Residencial',
    'GD.XX.000.002.002;R;Comercial',
  ];
  const newRelease = [
    'CodEmpreendimento;DscModalidadeHabilitado;DscClasseConsumo',
    'GD.XX.000.002.001;Geracao na propria UC;Residencial',
    'GD.XX.000.002.004;Compartilhada;REBR',
  ];
  /** Only the columns of the C5 excerpt are required here. */
  const excerpt = {
    ...datasets.gd,
    columns: datasets.gd.columns.map((c) =>
      ['plant_id_mmgd', 'modality', 'consumer_class'].includes(c.name)
        ? c
        : { ...c, required: false },
    ),
  };

  function load(lines: string[]) {
    const [header, ...rows] = lines.map((l) => splitCsvLine(l));
    const match = matchHeader(excerpt, header!, { file: 'empreendimento-geracao-distribuida.csv' });
    const parsed = rows.map((fields) => {
      const row = toSourceRow(match, fields);
      return Object.fromEntries(
        match.columns.map(({ column }) => {
          const result = parseValue(column, row[column.source]);
          return [column.name, result.ok ? result.value : `rejected: ${result.reason}`];
        }),
      );
    });
    return { match, parsed };
  }

  it('maps the old codes and the new labels to one canonical modality', () => {
    const old = load(oldRelease);
    const current = load(newRelease);
    expect(old.parsed.map((r) => r['modality'])).toEqual([
      'local_generation',
      'remote_self_consumption',
    ]);
    expect(current.parsed.map((r) => r['modality'])).toEqual([
      'local_generation',
      'shared_generation',
    ]);
    expect(old.parsed[0]!['modality']).toBe(current.parsed[0]!['modality']);
  });

  it('matches both headers and reports the old one as a rename', () => {
    expect(load(oldRelease).match.renamed).toEqual([
      { from: 'SigModalidadeEmpreendimento', to: 'DscModalidadeHabilitado' },
    ]);
    expect(load(newRelease).match.renamed).toEqual([]);
  });

  it('sends the unknown label `REBR` to quarantine, without a crash or a silent drop', () => {
    const { parsed } = load(newRelease);
    expect(parsed).toHaveLength(2);
    expect(parsed[1]!['consumer_class']).toBe('rejected: unknown_code');
    expect(parsed[0]!['consumer_class']).toBe('residential');
  });

  it('prefers the label column when a file carries both, and reports the other as shadowed', () => {
    const { header } = readCsvFixture('gd', 'header.published-2025.csv');
    const match = matchHeader(datasets.gd, header, { file: 'gd.csv' });
    const modality = match.columns.find((m) => m.column.name === 'modality');
    expect(modality?.header).toBe('DscModalidadeHabilitado');
    expect(match.shadowed).toEqual(['SigModalidadeEmpreendimento']);
    expect(match.removed).toEqual(['NumCoordEEmpreendimento', 'NumCoordNEmpreendimento']);
  });

  it('reads the dictionary spellings through aliases and case', () => {
    const { header } = readCsvFixture('gd', 'header.dictionary-v2.3.csv');
    const match = matchHeader(datasets.gd, header, { file: 'gd.csv' });
    // `MdaPotenciaInstaladakW` and `codUFibge` differ only in case: matched, not renamed.
    expect(match.renamed).toEqual([
      { from: 'NomeTitularEmpreendimento', to: 'NomTitularEmpreendimento' },
    ]);
    expect(match.columns.find((m) => m.column.name === 'capacity_kw')?.header).toBe(
      'MdaPotenciaInstaladakW',
    );
    expect(match.removed).toEqual(['CodSubGrupoTarifario']);
  });
});

describe('schema drift fails loudly', () => {
  const { header } = readCsvFixture('siga', 'siga-empreendimentos-geracao.2022-06-01.csv');

  function drift(headers: string[], strict = false): SchemaDriftError {
    try {
      matchHeader(datasets.siga, headers, { file: 'siga-empreendimentos-geracao.csv', strict });
    } catch (error) {
      if (error instanceof SchemaDriftError) return error;
      throw error;
    }
    throw new Error('expected a SchemaDriftError');
  }

  it('throws schema_drift naming dataset, file, sorted missing and unexpected headers', () => {
    const renamed = header.map((h) =>
      h === 'SigUFPrincipal' ? 'SigUF' : h === 'DatEntradaOperacao' ? 'DatOperacao' : h,
    );
    const error = drift(renamed);
    expect(error.code).toBe('schema_drift');
    expect(error.details).toMatchObject({
      dataset: 'siga',
      file: 'siga-empreendimentos-geracao.csv',
      missing: ['DatEntradaOperacao', 'SigUFPrincipal'],
      unexpected: ['DatOperacao', 'SigUF'],
    });
    expect(error.details.expected).toContain('MdaPotenciaOutorgadaKw');
    expect(error.message).toContain(
      'missing `DatEntradaOperacao`, `SigUFPrincipal`; unexpected `DatOperacao`, `SigUF`',
    );
    expect(error.message).toMatch(/aliases/);
  });

  it('does not throw on an extra column, but reports it as added', () => {
    const match = matchHeader(datasets.siga, [...header, 'NovaColuna', 'AColuna'], {
      file: 'siga.csv',
    });
    expect(match.added).toEqual(['AColuna', 'NovaColuna']);
  });

  it('throws on an unknown column when strict, listing it', () => {
    const error = drift([...header, 'NovaColuna', 'AColuna'], true);
    expect(error.details.missing).toEqual([]);
    expect(error.details.unexpected).toEqual(['AColuna', 'NovaColuna']);
  });

  it('tolerates a BOM, quotes, spaces and case in headers', () => {
    const messy = header.map((h, i) => (i === 0 ? `\ufeff"${h.toUpperCase()}" ` : h));
    expect(() => matchHeader(datasets.siga, messy, { file: 'siga.csv' })).not.toThrow();
  });
});
