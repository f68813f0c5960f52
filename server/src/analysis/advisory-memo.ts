import { IdentityMemo } from '../core/identity-memo';
import type { SeverityAssessment } from '../core/severity';
import { MatchMemo } from '../osv/match';
import type { OsvAffected } from '../osv/types';

/**
 * What assessing packages derives from advisory records: records are immutable once parsed, and the
 * same ones are assessed for every installed copy of a package, so their ranges are parsed, their
 * CVSS vectors scored and their intervals described once. The language server keeps one per
 * workspace; a CLI scan makes its own.
 */
export class AdvisoryMemo {
  readonly match = new MatchMemo();
  readonly severities = new IdentityMemo<object, SeverityAssessment>();
  readonly intervalTexts = new IdentityMemo<OsvAffected, string[]>();
}
