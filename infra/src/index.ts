export * from './identity-provider';
export * from './smtp-sink';
export * from './sms-gateway-simulator';
