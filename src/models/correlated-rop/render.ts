/**
 * How `invlab solve correlated-rop` prints a result (Izar Landeta, Ynzunza Cortés & Zermeño Pérez
 * 2015), as data: the inputs, the traditional (eqs. 1, 2, 4) and correlated (eqs. 5–7) reorder
 * points, their difference and the paper's advice; with --pairs first the estimates and the
 * Kolmogorov–Smirnov normality checks.
 */
import type { ResultView, ViewBlock, ViewCell } from '../meta.ts';

const SOLUTION: readonly ViewBlock[] = [
  { line: 'inputs: μd = {input.meanDailyDemand:fmt} units/day, σd = {input.sdDailyDemand:fmt}, μt = {input.meanLeadTime:fmt} days, σt = {input.sdLeadTime:fmt}' },
  { line: 'correlation: ρA = {correlationGiven:fmt} between lead time and the cycle-average daily demand → daily ρ = {dailyCorrelation:fmt} (what eqs. 6–7 need)', when: { equals: 'correlationKind', value: 'cycleAverage' } },
  { line: 'correlation: ρ = {dailyCorrelation:fmt} between lead time and daily demand', when: { not: { equals: 'correlationKind', value: 'cycleAverage' } } },
  { line: ['service level P(z) = {serviceLevel:fmt6} ({serviceLevelSource}', { text: ', cost odds Cf·D/(Cm·Q) = {costOdds:fmt}', when: { defined: 'costOdds' } }, '), Z = {traditional.z:fmt}'] },
  { line: '' },
  {
    table: {
      rows: [
        { formula: { literal: 'traditional (eqs. 1, 2, 4)' }, 'E(X)': 'traditional.mean', 'σ(X)': 'traditional.sd', 'safety stock B': 'traditional.safetyStock', 'reorder point PR': 'traditional.reorderPoint' },
        { formula: { text: 'correlated (eqs. 5–7), ρ = {dailyCorrelation:fmt4}' }, 'E(X)': 'correlated.mean', 'σ(X)': 'correlated.sd', 'safety stock B': 'correlated.safetyStock', 'reorder point PR': 'correlated.reorderPoint' },
      ],
      defaultDecimals: 3,
    },
  },
  { line: '' },
  { line: 'difference (traditional − correlated)/correlated = {percentDifference:fmt2} %' },
  { line: "the paper's advice (correlated formula only when |ρ| ≥ 0.5) picks: {paperAdvice}; the correlated formula is the one whose mean and variance are right whenever ρ ≠ 0" },
  { line: 'smallest reorder point over ρ ∈ [−1, 1] at this service level: {minimumOverCorrelation.reorderPoint:fmt3} at ρ = {minimumOverCorrelation.correlation:fmt3}' },
];

/** A row of the normality table: the variable's label and its test's statistics. */
const ksRow = (variable: ViewCell, test: string): Record<string, ViewCell> => ({
  variable,
  n: `${test}.n`,
  mean: `${test}.mean`,
  sd: `${test}.sd`,
  D: `${test}.d`,
  'Z = √n·D': `${test}.z`,
  'p (asymptotic, as SPSS)': `${test}.pAsymptotic`,
  'p (exact n)': `${test}.pExact`,
});

const PAIRS: readonly ViewBlock[] = [
  {
    line: [
      'data: {file} (',
      { text: 'one row per cycle', when: { equals: 'layout', value: 'cycles' } },
      { text: 'one row per day of each lead time', when: { not: { equals: 'layout', value: 'cycles' } } },
      '), {estimate.cycles} cycles',
      { text: ', {estimate.days} days', when: { defined: 'estimate.days' } },
    ],
  },
  { line: 'estimates: μt = {estimate.meanLeadTime:fmt}, σt = {estimate.sdLeadTime:fmt}, μd = {estimate.meanDailyDemand:fmt}, σd = {estimate.sdDailyDemand:fmt}, E[1/L] = {estimate.meanReciprocalLeadTime:fmt}' },
  { line: 'correlation of lead time with the cycle-average daily demand ρA = {estimate.cycleAverageCorrelation:fmt} (what the paper computed from Table 3)' },
  { line: 'correlation of lead time with daily demand ρ = {estimate.dailyCorrelation:fmt} ({estimate.method}; used below)' },
  { line: '(Pearson over all day rows pooled, which over-weights long cycles: {estimate.pooledDailyRowsCorrelation:fmt})', when: { defined: 'estimate.pooledDailyRowsCorrelation' } },
  { line: '' },
  { line: 'Kolmogorov–Smirnov normality check (normal fitted to the data, so the p-values are conservative, Lilliefors):' },
  { table: { rows: [ksRow({ literal: 'lead time' }, 'normality.leadTime'), ksRow('normality.demandKind', 'normality.demand')] } },
  { line: '' },
  { blocks: SOLUTION, at: 'solution' },
];

export const correlatedRopView: ResultView = [
  { blocks: PAIRS, when: { defined: 'estimate' } },
  { blocks: SOLUTION, when: { not: { defined: 'estimate' } } },
];
