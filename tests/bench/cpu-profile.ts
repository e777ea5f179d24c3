import { readFileSync } from 'node:fs';

/**
 * Where a process's time went: a V8 `.cpuprofile` (from `node --cpu-prof`) summarised by the
 * self time of each place (a package under node_modules, a file of ours, Node's internals, the
 * garbage collector, idle), and its costliest functions.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A place or function, its busy milliseconds and their share of all busy time. */
export interface Ranked {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  /** Sampled milliseconds, idle included. */
  readonly totalMs: number;
  readonly idleMs: number;
  /** Busy milliseconds per place, most first. */
  readonly places: readonly Ranked[];
  readonly functions: readonly Ranked[];
}

/** A frame's place: the package it comes from, our own file, or what V8 calls it. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/((?:shared|functions|infra|tests)\/.+)$/.exec(url);
  return ours ? (ours[1] as string) : url;
}

/** Summarises one `.cpuprofile` file. */
export function summariseProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const place = placeOf(frame.url, frame.functionName);
    places.set(place, (places.get(place) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const ranked = (map: Map<string, number>): Ranked[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        share: Math.round((us / busyUs) * 1000) / 1000,
      }));
  return {
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    places: ranked(places),
    functions: ranked(functions),
  };
}
