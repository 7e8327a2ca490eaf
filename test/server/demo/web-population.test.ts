import { STAGES, TRACKED_USERS, UNTRACKED_USERS, webPopulation } from '../../../server/demo/web-population';

describe('webPopulation(seed)', () => {
  const population = webPopulation();

  it('holds the tracked and untracked users once each', () => {
    expect(population.filter((u) => u.tracked)).toHaveLength(TRACKED_USERS);
    expect(population.filter((u) => !u.tracked)).toHaveLength(UNTRACKED_USERS);
    expect(new Set(population.map((u) => u.userId)).size).toBe(population.length);
  });

  it('gives lifetime revenue to paying users only', () => {
    for (const user of population) {
      expect(user.stage).toBeGreaterThanOrEqual(0);
      expect(user.stage).toBeLessThan(STAGES.length);
      expect(user.ltv > 0).toBe(user.stage === 3);
    }
  });

  it('mixes the untracked users among the ids rather than at one end', () => {
    const ids = population.map((u) => u.userId).sort();
    const untracked = new Set(population.filter((u) => !u.tracked).map((u) => u.userId));
    const firstHalf = ids.slice(0, ids.length / 2).filter((id) => untracked.has(id)).length;
    expect(firstHalf).toBeGreaterThan(UNTRACKED_USERS * 0.3);
    expect(firstHalf).toBeLessThan(UNTRACKED_USERS * 0.7);
  });
});
