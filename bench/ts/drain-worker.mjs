// Drains the benchmark's listing with the official TypeScript SDK, on request from the Java benchmark
// (TypeScriptSdkClient): one long-lived process, so Node's start-up and the JIT's warm-up are paid once.
//
//   node drain-worker.mjs <baseUrl>
//   stdin:  one line per drain: the page size
//   stdout: one line per drain: "drained <runs> <checksum>", or "failed <message>"; any other line (a
//           warning the SDK logs, say) is passed on by the Java side as it is
//
// The checksum is the sum of the run ids' Java String.hashCode values, the consumer work every Java client
// does too (Tally), so the benchmark can check each run arrived exactly once.
import { configure, runs } from "@trigger.dev/sdk";
import { createInterface } from "node:readline";

configure({ secretKey: "tr_dev_bench", baseURL: process.argv[2] });

function javaHashCode(text) {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  }
  return hash;
}

for await (const line of createInterface({ input: process.stdin })) {
  try {
    let count = 0;
    let checksum = 0;
    for await (const run of runs.list({ limit: Number(line), from: new Date(0) })) {
      count++;
      checksum += javaHashCode(run.id);
    }
    process.stdout.write(`drained ${count} ${checksum}\n`);
  } catch (error) {
    process.stdout.write(`failed ${String(error?.message ?? error).replace(/\s+/g, " ")}\n`);
  }
}
