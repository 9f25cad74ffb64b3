// Starts segment-ingest: reads config.yaml (or --config FILE, or $CONFIG_FILE), connects its producer of segment-events, opens both ports,
// and stops gracefully on SIGTERM / SIGINT (requests in flight finish; their events are acknowledged or refused).
import 'unilog/runtime/service/v8-tick-shape';
import { runService } from 'unilog/runtime/service';
import { service } from './service.js';

await runService(service);
