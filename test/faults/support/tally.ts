import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** tried / survived for one class of fault */
export interface FaultCount {
  tried: number;
  survived: number;
}

const OUTPUT_DIR = join(__dirname, '..', '..', '..', 'test-output', 'faults');

/**
 * Counts, per class of fault, how many were injected and how many left the system consistent. A fault counts
 * as survived only when the invariant checks that follow it passed, so a failing check leaves it unsurvived
 * (and fails its test).
 */
export class FaultTally {
  private readonly counts = new Map<string, FaultCount>();

  tried(faultClass: string): void {
    this.entry(faultClass).tried += 1;
  }

  survived(faultClass: string): void {
    this.entry(faultClass).survived += 1;
  }

  /** counts `faultClass` as tried, runs the fault and its checks, and as survived when they pass */
  async attempt<T>(faultClass: string, run: () => Promise<T>): Promise<T> {
    this.tried(faultClass);
    const result = await run();
    this.survived(faultClass);
    return result;
  }

  snapshot(): Record<string, FaultCount> {
    return Object.fromEntries([...this.counts].map(([name, count]) => [name, { ...count }]));
  }

  lines(): string[] {
    let tried = 0;
    let survived = 0;
    const lines = [...this.counts].map(([name, count]) => {
      tried += count.tried;
      survived += count.survived;
      return `fault class: ${name} — tried ${count.tried}, survived ${count.survived}`;
    });
    lines.push(`total: tried ${tried}, survived ${survived}`);
    return lines;
  }

  /**
   * Prints the summary (jest runs each file in its own worker, so each file prints its own) and writes it
   * as one JSON line to test-output/faults/<file>.json for anything that wants to add the files up.
   */
  report(testFile: string): void {
    const file = basename(testFile).replace(/\.test\.ts$/, '');
    console.log([`fault tally (${file}):`, ...this.lines()].join('\n'));
    try {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      writeFileSync(
        join(OUTPUT_DIR, `${file}.json`),
        `${JSON.stringify({ file, at: new Date().toISOString(), classes: this.snapshot() })}\n`,
      );
    } catch (error) {
      // a read-only checkout must not fail the suite over a report file
      console.warn(`could not write the fault tally file: ${(error as Error).message}`);
    }
  }

  private entry(faultClass: string): FaultCount {
    let count = this.counts.get(faultClass);
    if (!count) {
      count = { tried: 0, survived: 0 };
      this.counts.set(faultClass, count);
    }
    return count;
  }
}
