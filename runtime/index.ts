/** What generated code and services import at run time. Layers import downward only: codec → topic → kafka → service. */
export * from './codec/index.js';
export * from './topic.js';
