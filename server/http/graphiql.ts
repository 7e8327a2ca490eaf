import { dirname, join } from 'node:path';

/** Files the in-browser GraphQL IDE needs, served from node_modules so it works with no internet. */
export const graphiqlAssets: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
};

const EXAMPLE = `# Welcome to Quadrant. Press the play button (or Ctrl-Enter) to run a query.
query Datasets {
  datasets {
    id
    name
    rowCount
    columns { name type missingCount }
  }
}
`;

/**
 * GraphiQL, bundled locally (no CDN), pointed at this server's /graphql. The start-up script is a file of its own
 * (/vendor/graphiql-start.js) so the Content-Security-Policy can forbid inline scripts.
 */
export function graphiqlPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Quadrant · GraphQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="/vendor/graphiql.css" />
  <link rel="stylesheet" href="/vendor/graphiql-page.css" />
</head>
<body>
  <div id="graphiql">Loading the GraphQL IDE…</div>
  <script src="/vendor/react.js"></script>
  <script src="/vendor/react-dom.js"></script>
  <script src="/vendor/graphiql.js"></script>
  <script src="/vendor/graphiql-start.js"></script>
</body>
</html>
`;
}

/** The page's own style: GraphiQL fills the window. */
export const graphiqlPageCss = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

/** Renders GraphiQL against `endpoint`; a request header editor lets a user add `Authorization: Bearer <key>`. */
export function graphiqlStartScript(endpoint: string): string {
  return `const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: ${JSON.stringify(EXAMPLE)},
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: true,
  }),
);
`;
}
