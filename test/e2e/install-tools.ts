// Installs (or checks) the e2e tools only: lets CI warm the cache in a step of its own and lets
// contributors see what the harness would install before running any scenario.
import { ensureTools } from './tools';

ensureTools().then(
  (tools) => console.log(JSON.stringify(tools, null, 2)),
  (e: unknown) => {
    console.error(`[e2e] could not install the e2e tools: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
