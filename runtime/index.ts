/**
 * What generated code and services import at run time. Layers import downward only:
 * codec → topic → errors → registry → kafka (→ service, later).
 */
export * from './codec/index.js';
export * from './topic.js';
export * from './errors.js';
export * from './registry/index.js';
export * from './kafka/index.js';
export * from './join/index.js';
