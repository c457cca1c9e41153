export * from './emulators.ts';
export * from './kinesis-reader.ts';
export * from './recording-endpoint.ts';
