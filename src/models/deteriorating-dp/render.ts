/**
 * How `invlab solve deteriorating-dp` prints a result (Sabahno 2008), as data: the DP plan (cycles,
 * prices, production ends, quantities, maxima, reorder points, cumulative present-worth profit)
 * and the total profit TP_H.
 */
import type { ResultView } from '../meta.ts';

export const deterioratingDpView: ResultView = [
  { line: 'deteriorating-dp (Sabahno 2008): {@pricing} pricing, boundary step {@step}, {cyclesEvaluated} cycles evaluated' },
  { line: '' },
  {
    table: {
      each: 'plan',
      columns: {
        cycle: { text: '[{start:trim6}, {end:trim6}]' },
        price: 'price',
        demand_rate: 'demandRate',
        production_end: 'productionEnd',
        order_quantity: 'orderQuantity',
        max_inventory: 'maxInventory',
        reorder_point: {
          cases: [
            { when: { equals: 'reorderPoint', value: null }, cell: { cases: [{ when: { equals: 'reorderRule', value: 'last cycle' }, cell: { literal: '--- (last cycle)' } }], otherwise: { literal: 'lead time not acceptable' } } },
          ],
          otherwise: 'reorderPoint',
        },
        rule: 'reorderRule',
        cycle_profit: 'profit',
        cumulative_profit: 'cumulativeProfit',
      },
    },
  },
  { line: '' },
  { line: ['Total present-worth profit TP_H = {totalProfit:fixed4}', { text: ' ({leadTimeNotAcceptable} cycle(s): lead time not acceptable)', when: { greaterThan: 'leadTimeNotAcceptable', value: 0 } }] },
];
