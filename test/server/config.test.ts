import { readConfig } from '../../server/config';

describe('readConfig(env): the hardening settings', () => {
  it('defaults: request lines logged (info), limits as the README says, no extra CORS origins', () => {
    const config = readConfig({});
    expect(config.logLevel).toBe('info');
    expect(config.limits).toEqual({
      maxRows: 2_000_000,
      maxColumns: 1000,
      maxCells: 30_000_000,
      maxDepth: 16,
      maxComplexity: 2000,
    });
    expect(config.corsOrigins).toEqual([]);
    expect(config.production).toBe(false);
    expect(config.shutdownGraceMs).toBe(30_000);
  });

  it('QUADRANT_LOG_REQUESTS keeps working: 0 turns request lines off, 1 on; QUADRANT_LOG_LEVEL wins', () => {
    expect(readConfig({ QUADRANT_LOG_REQUESTS: '0' }).logLevel).toBe('warn');
    expect(readConfig({ QUADRANT_LOG_REQUESTS: '1' }).logLevel).toBe('info');
    expect(readConfig({ QUADRANT_LOG_REQUESTS: '1', QUADRANT_LOG_LEVEL: 'error' }).logLevel).toBe('error');
    expect(() => readConfig({ QUADRANT_LOG_LEVEL: 'loud' })).toThrow('QUADRANT_LOG_LEVEL must be one of');
  });

  it('reads limits, origins, NODE_ENV and the shutdown grace, and names a bad value', () => {
    const config = readConfig({
      QUADRANT_MAX_ROWS: '10',
      QUADRANT_MAX_COMPLEXITY: '500',
      QUADRANT_CORS_ORIGINS: 'https://a.example.com, http://localhost:3000/',
      NODE_ENV: 'production',
      QUADRANT_SHUTDOWN_GRACE_SECONDS: '5',
    });
    expect(config.limits.maxRows).toBe(10);
    expect(config.limits.maxComplexity).toBe(500);
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:3000']);
    expect(config.production).toBe(true);
    expect(config.shutdownGraceMs).toBe(5000);
    expect(() => readConfig({ QUADRANT_MAX_CELLS: 'lots' })).toThrow('QUADRANT_MAX_CELLS must be a whole number');
    expect(() => readConfig({ QUADRANT_CORS_ORIGINS: 'app.example.com/path' })).toThrow(
      'QUADRANT_CORS_ORIGINS: "app.example.com/path" is not an origin',
    );
  });
});
