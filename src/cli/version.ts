import { readFileSync } from 'node:fs';

export function packageVersionFromCli(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
