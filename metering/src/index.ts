export * from './errors';
export * from './schema';
export * from './thresholds';
export * from './record';
export * from './ingest';
export * from './may-receive';
export * from './summary';
export * from './reconcile';
