// The one shape every validator driver has: `--files a b …` validates each file once in
// one process and prints {"files","threw","ms"}; `--repeat N file` validates one file N times and
// prints {"cold","warm"} (ms of the first call, and the median of the others). The time
// covers reading the text into the validator's own form (JSON.parse, a parsed JSON
// document) and validating it, as a linter has to do both.
import { readFileSync } from 'node:fs';

export async function drive(validate) {
  const args = process.argv.slice(2);
  if (args[0] === '--files') {
    const files = args.slice(1);
    let threw = 0;
    const start = performance.now();
    for (const file of files) {
      // A peer that throws on a file has still spent its time on it; the run goes on.
      try {
        await validate(readFileSync(file, 'utf8'), file);
      } catch {
        threw++;
      }
    }
    console.log(JSON.stringify({ files: files.length, threw, ms: performance.now() - start }));
  } else if (args[0] === '--repeat') {
    const rounds = Number(args[1]);
    const text = readFileSync(args[2], 'utf8');
    const times = [];
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      await validate(text, args[2]);
      times.push(performance.now() - start);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(JSON.stringify({ cold: times[0], warm: warm[Math.floor(warm.length / 2)] }));
  } else {
    // One file, as a command line would: what the whole-process timings run.
    for (const file of args) await validate(readFileSync(file, 'utf8'), file);
  }
}
