// Starts users-tailer: reads config.yaml (or --config FILE, or $CONFIG_FILE), starts the tailers, opens both ports,
// and stops gracefully on SIGTERM / SIGINT.
import { runService } from 'unilog/runtime/service';
import { service } from './service.js';

await runService(service);
