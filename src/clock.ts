/** Time is an input: everything that needs "now" takes a Clock, and tests pass a fixed or stepping one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  const clock = (() => new Date(t)) as Clock & { set(iso: string): void; advance(ms: number): void };
  clock.set = (next: string) => {
    t = new Date(next).getTime();
  };
  clock.advance = (ms: number) => {
    t += ms;
  };
  return clock;
}
