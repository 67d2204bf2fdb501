/**
 * Load from autocannon (in the benchmark's process; Keywork runs in its own): each connection sends
 * one request at a time, taking the target's paths in turn. Latency is autocannon's per response;
 * an error is a failed request, a timeout or any status other than the one expected.
 */
import autocannon from "autocannon";
import { rssMegabytes } from "./server.ts";
import type { Target } from "./targets.ts";

export interface Measurement {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Highest server RSS seen while measuring. */
  rssMb: number | null;
}

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;

export interface LoadOptions {
  base: string;
  target: Target;
  headers: Record<string, string>;
  csrf: string;
  connections: number;
  seconds: number;
  serverPid: number | undefined;
  /** Requests per second in all, for the soak; as fast as possible when absent. */
  rate?: number;
}

export function runLoad(options: LoadOptions): Promise<Measurement> {
  const { target } = options;
  let turn = 0;
  const latencies: number[] = [];
  let wrongStatus = 0;
  let rss = rssMegabytes(options.serverPid);
  const sampler = setInterval(() => {
    const now = rssMegabytes(options.serverPid);
    if (now !== null && (rss === null || now > rss)) rss = now;
  }, 250);
  const headers = { ...options.headers, ...(target.body ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
  const body = target.body?.(options.csrf);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [
          {
            method: target.method,
            headers,
            ...(body ? { body } : {}),
            setupRequest: (request) => ({ ...request, path: target.paths[turn++ % target.paths.length] ?? "/" }),
          },
        ],
      },
      (error, result) => {
        clearInterval(sampler);
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          name: target.name,
          connections: options.connections,
          requestsPerSecond: Math.round(result.requests.total / result.duration),
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          errors: result.errors + result.timeouts + wrongStatus,
          rssMb: rss,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status !== target.expect) wrongStatus++;
    });
  });
}
