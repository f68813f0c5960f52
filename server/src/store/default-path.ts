import * as os from 'node:os';
import * as path from 'node:path';

export const STORE_FILE_NAME = 'chainsight.db';

/**
 * Where the CLI keeps its store: `$CHAINSIGHT_STORE`, else `$XDG_CACHE_HOME/chainsight/chainsight.db`,
 * else `~/.cache/chainsight/chainsight.db`. The extension passes its global storage folder instead.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const explicit = env.CHAINSIGHT_STORE?.trim();
  if (explicit) return path.resolve(explicit);
  const cacheHome = env.XDG_CACHE_HOME?.trim();
  const base = cacheHome && path.isAbsolute(cacheHome) ? cacheHome : path.join(home, '.cache');
  return path.join(base, 'chainsight', STORE_FILE_NAME);
}
