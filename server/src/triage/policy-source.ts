import { builtinPolicy, withBuiltins, type BuiltinOptions } from '../policy/builtin';
import { CelLanguage } from '../policy/cel';
import { readPolicyFile, type PolicyFileError } from '../policy/policy-file';
import type { Policy } from '../policy/types';

export type PolicyLoad = { ok: true; policy: Policy } | { ok: false; error: PolicyFileError };

/**
 * Policies from policy files, compiled once per text: compiling a 20-rule file costs tens of
 * milliseconds, and the language server asks after every edit of a dependency file. One loader per
 * owner (it keeps the last compiled file and its CEL environment).
 */
export class PolicyLoader {
  private last: { key: string; load: PolicyLoad } | undefined;

  /**
   * The policy for a file's text (undefined: there is no policy file, so the built-in default), with
   * `options` for the built-in rules that end it. A file that does not read gives its error; the
   * caller keeps the policy it had (docs/policy.md: never "allow everything").
   */
  load(path: string, text: string | undefined, options: BuiltinOptions): PolicyLoad {
    if (text === undefined) return { ok: true, policy: builtinPolicy(options) };
    const key = JSON.stringify([path, text, options]);
    if (this.last?.key === key) return this.last.load;
    // Each file gets a fresh language: it keeps compiled globs and converted facts per policy.
    const read = readPolicyFile(text, path, new CelLanguage());
    const load: PolicyLoad = read.ok ? { ok: true, policy: withBuiltins(read.rules, path, options) } : { ok: false, error: read.error };
    this.last = { key, load };
    return load;
  }
}

/** Whether some rule of the policy may read `pkg.<fact>` or `vuln.<fact>`: facts that cost a request are fetched only then. */
export function policyReads(policy: Policy, variable: 'pkg' | 'vuln', fact: string): boolean {
  return policy.rules.some((r) => !r.condition.reads || r.condition.reads.some((path) => path[0] === variable && path[1] === fact));
}
