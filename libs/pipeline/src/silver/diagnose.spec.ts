// findFieldCountProblem on the real SIGA sample (tools/portal/data/aneel, LF), edited per test.
import { describe, expect, it } from 'vitest';

import { useSigaSample } from '../test-support/siga-sample.ts';
import { findFieldCountProblem } from './diagnose.ts';

const sample = useSigaSample();

/** The record with its plant name (second field) split over two lines. */
const spanTwoLines = (line: string) => line.replace(/^("[^"]*";"[^"]*)"/, '$1\nsecond line"');

async function diagnose(edited: string[]) {
  return findFieldCountProblem(await sample.write('siga.csv', edited.join('\n')));
}

describe('findFieldCountProblem', () => {
  it('finds nothing wrong in the real sample', async () => {
    expect(await diagnose(sample.lines())).toBeUndefined();
  });

  it('names the physical line of an extra field after records that span lines', async () => {
    const edited = sample
      .lines()
      .map((line, i) =>
        i === 5 || i === 15 ? spanTwoLines(line) : i === 60 ? `${line};"extra"` : line,
      );
    expect(edited[5]).toContain('\nsecond line"');
    // Line 61 of the original is line 63 once records 5 and 15 take two lines each.
    expect(await diagnose(edited)).toMatchObject({
      kind: 'field_count',
      line: 63,
      fields: 24,
      expected: 23,
    });
  });

  it('names the first line of a record cut inside a quoted field', async () => {
    const lines = sample.lines();
    const edited = [...lines.slice(0, 40), lines[40]!.slice(0, 30)];
    expect(await diagnose(edited)).toMatchObject({ kind: 'unclosed_quote', line: 41, fields: -1 });
  });

  it('names a quoted field that goes on after its closing quote, not a `""` inside one', async () => {
    const lines = sample.lines();
    // Line 20's second field gets an escaped quote (fine); line 30's gets text after its quote.
    const edited = lines.map((line, i) =>
      i === 19
        ? line.replace(/^("[^"]*";")/, '$1a ""quoted"" word ')
        : i === 29
          ? line.replace(/^("[^"]*";"[^"]*")/, '$1X')
          : line,
    );
    expect(await diagnose(edited)).toMatchObject({ kind: 'text_after_quote', line: 30 });
  });

  it('names a record longer than DuckDB reads', async () => {
    const lines = sample.lines();
    const edited = lines.map((line, i) =>
      i === 49 ? line.replace(/^("[^"]*";")/, `$1${'x'.repeat(2_100_000)}`) : line,
    );
    expect(await diagnose(edited)).toMatchObject({ kind: 'too_long', line: 50 });
  });
});
