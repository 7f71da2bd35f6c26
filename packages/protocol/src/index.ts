export * from './errors.js';
export * from './limits.js';
export * from './entities.js';
export * from './http.js';
export * from './events.js';
export * from './frames.js';
export * from './reports.js';
export * from './requests.js';
