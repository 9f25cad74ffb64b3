// This service's tests only (a parent folder's vitest config plays no part).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'] } });
