import { describe, expect, it } from 'vitest';
import { isoDayNumber } from '../../src/io/common-csv.ts';
import { parseOrdersCsv, readOrdersCsv } from '../../src/io/orders-csv.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

const DATA = sharedDataPath('order_transactions.csv');

describe('orders CSV reader', () => {
  it('reads lines, per-SKU sums and the window', () => {
    const o = parseOrdersCsv('date,sku,quantity\n2011-01-03,A,2\n2011-01-03,B,5\n2011-01-05,A,4\n\n', 'mem.csv');
    expect(o.skus).toEqual(['A', 'B']);
    expect(Array.from(o.count)).toEqual([2, 1]);
    expect(Array.from(o.sum)).toEqual([6, 5]);
    expect(Array.from(o.sumSquares)).toEqual([20, 25]);
    expect(o.maxDay - o.minDay).toBe(2);
    expect(o.tradingDays).toBe(2);
    expect(Array.from(o.lastRow)).toEqual([4, 3]);
  });
  it('takes configurable column names, CRLF, a BOM and quoted fields (csv-parse path) alike', () => {
    const plain = parseOrdersCsv('\ufeffd,item,qty\r\n2011-01-03,A,2\r\n2011-01-04,A,3\r\n', 'a.csv', { date: 'd', sku: 'item', quantity: 'qty' });
    const quoted = parseOrdersCsv('d,item,qty\n"2011-01-03","A",2\n2011-01-04,"A",3\n', 'b.csv', { date: 'd', sku: 'item', quantity: 'qty' });
    expect(Array.from(plain.sum)).toEqual([5]);
    expect(Array.from(quoted.sum)).toEqual([5]);
    expect(Array.from(quoted.day)).toEqual(Array.from(plain.day));
  });
  it('names the file row of a bad value in a quoted file too (csv-parse path, blank lines counted)', () => {
    expect(() => parseOrdersCsv('date,sku,quantity\n"2011-01-01","A",1\n\n"2011-01-02","A",x\n', 'q.csv')).toThrow(/q\.csv: row 4, column 'quantity': must be a number \(got 'x'\)/);
  });
  it('counts distinct orders when an order-id column is named', () => {
    const o = parseOrdersCsv('date,sku,quantity,order_id\n2011-01-03,A,2,1\n2011-01-03,B,5,1\n2011-01-05,A,4,2\n', 'm.csv', { orderId: 'order_id' });
    expect(o.distinctOrders).toBe(2);
  });
  const bad: [string, RegExp][] = [
    ['date,sku\n2011-01-01,A\n', /bad\.csv: missing column 'quantity' \(order quantity\); the header has: date, sku/],
    ['date,sku,quantity\n2011-01-01,A,x\n', /bad\.csv: row 2, column 'quantity': must be a number \(got 'x'\)/],
    ['date,sku,quantity\n2011-01-01,A,\n', /row 2, column 'quantity': must be a number/],
    ['date,sku,quantity\n2011-01-01,A,1\n2011-01-01,A,0\n', /row 3, column 'quantity': must be > 0 .* \(got '0'\)/],
    ['date,sku,quantity\n2011-01-01,A,-3\n', /row 2, column 'quantity': must be > 0/],
    ['date,sku,quantity\n2011-02-30,A,1\n', /row 2, column 'date': must be an ISO date YYYY-MM-DD \(got '2011-02-30'\)/],
    ['date,sku,quantity\n01/02/2011,A,1\n', /row 2, column 'date': must be an ISO date/],
    ['date,sku,quantity\n2011-01-01,,1\n', /row 2, column 'sku': must not be empty/],
    ['date,sku,quantity\n2011-01-01,A\n', /row 2: too few fields/],
    ['', /empty file/],
    ['date,sku,quantity\n', /no order lines after the header/],
    ['date,sku,quantity\n"2011-01-01,A,1\n', /not valid CSV/],
  ];
  for (const [text, re] of bad) {
    it(`rejects ${JSON.stringify(text.slice(0, 60))}`, () => {
      expect(() => parseOrdersCsv(text, 'bad.csv')).toThrow(re);
    });
  }
  it('names the order-id column when it is empty', () => {
    expect(() => parseOrdersCsv('date,sku,quantity,oid\n2011-01-01,A,1,\n', 'bad.csv', { orderId: 'oid' })).toThrow(/row 2, column 'oid': must not be empty/);
  });
  it('a missing file is an input error naming it', () => {
    expect(() => readOrdersCsv('/nonexistent/orders.csv')).toThrow(/\/nonexistent\/orders.csv: cannot read file \(ENOENT\)/);
  });
  it('ISO dates: leap years, time parts', () => {
    expect(isoDayNumber('1970-01-02')).toBe(1);
    expect(isoDayNumber('2012-02-29')).toBe(15399);
    expect(isoDayNumber('2011-02-29')).toBeNaN();
    expect(isoDayNumber('2011-01-01T10:00:00Z')).toBe(isoDayNumber('2011-01-01'));
    expect(isoDayNumber('2011-13-01')).toBeNaN();
  });
  it('reads the real file (UCI Online Retail extract, ../shared/data/README.md): 44,799 lines, 170 SKUs, 374 days, 305 trading days', () => {
    const o = readOrdersCsv(DATA, { orderId: 'order_id' });
    expect(o.day.length).toBe(44_799);
    expect(o.skus.length).toBe(170);
    expect(o.maxDay - o.minDay + 1).toBe(374);
    expect(o.tradingDays).toBe(305);
    expect(o.distinctOrders).toBe(13_431);
    expect(Math.min(...o.count)).toBeGreaterThanOrEqual(2);
  });
});
