/**
 * Node.js flags the matcher runs with wherever it runs: the matcher Lambda's NODE_OPTIONS,
 * `npm start` and `npm run bench` (a test holds the scripts to them). Matching a national pool
 * makes millions of short-lived objects: a 64 MB young generation (16 MB by default) was
 * scavenged a quarter as often, 7% off the large benchmark; 32 MB keeps that (L 0.97-1.01x of
 * 64 MB's CPU, XL 1.03x) and holds less at the national pool's peak (XL 1,294 MiB against
 * 1,365 MiB, side by side).
 */
export const MATCHER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * The C allocator's settings for the matcher Lambda and the benchmark that sizes it
 * (`npm run bench`; a test holds the script to them). A national pool's typed arrays are
 * megabytes each and are replaced as they grow; glibc, once such a block is freed, raises its
 * threshold for mapping blocks of their own to that size and serves the next ones from its
 * heap, whose freed holes stay resident. With the threshold fixed at its default of 128 KiB
 * every large block is returned on free: BENCH_SIZES=XL's largest country peaked at
 * 1,294 MiB against 1,501 MiB in the same minutes, with no more CPU. `npm start` runs without
 * it, on purpose: a variable set in front of the command would tie the contract's one command to
 * POSIX shells (npm runs scripts in cmd.exe on Windows), glibc reads it only at a process's start
 * so the runner cannot set it for itself, and what it saves was measured at a national pool
 * (hundreds of MiB at 100,000 requests), far above the pools a laptop holds.
 */
export const MATCHER_ENVIRONMENT: Readonly<Record<string, string>> = {
  GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072',
};
