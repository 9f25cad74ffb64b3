// segment-ingest: Segment's webhook destination, writing every signed event once, typed, to the segment-events
// topic. No contract operations: its one route checks a signature over the raw body, which a contract here cannot
// describe (src/routes.ts); the framework gives it config, the admin port, health, metrics and lifecycle.
import { defineContract, defineService } from 'unilog/runtime/service';
import { appConfigSchema, type AppConfig } from './config.js';
import { createContext, type SegmentContext } from './context.js';
import { segmentRoutes } from './routes.js';

const contract = defineContract<Record<never, never>>({ name: 'segment-ingest', title: 'segment-ingest', version: '0.1.0', operations: {}, schemas: {} });

export const service = defineService<Record<never, never>, SegmentContext, AppConfig>({
  name: 'segment-ingest',
  contract,
  appConfigSchema,
  setup: createContext,
  handlers: {},
  routes: segmentRoutes,
});
