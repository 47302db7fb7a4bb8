/**
 * The corpus of malformed and hostile inputs (test/fixtures/nasty/cases.json): every case must
 * be refused with the project's input error and the message the corpus states (where and why).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/validate.ts';
import { decodeUtf8 } from '../../src/io/common-csv.ts';
import { parseOrdersCsv } from '../../src/io/orders-csv.ts';
import { parseDailyDemandCsv } from '../../src/io/daily-demand-csv.ts';
import { parseLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { parsePairsCsv } from '../../src/io/pairs-csv.ts';
import { parseSkuClassesCsv } from '../../src/io/sku-classes-csv.ts';
import { parseCosts, parseDemandSpec, parseLeadTimeSpec, parseSimulateSpec } from '../../src/io/schemas.ts';
import { readPolicyDocument } from '../../src/policy/file.ts';

interface Case {
  id: string;
  reader: string;
  text?: string;
  bytesHex?: string;
  json?: unknown;
  expected: string;
}

const corpus = JSON.parse(readFileSync(new URL('../fixtures/nasty/cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Run one case's reader on its input. */
function read(c: Case): unknown {
  const text = (): string => (c.bytesHex !== undefined ? decodeUtf8(Buffer.from(c.bytesHex, 'hex'), 'f.csv') : c.text!);
  switch (c.reader) {
    case 'orders':
      return parseOrdersCsv(text(), 'f.csv');
    case 'daily':
      return parseDailyDemandCsv(text(), 'f.csv');
    case 'leadTimes':
      return parseLeadTimesCsv(text(), 'f.csv');
    case 'pairs':
      return parsePairsCsv(text(), 'f.csv');
    case 'skuClasses':
      return parseSkuClassesCsv(text(), 'f.csv');
    case 'spec':
      return parseSimulateSpec(c.json, '--spec s.json');
    case 'costs':
      return parseCosts(c.json, '--costs');
    case 'demand':
      return parseDemandSpec(c.json, '--demand');
    case 'leadTime':
      return parseLeadTimeSpec(c.json, '--lead-time');
    case 'policy':
      return readPolicyDocument(c.json, 'p.json');
    default:
      throw new Error(`unknown reader ${c.reader}`);
  }
}

describe('corpus of nasty inputs (test/fixtures/nasty/cases.json)', () => {
  for (const c of corpus.cases) {
    it(`${c.id}: refused with a message naming where and why`, () => {
      let err: unknown;
      try {
        read(c);
      } catch (e) {
        err = e;
      }
      expect(err, `${c.id} was accepted`).toBeDefined();
      const isInput = err instanceof InputError || (err as Error).name === 'InputError';
      expect(isInput, `${c.id}: ${(err as Error).name}: ${(err as Error).message}`).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(c.expected));
    });
  }
});
