/**
 * The outputs of `invlab check`: the table and summary line, the versioned JSON document, JUnit
 * XML (one test case per check; failures carry the numbers), and GitHub Actions error
 * annotations and step summary.
 */
import { markdownTable } from '../../io/markdown.ts';
import type { CheckResult } from './run.ts';

export const CHECK_REPORT_FORMAT = 'invlab-check-report';
export const CHECK_REPORT_VERSION = 1;

const g = (x: number | undefined): string => (x === undefined ? '' : Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));

/** "N passed, N failed" with ", N inconclusive" when any. */
export function summaryLine(results: readonly CheckResult[]): string {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const inc = n('inconclusive');
  return `${n('pass')} passed, ${n('fail')} failed${inc > 0 ? `, ${inc} inconclusive` : ''}`;
}

const STATUS_WORD = { pass: 'pass', fail: 'FAIL', inconclusive: 'inconclusive' } as const;

/** The table of results (Markdown), then the summary line. */
export function resultTable(results: readonly CheckResult[]): string {
  const rows = results.map((r) => ({
    check: r.name,
    kind: r.kind,
    status: STATUS_WORD[r.status],
    actual: g(r.actual),
    expected: g(r.expected),
    tolerance: g(r.tolerance),
    seconds: r.seconds.toFixed(2),
  }));
  const details = results.filter((r) => r.status !== 'pass').map((r) => `${STATUS_WORD[r.status]}: ${r.name}: ${r.message}${r.source ? `\n  (expected: ${r.source})` : ''}`);
  return [markdownTable(rows), ...details, summaryLine(results)].join('\n');
}

/** The versioned JSON document of --json. */
export function jsonReport(results: readonly CheckResult[], files: readonly string[]): unknown {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const num = (x: number | undefined) => (x === undefined || Number.isFinite(x) ? x : String(x));
  return {
    format: CHECK_REPORT_FORMAT,
    version: CHECK_REPORT_VERSION,
    files,
    summary: { passed: n('pass'), failed: n('fail'), inconclusive: n('inconclusive') },
    checks: results.map((r) => ({
      name: r.name,
      kind: r.kind,
      status: r.status,
      message: r.message,
      source: r.source,
      metric: r.metric,
      actual: num(r.actual),
      expected: num(r.expected),
      difference: num(r.difference),
      tolerance: num(r.tolerance),
      interval: r.interval,
      neededReplications: num(r.neededReplications),
      seed: r.seed,
      replications: r.replications,
      seconds: r.seconds,
      file: r.file,
      line: r.line,
    })),
  };
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * JUnit XML: one <testsuite> per check file, one <testcase> per check; inconclusive = skipped.
 * Only the elements and attributes of the JUnit schema CI servers use (Jenkins' junit-10.xsd).
 */
export function junitXml(results: readonly CheckResult[]): string {
  const byFile = new Map<string, CheckResult[]>();
  for (const r of results) byFile.set(r.file ?? 'invlab.check.json', [...(byFile.get(r.file ?? 'invlab.check.json') ?? []), r]);
  const total = (rs: readonly CheckResult[]) => rs.reduce((a, r) => a + r.seconds, 0).toFixed(3);
  const count = (rs: readonly CheckResult[], s: string) => rs.filter((r) => r.status === s).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="invlab check" tests="${results.length}" failures="${count(results, 'fail')}" errors="0" time="${total(results)}">`];
  for (const [file, rs] of byFile) {
    lines.push(`  <testsuite name="${xml(file)}" tests="${rs.length}" failures="${count(rs, 'fail')}" errors="0" skipped="${count(rs, 'inconclusive')}" time="${total(rs)}">`);
    for (const r of rs) {
      const open = `    <testcase name="${xml(r.name)}" classname="${xml(`invlab.check.${r.kind}`)}" time="${r.seconds.toFixed(3)}"`;
      const numbers = `actual ${g(r.actual)}, expected ${g(r.expected)}, difference ${g(r.difference)}, tolerance ${g(r.tolerance)}${r.interval ? `, interval [${g(r.interval[0])}, ${g(r.interval[1])}]` : ''}${r.seed !== undefined ? `, seed ${r.seed}, replications ${r.replications}` : ''}`;
      if (r.status === 'pass') lines.push(`${open}/>`);
      else if (r.status === 'fail') lines.push(`${open}>`, `      <failure message="${xml(r.message)}" type="regression">${xml(`${r.message}\n${numbers}`)}</failure>`, '    </testcase>');
      else lines.push(`${open}>`, `      <skipped message="${xml(`inconclusive: ${r.message}`)}"/>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** GitHub Actions workflow commands: an error annotation per failed check (warning if inconclusive). */
export function githubAnnotations(results: readonly CheckResult[]): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return results
    .filter((r) => r.status !== 'pass')
    .map((r) => {
      const where = [r.file ? `file=${prop(r.file)}` : '', r.line ? `line=${r.line}` : '', `title=${prop(`invlab check ${r.kind}: ${r.name}`)}`].filter(Boolean).join(',');
      return `::${r.status === 'fail' ? 'error' : 'warning'} ${where}::${esc(r.message)}\n`;
    })
    .join('');
}

/** The Markdown step summary ($GITHUB_STEP_SUMMARY). */
export function stepSummary(results: readonly CheckResult[]): string {
  const icon = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const;
  const rows = results.map((r) => ({ '': icon[r.status], check: r.name, kind: r.kind, result: r.message.replace(/\|/g, '\\|') }));
  return `## invlab check\n\n${markdownTable(rows)}\n\n**${summaryLine(results)}**\n`;
}

/** 1-based line of each check's "name" in the file's text (for annotations), by order of appearance. */
export function checkLines(text: string, names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split('\n');
  for (const name of names) {
    const needle = `"name"`;
    const quoted = JSON.stringify(name);
    const i = lines.findIndex((l) => l.includes(needle) && l.includes(quoted));
    if (i >= 0) out.set(name, i + 1);
  }
  return out;
}
