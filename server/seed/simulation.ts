// The demo's history is lived, not forged: every record of the past 90 days is made by the domain
// functions the API calls, at a simulated moment of that past. Stories are async generators that
// yield when they next act; the simulation runs every story's steps in time order, moving the
// application's clock (the one `new Date()` gives domain code and inserted rows) to each step.

/** A story yields the instant of its next step and ends by returning. */
export type Story = AsyncGenerator<Date, void, void>;

type Entry = { at: number; seq: number; story: Story };

export class Simulation {
  private queue: Entry[] = [];
  private seq = 0;
  private clock: number;

  constructor(
    start: Date,
    /** Steps due after this instant are not taken: the history ends here, mid-story for recent work. */
    private readonly end: Date,
  ) {
    this.clock = start.getTime();
  }

  /** Starts a story — or a single act — at an instant (not before the clock). */
  add(at: Date, story: () => Story | Promise<unknown>) {
    const starter = (async function* () {
      const started = story();
      if (Symbol.asyncIterator in started) yield* started;
      else await started;
    })();
    this.push(at.getTime(), starter);
  }

  private push(at: number, story: Story) {
    const entry = { at: Math.max(at, this.clock), seq: this.seq++, story };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.queue[mid];
      if (e.at < entry.at || (e.at === entry.at && e.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  /** Runs every step up to the end, one at a time, with `Date` telling the simulated time. */
  async run(progress?: (at: Date) => void) {
    const simulation = this;
    const Real = Date;
    class SimulatedDate extends Real {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(simulation.clock);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static now() {
        return simulation.clock;
      }
    }
    globalThis.Date = SimulatedDate as DateConstructor;
    try {
      const end = this.end.getTime();
      for (let entry = this.queue.shift(); entry && entry.at <= end; entry = this.queue.shift()) {
        if (progress && new Real(entry.at).getUTCDate() !== new Real(this.clock).getUTCDate())
          progress(new Real(entry.at));
        this.clock = entry.at;
        const step = await entry.story.next().catch((error: unknown) => {
          const at = new Real(entry.at).toISOString();
          throw new Error(`The simulation failed at ${at}: ${String(error)}`, { cause: error });
        });
        if (!step.done) this.push(step.value.getTime(), entry.story);
      }
      this.queue = [];
    } finally {
      globalThis.Date = Real;
    }
  }
}
