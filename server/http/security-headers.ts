import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Hosts that frame an Office add-in's task pane (Excel on the web, Office on Windows/Mac/iPad, Teams). */
const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.sharepoint.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
];

/** Where Office.js comes from: Office requires it from its CDN, which then loads its own locale and host scripts. */
const OFFICE_JS = 'https://appsforoffice.microsoft.com';

/**
 * helmet's headers with a Content-Security-Policy that fits what we serve: scripts from this server and the
 * Office.js CDN only (no inline scripts: GraphiQL starts from a file), inline styles allowed (GraphiQL and React set
 * style attributes), API calls to this server. Excel on the web shows the task pane in a frame, so framing is
 * allowed to Office's hosts (frame-ancestors) instead of X-Frame-Options' SAMEORIGIN. No upgrade-insecure-requests
 * and no HSTS: the embedded default serves plain HTTP on loopback, and HSTS belongs to whatever terminates TLS for
 * a whole host name.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", OFFICE_JS],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...OFFICE_FRAME_ANCESTORS],
      },
    },
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
}

/**
 * CORS for /graphql: a browser may call the API from this server's own origin (the add-in and GraphiQL are served
 * from it) and from the origins configured in QUADRANT_CORS_ORIGINS. A request carrying any other Origin is refused
 * with FORBIDDEN before it reaches GraphQL; requests without an Origin (curl, scripts, servers) are not browsers'
 * and pass on to the API key check.
 */
export function corsForOrigins(configured: readonly string[]): RequestHandler {
  const allowed = new Set(configured);
  const isAllowed = (req: Request) => {
    const origin = req.get('origin');
    return origin === undefined || origin === `${req.protocol}://${req.get('host')}` || allowed.has(origin);
  };
  const withHeaders = cors((req, callback) => {
    callback(null, {
      origin: isAllowed(req as Request),
      allowedHeaders: [
        'content-type',
        'authorization',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'x-request-id',
      ],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isAllowed(req)) {
      const error = Object.assign(
        new Error(`Origin ${req.get('origin')} may not call this API; add it to QUADRANT_CORS_ORIGINS to allow it`),
        { type: 'cors.forbidden' },
      );
      next(error);
      return;
    }
    withHeaders(req, res, next);
  };
}
