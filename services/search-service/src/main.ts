// Starts search-service: reads config.yaml (or --config FILE, or $CONFIG_FILE), starts managed objects, opens both ports,
// and stops gracefully on SIGTERM / SIGINT.
// First, and optional: keeps process.nextTick on V8's fast path (docs/services.md § Cost in unilog).
import 'unilog/runtime/service/v8-tick-shape';
import { runService } from 'unilog/runtime/service';
import { service } from './service.js';

await runService(service);
