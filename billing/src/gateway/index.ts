/** A client of VNPay payment protocol 2.1.0: pure signing and verification, and the JSON APIs over axios. */
export * from './protocol';
export * from './codes';
export * from './payment-url';
export * from './verify';
export * from './api';
