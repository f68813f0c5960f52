/** Replaced at build time by esbuild (`define`); the fallback keeps tests and tsx runs working. */
declare const CHAINSIGHT_VERSION: string | undefined;
export const VERSION: string = typeof CHAINSIGHT_VERSION === 'string' ? CHAINSIGHT_VERSION : '0.0.0-dev';
