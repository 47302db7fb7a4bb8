/**
 * How `invlab solve stock-price-cubic` prints a result (Shah), as data: the paper's criterion
 * E[cost/T] (3.6) with the steps of Viète's solution of the cubic (3.8), the long-run criterion
 * E[cycle cost]/E[T] (renewal-reward), both side by side when no --criterion is given, and the
 * costs per unit time at --lot.
 */
import type { ResultView, ViewBlock } from '../meta.ts';

const STEPS: readonly (readonly [string, string, string])[] = [
  ['2', 'p', 'p'],
  ['2', 'q', 'q'],
  ['3', 's1 = sqrt(−p/3)', 's1'],
  ['3', 's2 = sqrt(−3/p)', 's2'],
  ['4', 'd1 = 3q/(2p)', 'd1'],
  ['5', 'm1 = d1·s2', 'm1'],
  ['6', 'm2 = arccos(m1)/3', 'm2'],
  ['7', 'n0 = 2·s1·cos(m2)', 'n0'],
];

const PAPER: readonly ViewBlock[] = [
  { line: "paper's criterion E[cost/T] (3.6), Viète's solution of the cubic (3.8):" },
  {
    table: {
      rows: [
        ...STEPS.map(([step, quantity, key]) => ({ step: { literal: step }, quantity: { literal: quantity }, value: `algorithm.${key}` })),
        { step: { literal: '8' }, quantity: { literal: 'round(n0 + 0.5)' }, value: { cases: [{ when: { equals: 'algorithm.nStep8', value: null }, cell: { literal: 'NaN' } }], otherwise: 'algorithm.nStep8' } },
      ],
      decimals: { value: 7 },
    },
  },
  { line: 'other roots: n1 = {algorithm.n1:fmt6}, n2 = {algorithm.n2:fmt6}', when: { truthy: 'algorithm.inDomain' } },
  { line: 'Viète out of domain: {algorithm.outOfDomainReason}', when: { not: { truthy: 'algorithm.inDomain' } } },
  { line: ['printed cubic (+2(C0+C)/θ): p = {printedCubic.p:fmt6}', { text: ' ({printedCubic.reason})', when: { truthy: 'printedCubic.reason' } }] },
  { line: 'n* = {nStar} (method: {method}), E(TC(n*)) = {expectedCost:fmt4}' },
  { eachLine: 'notes', line: 'note: {.}' },
];

const LONG_RUN: readonly ViewBlock[] = [
  { line: 'long-run criterion E[cycle cost]/E[T] (renewal-reward):' },
  { line: 'A = C0/θ + (C2 − C1)k(k+1)/2 = {A:fmt4}; continuous optimum sqrt(2A/C1) = {nContinuous:fmt4}' },
  { line: ['lots ≥ k: n = {upperBranch.n} (cost {upperBranch.cost:fmt4})', { text: '; lots ≤ k: n = {lowerBranch.n} (cost {lowerBranch.cost:fmt4})', when: { truthy: 'lowerBranch' } }] },
  { line: 'n* = {nStar}, cost per unit time = {cost:fmt4}' },
  { eachLine: 'notes', line: 'note: {.}' },
];

const BOTH: readonly ViewBlock[] = [
  { blocks: PAPER, at: 'comparison.paper' },
  { line: '' },
  { blocks: LONG_RUN, at: 'comparison.longRun' },
  { line: '' },
  {
    table: {
      rows: [
        { criterion: { literal: 'paper E[cost/T] (3.6)' }, 'n*': 'comparison.paper.nStar', 'paper cost': 'comparison.paper.expectedCost', 'long-run cost': 'comparison.longRunCostAtPaperN' },
        { criterion: { literal: 'long-run E[cycle cost]/E[T]' }, 'n*': 'comparison.longRun.nStar', 'paper cost': 'comparison.paperCostAtLongRunN', 'long-run cost': 'comparison.longRunCostAtLongRunN' },
      ],
      defaultDecimals: 2,
    },
  },
  { line: "extra long-run cost per unit time of the paper's n*: {comparison.excessCostOfPaperN:fmt4} ({comparison.excessCostOfPaperNRelative:percent3}%)" },
];

const AT_LOT: readonly ViewBlock[] = [
  { line: 'costs per unit time at n = {n}:' },
  {
    table: {
      rows: [{ ordering: 'orderingPerTime', purchase: 'purchasePerTime', holding: 'holdingPerTime', 'long-run total': 'longRun', "paper's fixed part (C0+nC)/(θ(n−1))": 'paperFixedPart', 'paper (3.6)': 'paper' }],
    },
  },
];

export const stockPriceCubicView: ResultView = [
  { eachLine: 'warnings', line: 'warning: {.}' },
  { blocks: PAPER, at: 'solution', when: { equals: 'criterion', value: 'paper' } },
  { blocks: LONG_RUN, at: 'solution', when: { equals: 'criterion', value: 'long-run' } },
  { blocks: BOTH, when: { equals: 'criterion', value: 'both' } },
  { blocks: [{ line: '' }, { blocks: AT_LOT, at: 'atLot' }], when: { defined: 'atLot' } },
];
