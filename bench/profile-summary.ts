import fs from 'node:fs';
import path from 'node:path';

/** Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) by self time. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface ProfileSummary {
  file: string;
  /** non-idle samples (percentages below are of these) */
  samples: number;
  /** share of all samples the process was idle (waiting for the database or the network) */
  idlePercent: number;
  /** [function @ file:line, self %] */
  topFunctions: [string, number][];
  /** [package or source area, self %] */
  topAreas: [string, number][];
  /** [our src/ function, inclusive %] (time in it and everything it called) */
  topOwnInclusive: [string, number][];
  /** [our src/ function, %]: Luxon self time attributed to the nearest src/ function calling it */
  luxonCallers: [string, number][];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const cwd = process.cwd() + path.sep;
  return clean.startsWith(cwd) ? clean.slice(cwd.length) : clean;
}

/** node_modules package, `src/<folder>`, `node:internal`, or a V8 pseudo-frame. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native code)';
  const short = shortUrl(url);
  if (url.includes('node_modules/')) {
    const parts = short.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (short.startsWith('node:')) return 'node core (' + short.replace(/^node:(internal\/)?/, '').split('/')[0] + ')';
  if (short.startsWith('src/')) return short.split('/').slice(0, 2).join('/');
  return short;
}

function top(map: Map<string, number>, total: number, n: number): [string, number][] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => [k, Math.round((v / total) * 1000) / 10]);
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  // tsx-compiled src/ files report line 0 for every function: the file alone says more
  const line = lineNumber > 0 ? `:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${url ? ` @ ${shortUrl(url)}${line}` : ''}`;
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
}

/**
 * Hits per node id, counting only samples from the first one inside a use case
 * (src/bookings/) to the last one: start-up (module loading, tsx compiling) and shutdown are left out.
 */
function hitsUnderLoad(profile: Profile, parent: Map<number, ProfileNode>): Map<number, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const inUseCase = (id: number) => {
    for (let at = byId.get(id); at; at = parent.get(at.id))
      if (at.callFrame.url.includes('/src/bookings/')) return true;
    return false;
  };
  const first = samples.findIndex(inUseCase);
  if (first < 0) return new Map(profile.nodes.map((n) => [n.id, n.hitCount ?? 0]));
  let last = samples.length - 1;
  while (last > first && !inUseCase(samples[last])) last--;
  const hits = new Map<number, number>();
  for (const id of samples.slice(first, last + 1)) hits.set(id, (hits.get(id) ?? 0) + 1);
  return hits;
}

/** Inclusive hits of our own src/ functions (each counted once per stack, so recursion is not double counted). */
function ownInclusive(
  nodes: ProfileNode[],
  parent: Map<number, ProfileNode>,
  hitsOf: Map<number, number>,
): Map<string, number> {
  const inclusive = new Map<string, number>();
  for (const node of nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits || node.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: ProfileNode | undefined = node; at; at = parent.get(at.id)) {
      if (!shortUrl(at.callFrame.url).startsWith('src/')) continue;
      const name = frameName(at);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + hits);
    }
  }
  return inclusive;
}

/** Self time in one package, attributed to the nearest of our src/ functions on the stack. */
function callersOf(
  pkg: string,
  nodes: ProfileNode[],
  parent: Map<number, ProfileNode>,
  hitsOf: Map<number, number>,
): Map<string, number> {
  const callers = new Map<string, number>();
  for (const node of nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits || area(node.callFrame.url, node.callFrame.functionName) !== pkg) continue;
    let at: ProfileNode | undefined = node;
    while (at && !shortUrl(at.callFrame.url).startsWith('src/')) at = parent.get(at.id);
    const name = at ? frameName(at) : '(no caller of ours)';
    callers.set(name, (callers.get(name) ?? 0) + hits);
  }
  return callers;
}

/** Self time by function and by area, and inclusive time of our functions, while under load. */
export function summariseProfile(file: string, n = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const hitsOf = hitsUnderLoad(profile, parent);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (!hits) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += hits;
      continue;
    }
    byFunction.set(frameName(node), (byFunction.get(frameName(node)) ?? 0) + hits);
    const a = area(node.callFrame.url, node.callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + hits);
    busy += hits;
  }
  return {
    file,
    samples: busy,
    idlePercent: Math.round((idle / Math.max(1, idle + busy)) * 1000) / 10,
    topFunctions: top(byFunction, busy, n),
    topAreas: top(byArea, busy, 12),
    topOwnInclusive: top(ownInclusive(profile.nodes, parent, hitsOf), busy, 10),
    luxonCallers: top(callersOf('luxon', profile.nodes, parent, hitsOf), busy, 6),
  };
}

/**
 * The newest main-thread .cpuprofile in a directory (`CPU.<date>.<time>.<pid>.<thread>.<seq>`:
 * thread 0 is the main thread; tsx's module-loader worker writes one of its own).
 */
export function newestProfile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f));
  files.sort((a, b) => fs.statSync(path.join(dir, b)).mtimeMs - fs.statSync(path.join(dir, a)).mtimeMs);
  return files[0] ? path.join(dir, files[0]) : undefined;
}
