export * from './capacity-by.ts';
export * from './share-of.ts';
export * from './fold-labels.ts';
