export * from './errors.ts';
export * from './encoding.ts';
export * from './csv-line.ts';
export * from './labels.ts';
export * from './values.ts';
export * from './header.ts';
