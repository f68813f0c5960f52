import { DEFAULT_LIMITS, type EngineLimits, formatBytes } from '../analysis/limits';
import { UsageError } from './io';

/** The input limits every command that reads dependency files takes (scan, inventory). */
export const LIMIT_OPTIONS = {
  'max-file-bytes': { type: 'string' },
  'max-files': { type: 'string' },
  'allow-outside-includes': { type: 'boolean' },
} as const;

export const LIMIT_USAGE = `  --max-file-bytes SIZE  Skip (and report) dependency files larger than SIZE: bytes, or with KiB, MiB, GiB
                         (default ${formatBytes(DEFAULT_LIMITS.maxFileBytes).replace(' ', '')})
  --max-files N          Stop discovery after N dependency files, and report it (default ${DEFAULT_LIMITS.maxFiles})
  --allow-outside-includes
                         Follow includes (-r, parent POMs, ...) and symbolic links outside PATH`;

export interface LimitValues {
  'max-file-bytes'?: string;
  'max-files'?: string;
  'allow-outside-includes'?: boolean;
}

export function limitsFrom(values: LimitValues): Partial<EngineLimits> {
  return {
    ...(values['max-file-bytes'] !== undefined ? { maxFileBytes: byteSize(values['max-file-bytes'], '--max-file-bytes') } : {}),
    ...(values['max-files'] !== undefined ? { maxFiles: positiveInteger(values['max-files'], '--max-files') } : {}),
    ...(values['allow-outside-includes'] ? { allowIncludesOutsideWorkspace: true } : {}),
  };
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `1048576`, `512KiB`, `256MiB`, `1GiB` (binary units; `256M` and `256MB` mean the same). */
export function byteSize(text: string, flag: string): number {
  const m = /^(\d+)\s*(?:([kmg])(?:i?b)?)?$/i.exec(text.trim());
  const bytes = m ? Number(m[1]) * UNITS[(m[2] ?? '').toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError(`${flag} must be a size such as 1048576, 512KiB or 256MiB (got "${text}")`);
  return bytes;
}

function positiveInteger(text: string, flag: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number (got "${text}")`);
  return n;
}
