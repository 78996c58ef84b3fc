/**
 * Reads the repository's Dockerfile and .dockerignore the way `docker build` does, for the subset of
 * the syntax MotCua's image uses (ARG, FROM … AS, WORKDIR, ENV, COPY [--from], RUN, USER, CMD,
 * HEALTHCHECK; line continuations and comments), so image-check.ts can run the very same steps
 * without a Docker daemon. Anything else is an error, not silently skipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Step =
  | { kind: 'WORKDIR'; dir: string }
  | { kind: 'ENV'; vars: Record<string, string> }
  | { kind: 'COPY'; from: string | null; sources: string[]; dest: string }
  | { kind: 'RUN'; command: string }
  | { kind: 'USER'; user: string };

export interface Stage {
  name: string;
  /** An earlier stage's name, or an image reference. */
  base: string;
  steps: Step[];
  cmd: string[] | null;
  /** The HEALTHCHECK's CMD (shell form), if any. */
  healthcheck: string | null;
}

/** Logical instructions: comments dropped, continuation lines joined. */
function instructions(text: string): { keyword: string; rest: string }[] {
  const out: { keyword: string; rest: string }[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (pending !== '' && /^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') continue;
    const m = /^(\w+)\s+([\s\S]*)$/.exec(full);
    if (!m) throw new Error(`Dockerfile: cannot read "${full}"`);
    out.push({ keyword: m[1]!.toUpperCase(), rest: m[2]!.trim() });
  }
  return out;
}

function substitute(s: string, args: Record<string, string>): string {
  return s.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return name in args ? args[name]! : whole;
  });
}

function keyValues(rest: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of rest.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) vars[m[1]!] = m[3] ?? m[2]!;
  return vars;
}

export function parseDockerfile(file: string): { args: Record<string, string>; stages: Stage[] } {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  let stage: Stage | null = null;
  for (const { keyword, rest } of instructions(readFileSync(file, 'utf8'))) {
    if (keyword === 'ARG') {
      Object.assign(args, keyValues(rest));
      continue;
    }
    if (keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!m) throw new Error(`Dockerfile: FROM ${rest}`);
      stage = {
        name: m[2] ?? String(stages.length),
        base: substitute(m[1]!, args),
        steps: [],
        cmd: null,
        healthcheck: null,
      };
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`Dockerfile: ${keyword} before FROM`);
    const value = substitute(rest, args);
    switch (keyword) {
      case 'WORKDIR':
        stage.steps.push({ kind: 'WORKDIR', dir: value });
        break;
      case 'ENV':
        stage.steps.push({ kind: 'ENV', vars: keyValues(value) });
        break;
      case 'RUN':
        stage.steps.push({ kind: 'RUN', command: value });
        break;
      case 'USER':
        stage.steps.push({ kind: 'USER', user: value });
        break;
      case 'COPY': {
        const words = value.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : null;
        if (words.some((w) => w.startsWith('--'))) throw new Error(`Dockerfile: unsupported COPY ${value}`);
        const dest = words.pop()!;
        stage.steps.push({ kind: 'COPY', from, sources: words, dest });
        break;
      }
      case 'CMD':
        // Exec form only: the shell form would make sh PID 1, and SIGTERM would never reach node.
        if (!value.startsWith('[')) throw new Error('Dockerfile: CMD must be in exec (JSON) form');
        stage.cmd = JSON.parse(value) as string[];
        break;
      case 'HEALTHCHECK': {
        const m = /\bCMD\s+([\s\S]+)$/.exec(value);
        stage.healthcheck = m ? m[1]! : null;
        break;
      }
      case 'EXPOSE':
      case 'STOPSIGNAL':
      case 'LABEL':
        break;
      default:
        throw new Error(`Dockerfile: ${keyword} is not supported by image-check`);
    }
  }
  return { args, stages };
}

/** A .dockerignore pattern as a regular expression over slash-separated paths relative to the context. */
function patternRegex(pattern: string): RegExp {
  let re = '';
  const p = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      re += p[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += p[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether the context leaves out `rel` (the last matching rule wins, `!` re-includes). */
export function dockerignore(contextDir: string): (rel: string) => boolean {
  const rules = readFileSync(path.join(contextDir, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ include: l.startsWith('!'), re: patternRegex(l.replace(/^!/, '')) }));
  return (rel) => {
    let excluded = false;
    for (const r of rules) if (r.re.test(rel)) excluded = !r.include;
    return excluded;
  };
}
