// rest-proxy: Confluent REST Proxy's produce API (v2 and v3) for the catalog's topics, every record checked against
// its topic's schema before anything is written. No contract operations: its routes speak Confluent's media types
// and error body (src/routes.ts); the framework gives it config, the admin port, health, metrics and lifecycle.
import { defineContract, defineService } from 'unilog/runtime/service';
import { appConfigSchema, type AppConfig } from './config.js';
import { createContext, type ProxyContext } from './context.js';
import { proxyRoutes } from './routes.js';

const contract = defineContract<Record<never, never>>({ name: 'rest-proxy', title: 'rest-proxy', version: '0.1.0', operations: {}, schemas: {} });

export const service = defineService<Record<never, never>, ProxyContext, AppConfig>({
  name: 'rest-proxy',
  contract,
  appConfigSchema,
  setup: createContext,
  handlers: {},
  routes: proxyRoutes,
});
