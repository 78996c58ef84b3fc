export * from './identity-provider';
export * from './smtp-sink';
