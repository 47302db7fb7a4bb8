/** Validation of plain-data policies; errors name the field and the rule (src/core/validate.ts). */
import { checkNumber, checkObject } from '../core/validate.ts';
import type { InventoryPolicy } from './types.ts';
import { validateAdaptivePolicy } from './adaptive.ts';

export const POLICY_KINDS = ['sQ', 'sS', 'RS', 'RsS', 'RsQ', 'adaptive'] as const;

function checkReorderLot(p: Extract<InventoryPolicy, { lotSize: number }>, name: string): void {
  checkNumber(p.reorderPoint, `${name}.reorderPoint`, 'finite');
  checkNumber(p.lotSize, `${name}.lotSize`, 'positive');
  if (p.multiples !== 'one' && p.multiples !== 'multiples') throw new RangeError(`${name}.multiples must be 'one' or 'multiples', got ${String(p.multiples)}`);
}

function checkReorderUpTo(p: Extract<InventoryPolicy, { kind: 'sS' | 'RsS' }>, name: string): void {
  checkNumber(p.reorderPoint, `${name}.reorderPoint`, 'finite');
  checkNumber(p.orderUpTo, `${name}.orderUpTo`, 'finite');
  if (!(p.orderUpTo > p.reorderPoint)) throw new RangeError(`${name}.orderUpTo must exceed reorderPoint (${p.reorderPoint}), got ${p.orderUpTo}`);
}

/** Check a policy's fields; throws RangeError/TypeError naming the field. */
export function validatePolicy(p: InventoryPolicy, name = 'policy'): void {
  if (p === null || typeof p !== 'object') throw new TypeError(`${name} must be an object with a kind`);
  switch (p.kind) {
    case 'sQ':
      checkReorderLot(p, name);
      break;
    case 'RsQ':
      checkReorderLot(p, name);
      checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      break;
    case 'sS':
      checkReorderUpTo(p, name);
      break;
    case 'RsS':
      checkReorderUpTo(p, name);
      checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      break;
    case 'RS':
      checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      checkNumber(p.orderUpTo, `${name}.orderUpTo`, 'finite');
      break;
    case 'adaptive':
      validateAdaptivePolicy(p, name);
      break;
    default:
      throw new RangeError(`${name}.kind must be one of ${POLICY_KINDS.join(', ')}; got '${String((p as { kind: unknown }).kind)}'`);
  }
  const lr = p.lotRule;
  if (lr !== undefined) {
    checkObject(lr, `${name}.lotRule`);
    if (lr.multiple !== undefined) checkNumber(lr.multiple, `${name}.lotRule.multiple`, 'positive');
    if (lr.min !== undefined) checkNumber(lr.min, `${name}.lotRule.min`, 'nonneg');
    if (lr.max !== undefined) checkNumber(lr.max, `${name}.lotRule.max`, 'positive');
    if (lr.min !== undefined && lr.max !== undefined && lr.max < lr.min) throw new RangeError(`${name}.lotRule.max (${lr.max}) must be ≥ lotRule.min (${lr.min})`);
  }
}
