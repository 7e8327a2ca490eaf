import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('addin/taskpane.html', () => {
  const html = readFileSync(join(__dirname, '..', '..', 'addin', 'taskpane.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));

  test('taskpane.html loads office.js from the CDN in <head>, then the bundle', () => {
    const office = head.indexOf('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    const bundle = head.indexOf('<script defer src="./dist/taskpane.js"></script>');
    expect(office).toBeGreaterThan(0);
    expect(bundle).toBeGreaterThan(office);
  });

  test('taskpane.html has the "Open this pane in Excel" state and the "Segment selection" button', () => {
    expect(html).toMatch(/<section id="not-in-excel" class="card" hidden>\s*<h2>Open this pane in Excel<\/h2>/);
    expect(html).toContain(
      '<button id="segment-button" class="primary wide" type="button" disabled>Segment selection</button>',
    );
  });
});
