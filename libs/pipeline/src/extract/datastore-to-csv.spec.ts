import { describe, expect, it } from 'vitest';
import type { DatastorePage } from './ckan-client.ts';
import { stableDatastoreSort } from './ckan-client.ts';
import { datastoreToCsv } from './datastore-to-csv.ts';

async function csvOf(pages: DatastorePage[]): Promise<string> {
  async function* iterate() {
    yield* pages;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of datastoreToCsv(iterate())) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const fields = [{ id: '_id' }, { id: 'NomEmpreendimento' }, { id: 'DscMuninicpios' }];

describe('datastoreToCsv', () => {
  it('writes the source header without _id, quoting only cells that need it', async () => {
    const csv = await csvOf([
      {
        fields,
        total: 3,
        offset: 0,
        records: [
          { _id: 1, NomEmpreendimento: 'J&amp-F S.A.', DscMuninicpios: 'Nova Lima - MG' },
          { _id: 2, NomEmpreendimento: 'Usina "A"; B', DscMuninicpios: null },
        ],
      },
      {
        fields,
        total: 3,
        offset: 2,
        records: [{ _id: 3, NomEmpreendimento: 'São João', DscMuninicpios: '' }],
      },
    ]);
    expect(csv).toBe(
      'NomEmpreendimento;DscMuninicpios\r\n' +
        'J&amp-F S.A.;Nova Lima - MG\r\n' +
        '"Usina ""A""; B";\r\n' +
        'São João;\r\n',
    );
  });

  it('writes only the header for an empty table', async () => {
    expect(await csvOf([{ fields, total: 0, offset: 0, records: [] }])).toBe(
      'NomEmpreendimento;DscMuninicpios\r\n',
    );
  });
});

describe('stableDatastoreSort', () => {
  it.each([
    [undefined, '_id asc'],
    ['', '_id asc'],
    ['CodCEG desc', 'CodCEG desc, _id asc'],
    ['_id desc', '_id desc'],
    ['CodCEG, _id', 'CodCEG, _id'],
  ])('turns `%s` into `%s`', (sort, expected) => {
    expect(stableDatastoreSort(sort)).toBe(expected);
  });
});
